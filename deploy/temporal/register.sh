#!/bin/sh
# The namespace (if missing) and Davar's case search attributes on a running Temporal Server, with the Temporal
# CLI. Idempotent: an existing namespace is kept and the server skips attributes it has. Run by
# `DAVAR_ENGINE=server npm start` and the tests (scripts/lib/server-engine/start.ts) and by docker-compose's
# `temporal-namespace` service. The list below must match workflows/search-attributes.ts (a unit test checks).
set -eu
cli="${TEMPORAL_CLI:-temporal}"
address="${TEMPORAL_ADDRESS:-127.0.0.1:7233}"
namespace="${TEMPORAL_NAMESPACE:-default}"
attributes="${DAVAR_SEARCH_ATTRIBUTES:-CaseStage=Keyword Province=Keyword Overdue=Bool NextDeadline=Datetime EscalationLevel=Int Channel=Keyword}"

retry() { # retry <seconds> <command…>: the server may still be starting, or its caches a refresh behind
  limit="$1"
  shift
  waited=0
  until "$@"; do
    waited=$((waited + 1))
    if [ "$waited" -ge "$limit" ]; then return 1; fi
    sleep 1
  done
}

retry 120 "$cli" operator cluster health --address "$address" >/dev/null
if ! "$cli" operator namespace describe --address "$address" --namespace "$namespace" >/dev/null 2>&1; then
  "$cli" operator namespace create --address "$address" --namespace "$namespace" \
    --retention "${TEMPORAL_NAMESPACE_RETENTION:-720h}"
fi
set --
for attribute in $attributes; do set -- "$@" --name "${attribute%%=*}" --type "${attribute#*=}"; done
retry 30 "$cli" operator search-attribute create --address "$address" --namespace "$namespace" "$@"
