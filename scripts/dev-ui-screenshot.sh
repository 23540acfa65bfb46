#!/usr/bin/env bash
# Takes a screenshot of the extension's Dev UI card in headless Chromium (Debian's package) and writes it to
# docs/modules/ROOT/images/dev-ui-lras.png. Runs integration-tests/packaged-app in dev mode (its coordinator comes
# from Dev Services), creates a closed, a cancelled and an active LRA, then shoots the page.
# Usage: scripts/dev-ui-screenshot.sh   (from the project root, after ./mvnw install -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null; then
  apt-get install -y -q chromium
fi
port=8080
log=target/dev-ui-screenshot.log
mkdir -p target
./mvnw -B -q -pl integration-tests/packaged-app quarkus:dev -Dquarkus.http.port=$port -Ddebug=false \
  -Dquarkus.console.enabled=false >"$log" 2>&1 &
dev=$!
trap 'kill $dev 2>/dev/null || true; wait $dev 2>/dev/null || true' EXIT
for _ in $(seq 240); do
  curl -sf -o /dev/null "http://localhost:$port/orders/events?lra=x" && break
  sleep 0.5
done
curl -sf -X POST "http://localhost:$port/orders" >/dev/null
curl -s -o /dev/null -X POST "http://localhost:$port/orders?refuse=true"
open=$(curl -sf -X POST "http://localhost:$port/orders/open")
curl -sf -X POST -H "Long-Running-Action: $open" "http://localhost:$port/stock" >/dev/null
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1400,700 \
  --virtual-time-budget=8000 --screenshot=docs/modules/ROOT/images/dev-ui-lras.png \
  "http://localhost:$port/q/dev-ui/quarkus-lra/lras"
echo "Wrote docs/modules/ROOT/images/dev-ui-lras.png"
