#!/bin/sh
# Starts the published gateway; the same script runs in the container and on the docker-free path
# (infra/local/run-published.sh), so both start the app the same way from the same environment variables.
#
# SGW_TLS_PFX_BASE64: the operator's TLS certificate as base64 PFX, the form Key Vault and Container Apps secrets
# hand it over in. Kestrel reads a PFX file, so it is decoded once into the data folder (owner-only) and
# Transport__CertificatePath points at it. Without it the gateway creates its self-signed certificate.
set -eu

app_dir=${SGW_APP_DIR:-/app}
data=${Protection__DataFolder:-/data}

if [ -n "${SGW_TLS_PFX_BASE64:-}" ]; then
  umask 077
  mkdir -p "$data/tls"
  if ! printf '%s' "$SGW_TLS_PFX_BASE64" | base64 -d > "$data/tls/operator.pfx.tmp" 2>/dev/null; then
    rm -f "$data/tls/operator.pfx.tmp"
    echo "SGW_TLS_PFX_BASE64 is not valid base64: give the certificate as base64 of a PFX file." >&2
    exit 64
  fi
  mv -f "$data/tls/operator.pfx.tmp" "$data/tls/operator.pfx"
  export Transport__CertificatePath="$data/tls/operator.pfx"
  unset SGW_TLS_PFX_BASE64
fi

exec dotnet "$app_dir/SubmissionGateway.Api.dll" "$@"
