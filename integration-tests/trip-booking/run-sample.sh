#!/usr/bin/env bash
# Builds the project, then runs the trip-booking saga on this machine until Ctrl-C:
#   LRA coordinator http://localhost:50000/lra-coordinator   (the project's packaged Narayana coordinator)
#   trip   service  http://localhost:8080/trips
#   flight service  http://localhost:8082/flights
#   hotel  service  http://localhost:8083/hotels
#   payment service http://localhost:8084/payments   (consumes the paid trips' payment requests from Kafka)
#   Kafka broker    localhost:50092                  (KRaft, from Apache Kafka's jars on Maven Central, no container)
# Logs and the coordinator's object store go to target/sample/ under the project root.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

if [ "${SKIP_BUILD:-}" != "true" ]; then
  echo "Building the project (./mvnw install -DskipTests) ..."
  ./mvnw -B -q install -DskipTests
fi

version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
coordinator_jar="coordinator/target/lra-coordinator-${version}-runner.jar"
out="$root/target/sample"
mkdir -p "$out"

pids=()
stop() {
  echo
  echo "Stopping the sample (pids ${pids[*]:-none})"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop EXIT
trap 'exit 130' INT TERM

start() {
  local name=$1; shift
  java -Xmx256m "$@" > "$out/$name.log" 2>&1 &
  pids+=("$!")
  echo "Started $name (pid $!), log $out/$name.log"
}

await() {
  local name=$1 url=$2
  for _ in $(seq 1 600); do
    if curl -fs -o /dev/null "$url"; then return 0; fi
    sleep 0.1
  done
  echo "$name did not answer at $url within 60 s; see $out/$name.log" >&2
  exit 1
}

kafka=localhost:50092
helpers="test-helpers/target/lra-test-helpers-${version}.jar"
start kafka -cp "$helpers" org.lraext.test.KafkaBroker "$out/kafka" 50092

coordinator=http://localhost:50000/lra-coordinator
start coordinator -Dquarkus.http.port=50000 \
  -Dquarkus.transaction-manager.object-store.directory="$out/object-store" -jar "$coordinator_jar"
await coordinator "$coordinator"
app() { echo "integration-tests/trip-booking/$1-service/target/quarkus-app/quarkus-run.jar"; }
start hotel -Dquarkus.lra.coordinator-url=$coordinator -jar "$(app hotel)"
start flight -Dquarkus.lra.coordinator-url=$coordinator -Dquarkus.rest-client.hotel.url=http://localhost:8083 \
  -jar "$(app flight)"
for _ in $(seq 1 600); do
  if grep -q "Kafka broker on" "$out/kafka.log"; then break; fi
  sleep 0.1
done
grep -q "Kafka broker on" "$out/kafka.log" || { echo "The Kafka broker did not start; see $out/kafka.log" >&2; exit 1; }
start payment -Dquarkus.lra.coordinator-url=$coordinator -Dkafka.bootstrap.servers=$kafka \
  -Dquarkus.datasource.jdbc.url="jdbc:h2:file:$out/payments-db/payments" \
  -Dquarkus.hibernate-orm.schema-management.strategy=update -jar "$(app payment)"
start trip -Dquarkus.lra.coordinator-url=$coordinator -Dquarkus.rest-client.flight.url=http://localhost:8082 \
  -Dquarkus.rest-client.hotel.url=http://localhost:8083 -Dkafka.bootstrap.servers=$kafka -jar "$(app trip)"
await hotel http://localhost:8083/hotels
await payment http://localhost:8084/payments
await flight http://localhost:8082/flights
await trip http://localhost:8080/trips

cat <<'TXT'

The trip-booking saga is running. Try it from another terminal:

  # a trip that succeeds: flight and hotel confirmed through @Complete
  curl -i -H 'Content-Type: application/json' \
    -d '{"passenger":"Ada","flightNumber":"LX318","hotel":"Grand Hotel","nights":3}' http://localhost:8080/trips

  # a trip that fails: the hotel "Full House" refuses, the flight seat is released through @Compensate
  curl -i -H 'Content-Type: application/json' \
    -d '{"passenger":"Grace","flightNumber":"LX318","hotel":"Full House","nights":2}' http://localhost:8080/trips

  # a paid trip: the payment request goes over Kafka; the payment service charges the card and closes the LRA (202 now,
  # the trip is CONFIRMED a moment later); a card starting with 4000 is declined and the whole trip compensates
  curl -i -H 'Content-Type: application/json' \
    -d '{"passenger":"Ada","flightNumber":"LX318","hotel":"Grand Hotel","nights":3,"card":"4111 1111 1111 1111"}' \
    http://localhost:8080/trips/paid
  curl -i -H 'Content-Type: application/json' \
    -d '{"passenger":"Grace","flightNumber":"LX318","hotel":"Grand Hotel","nights":1,"card":"4000 0000 0000 0002"}' \
    http://localhost:8080/trips/paid

  # each service's rows, per LRA (the Long-Running-Action header of the answer names it)
  curl -s http://localhost:8080/trips; curl -s http://localhost:8082/flights; curl -s http://localhost:8083/hotels
  curl -s http://localhost:8084/payments

  # the coordinator: LRAs still running, and one LRA's status (404 once it has ended and been forgotten)
  curl -s http://localhost:50000/lra-coordinator/
  curl -s http://localhost:50000/lra-coordinator/<uid>/status

Press Ctrl-C to stop.
TXT
wait
