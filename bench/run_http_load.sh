#!/usr/bin/env bash
# Load benchmark of `supportlens serve` over loopback, bounded in time, with peers in the same run.
#
#   bench/run_http_load.sh BUILD_DIR     (make bench-http runs it with build/)
#
# It generates a workspace of $TICKETS tickets (UTC, seed $SEED, 2026-01-05 .. 2027-01-05),
# imports it, writes the columnar snapshot (one report), starts the server and runs
# BUILD_DIR/supportlens_http_load against it:
#   - report requests for the overview KPIs over 28-day windows: repeated dashboard queries
#     (six, served from the rendered-report cache after the first), then distinct queries (every
#     request another window and channel filter, so every one is computed), with 1 and 2 clients;
#   - ingest: 2 clients posting batches of $BATCH new tickets, each answered after its commit.
# Peers, same machine, same run:
#   - reports: the same overview query as a fresh `supportlens report` process (what a script
#     pays without the server);
#   - ingest: the same rows inserted by the sqlite3 shell into a table with the same unique key,
#     in transactions of $BATCH rows with WAL and synchronous=FULL (the store's durability,
#     without parsing, validation or HTTP).
#
# Environment: TICKETS (default 1000000), SEED (42), SECONDS_PER_RUN (10), BATCH (1000),
#              BENCH_WORK (scratch folder; deleted afterwards unless KEEP_DATA=1).
set -euo pipefail
[[ $# -eq 1 ]] || { echo "usage: $0 BUILD_DIR" >&2; exit 2; }
BUILD=$(realpath "$1")
BIN=$BUILD/supportlens
LOAD=$BUILD/supportlens_http_load
[[ -x $BIN && -x $LOAD ]] || { echo "$0: $BUILD needs supportlens and supportlens_http_load (cmake -DSUPPORTLENS_BENCH=ON)" >&2; exit 2; }
TICKETS=${TICKETS:-1000000}
SEED=${SEED:-42}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-10}
BATCH=${BATCH:-1000}
WORK=${BENCH_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/supportlens-http-XXXXXX")}
mkdir -p "$WORK"
server=""
cleanup() {
  [[ -n $server ]] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  [[ ${KEEP_DATA:-0} == 1 ]] || rm -rf "$WORK"
}
trap cleanup EXIT

echo "== $TICKETS tickets, scratch $WORK"
"$BIN" generate --tickets "$TICKETS" --seed "$SEED" --out "$WORK/ws" --timezone UTC --start 2026-01-05 --days 365 >/dev/null
"$BIN" import "$WORK/ws" --db "$WORK/db.sqlite" >/dev/null
"$BIN" report "$WORK/db.sqlite" --from 2026-01-05 --to 2027-01-06 --kpi ticket_volume --format csv >/dev/null  # writes the snapshot
analyst=$("$BIN" keys create --db "$WORK/db.sqlite" --workspace default --role analyst | tail -n 1)
ingest=$("$BIN" keys create --db "$WORK/db.sqlite" --workspace default --role ingest | tail -n 1)

OVERVIEW=ticket_volume,backlog,first_reply_time,resolution_time,fcr_rate,csat,nps,sla_compliance
t0=$(date +%s.%N)
for from in 2026-03-02 2026-06-01 2026-09-07; do
  to=$(date -u -d "$from + 28 days" +%F)
  "$BIN" report "$WORK/db.sqlite" --from "$from" --to "$to" --kpi $OVERVIEW --filter channel=email --format json >/dev/null
done
t1=$(date +%s.%N)
cli_ms=$(echo "($t1 - $t0) * 1000 / 3" | bc -l)
printf 'peer: the same overview query as a fresh supportlens report process: %.1f ms each (mean of 3)\n' "$cli_ms"

"$BIN" serve --db "$WORK/db.sqlite" --port 0 > "$WORK/serve.log" 2>&1 &
server=$!
for _ in $(seq 100); do grep -q listening "$WORK/serve.log" 2>/dev/null && break; sleep 0.1; done
url=$(awk '/listening on/ { print $3; exit }' "$WORK/serve.log")
echo "server at $url"
"$LOAD" --url "$url" --analyst-key "$analyst" --seconds "$SECONDS_PER_RUN" --clients 1 --days 365
"$LOAD" --url "$url" --analyst-key "$analyst" --seconds "$SECONDS_PER_RUN" --clients 2 --days 365 | tail -n 1
"$LOAD" --url "$url" --ingest-key "$ingest" --seconds "$SECONDS_PER_RUN" --clients 2 --batch "$BATCH" | tee "$WORK/ingest.txt"
kill "$server"; wait "$server" 2>/dev/null || true; server=""

# The SQLite peer for ingest: as many rows as the server took, in the same batches.
rows=$(awk '/^ingest:/ { print $2 }' "$WORK/ingest.txt")
{
  echo "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
  echo "CREATE TABLE tickets(ws INTEGER, record_key TEXT, ticket_id TEXT, created_at INTEGER, channel TEXT, priority TEXT, topic TEXT);"
  echo "CREATE UNIQUE INDEX tickets_key ON tickets(ws, record_key);"
  awk -v n="$rows" -v b="$BATCH" 'BEGIN {
    for (i = 0; i < n; i++) {
      if (i % b == 0) print "BEGIN;";
      printf "INSERT INTO tickets VALUES(1, \x27P%d\x27, \x27P%d\x27, 1767614400, \x27%s\x27, \x27normal\x27, \x27billing\x27) ON CONFLICT DO NOTHING;\n", i, i, (i % 2 ? "email" : "chat");
      if (i % b == b - 1 || i == n - 1) print "COMMIT;";
    }
  }'
} > "$WORK/peer.sql"
t0=$(date +%s.%N)
sqlite3 "$WORK/peer.sqlite" < "$WORK/peer.sql" >/dev/null
t1=$(date +%s.%N)
printf 'peer: sqlite3 inserting the same %s rows in transactions of %s (WAL, synchronous=FULL): %.0f rows/s\n' \
  "$rows" "$BATCH" "$(echo "$rows / ($t1 - $t0)" | bc -l)"
