#!/usr/bin/env bash
# The trip-booking saga's three services natively and on the JVM: start-up, RSS after a number of trips, and the time
# those trips took (sequential, one client; both outcomes alternating). One coordinator (the project's, JVM).
# Needs the services built both ways first:
#   ./mvnw -B install -DskipTests
#   ./mvnw -B verify -Pnative -pl integration-tests/trip-booking/flight-service,integration-tests/trip-booking/hotel-service,integration-tests/trip-booking/trip-service \
#     -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dquarkus.native.graalvm-home="$(../shared/native/graalvm-home)"
# Usage: benchmark/saga-native.sh [trips]   (default 1000); prints a Markdown table. Loopback only.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
trips=${1:-1000}
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
out="$root/target/saga-native"
mkdir -p "$out"
sample=integration-tests/trip-booking
coordinator=http://127.0.0.1:15900/lra-coordinator

pids=()
stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
}
coordinator_pid=
trap 'stop_all; [ -z "$coordinator_pid" ] || kill "$coordinator_pid" 2>/dev/null || true' EXIT

await() {
  for _ in $(seq 1 600); do
    if curl -fs -o /dev/null "$1"; then return 0; fi
    sleep 0.05
  done
  echo "no answer at $1; see $out" >&2
  exit 1
}

rss_mb() { awk '/VmRSS/ {printf "%d", $2 / 1024}' "/proc/$1/status"; }

millis() { date +%s%3N; }

# launch <mode> <name> <port> <options...>: a service natively or on the JVM, its pid in $launched
launch() {
  local mode=$1 name=$2 port=$3; shift 3
  local common=(-Dquarkus.http.port="$port" -Dquarkus.http.host=127.0.0.1 -Dquarkus.lra.coordinator-url=$coordinator "$@")
  if [ "$mode" = native ]; then
    "$sample/$name-service/target/trip-booking-$name-service-$version-runner" -Xmx256m "${common[@]}" \
      > "$out/$mode-$name.log" 2>&1 &
  else
    java -Xmx256m "${common[@]}" -jar "$sample/$name-service/target/quarkus-app/quarkus-run.jar" \
      > "$out/$mode-$name.log" 2>&1 &
  fi
  launched=$!
  pids+=("$launched")
}

java -Xmx256m -Dquarkus.http.port=15900 -Dquarkus.http.host=127.0.0.1 \
  -Dquarkus.transaction-manager.object-store.directory="$out/object-store" \
  -jar "coordinator/target/lra-coordinator-$version-runner.jar" > "$out/coordinator.log" 2>&1 &
coordinator_pid=$!
await $coordinator

echo "| services | start-up of the three to all answering ms | first trip ms | $trips trips s | RSS trip / flight / hotel MB |"
echo "|---|---|---|---|---|"
for mode in jvm native; do
  t0=$(millis)
  launch $mode hotel 15983; hotel=$launched
  launch $mode flight 15982 -Dquarkus.rest-client.hotel.url=http://127.0.0.1:15983; flight=$launched
  launch $mode trip 15980 -Dquarkus.rest-client.flight.url=http://127.0.0.1:15982 \
    -Dquarkus.rest-client.hotel.url=http://127.0.0.1:15983; trip=$launched
  await http://127.0.0.1:15983/hotels
  await http://127.0.0.1:15982/flights
  await http://127.0.0.1:15980/trips
  t1=$(millis)
  book() {
    curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
      -d "{\"passenger\":\"P$1\",\"flightNumber\":\"LX318\",\"hotel\":\"$2\",\"nights\":1}" http://127.0.0.1:15980/trips
  }
  code=$(book 0 "Grand Hotel")
  t2=$(millis)
  [ "$code" = 201 ] || { echo "first trip answered $code" >&2; exit 1; }
  for i in $(seq 1 "$trips"); do
    if [ $((i % 2)) = 0 ]; then expect=201 hotel_name="Grand Hotel"; else expect=409 hotel_name="Full House"; fi
    code=$(book "$i" "$hotel_name")
    [ "$code" = "$expect" ] || { echo "trip $i answered $code, expected $expect" >&2; exit 1; }
  done
  t3=$(millis)
  echo "| $mode | $((t1 - t0)) | $((t2 - t1)) | $(awk "BEGIN {printf \"%.1f\", ($t3 - $t2) / 1000}") |" \
    "$(rss_mb $trip) / $(rss_mb $flight) / $(rss_mb $hotel) |"
  stop_all
done
kill "$coordinator_pid"
wait "$coordinator_pid" 2>/dev/null || true
coordinator_pid=
