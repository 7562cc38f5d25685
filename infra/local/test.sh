#!/usr/bin/env bash
# The one command that runs every test on a fresh machine:
#   starts Azurite and PostgreSQL on loopback (installing them when missing), runs `dotnet test`
#   over the whole solution, stops what it started, and prints the totals as `N passed, N failed`.
# Extra arguments go to `dotnet test` (e.g. --filter "FullyQualifiedName~Ledger").
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
cd "$repo"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export SGW_SERVICES_DIR=${SGW_SERVICES_DIR:-$(mktemp -d /tmp/sgw-services.XXXXXX)}

cleanup() { "$here/services.sh" stop || true; }
trap cleanup EXIT

"$here/services.sh" start
# The console's browser tests drive Debian's Chromium (they fail under SGW_REQUIRE_SERVICES=1 when it is missing).
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  apt-get install -y chromium >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y chromium >/dev/null; } || echo "chromium could not be installed" >&2
fi
# In CI a missing server is a failure, not a skipped test.
if [ "${CI:-}" = "true" ]; then export SGW_REQUIRE_SERVICES=1; fi
eval "$("$here/services.sh" env)"

results=$(mktemp -d)
dotnet test SubmissionGateway.sln -c Release --logger "trx;LogFilePrefix=sgw" --results-directory "$results" "$@" 2>&1 | tee "$results/console.log"
status=${PIPESTATUS[0]}

# Totals from the TRX files, so the line is right whatever the console verbosity.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters"); e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${t:-0} - ${e:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
