#!/usr/bin/env bash
# Side-by-side benchmark: this extension (quarkus-lra) against quarkus-narayana-lra (the anchor), built from the same
# resource code (benchmark/common), against one Narayana coordinator, on loopback, with wrk.
#
#   benchmark/run.sh            full run: warm-up, then alternating rounds at 1, 8 and 32 clients (about 12 minutes)
#   benchmark/run.sh --quick    a short run to try the set-up (about 3 minutes; numbers are not warm)
#   benchmark/run.sh --soak     10 minutes of load on this extension only: descriptors, threads and heap over time
#
# Results go to benchmark/results/<date>[-quick|-soak].md. Every load loop is bounded by time; only loopback is used.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

mode=full
case "${1:-}" in
  --quick) mode=quick ;;
  --soak) mode=soak ;;
  "") ;;
  *) echo "usage: $0 [--quick|--soak]" >&2; exit 2 ;;
esac

if ! command -v wrk >/dev/null; then
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk
fi

if [ "${SKIP_BUILD:-}" != "true" ]; then
  ./mvnw -B -q install -DskipTests
  ./mvnw -B -q -f benchmark/pom.xml package -DskipTests
fi

work="$root/target/benchmark"
rm -rf "$work" && mkdir -p "$work"
tick=$(getconf CLK_TCK)
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

launch() { # name, then java arguments
  local name=$1; shift
  java "$@" > "$work/$name.log" 2>&1 &
  pids+=("$!")
  echo "$!" > "$work/$name.pid"
}
await() {
  for _ in $(seq 1 600); do curl -fs -o /dev/null "$1" && return 0; sleep 0.1; done
  echo "no answer at $1" >&2; exit 1
}
pid_of() { cat "$work/$1.pid"; }
cpu_ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
fds() { ls "/proc/$1/fd" | wc -l; }
threads() { awk '/^Threads:/{print $2}' "/proc/$1/status"; }
heap_mb() { jstat -gc "$1" | awk 'NR==2{printf "%.1f", ($3+$4+$6+$8)/1024}'; }

# The coordinator: the project's packaged Narayana. The anchor leaks coordinator connections (about 3 per LRA), so
# idle connections are closed after 3 s, else the coordinator runs out of file descriptors after ~7,000 LRAs.
launch coordinator -Xmx1g -Dquarkus.http.port=50000 -Dquarkus.http.idle-timeout=3s \
  -Dquarkus.transaction-manager.object-store.directory="$work/object-store" \
  -jar "coordinator/target/lra-coordinator-${version}-runner.jar"
await http://localhost:50000/lra-coordinator/

variants=(ours anchor)
declare -A port_a=([ours]=8090 [anchor]=8092) port_b=([ours]=8091 [anchor]=8093)
for v in "${variants[@]}"; do
  [ "$mode" = soak ] && [ "$v" = anchor ] && continue
  jar="benchmark/$v/target/quarkus-app/quarkus-run.jar"
  launch "$v-b" -Xmx512m -DBENCH_PORT="${port_b[$v]}" -jar "$jar"
  launch "$v-a" -Xmx512m -DBENCH_PORT="${port_a[$v]}" -DBENCH_NEXT="http://localhost:${port_b[$v]}" -jar "$jar"
done
for v in "${variants[@]}"; do
  [ "$mode" = soak ] && [ "$v" = anchor ] && continue
  await "http://localhost:${port_a[$v]}/bench/counts"; await "http://localhost:${port_b[$v]}/bench/counts"
done

