#!/usr/bin/env bash
# Load run against the published gateway on its embedded default (SQLite, encrypted file store, generated keys) in a
# temporary data folder on loopback: small 837 submissions open loop at a fixed rate and closed loop at most, then 10 MB
# attachment uploads against an in-process AES-GCM baseline. Prints throughput, latency percentiles and peak memory.
#
#   bash tools/SubmissionGateway.Load/run.sh            # PORT=45801 RATE=500 DURATION=30 CONCURRENCY=32 UPLOADS=20
#   PARTS=attachments UPLOADS=100 bash tools/SubmissionGateway.Load/run.sh   # only the uploads
#   RATE=50 DURATION=10 CONCURRENCY=8 UPLOADS=4 bash tools/SubmissionGateway.Load/run.sh   # on a shared, busy machine
#   RATE="200 500 800" UPLOADS=0 bash tools/SubmissionGateway.Load/run.sh   # open loop at each rate in turn, no uploads
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
PORT="${PORT:-45801}"
RATE="${RATE:-500}"
DURATION="${DURATION:-30}"
CONCURRENCY="${CONCURRENCY:-32}"
UPLOADS="${UPLOADS:-20}"
WARMUP="${WARMUP:-20}"   # seconds of load before each measured submission run: the server's JIT tiers up meanwhile
PARTS="${PARTS:-submissions attachments}"   # PARTS=attachments runs only the uploads
WORK="$(mktemp -d "${TMPDIR:-/tmp}/sgw-load-XXXXXX")"
DATA="$WORK/data"
SERVER_PID=""

stop() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap stop EXIT

echo "== publishing (Release) into $WORK"
dotnet publish -c Release --nologo -v q "$ROOT/src/SubmissionGateway.Api" -o "$WORK/api" >/dev/null
dotnet publish -c Release --nologo -v q "$ROOT/src/SubmissionGateway.Cli" -o "$WORK/cli" >/dev/null
dotnet build -c Release --nologo -v q "$ROOT/tools/SubmissionGateway.Load" -o "$WORK/load" >/dev/null

echo "== starting the gateway on https://127.0.0.1:$PORT (data folder $DATA)"
mkdir -p "$DATA" && chmod 700 "$DATA"
# The embedded default: the sandbox payer (deliveries complete in the background, nothing leaves the machine) and the
# sandbox practice for attachment requests. The per-client rate limit (600/min by default) would turn a load test into
# a test of the limiter, so it is lifted for this run only.
(cd "$WORK/api" && RateLimits__Enabled=false Protection__DataFolder="$DATA" Transport__DataFolder="$DATA/transport" \
  Transport__ListenAddress=127.0.0.1 Transport__HttpsPort="$PORT" Logging__LogLevel__Default=Warning \
  exec dotnet SubmissionGateway.Api.dll) > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 120); do
  curl -ksf "https://127.0.0.1:$PORT/health/live" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "the gateway did not start:"; cat "$WORK/server.log"; exit 1; }
  sleep 1
done
curl -ksf "https://127.0.0.1:$PORT/health/live" >/dev/null || { echo "the gateway is not answering"; cat "$WORK/server.log"; exit 1; }

SUBMITTER="$(dotnet "$WORK/cli/sgw.dll" dev-token --role submitter --submitter-id SGWDEMOBILLING --data-folder "$DATA" --minutes 60)"
CODER="$(dotnet "$WORK/cli/sgw.dll" dev-token --role coder --data-folder "$DATA" --minutes 60)"
LOAD=(dotnet "$WORK/load/SubmissionGateway.Load.dll" --url "https://127.0.0.1:$PORT" --server-pid "$SERVER_PID")

if [[ " $PARTS " == *" submissions "* ]]; then
  for rate in $RATE; do
    echo "== submissions, open loop at $rate/s for $DURATION s (HTTP/1.1)"
    "${LOAD[@]}" --mode submissions --submitter-token "$SUBMITTER" --file "$ROOT/samples/837P-office-visit.x12" --rate "$rate" --duration "$DURATION" --warmup "$WARMUP" || true
  done
  echo "== submissions, closed loop, $CONCURRENCY concurrent for $DURATION s (HTTP/1.1, then HTTP/2)"
  "${LOAD[@]}" --mode submissions --submitter-token "$SUBMITTER" --file "$ROOT/samples/837P-office-visit.x12" --concurrency "$CONCURRENCY" --duration "$DURATION" --warmup "$WARMUP" || true
  "${LOAD[@]}" --mode submissions --submitter-token "$SUBMITTER" --file "$ROOT/samples/837P-office-visit.x12" --concurrency "$CONCURRENCY" --duration "$DURATION" --warmup "$WARMUP" --http 2 || true
fi
if [[ " $PARTS " == *" attachments "* && "$UPLOADS" -gt 0 ]]; then
  echo "== attachments: $UPLOADS uploads of 10 MB, 2 concurrent"
  "${LOAD[@]}" --mode attachments --coder-token "$CODER" --count "$UPLOADS" --concurrency 2 --size-mb 10 || true
fi
