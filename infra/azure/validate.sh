#!/usr/bin/env bash
# Builds and lints every Bicep file under infra/azure, offline, with the Bicep CLI shipped as a NuGet package
# (Azure.Bicep.CommandLine.linux-x64, version pinned in Directory.Packages.props, restored by tools/BicepCli.csproj).
# Any diagnostic, warning or error, fails the run: bicepconfig.json decides which rules apply and at what level.
#
#   infra/azure/validate.sh [--out DIR]
#
# DIR (default: a temporary folder, removed afterwards) receives main.json (the ARM template) and
# <environment>.parameters.json for each environments/*.bicepparam. SGW_BICEP=/path/to/bicep skips the restore.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out=${2:?--out needs a folder}; shift 2 ;;
    *) echo "validate.sh: unknown argument '$1' (usage: validate.sh [--out DIR])" >&2; exit 2 ;;
  esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

bicep=${SGW_BICEP:-}
if [ -z "$bicep" ]; then
  project="$here/tools/BicepCli.csproj"
  if ! restore_log=$(dotnet restore "$project" 2>&1); then
    echo "$restore_log" >&2
    echo "validate.sh: could not restore the Bicep CLI package (is NuGet reachable?)" >&2
    exit 1
  fi
  package_root=$(dotnet msbuild "$project" -nologo -getProperty:BicepPackageRoot)
  bicep="$package_root/tools/bicep"
fi
if [ ! -f "$bicep" ]; then
  echo "validate.sh: no Bicep CLI at '$bicep'" >&2
  exit 1
fi
# NuGet extracts files without their execute bit on some systems.
[ -x "$bicep" ] || chmod u+x "$bicep"

scratch=$(mktemp -d)
cleanup() { rm -rf "$scratch"; }
trap cleanup EXIT
if [ -z "$out" ]; then out="$scratch/out"; fi
mkdir -p "$out"
out=$(cd "$out" && pwd)

failures=0
# Runs one bicep command; its diagnostics (lines "file(line,col) : Warning|Error ...") count as failures.
run() {
  local log="$scratch/log"
  if ! "$bicep" "$@" >"$log" 2>&1; then
    failures=$((failures + 1))
  elif grep -Eq ' : (Warning|Error) ' "$log"; then
    failures=$((failures + 1))
  fi
  if [ -s "$log" ]; then cat "$log" >&2; fi
}

echo "$("$bicep" --version)"
templates=$(cd "$here" && find . -name '*.bicep' -not -path './tools/*' | wc -l)
# One process for every file: the CLI is a large self-contained binary, slow to start.
echo "lint  $templates files"
cd "$here"
run lint --pattern '**/*.bicep'
cd - >/dev/null

echo "build main.bicep"
run build "$here/main.bicep" --outfile "$out/main.json"

# The parameter files read secrets from the environment at deployment; here they get throwaway values, so the
# check needs no secret and the compiled parameters (left only in $out) hold nothing real.
throwaway() { head -c "$1" /dev/urandom | base64 -w0; }
export SGW_DEPLOY_DATABASE_PASSWORD="validate-$(throwaway 24)"
export SGW_DEPLOY_ATTACHMENT_KEK=$(throwaway 32)
export SGW_DEPLOY_PHI_FIELD_KEY=$(throwaway 32)
export SGW_DEPLOY_PHI_BLIND_INDEX_KEY=$(throwaway 32)
export SGW_DEPLOY_TREE_HEAD_SIGNING_KEY=$(throwaway 138)
export SGW_DEPLOY_TLS_PFX_BASE64=$(throwaway 600)
for parameters in "$here"/environments/*.bicepparam; do
  [ -f "$parameters" ] || continue
  name=$(basename "$parameters" .bicepparam)
  echo "build environments/$name.bicepparam"
  run build-params "$parameters" --outfile "$out/$name.parameters.json"
done

if [ "$failures" -ne 0 ]; then
  echo "validate.sh: $failures Bicep check(s) failed" >&2
  exit 1
fi
echo "validate.sh: $templates Bicep files lint clean; main.json and parameters built in $out"
