#!/usr/bin/env bash
# The docker-free path: publishes the gateway exactly as infra/docker/Dockerfile does and starts it through the
# same entrypoint (infra/docker/entrypoint.sh) with the same environment variables the image sets.
#
#   infra/local/run-published.sh [--check] [--port N] [--data DIR] [--out DIR]
#
#   --out DIR   where to publish (default ./artifacts/published); the app goes to DIR/app, the probe to DIR/probe
#   --data DIR  the data folder (default ./artifacts/data): keys, SQLite file, certificate; created owner-only
#   --port N    the https port (default 8443)
#   --check     start it, wait until the container's health probe gets 200 from /health/live, stop it; exit 0 when
#               it answered, 1 when it did not within 90 s (the app's log is printed)
#
# Anything else the image would get from its environment (Protection__*, Persistence__*, SGW_TLS_PFX_BASE64, ...)
# is taken from this shell's environment unchanged.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
out="$repo/artifacts/published"
data="$repo/artifacts/data"
port=8443
check=0
while [ $# -gt 0 ]; do
  case "$1" in
    --check) check=1; shift ;;
    --port) port=${2:?--port needs a number}; shift 2 ;;
    --data) data=${2:?--data needs a folder}; shift 2 ;;
    --out) out=${2:?--out needs a folder}; shift 2 ;;
    *) echo "run-published.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "publishing to $out"
dotnet publish "$repo/src/SubmissionGateway.Api/SubmissionGateway.Api.csproj" -c Release -o "$out/app" -p:UseAppHost=false --nologo -v quiet
dotnet publish "$repo/infra/docker/HealthProbe/SubmissionGateway.HealthProbe.csproj" -c Release -o "$out/probe" -p:UseAppHost=false --nologo -v quiet

mkdir -p "$data"
chmod 0700 "$data"
data=$(cd "$data" && pwd)

# The image's environment (infra/docker/Dockerfile ENV), with the folders of this machine. On a workstation the
# listener stays on loopback unless Transport__ListenAddress says otherwise.
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Production}
export Protection__DataFolder="$data"
export SGW_DATA="$data"
export Transport__ListenAddress=${Transport__ListenAddress:-127.0.0.1}
export Transport__HttpsPort="$port"
export DOTNET_EnableDiagnostics=0
export SGW_APP_DIR="$out/app"

if [ "$check" -eq 0 ]; then
  exec "$repo/infra/docker/entrypoint.sh"
fi

log=$(mktemp)
"$repo/infra/docker/entrypoint.sh" >"$log" 2>&1 &
app=$!
stop() { kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; rm -f "$log"; }
trap stop EXIT

for _ in $(seq 1 90); do
  if dotnet "$out/probe/sgw-health-probe.dll" 2>/dev/null; then
    echo "run-published.sh: the published gateway answered https://127.0.0.1:$port/health/live with 200"
    exit 0
  fi
  if ! kill -0 "$app" 2>/dev/null; then
    break
  fi
  sleep 1
done

echo "run-published.sh: the published gateway did not answer /health/live; its log:" >&2
cat "$log" >&2
exit 1
