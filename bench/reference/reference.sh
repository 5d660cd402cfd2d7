#!/usr/bin/env bash
# Reference limits of the system's own Redis and PostgreSQL (bench/README.md, "Load test"):
#   redis-benchmark: XADD to a scratch stream, 16 clients, no pipelining, 200,000 commands
#   pgbench:         enqueue.sql (the enqueue's INSERT into resume_jobs), 16 clients, 30 s, extended
#                    protocol like Npgsql's default; then 15 s more with -M prepared
# bench/load.sh calls it with the Worker paused; it can also run on its own:
#   bench/reference/reference.sh --redis 127.0.0.1:PORT --pg 'Host=…;Port=…;Username=…;Password=…;Database=…' \
#       --owner OWNER_ID --candidate CANDIDATE_ID --version N --out DIR [--duration 30] [--clients 16] [--requests 200000]
# Writes DIR/reference.json (and the tools' raw output next to it). Rows it inserts are deleted again.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
duration=30 clients=16 requests=200000 redis="" pg="" owner="" candidate="" version="" out=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --redis) redis="$2"; shift 2 ;;
    --pg) pg="$2"; shift 2 ;;
    --owner) owner="$2"; shift 2 ;;
    --candidate) candidate="$2"; shift 2 ;;
    --version) version="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --clients) clients="$2"; shift 2 ;;
    --requests) requests="$2"; shift 2 ;;
    *) echo "reference.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[[ -n "$redis" && -n "$pg" && -n "$owner" && -n "$candidate" && -n "$version" && -n "$out" ]] \
  || { echo "reference.sh: --redis, --pg, --owner, --candidate, --version and --out are required" >&2; exit 2; }
mkdir -p "$out"

pgbin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[[ -x "$pgbin/pgbench" ]] || { echo "reference.sh: pgbench not found under /usr/lib/postgresql/*/bin (package postgresql-contrib / postgresql)" >&2; exit 1; }
command -v redis-benchmark >/dev/null || { echo "reference.sh: redis-benchmark not found (package redis-tools)" >&2; exit 1; }

# Connection string fields (Npgsql syntax, as the app host hands it to the Api).
field() { tr ';' '\n' <<<"$pg" | sed -n "s/^$1=//Ip" | head -1; }
export PGHOST="$(field Host)" PGPORT="$(field Port)" PGUSER="$(field Username)" PGPASSWORD="$(field Password)" PGDATABASE="$(field Database)"
redis_host="${redis%:*}" redis_port="${redis##*:}"

number() { awk -v v="$1" 'BEGIN { if (v == "") print "null"; else print v + 0 }'; }

# --- Redis: XADD ---------------------------------------------------------------------------------
xadd_csv() {   # $1 = name for the raw file, rest = the command
  local name="$1"; shift
  redis-benchmark -h "$redis_host" -p "$redis_port" -n "$requests" -c "$clients" -P 1 --csv "$@" >"$out/redis-$name.csv" 2>&1
  # "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
  tail -1 "$out/redis-$name.csv" | tr -d '"' | awk -F, '{ printf "{\"rps\": %s, \"avg_ms\": %s, \"p50_ms\": %s, \"p95_ms\": %s, \"p99_ms\": %s, \"max_ms\": %s}", $2, $3, $5, $6, $7, $8 }'
}
echo "  redis-benchmark XADD bench:stream: $requests commands, $clients clients" >&2
xadd_simple="$(xadd_csv xadd XADD bench:stream '*' job_id __rand_int__)"
# The Api's real entry: four fields (job_id, traceparent, tracestate, enqueued_at).
xadd_entry="$(xadd_csv xadd-entry XADD bench:stream '*' job_id 0190f3a2-7c1e-7b3d-9a4f-__rand_int__ \
  traceparent 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 tracestate '' enqueued_at 1764388800000)"
redis-cli -h "$redis_host" -p "$redis_port" DEL bench:stream >/dev/null

# --- PostgreSQL: the enqueue INSERT --------------------------------------------------------------
echo "  pgbench enqueue.sql: $clients clients, $duration s" >&2
jd="$(cat "$here/job-description.txt")"
"$pgbin/pgbench" -n -M extended -c "$clients" -j 2 -T "$duration" -P 5 -f "$here/enqueue.sql" \
  -D owner="$owner" -D candidate="$candidate" -D version="$version" -D jd="$jd" >"$out/pgbench-enqueue.txt" 2>&1 \
  || { echo "reference.sh: pgbench failed:" >&2; tail -20 "$out/pgbench-enqueue.txt" >&2; exit 1; }
tps="$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time)/\1/p' "$out/pgbench-enqueue.txt")"
lat="$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' "$out/pgbench-enqueue.txt")"
stddev="$(sed -n 's/^latency stddev = \([0-9.]*\) ms/\1/p' "$out/pgbench-enqueue.txt")"
txns="$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$out/pgbench-enqueue.txt")"
failed="$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$out/pgbench-enqueue.txt")"
# The same with server-side prepared statements (what Npgsql's Max Auto Prepare would give), 15 s.
echo "  pgbench enqueue.sql -M prepared: $clients clients, 15 s" >&2
"$pgbin/pgbench" -n -M prepared -c "$clients" -j 2 -T 15 -f "$here/enqueue.sql" \
  -D owner="$owner" -D candidate="$candidate" -D version="$version" -D jd="$jd" >"$out/pgbench-enqueue-prepared.txt" 2>&1 || true
tps_prepared="$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time)/\1/p' "$out/pgbench-enqueue-prepared.txt")"
lat_prepared="$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' "$out/pgbench-enqueue-prepared.txt")"
settings="$("$pgbin/psql" -XAtc "SELECT string_agg(name || '=' || setting, ', ' ORDER BY name) FROM pg_settings WHERE name IN ('synchronous_commit', 'fsync', 'wal_sync_method', 'shared_buffers', 'max_connections', 'full_page_writes', 'commit_delay')")"
deleted="$("$pgbin/psql" -XAtc "WITH d AS (DELETE FROM resume_jobs WHERE owner_id = '$owner' AND job_ref LIKE 'PGBENCH-%' RETURNING 1) SELECT count(*) FROM d")"
rows="$("$pgbin/psql" -XAtc "SELECT count(*) FROM resume_jobs")"

cat >"$out/reference.json" <<JSON
{
  "redis_xadd": $xadd_simple,
  "redis_xadd_job_entry": $xadd_entry,
  "redis_command": "redis-benchmark -p $redis_port -n $requests -c $clients -P 1 XADD bench:stream '*' job_id __rand_int__",
  "pgbench_enqueue_insert": {"tps": $(number "$tps"), "latency_avg_ms": $(number "$lat"), "latency_stddev_ms": $(number "$stddev"), "transactions": $(number "$txns"), "failed": $(number "${failed:-0}"), "rows_deleted_after": $(number "$deleted"), "resume_jobs_rows_left": $(number "$rows")},
  "pgbench_enqueue_insert_prepared": {"tps": $(number "$tps_prepared"), "latency_avg_ms": $(number "$lat_prepared"), "duration_s": 15},
  "pgbench_command": "pgbench -n -M extended -c $clients -j 2 -T $duration -f bench/reference/enqueue.sql -D owner=… -D candidate=… -D version=$version -D jd=@bench/reference/job-description.txt",
  "postgres_settings": "$settings"
}
JSON
echo "  XADD $(sed 's/.*"rps": \([0-9.]*\).*/\1/' <<<"$xadd_simple")/s; pgbench INSERT ${tps:-?} tps" >&2
