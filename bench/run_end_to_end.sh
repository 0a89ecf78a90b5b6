#!/usr/bin/env bash
# End-to-end benchmark of the supportlens binary against two SQL peers on the same data.
#
#   bench/run_end_to_end.sh BINARY            (make bench runs it with build/supportlens)
#
# For each size (ticket count) it:
#   1. generates a workspace (UTC, seed $SEED) and sets definitions.first_reply_restarts_at_bot_handoff
#      = false, so that first reply time is "first public human agent reply - created_at" as in SQL;
#   2. imports it into a new SupportLens database (bulk loaded beside its path, synced and moved
#      into place as a WAL database) and reports rows/s end to end (all rows of all files / wall
#      seconds of the import process); for sizes up to APPEND_MAX_TICKETS, after the reports, once
#      more into the same, now existing, database as a second workspace (every row new, each
#      stored through the WAL with synchronous=FULL);
#   3. runs the full-catalog report in fresh processes (cold: the process wall time; once loaded:
#      the compute time printed by --timings): first once right after the import (it reads the
#      store and writes the columnar snapshot beside the database), then grouped by channel and
#      by month (reading the snapshot), and the SQL-expressible KPI set alone; records the peak
#      RSS (/usr/bin/time -v) per event row;
#   4. loads the same CSV files into SQLite (sqlite3 .import) and DuckDB (@duckdb/node-api, installed
#      into bench/node on first use) and runs equivalent SQL (bench/sql/) for ticket volume, resolved
#      tickets, backlog, first reply and resolution time (median, mean, p90), FCR, escalation and
#      reopen rates, CSAT, NPS and average touches, grouped by channel and by month;
#   5. checks that the three agree (counts exact, other figures within 0.01) and prints the figures,
#      the timings, the ratios and the targets met or not.
# Exits non-zero when the engine and a peer disagree or a step fails (the other steps still run).
#
# Environment:
#   SIZES           ticket counts, default "1000000 10000000"
#   SEED            generator seed, default 42
#   PEERS           "sqlite duckdb" (default), or a subset ("" for none)
#   APPEND_MAX_TICKETS  time the import into an existing database up to this size (default
#                   1000000; it adds a second copy of the data to the database)
#   SQLITE_MAX_TICKETS  skip the SQLite peer above this size (default: never skipped; SQLite
#                   needs about 2 minutes per million tickets for its load and two queries)
#   ENGINE_SQL_SET  groupings for which the engine is also timed on the SQL-expressible KPI set
#                   alone (default "channel month"; without it the engine-vs-peer ratio of a
#                   grouping uses the full-catalog compute time)
#   MEM_LIMIT_GB    address-space cap of every supportlens process (default: 70 % of the memory
#                   available at start), so that a run that does not fit fails cleanly instead of
#                   pushing the machine into the OOM killer
#   DUCKDB_MEMORY_LIMIT_GB  DuckDB's memory_limit (default MEM_LIMIT_GB; beyond it DuckDB spills
#                   to a scratch folder)
#   BENCH_WORK      scratch folder (default: a new folder under ${TMPDIR:-/tmp}); each size's
#                   data is deleted when the size is done unless KEEP_DATA=1
#   RESULTS_DIR     where the per-size logs are written (default: bench-results beside BINARY)
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 BINARY" >&2
  exit 2
fi
BIN=$(realpath "$1")
[[ -x $BIN ]] || { echo "$0: $1 is not an executable" >&2; exit 2; }
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SIZES=${SIZES:-"1000000 10000000"}
SEED=${SEED:-42}
PEERS=${PEERS-"sqlite duckdb"}
ENGINE_SQL_SET=${ENGINE_SQL_SET-"channel month"}
SQLITE_MAX_TICKETS=${SQLITE_MAX_TICKETS:-}
APPEND_MAX_TICKETS=${APPEND_MAX_TICKETS:-1000000}
KEEP_DATA=${KEEP_DATA:-0}
RESULTS_DIR=${RESULTS_DIR:-$(dirname "$BIN")/bench-results}
MEM_LIMIT_GB=${MEM_LIMIT_GB:-$(awk '/MemAvailable/ { printf "%d", $2 * 0.7 / 1048576 }' /proc/meminfo)}
DUCKDB_MEMORY_LIMIT_GB=${DUCKDB_MEMORY_LIMIT_GB:-$MEM_LIMIT_GB}
START=2026-01-05
SQL_KPIS=ticket_volume,resolved_tickets,backlog,first_reply_time,resolution_time,fcr_rate,escalation_rate,reopen_rate,csat,nps,average_touches
GROUPINGS="channel month"