load() { # variant scenario clients seconds -> prints "rps p50 p99 requests errors cpu_ms_per_lra fds_before fds_after heap_before heap_after"
  local v=$1 scenario=$2 clients=$3 seconds=$4
  local a b; a=$(pid_of "$v-a"); b=$(pid_of "$v-b")
  local threads_n=$(( clients < 2 ? 1 : 2 ))
  local fd0 heap0 c0 out fd1 heap1 c1 n errors
  fd0=$(fds "$a"); heap0=$(heap_mb "$a")
  c0=$(( $(cpu_ticks "$a") + $(cpu_ticks "$b") ))
  out=$(wrk -t"$threads_n" -c"$clients" -d"${seconds}s" --latency -s benchmark/post.lua \
    "http://localhost:${port_a[$v]}/bench/$scenario")
  c1=$(( $(cpu_ticks "$a") + $(cpu_ticks "$b") ))
  fd1=$(fds "$a"); heap1=$(heap_mb "$a")
  n=$(echo "$out" | awk '/requests in/{print $1}')
  errors=$(echo "$out" | awk '/Non-2xx/{print $NF} /Socket errors/{s=$4+$6+$8+$10} END{print (s?s:0)}' | paste -sd+ | bc)
  echo "$(echo "$out" | awk '/Requests\/sec/{print $2}') $(echo "$out" | awk '/ 50%/{print $2}') \
$(echo "$out" | awk '/ 99%/{print $2}') $n $errors $(echo "scale=3; ($c1-$c0)*1000/$tick/$n" | bc) $fd0 $fd1 $heap0 $heap1"
}
active_lras() { curl -s http://localhost:50000/lra-coordinator/ | grep -o '"status":"Active"' | wc -l; }
ms() { # wrk latency (e.g. 12.5ms, 1.2s, 900us) in ms
  echo "$1" | awk '/us$/{sub("us","");print $1/1000;next} /ms$/{sub("ms","");print $1;next} /s$/{sub("s","");print $1*1000}'
}

date_tag=$(date +%Y-%m-%d)
suffix=""; [ "$mode" != full ] && suffix="-$mode"
result="benchmark/results/${date_tag}${suffix}.md"
machine="$(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(awk -F: '/model name/{print $2; exit}' /proc/cpuinfo | sed 's/^ *//'), $(java -version 2>&1 | head -1)"

if [ "$mode" = soak ]; then
  a=$(pid_of ours-a)
  {
    echo "# Soak: this extension under steady load, $date_tag"
    echo
    echo "Machine: $machine. Command: \`benchmark/run.sh --soak\`. Scenario single, 8 clients, 10 one-minute slices;"
    echo "after each slice a full GC, then the participant's open descriptors, threads and used heap."
    echo
    echo "| minute | LRA/s | p99 ms | errors | descriptors | threads | heap after GC MB |"
    echo "|---|---|---|---|---|---|---|"
  } > "$result"
  for minute in $(seq 1 10); do
    read -r rps p50 p99 n errors cpu fd0 fd1 h0 h1 <<< "$(load ours single 8 60)"
    jcmd "$a" GC.run > /dev/null
    echo "| $minute | $rps | $(ms "$p99") | $errors | $(fds "$a") | $(threads "$a") | $(heap_mb "$a") |" >> "$result"
    echo "minute $minute: $rps LRA/s, descriptors $(fds "$a"), threads $(threads "$a"), heap $(heap_mb "$a") MB"
  done
  active=$(curl -s http://localhost:50000/lra-coordinator/)
  echo >> "$result"; echo "LRAs left on the coordinator afterwards: \`$active\`" >> "$result"
  echo "Results: $result"
  exit 0
fi

if [ "$mode" = quick ]; then warm=10; seconds=10; rounds=1; else warm=60; seconds=20; rounds=2; fi
echo "Warming up (${warm}s per variant and scenario) ..."
for v in "${variants[@]}"; do
  load "$v" single 8 "$warm" > /dev/null
  load "$v" chain 8 "$(( warm / 2 ))" > /dev/null
done

declare -A rows left=([ours]=0 [anchor]=0)
for clients in 1 8 32; do
  for scenario in single chain; do
    for round in $(seq 1 "$rounds"); do
      for v in "${variants[@]}"; do
        before=$(active_lras)
        line=$(load "$v" "$scenario" "$clients" "$seconds")
        sleep 2
        left[$v]=$(( ${left[$v]} + $(active_lras) - before ))
        echo "$scenario c=$clients round $round $v: $line"
        rows["$scenario|$clients|$v|$round"]="$line"
      done
    done
  done
done

best() { # scenario clients variant -> the round with the highest throughput
  local best_line="" best_rps=0
  for round in $(seq 1 "$rounds"); do
    local line=${rows["$1|$2|$3|$round"]}
    local rps; rps=$(echo "$line" | awk '{print $1}')
    if [ "$(echo "$rps > $best_rps" | bc)" = 1 ]; then best_rps=$rps; best_line=$line; fi
  done
  echo "$best_line"
}
ratio() { echo "scale=2; $1 / $2" | bc | sed 's/^\./0./'; }

{
  echo "# Benchmark: quarkus-lra against quarkus-narayana-lra, $date_tag"
  echo
  echo "- Machine: $machine."
  echo "- Command: \`benchmark/run.sh$( [ "$mode" = quick ] && echo " --quick")\` (builds both applications from \`benchmark/common\`, then runs them)."
  echo "- Coordinator: this project's Narayana \`lra-coordinator-jar\` 1.1.0.Final on Quarkus 3.33.2, one for both, its default object store (the journal, flushed before every answer), \`quarkus.http.idle-timeout=3s\`."
  echo "- Anchor: \`io.quarkus:quarkus-narayana-lra\` 3.33.2 (without \`microprofile-rest-client\`). Ours: \`org.lraext:quarkus-lra\` $version."
  echo "- single: \`POST /bench/single\`, \`@LRA\` + \`@Complete\`: each request starts, joins and closes one LRA."
  echo "  chain: service A \`@LRA\` calls service B \`@LRA(MANDATORY)\` over REST Client: one LRA, two participants."
  echo "- Warm-up ${warm}s per variant and scenario at 8 clients; then ${rounds} alternating round(s) of ${seconds}s per"
  echo "  variant, scenario and concurrency; the best round of each is shown. wrk on loopback, all processes on this machine."
  echo "- CPU ms/LRA: user+system time of the participant processes (A, plus B in chain) from /proc, per LRA."
  echo "  Descriptors and heap (used, MB): service A before and after the round."
  echo
  echo "| scenario | clients | LRA/s ours | LRA/s anchor | ratio | p50 ms ours / anchor | p99 ms ours | p99 ms anchor | p99 ratio | CPU ms/LRA ours | CPU ms/LRA anchor | CPU ratio | errors ours / anchor | fds ours | fds anchor | heap MB ours | heap MB anchor |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  for scenario in single chain; do
    for clients in 1 8 32; do
      read -r o_rps o_p50 o_p99 o_n o_err o_cpu o_fd0 o_fd1 o_h0 o_h1 <<< "$(best "$scenario" "$clients" ours)"
      read -r a_rps a_p50 a_p99 a_n a_err a_cpu a_fd0 a_fd1 a_h0 a_h1 <<< "$(best "$scenario" "$clients" anchor)"
      echo "| $scenario | $clients | $o_rps | $a_rps | $(ratio "$o_rps" "$a_rps") | $(ms "$o_p50") / $(ms "$a_p50") | $(ms "$o_p99") | $(ms "$a_p99") | $(ratio "$(ms "$o_p99")" "$(ms "$a_p99")") | $o_cpu | $a_cpu | $(ratio "$o_cpu" "$a_cpu") | $o_err / $a_err | $o_fd0 → $o_fd1 | $a_fd0 → $a_fd1 | $o_h0 → $o_h1 | $a_h0 → $a_h1 |"
    done
  done
  echo
  echo "Callbacks (completed compensated) seen by ours A / B: $(curl -s localhost:8090/bench/counts) / $(curl -s localhost:8091/bench/counts);"
  echo "anchor A / B: $(curl -s localhost:8092/bench/counts) / $(curl -s localhost:8093/bench/counts)."
  echo "LRAs left Active on the coordinator by the measured rounds (wrk closes its connections with requests in"
  echo "flight at the end of each round): ours ${left[ours]}, anchor ${left[anchor]}."
} > "$result"
cat "$result"
echo "Results: $result"
