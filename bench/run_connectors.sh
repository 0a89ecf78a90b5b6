#!/bin/sh
# Import speed per connector, in records stored per second, end to end into a durable database
# (docs/PERFORMANCE.md). The peer, in the same run: the workspace-folder import of a generated
# workspace of as many tickets.
# usage: bench/run_connectors.sh BUILD_DIR [CONVERSATIONS]
set -eu
bin=$(cd "$1" && pwd)/supportlens
n=${2:-100000}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
node "$here/node/connector_inputs.mjs" "$n" "$work"
"$bin" generate --tickets "$n" --seed 5 --out "$work/folder" > /dev/null

# Runs one import; prints "name records seconds records/s".
run() {
  name=$1
  shift
  rm -f "$work/db.sqlite"*
  start=$(date +%s.%N)
  out=$("$bin" import "$@" --db "$work/db.sqlite" 2>/dev/null || true)
  end=$(date +%s.%N)
  echo "$out" | awk -v name="$name" -v s="$start" -v e="$end" '
    $3 == "read" || $2 == "read" { for (i = 1; i <= NF; i++) if ($i == "stored") stored += $(i + 1) }
    END { t = e - s; printf "%-12s %10d records %7.2f s %10.0f records/s\n", name, stored, t, stored / t }'
}
run folder "$work/folder"
run twitter --from twitter "$work/twitter.csv"
run zendesk --from zendesk "$work/zendesk/tickets.json" "$work/zendesk/audits.json"
run freshdesk --from freshdesk "$work/freshdesk/tickets.csv" "$work/freshdesk/conversations.json" --timezone Europe/Berlin
run chatwoot --from chatwoot "$work/chatwoot/conversations.json" "$work/chatwoot/messages.json"
run csv --from csv "$work/city.csv" --mapping "$work/city.toml" --timezone America/New_York