has_peer() { [[ " $PEERS " == *" $1 "* ]]; }
die() { echo "$0: $*" >&2; exit 1; }
now() { date +%s.%N; }
# calc EXPR: floating-point arithmetic.
calc() { awk "BEGIN { printf \"%.6f\n\", $1 }"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a != "" && b > 0) printf "%.2f", a / b; else print "-" }'; }
f2() { [[ -n $1 ]] && printf '%.2f' "$1" || printf -- '-'; }
f3() { [[ -n $1 ]] && printf '%.3f' "$1" || printf -- '-'; }
mib() { [[ -n $1 ]] && echo $(( $1 / 1024 )) || echo -; }
# verdict EXPR: MET when the awk expression over v holds.
verdict() { awk -v v="$1" "BEGIN { if (v == \"\") print \"not measured\"; else print (($2) ? \"MET\" : \"NOT MET\") }"; }

# Prerequisites.
[[ -x /usr/bin/time ]] || die "/usr/bin/time is missing (Debian package: time)"
if has_peer sqlite; then command -v sqlite3 >/dev/null || die "sqlite3 is missing (Debian package: sqlite3)"; fi
command -v node >/dev/null || die "node is missing (needed for the DuckDB peer and the comparison)"
if has_peer duckdb && [[ ! -d $BENCH_DIR/node/node_modules/@duckdb/node-api ]]; then
  command -v npm >/dev/null || die "npm is missing (needed once, to install @duckdb/node-api into bench/node)"
  echo "installing @duckdb/node-api into bench/node (once)"
  (cd "$BENCH_DIR/node" && npm install --no-package-lock --no-audit --no-fund --loglevel=error) || die "npm install failed"
fi

mkdir -p "$RESULTS_DIR"
if [[ -n ${BENCH_WORK:-} ]]; then
  WORK=$BENCH_WORK
  mkdir -p "$WORK"
else
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/supportlens-e2e.XXXXXX")
fi
echo "binary: $BIN"
echo "scratch: $WORK; results: $RESULTS_DIR"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM; $(uname -sr); memory cap per supportlens process: $MEM_LIMIT_GB GiB, DuckDB memory_limit ${DUCKDB_MEMORY_LIMIT_GB} GB"
echo "peers: sqlite3 $(sqlite3 --version 2>/dev/null | cut -d' ' -f1), node $(node --version), @duckdb/node-api $(
  node -p "require('$BENCH_DIR/node/node_modules/@duckdb/node-api/package.json').version" 2>/dev/null || echo '?')"

# timed OUT_PREFIX CMD...: runs CMD under /usr/bin/time -v, stdout to OUT_PREFIX.out, stderr to
# OUT_PREFIX.err; sets T_WALL (seconds) and T_RSS_KB (peak resident set). Returns CMD's status.
timed() {
  local prefix=$1
  shift
  local t0 t1 rc=0
  t0=$(now)
  /usr/bin/time -v -o "$prefix.time" "$@" >"$prefix.out" 2>"$prefix.err" || rc=$?
  t1=$(now)
  T_WALL=$(calc "$t1 - $t0")
  T_RSS_KB=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$prefix.time" 2>/dev/null)
  if [[ $rc -ne 0 ]]; then
    echo "command failed (status $rc after $(f2 "$T_WALL") s, peak RSS $(mib "$T_RSS_KB") MiB): $*" >&2
    tail -n 5 "$prefix.err" >&2
  fi
  return "$rc"
}
# "${CAPPED[@]}" CMD...: runs CMD under the address-space cap (a process that does not fit fails
# cleanly instead of pushing the machine into the OOM killer).
CAPPED=(bash -c 'ulimit -v "$1"; shift; exec "$@"' _ "$((MEM_LIMIT_GB * 1048576))")

