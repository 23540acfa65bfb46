#!/usr/bin/env bash
# Side-by-side benchmark: this extension (quarkus-lra) against quarkus-narayana-lra (the anchor), built from the same
# resource code (benchmark/common), against one Narayana coordinator, on loopback, with wrk.
#
#   benchmark/run.sh            full run: warm-up, then alternating rounds at 1, 8 and 32 clients (about 12 minutes)
#   benchmark/run.sh --quick    a short run to try the set-up (about 3 minutes; numbers are not warm)
#   benchmark/run.sh --soak     10 minutes of load on this extension only: descriptors, threads and heap over time
#   benchmark/run.sh --kafka    this extension only: the Kafka scenario (A @LRA over HTTP publishes, B consumes with
#                               @Incoming @LRA(MANDATORY) and closes the LRA) beside the HTTP chain A -> B, at 1 and 8
#                               clients, then 3 minutes of the Kafka scenario in slices (about 7 minutes); the full run
#                               ends with the same comparison (without the slices)
#   benchmark/run.sh --secure   TLS and JWTs everywhere (benchmark/secure: https only, mutual TLS and a token towards a
#                               coordinator that wants them, callbacks over https checked for the coordinator's token)
#                               beside this extension's plain run and the anchor's, at 1 and 8 clients, alternating
#                               rounds (about 18 minutes)
#
# Results go to benchmark/results/<date>[-quick|-soak].md. Every load loop is bounded by time; only loopback is used.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

mode=full
case "${1:-}" in
  --quick) mode=quick ;;
  --soak) mode=soak ;;
  --kafka) mode=kafka ;;
  --secure) mode=secure ;;
  "") ;;
  *) echo "usage: $0 [--quick|--soak|--kafka|--secure]" >&2; exit 2 ;;
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
  for _ in $(seq 1 600); do curl -fsk -o /dev/null "$1" && return 0; sleep 0.1; done
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
[ "$mode" = kafka ] && variants=()
[ "$mode" = secure ] && variants=(ours secure anchor)
declare -A port_a=([ours]=8090 [anchor]=8092 [kafka]=8094 [secure]=8096) port_b=([ours]=8091 [anchor]=8093 [kafka]=8095 [secure]=8097)
declare -A scheme=([ours]=http [anchor]=http [kafka]=http [secure]=https)

# The secured variant (--secure): certificates and tokens made with the JDK (benchmark/secure-keys.java), a second
# coordinator of the same jar with security on (https only on 50443, a JWT or a client certificate on every call, its
# own token on callbacks; the same 3 s idle timeout as the plain one), and A and B of benchmark/secure
keys="$work/keys"
if [ "$mode" = secure ]; then
  java benchmark/secure-keys.java "$keys"
  launch coordinator-secure -Xmx1g -Dquarkus.http.ssl-port=50443 -Dquarkus.http.insecure-requests=disabled \
    -Dquarkus.http.idle-timeout=3s \
    -Dquarkus.tls.key-store.p12.path="$keys/server.p12" -Dquarkus.tls.key-store.p12.password=bench-secret \
    -Dquarkus.tls.trust-store.p12.path="$keys/trust.p12" -Dquarkus.tls.trust-store.p12.password=bench-secret \
    -Dlra.coordinator.client-certificates=request -Dlra.coordinator.auth=true -Dmp.jwt.verify.issuer=lra-bench \
    -Dmp.jwt.verify.publickey.location="$keys/jwt-public.pem" -Dlra.coordinator.callback-token-file="$keys/coordinator.token" \
    -Dlra.coordinator.callback-token-origins=https://localhost \
    -Dquarkus.transaction-manager.object-store.directory="$work/object-store-secure" \
    -jar "coordinator/target/lra-coordinator-${version}-runner.jar"
  for _ in $(seq 1 600); do
    [ "$(curl -sk -o /dev/null -w '%{http_code}' https://localhost:50443/lra-coordinator/)" = 401 ] && break; sleep 0.1
  done
fi
for v in "${variants[@]}"; do
  [ "$mode" = soak ] && [ "$v" = anchor ] && continue
  jar="benchmark/$v/target/quarkus-app/quarkus-run.jar"
  launch "$v-b" -Xmx512m -DBENCH_PORT="${port_b[$v]}" -DBENCH_KEYS="$keys" -jar "$jar"
  launch "$v-a" -Xmx512m -DBENCH_PORT="${port_a[$v]}" -DBENCH_KEYS="$keys" \
    -DBENCH_NEXT="${scheme[$v]}://localhost:${port_b[$v]}" -jar "$jar"
