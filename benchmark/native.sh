#!/usr/bin/env bash
# The packaged application (integration-tests/packaged-app) natively and on the JVM, against one coordinator:
# start-up to the first answered request, resident memory after 1,000 LRAs, LRAs per second at 8 clients.
# Usage: benchmark/native.sh [graalvm-home]   (default: the toolchain ../shared/native/graalvm-home assembles)
# Builds the jar and the executable first unless SKIP_BUILD=true. Loopback only; run it on an otherwise idle machine.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if ! command -v wrk >/dev/null; then
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk
fi
work="$root/target/native-bench"
app=integration-tests/packaged-app
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
if [ "${SKIP_BUILD:-}" != "true" ]; then
  home=${1:-$(../shared/native/graalvm-home)}
  ./mvnw -B -q install -DskipTests
  rm -rf "$work" && mkdir -p "$work"
  cp -r "$app/target/quarkus-app" "$work/jvm-app"
  ./mvnw -B -q package -DskipTests -Pnative -pl "$app" -Dquarkus.native.graalvm-home="$home"
  cp "$app"/target/*-runner "$work/native-app"
fi
[ -x "$work/native-app" ] && [ -f "$work/jvm-app/quarkus-run.jar" ] || { echo "build first (without SKIP_BUILD)" >&2; exit 1; }

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
trap 'exit 130' INT TERM
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
rss_mb() { awk '/^VmRSS:/{printf "%.0f", $2/1024}' "/proc/$1/status"; }

java -Xmx1g -Dquarkus.http.port=50000 -Dquarkus.http.idle-timeout=3s \
  -Dquarkus.transaction-manager.object-store.directory="$work/object-store" \
  -jar "coordinator/target/lra-coordinator-${version}-runner.jar" > "$work/coordinator.log" 2>&1 &
pids+=("$!")
for _ in $(seq 1 600); do curl -fs -o /dev/null http://localhost:50000/lra-coordinator/ && break; sleep 0.1; done

options=(-Dquarkus.http.port=8095 -Dquarkus.lra.coordinator-url=http://localhost:50000/lra-coordinator
  -Dquarkus.log.level=WARN)
declare -A startup rss rate
for v in jvm native; do
  start=$(now_ms)
  if [ "$v" = jvm ]; then
    java -Xmx512m "${options[@]}" -jar "$work/jvm-app/quarkus-run.jar" > "$work/$v.log" 2>&1 &
  else
    "$work/native-app" "${options[@]}" > "$work/$v.log" 2>&1 &
  fi
  pid=$!; pids+=("$pid")
  # the first answered request: an order, i.e. an LRA started, joined and closed
  until [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST http://localhost:8095/orders)" = 201 ]; do
    sleep 0.005
    [ $(( $(now_ms) - start )) -lt 60000 ] || { echo "$v did not answer" >&2; exit 1; }
  done
  startup[$v]=$(( $(now_ms) - start ))
  for _ in $(seq 1 999); do curl -s -o /dev/null -X POST http://localhost:8095/orders; done
  rss[$v]=$(rss_mb "$pid")
  wrk -t2 -c8 -d10s -s benchmark/post.lua http://localhost:8095/orders > /dev/null # warm-up
  rate[$v]=$(wrk -t2 -c8 -d20s -s benchmark/post.lua http://localhost:8095/orders | awk '/Requests\/sec/{print $2}')
  echo "$v: first answer after ${startup[$v]} ms, RSS after 1,000 LRAs ${rss[$v]} MB, ${rate[$v]} LRA/s at 8 clients"
  kill "$pid"; wait "$pid" 2>/dev/null || true
done

result="benchmark/results/$(date +%Y-%m-%d)-native.md"
{
  echo "# The packaged application natively and on the JVM, $(date +%Y-%m-%d)"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo). Command: \`benchmark/native.sh\`."
  echo "Application: \`integration-tests/packaged-app\` (quarkus-lra, quarkus-rest, REST Client, health, Micrometer,"
  echo "OpenTelemetry); one coordinator (the project's, JVM). Executable: $(du -m "$work/native-app" | cut -f1) MB."
  echo "Start-up: from the launch to the first answered \`POST /orders\` (an LRA started, joined and closed)."
  echo "RSS: after 1,000 sequential orders. LRA/s: wrk, 8 clients, 20 s after a 10 s warm-up."
  echo
  echo "| | start-up to first answer ms | RSS after 1,000 LRAs MB | LRA/s at 8 clients |"
  echo "|---|---|---|---|"
  for v in jvm native; do echo "| $v | ${startup[$v]} | ${rss[$v]} | ${rate[$v]} |"; done
} > "$result"
cat "$result"
echo "Results: $result"