FAILED=0
SUMMARY_ROWS=()
DONE_SIZES=()

run_size() {
  local n=$1
  local dir=$WORK/n$n
  local ws=$dir/workspace
  rm -rf "$dir"
  mkdir -p "$dir"
  local results=$RESULTS_DIR/e2e_$n.txt
  : >"$results"
  log() { echo "$*" | tee -a "$results"; }
  fail() { log "FAILED: $*"; FAILED=1; }

  # The generator's own default span (about 400 tickets a day, 28..365 days), made explicit so
  # that the report window [from, to) is exactly the generated span.
  local days=$(( (n + 200) / 400 ))
  (( days < 28 )) && days=28
  (( days > 365 )) && days=365
  local to from_epoch to_epoch
  to=$(date -u -d "$START + $days days" +%F)
  from_epoch=$(date -u -d "$START" +%s)
  to_epoch=$(date -u -d "$to" +%s)

  log ""
  log "=== $n tickets: window $START .. $to ($days days), seed $SEED ($(date -u +%FT%TZ)) ==="

  timed "$dir/generate" "$BIN" generate --tickets "$n" --seed "$SEED" --out "$ws" --timezone UTC --start "$START" --days "$days"
  local gen_s=$T_WALL
  # First reply time from created_at (no restart at a bot hand-off), as the SQL peers compute it.
  if grep -q '^\[definitions\]' "$ws/workspace.toml"; then
    sed -i -e '/^[[:space:]]*first_reply_restarts_at_bot_handoff[[:space:]]*=/d' \
      -e '/^\[definitions\]/a first_reply_restarts_at_bot_handoff = false' "$ws/workspace.toml"
  else
    printf '\n[definitions]\nfirst_reply_restarts_at_bot_handoff = false\n' >>"$ws/workspace.toml"
  fi
  local repeat_days
  repeat_days=$(awk -F= '/^[[:space:]]*repeat_contact_days[[:space:]]*=/ { gsub(/[[:space:]]/, "", $2); print $2 }' "$ws/workspace.toml")
  repeat_days=${repeat_days:-7}
  local csv_bytes
  csv_bytes=$(du -cb "$ws"/*.csv | awk 'END { printf "%.0f", $1 }')
  log "generate: $(f2 "$gen_s") s, CSV $((csv_bytes / 1048576)) MiB"

  # Import into the durable store.
  local import_s="" import_rate="" total_rows events_rows peer_rows
  total_rows=$(awk 'FNR > 1 { n++ } END { print n + 0 }' "$ws"/*.csv)
  if timed "$dir/import" "${CAPPED[@]}" "$BIN" import "$ws" --db "$dir/supportlens.db"; then
    import_s=$T_WALL
    local rejected
    rejected=$(awk '$2 == "read" { s += $9 } END { print s + 0 }' "$dir/import.out")
    [[ $rejected -eq 0 ]] || die "the import rejected $rejected rows of a generated workspace"
    total_rows=$(awk '$2 == "read" { s += $3 } END { print s + 0 }' "$dir/import.out")
    local db_bytes
    db_bytes=$(du -cb "$dir"/supportlens.db* | awk 'END { printf "%.0f", $1 }')
    import_rate=$(awk -v r="$total_rows" -v s="$import_s" 'BEGIN { printf "%.0f", r / s }')
    log "rows per file (all imported, none rejected):"
    awk '$2 == "read" { printf "  %-20s %12d\n", $1, $3 }' "$dir/import.out" | tee -a "$results"
    log "  $(printf '%-20s %12d' total "$total_rows")"
    log "import: $(f2 "$import_s") s, $import_rate rows/s end to end, database $((db_bytes / 1048576)) MiB, peak RSS $(mib "$T_RSS_KB") MiB"
  else
    fail "import (see $dir/import.err)"
  fi
  if [[ -n $import_s ]]; then
    events_rows=$(awk '$1 == "events" && $2 == "read" { print $3 }' "$dir/import.out")
  else
    events_rows=$(awk 'FNR > 1 { n++ } END { print n + 0 }' "$ws/events.csv")
  fi
  peer_rows=$(awk 'FNR > 1 { n++ } END { print n + 0 }' "$ws/tickets.csv" "$ws/events.csv" "$ws/agents.csv" "$ws/surveys.csv")

  # Engine reports in fresh processes. The first report after an import reads the store and writes
  # the columnar snapshot beside the database (a derived cache); later processes read the snapshot.
  local -A E_WALL=() E_LOAD=() E_COMPUTE=() E_RSS=() S_WALL=() S_COMPUTE=()
  local first_wall="" first_load="" first_compute="" first_rss="" snapshot_bytes=""
  local by
  timings_of() { sed -n "s/^timings: load \([0-9.]*\) s, compute \([0-9.]*\) s.*/\\$2/p" "$1"; }
  if [[ -n $import_s ]]; then
    if timed "$dir/engine_first" "${CAPPED[@]}" "$BIN" report "$dir/supportlens.db" --from "$START" --to "$to" --by channel \
      --format json --timings; then
      first_wall=$T_WALL
      first_rss=$T_RSS_KB
      first_load=$(timings_of "$dir/engine_first.err" 1)
      first_compute=$(timings_of "$dir/engine_first.err" 2)
      snapshot_bytes=$(du -cb "$dir"/supportlens.db.ws*.columns 2>/dev/null | awk 'END { printf "%.0f", $1 }')
      log "engine, first report after the import (full catalog by channel, writes the snapshot): $(f2 "$first_wall") s (load $first_load s + compute $first_compute s), peak RSS $(mib "$first_rss") MiB, snapshot $((snapshot_bytes / 1048576)) MiB"
    else
      fail "engine first report after $(f2 "$T_WALL") s, peak RSS $(mib "$T_RSS_KB") MiB under a $MEM_LIMIT_GB GiB cap: $(tail -n 1 "$dir/engine_first.err")"
    fi
  fi
  if [[ -n $first_wall ]]; then
    for by in $GROUPINGS; do
      if timed "$dir/engine_$by" "${CAPPED[@]}" "$BIN" report "$dir/supportlens.db" --from "$START" --to "$to" --by "$by" --format json --timings; then
        E_WALL[$by]=$T_WALL
        E_RSS[$by]=$T_RSS_KB
        E_LOAD[$by]=$(timings_of "$dir/engine_$by.err" 1)
        E_COMPUTE[$by]=$(timings_of "$dir/engine_$by.err" 2)
        [[ -n ${E_COMPUTE[$by]} ]] || die "no timings line from the report (by $by)"
        log "engine, full catalog by $by: cold $(f2 "${E_WALL[$by]}") s (load ${E_LOAD[$by]} s + compute ${E_COMPUTE[$by]} s), peak RSS $(mib "${E_RSS[$by]}") MiB"
      else
        fail "engine report by $by after $(f2 "$T_WALL") s, peak RSS $(mib "$T_RSS_KB") MiB under a $MEM_LIMIT_GB GiB cap: $(tail -n 1 "$dir/engine_$by.err")"
        continue
      fi
      if [[ " $ENGINE_SQL_SET " == *" $by "* ]]; then
        if timed "$dir/engine_sql_$by" "${CAPPED[@]}" "$BIN" report "$dir/supportlens.db" --from "$START" --to "$to" --by "$by" \
          --kpi "$SQL_KPIS" --format json --timings; then
          S_WALL[$by]=$T_WALL
          S_COMPUTE[$by]=$(timings_of "$dir/engine_sql_$by.err" 2)
          log "engine, SQL-expressible set by $by: cold $(f2 "${S_WALL[$by]}") s, compute ${S_COMPUTE[$by]} s"
        else
          fail "engine report (SQL-expressible set) by $by"
        fi
      fi
    done
    if [[ -n ${E_COMPUTE[channel]:-} ]] && ! cmp -s "$dir/engine_first.out" "$dir/engine_channel.out"; then
      fail "the report read from the snapshot differs from the report read from the store (by channel)"
    fi
  fi
  local peak_rss_kb=$first_rss bytes_per_event=""
  for by in $GROUPINGS; do
    [[ -n ${E_RSS[$by]:-} ]] && (( E_RSS[$by] > ${peak_rss_kb:-0} )) && peak_rss_kb=${E_RSS[$by]}
  done
  if [[ -n $peak_rss_kb ]]; then
    bytes_per_event=$(awk -v k="$peak_rss_kb" -v e="$events_rows" 'BEGIN { printf "%.0f", k * 1024 / e }')
    log "engine peak RSS (largest report process) $(mib "$peak_rss_kb") MiB over $events_rows events: $bytes_per_event bytes per event"
  fi

  # The same rows into the now existing database, as a second workspace: the path of every later
  # import (a transaction through the WAL, beside readers), where the first one was a bulk load.
  local append_rate=""
  if [[ -n $import_s ]] && (( n <= APPEND_MAX_TICKETS )); then
    if timed "$dir/import_existing" "${CAPPED[@]}" "$BIN" import "$ws" --db "$dir/supportlens.db" --workspace second; then
      append_rate=$(awk -v r="$total_rows" -v s="$T_WALL" 'BEGIN { printf "%.0f", r / s }')
      log "import into the existing database (second workspace, all $total_rows rows new): $(f2 "$T_WALL") s, $append_rate rows/s"
    else
      fail "import into the existing database (see $dir/import_existing.err)"
    fi
  fi

  # SQLite peer: .import into a separate database file, then the query per grouping.
  local -A Q_SQLITE=() Q_DUCK=()
  local sqlite_load="" duck_load=""
  local run_sqlite=0
  if has_peer sqlite; then
    run_sqlite=1
    if [[ -n $SQLITE_MAX_TICKETS ]] && (( n > SQLITE_MAX_TICKETS )); then
      run_sqlite=0
      log "sqlite: skipped above SQLITE_MAX_TICKETS=$SQLITE_MAX_TICKETS"
    fi
  fi
  if (( run_sqlite )); then
    rm -f "$dir/peer.sqlite"
    if timed "$dir/sqlite_load" bash -c 'cd "$1" && sqlite3 "$2" <"$3" >/dev/null' _ "$ws" "$dir/peer.sqlite" "$BENCH_DIR/sql/sqlite_load.sql"; then
      sqlite_load=$T_WALL
      log "sqlite: load $(f2 "$sqlite_load") s ($peer_rows rows of tickets, events, agents, surveys), peak RSS $(mib "$T_RSS_KB") MiB"
      for by in $GROUPINGS; do
        if timed "$dir/sqlite_$by" sqlite3 -cmd ".parameter set @from $from_epoch" -cmd ".parameter set @to $to_epoch" \
          -cmd ".parameter set @repeat $((repeat_days * 86400))" -cmd ".parameter set @by '$by'" -cmd ".mode json" \
          "$dir/peer.sqlite" <"$BENCH_DIR/sql/sqlite_kpis.sql"; then
          Q_SQLITE[$by]=$T_WALL
          [[ -s $dir/sqlite_$by.out ]] || echo "[]" >"$dir/sqlite_$by.out"
          log "sqlite: query by $by $(f2 "${Q_SQLITE[$by]}") s, peak RSS $(mib "$T_RSS_KB") MiB"
        else
          fail "sqlite query by $by"
        fi
      done
    else
      fail "sqlite load"
    fi
    rm -f "$dir/peer.sqlite"
  fi

  # DuckDB peer: one node process loads the CSV files in memory and runs the query per grouping.
  if has_peer duckdb; then
    mkdir -p "$dir/duckdb_tmp"
    if timed "$dir/duckdb" node "$BENCH_DIR/duckdb_peer.mjs" --dir "$ws" --from "$from_epoch" --to "$to_epoch" \
      --repeat "$((repeat_days * 86400))" --by "${GROUPINGS// /,}" --out "$dir/duckdb" \
      --memory-limit "${DUCKDB_MEMORY_LIMIT_GB}GB" --temp-dir "$dir/duckdb_tmp"; then
      local out=$dir/duckdb.out
      duck_load=$(node -p "JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8')).load_seconds" "$out")
      for by in $GROUPINGS; do
        Q_DUCK[$by]=$(node -p "JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8')).query_seconds[process.argv[2]]" "$out" "$by")
      done
      log "duckdb: load $(f2 "$duck_load") s, query by channel $(f2 "${Q_DUCK[channel]}") s, by month $(f2 "${Q_DUCK[month]}") s, process wall $(f2 "$T_WALL") s, peak RSS $(mib "$T_RSS_KB") MiB"
    else
      fail "duckdb peer"
    fi
    rm -rf "$dir/duckdb_tmp"
  fi

  # Agreement, per grouping, between the engine's full-catalog report and each peer that ran.
  for by in $GROUPINGS; do
    [[ -n ${E_COMPUTE[$by]:-} ]] || continue
    local sq=- dk=-
    [[ -n ${Q_SQLITE[$by]:-} ]] && sq=$dir/sqlite_$by.out
    [[ -n ${Q_DUCK[$by]:-} ]] && dk=$dir/duckdb_$by.json
    if ! node "$BENCH_DIR/compare_kpis.mjs" --by "$by" --engine "$dir/engine_$by.out" --sqlite "$sq" --duckdb "$dk" \
      | tee -a "$results"; then
      FAILED=1
    fi
  done

  # Timings and ratios (peer seconds / engine seconds: how many times faster the engine is).
  log "timings and ratios ($n tickets; ratio = peer seconds / engine seconds, above 1 = engine faster):"
  for by in $GROUPINGS; do
    local base=${S_COMPUTE[$by]:-${E_COMPUTE[$by]:-}}
    local line="  by $by, once loaded: engine $(f3 "${E_COMPUTE[$by]:-}") s (full catalog)"
    [[ -n ${S_COMPUTE[$by]:-} ]] && line+=", $(f3 "${S_COMPUTE[$by]}") s (SQL-expressible set)"
    has_peer duckdb && line+="; DuckDB query $(f3 "${Q_DUCK[$by]:-}") s = $(ratio "${Q_DUCK[$by]:-}" "$base")x"
    (( run_sqlite )) && line+="; SQLite query $(f3 "${Q_SQLITE[$by]:-}") s = $(ratio "${Q_SQLITE[$by]:-}" "$base")x"
    log "$line"
    line="  by $by, cold: engine report process $(f2 "${E_WALL[$by]:-}") s (full catalog, snapshot present)"
    if [[ -n $duck_load && -n ${Q_DUCK[$by]:-} ]]; then
      local dcold
      dcold=$(calc "$duck_load + ${Q_DUCK[$by]}")
      line+="; DuckDB CSV load + query $(f2 "$dcold") s = $(ratio "$dcold" "${E_WALL[$by]:-}")x"
    fi
    if [[ -n $sqlite_load && -n ${Q_SQLITE[$by]:-} ]]; then
      local scold
      scold=$(calc "$sqlite_load + ${Q_SQLITE[$by]}")
      line+="; SQLite CSV load + query $(f2 "$scold") s = $(ratio "$scold" "${E_WALL[$by]:-}")x"
    fi
    log "$line"
  done
  local lrate="  load: engine import ${import_rate:--} rows/s (all $total_rows rows of 12 files, validated, durable)"
  [[ -n $duck_load ]] && lrate+="; DuckDB CSV load $(awk -v r="$peer_rows" -v s="$duck_load" 'BEGIN { printf "%.0f", r / s }') rows/s"
  [[ -n $sqlite_load ]] && lrate+="; SQLite CSV load $(awk -v r="$peer_rows" -v s="$sqlite_load" 'BEGIN { printf "%.0f", r / s }') rows/s"
  [[ -n $duck_load$sqlite_load ]] && lrate+=" (4 files, $peer_rows rows, in memory or not durable)"
  log "$lrate"

  # Targets.
  local worst_compute="" worst_cold="" worst_speedup=""
  for by in $GROUPINGS; do
    [[ -n ${E_COMPUTE[$by]:-} ]] || continue
    worst_compute=$(awk -v a="$worst_compute" -v b="${E_COMPUTE[$by]}" 'BEGIN { print (a == "" || b > a ? b : a) }')
    worst_cold=$(awk -v a="$worst_cold" -v b="${E_WALL[$by]}" 'BEGIN { print (a == "" || b > a ? b : a) }')
    if [[ -n ${Q_DUCK[$by]:-} ]]; then
      local sp
      sp=$(ratio "${Q_DUCK[$by]}" "${S_COMPUTE[$by]:-${E_COMPUTE[$by]}}")
      worst_speedup=$(awk -v a="$worst_speedup" -v b="$sp" 'BEGIN { print (a == "" || b < a ? b : a) }')
    fi
  done
  log "targets ($n tickets; the worse grouping counts):"
  if (( n == 10000000 )); then
    log "  full catalog once loaded <= 0.5 s on 10M tickets: $(f3 "$worst_compute") s -> $(verdict "$worst_compute" 'v <= 0.5')"
  else
    log "  full catalog once loaded: $(f3 "$worst_compute") s (the 0.5 s target is for 10M tickets)"
  fi
  has_peer duckdb && log "  at least 3x DuckDB on the SQL-expressible set, once loaded: ${worst_speedup:--}x -> $(verdict "$worst_speedup" 'v >= 3')"
  if (( n == 1000000 || n == 10000000 )); then
    local limit=$(( n == 1000000 ? 1 : 5 ))
    log "  cold report in a fresh process <= $limit s, snapshot present: $(f2 "$worst_cold") s -> $(verdict "$worst_cold" "v <= $limit")"
    log "  cold report in a fresh process <= $limit s, first report after the import: $(f2 "$first_wall") s -> $(verdict "$first_wall" "v <= $limit")"
  else
    log "  cold report in a fresh process: $(f2 "$worst_cold") s with the snapshot, $(f2 "$first_wall") s for the first report after the import (targets: 1 s on 1M tickets, 5 s on 10M)"
  fi
  log "  import >= 500000 rows/s end to end: ${import_rate:--} rows/s into a new database -> $(verdict "$import_rate" 'v >= 500000')"
  [[ -n $append_rate ]] && log "    into an existing database: $append_rate rows/s -> $(verdict "$append_rate" 'v >= 500000')"
  log "  memory < 150 bytes per event: ${bytes_per_event:--} -> $(verdict "$bytes_per_event" 'v < 150')"

  SUMMARY_ROWS+=("$n|$events_rows|${import_rate:--}|$(f2 "$first_wall")|$(f2 "$worst_cold")|$(f3 "$worst_compute")|$(f3 "${S_COMPUTE[channel]:-}")|$(f3 "${Q_DUCK[channel]:-}")|$(f3 "${Q_SQLITE[channel]:-}")|${bytes_per_event:--}")

  if [[ $KEEP_DATA != 1 ]]; then rm -rf "$dir"; fi
  DONE_SIZES+=("$n")
}

for n in $SIZES; do
  [[ $n =~ ^[0-9]+$ ]] || die "SIZES: not a ticket count: $n"
  run_size "$n"
done
# A shell error inside run_size (an expansion error, say) abandons the loop without tripping set -e.
if [[ "${DONE_SIZES[*]:-}" != "$(echo $SIZES)" ]]; then
  echo "FAILED: the run stopped early; sizes completed: ${DONE_SIZES[*]:-none} of $SIZES" >&2
  FAILED=1
fi

echo
echo "summary (seconds; first_s = first report after the import, cold_s = later fresh process (worse grouping),"
echo "compute_s = full catalog once loaded (worse grouping); SQL set and peers by channel; B/event = peak RSS / events):"
printf '  %-10s %-10s %-11s %-8s %-8s %-10s %-9s %-9s %-9s %s\n' tickets events import_r/s first_s cold_s compute_s sqlset_s duckdb_s sqlite_s B/event
for row in "${SUMMARY_ROWS[@]}"; do
  IFS='|' read -r n ev rate first cold comp sqlset dq sq bpe <<<"$row"
  printf '  %-10s %-10s %-11s %-8s %-8s %-10s %-9s %-9s %-9s %s\n' "$n" "$ev" "$rate" "$first" "$cold" "$comp" "$sqlset" "$dq" "$sq" "$bpe"
done
if [[ $KEEP_DATA != 1 && -z ${BENCH_WORK:-} ]]; then rm -rf "$WORK"; fi
if [[ $FAILED -ne 0 ]]; then
  echo "FAILED: a step failed or the engine and a SQL peer disagree (see above)" >&2
  exit 1
fi
echo "engine and peers agree on every checked figure"