done
for v in "${variants[@]}"; do
  [ "$mode" = soak ] && [ "$v" = anchor ] && continue
  await "${scheme[$v]}://localhost:${port_a[$v]}/bench/counts"; await "${scheme[$v]}://localhost:${port_b[$v]}/bench/counts"
done

# The Kafka scenario's services (the full run and --kafka): a broker of the project's test helpers (Apache Kafka's jars,
# KRaft, a process of its own), and A and B from benchmark/kafka, which serve the HTTP chain too (/bench/chain)
if [ "$mode" = full ] || [ "$mode" = kafka ]; then
  launch kafka-broker -cp "test-helpers/target/lra-test-helpers-${version}.jar" org.lraext.test.KafkaBroker \
    "$work/kafka" 50092
  for _ in $(seq 1 600); do grep -q "Kafka broker on" "$work/kafka-broker.log" && break; sleep 0.1; done
  grep -q "Kafka broker on" "$work/kafka-broker.log" || { echo "no Kafka broker; see $work/kafka-broker.log" >&2; exit 1; }
  kjar=benchmark/kafka/target/quarkus-app/quarkus-run.jar
  launch kafka-b -Xmx512m -DBENCH_PORT=8095 -DBENCH_CONSUME=true -DBENCH_KAFKA=localhost:50092 -jar "$kjar"
  launch kafka-a -Xmx512m -DBENCH_PORT=8094 -DBENCH_NEXT=http://localhost:8095 -DBENCH_KAFKA=localhost:50092 -jar "$kjar"
  await http://localhost:8094/kafka-bench/counts; await http://localhost:8095/kafka-bench/counts
fi

load() { # variant scenario clients seconds -> prints "rps p50 p99 requests errors cpu_ms_per_lra fds_before fds_after heap_before heap_after"
  local v=$1 scenario=$2 clients=$3 seconds=$4
  local path="bench/$scenario"
  [ "$scenario" = kafka ] && path="kafka-bench/start"
  local a b; a=$(pid_of "$v-a"); b=$(pid_of "$v-b")
  local threads_n=$(( clients < 2 ? 1 : 2 ))
  local fd0 heap0 c0 out fd1 heap1 c1 n errors
  fd0=$(fds "$a"); heap0=$(heap_mb "$a")
  c0=$(( $(cpu_ticks "$a") + $(cpu_ticks "$b") ))
  out=$(wrk -t"$threads_n" -c"$clients" -d"${seconds}s" --latency -s benchmark/post.lua \
    "${scheme[$v]}://localhost:${port_a[$v]}/$path")
  c1=$(( $(cpu_ticks "$a") + $(cpu_ticks "$b") ))
  fd1=$(fds "$a"); heap1=$(heap_mb "$a")
  n=$(echo "$out" | awk '/requests in/{print $1}')
  errors=$(echo "$out" | awk '/Non-2xx/{print $NF} /Socket errors/{s=$4+$6+$8+$10} END{print (s?s:0)}' | paste -sd+ | bc)
  echo "$(echo "$out" | awk '/Requests\/sec/{print $2}') $(echo "$out" | awk '/ 50%/{print $2}') \
$(echo "$out" | awk '/ 99%/{print $2}') $n $errors $(echo "scale=3; ($c1-$c0)*1000/$tick/$n" | bc) $fd0 $fd1 $heap0 $heap1"
}
ratio() { echo "scale=2; $1 / $2" | bc | sed 's/^\./0./'; }
active_lras() { # Active LRAs on the plain coordinator, or with "secure" on the secured one (as its administrator)
  local list
  if [ "${1:-}" = secure ]; then
    list=$(curl -sk -H "Authorization: Bearer $(cat "$keys/admin.token")" https://localhost:50443/lra-coordinator/)
  else
    list=$(curl -s http://localhost:50000/lra-coordinator/)
  fi
  echo "$list" | { grep -o '"status":"Active"' || true; } | wc -l
}
ms() { # wrk latency (e.g. 12.5ms, 1.2s, 900us) in ms
  echo "$1" | awk '/us$/{sub("us","");print $1/1000;next} /ms$/{sub("ms","");print $1;next} /s$/{sub("s","");print $1*1000}'
}

date_tag=$(date +%Y-%m-%d)
suffix=""; [ "$mode" != full ] && suffix="-$mode"
result="benchmark/results/${date_tag}${suffix}.md"
machine="$(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(awk -F: '/model name/{print $2; exit}' /proc/cpuinfo | sed 's/^ *//'), $(java -version 2>&1 | head -1)"

# The Kafka scenario beside the HTTP chain, both between the same two services of this extension (kafka-a, kafka-b):
# markdown on stdout. $1: warm-up seconds per scenario, $2: seconds per round, $3: rounds, $4: soak slices (30 s each).
kafka_section() {
  local warm=$1 seconds=$2 rounds=$3 slices=$4
  local a b; a=$(pid_of kafka-a); b=$(pid_of kafka-b)
  load kafka chain 8 "$warm" > /dev/null
  load kafka kafka 8 "$warm" > /dev/null
  declare -A krows kleft=([chain]=0 [kafka]=0)
  for clients in 1 8; do
    for round in $(seq 1 "$rounds"); do
      for scenario in chain kafka; do
        local before; before=$(active_lras)
        local line; line=$(load kafka "$scenario" "$clients" "$seconds")
        sleep 2
        kleft[$scenario]=$(( ${kleft[$scenario]} + $(active_lras) - before ))
        echo "kafka section: $scenario c=$clients round $round: $line" >&2
        krows["$scenario|$clients|$round"]="$line"
      done
    done
  done
  echo "## A Kafka step beside the HTTP chain (this extension only)"
  echo
  echo "- chain: service A \`@LRA\` calls B \`@LRA(MANDATORY, end = false)\` over REST Client; A's answer closes the LRA."
  echo "- kafka: A \`@LRA(end = false)\` publishes a record in the LRA (MutinyEmitter) and answers once the LRA closed"
  echo "  (its \`@Complete\` tells it); B consumes with \`@Incoming @LRA(MANDATORY)\` (\`@Blocking(ordered = false)\`: records side by side), joins,"
  echo "  and its end closes the LRA. Latency: from A's request to the close. Broker: Apache Kafka 4.1.2 (KRaft, one"
  echo "  node, \`org.lraext.test.KafkaBroker\`), \`linger.ms=0\`."
  echo "- Same two JVMs (benchmark/kafka) for both scenarios; warm-up ${warm}s each at 8 clients, then ${rounds} alternating"
  echo "  round(s) of ${seconds}s; every round is shown. CPU ms/LRA: A + B from /proc (the broker and the coordinator not counted)."
  echo
  echo "| scenario | clients | round | LRA/s | p50 ms | p99 ms | errors | CPU ms/LRA | fds A | heap MB A |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  for clients in 1 8; do
    for scenario in chain kafka; do
      for round in $(seq 1 "$rounds"); do
        read -r rps p50 p99 n errors cpu fd0 fd1 h0 h1 <<< "${krows["$scenario|$clients|$round"]}"
        echo "| $scenario | $clients | $round | $rps | $(ms "$p50") | $(ms "$p99") | $errors | $cpu | $fd0 → $fd1 | $h0 → $h1 |"
      done
    done
  done
  local best_chain=0 best_kafka=0
  for round in $(seq 1 "$rounds"); do
    local r
    r=$(echo "${krows["chain|8|$round"]}" | awk '{print $1}'); [ "$(echo "$r > $best_chain" | bc)" = 1 ] && best_chain=$r
    r=$(echo "${krows["kafka|8|$round"]}" | awk '{print $1}'); [ "$(echo "$r > $best_kafka" | bc)" = 1 ] && best_kafka=$r
  done
  echo
  echo "At 8 clients, best rounds: kafka $best_kafka LRA/s against chain $best_chain: $(ratio "$best_kafka" "$best_chain")× (target ≥ 0.5×)."
  echo "LRAs left Active by the measured rounds: chain ${kleft[chain]}, kafka ${kleft[kafka]}."
  echo "Counts (A: completed compensated | B's step: ran completed compensated): A $(curl -s localhost:8094/kafka-bench/counts); B $(curl -s localhost:8095/kafka-bench/counts)."
  if [ "$slices" -gt 0 ]; then
    echo
    echo "Soak: the kafka scenario at 8 clients in ${slices} slices of 30 s; after each a full GC of A and B, then their"
    echo "descriptors and used heap."
    echo
    echo "| slice | LRA/s | p99 ms | errors | fds A | fds B | heap MB A | heap MB B |"
    echo "|---|---|---|---|---|---|---|---|"
    for slice in $(seq 1 "$slices"); do
      read -r rps p50 p99 n errors cpu fd0 fd1 h0 h1 <<< "$(load kafka kafka 8 30)"
      jcmd "$a" GC.run > /dev/null; jcmd "$b" GC.run > /dev/null
      echo "| $slice | $rps | $(ms "$p99") | $errors | $(fds "$a") | $(fds "$b") | $(heap_mb "$a") | $(heap_mb "$b") |"
      echo "kafka soak slice $slice: $rps LRA/s" >&2
    done
    sleep 2
    echo
    echo "LRAs Active on the coordinator afterwards: $(active_lras)."
  fi
}

if [ "$mode" = kafka ]; then
  {
    echo "# Benchmark: a Kafka step, $date_tag"
    echo
    echo "- Machine: $machine. Command: \`benchmark/run.sh --kafka\`."
    echo "- Coordinator: this project's Narayana \`lra-coordinator-jar\` 1.1.0.Final, its default object store (the journal)."
    echo
    kafka_section 60 20 2 6
  } > "$result"
  cat "$result"
  echo "Results: $result"
  exit 0
fi

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

if [ "$mode" = secure ]; then
  warm=60; seconds=20; rounds=3
  echo "Warming up (${warm}s per variant and scenario) ..."
  for v in "${variants[@]}"; do
    load "$v" single 8 "$warm" > /dev/null
    load "$v" chain 8 "$(( warm / 2 ))" > /dev/null
  done
  declare -A rows left=([ours]=0 [anchor]=0 [secure]=0)
  for clients in 1 8; do
    for scenario in single chain; do
      for round in $(seq 1 "$rounds"); do
        for v in "${variants[@]}"; do
          before=$(active_lras "$v")
          line=$(load "$v" "$scenario" "$clients" "$seconds")
          sleep 2
          left[$v]=$(( ${left[$v]} + $(active_lras "$v") - before ))
          echo "$scenario c=$clients round $round $v: $line"
          rows["$scenario|$clients|$v|$round"]="$line"
        done
      done
    done
  done
  result="benchmark/results/${date_tag}-secure.md"
  {
    echo "# Benchmark: TLS and JWTs everywhere, beside the plain run and the anchor, $date_tag"
    echo
    echo "- Machine: $machine. Command: \`benchmark/run.sh --secure\`."
    echo "- plain: \`benchmark/ours\` (this extension) against the plain coordinator, http everywhere. anchor:"
    echo "  \`quarkus-narayana-lra\` 3.33.2 against the same plain coordinator. secure: \`benchmark/secure\`, the same resource"
    echo "  code with \`quarkus-smallrye-jwt\`, against a second coordinator of the same jar with security on: https only (RSA"
    echo "  2048 certificates of one authority, \`benchmark/secure-keys.java\`), wrk to A, A to B and both to the coordinator"
    echo "  over TLS; towards the coordinator mutual TLS and a bearer JWT (RS256, from a token file); the coordinator checks"
    echo "  both on every call (\`LRA_COORDINATOR_AUTH=true\`, client certificates requested) and calls back over https with"
    echo "  its own token, which A and B check on every callback (\`quarkus.lra.callbacks.roles-allowed=lra-coordinator\`)."
    echo "- Warm-up ${warm}s per variant and scenario at 8 clients; then ${rounds} alternating rounds of ${seconds}s per variant,"
    echo "  scenario and concurrency; every round is shown. CPU ms/LRA: A (+ B in chain) from /proc."
    echo
    echo "| scenario | clients | round | variant | LRA/s | p50 ms | p99 ms | errors | CPU ms/LRA | fds A | heap MB A |"
    echo "|---|---|---|---|---|---|---|---|---|---|---|"
    for scenario in single chain; do
      for clients in 1 8; do
        for round in $(seq 1 "$rounds"); do
          for v in "${variants[@]}"; do
            read -r rps p50 p99 n errors cpu fd0 fd1 h0 h1 <<< "${rows["$scenario|$clients|$v|$round"]}"
            echo "| $scenario | $clients | $round | $v | $rps | $(ms "$p50") | $(ms "$p99") | $errors | $cpu | $fd0 → $fd1 | $h0 → $h1 |"
          done
        done
      done
    done
    echo
    echo "At 8 clients, per round (secure / plain, secure / anchor):"
    echo
    for scenario in single chain; do
      for round in $(seq 1 "$rounds"); do
        o=$(echo "${rows["$scenario|8|ours|$round"]}" | awk '{print $1}')
        x=$(echo "${rows["$scenario|8|secure|$round"]}" | awk '{print $1}')
        a=$(echo "${rows["$scenario|8|anchor|$round"]}" | awk '{print $1}')
        echo "- $scenario, round $round: secure $x LRA/s, plain $o, anchor $a: $(ratio "$x" "$o")× plain (target ≥ 0.7×), $(ratio "$x" "$a")× the anchor's plain figure"
      done
    done
    echo
    echo "Callbacks (completed compensated) seen by secure A / B: $(curl -sk https://localhost:8096/bench/counts) / $(curl -sk https://localhost:8097/bench/counts)."
    echo "LRAs left Active by the measured rounds: plain ${left[ours]}, secure ${left[secure]}, anchor ${left[anchor]}."
  } > "$result"
  cat "$result"
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
{ echo; kafka_section "$(( warm / 2 ))" "$seconds" "$rounds" 0; } >> "$result"
cat "$result"
echo "Results: $result"
