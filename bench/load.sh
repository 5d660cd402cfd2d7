#!/usr/bin/env bash
# The load test in one command (bench/README.md, "Load test"):
#
#   bench/load.sh [--users 100,1000,2000] [--duration 60s] [--warmup 10s] [--scenarios poll,mix,enqueue]
#                 [--default-limits] [--via-proxy] [--no-reference] [--worker-jobs 6000] [--drain-timeout 60] [--profile] [--perf]
#                 [--env KEY=VALUE]… [--no-autogroup] [-- LOADGEN OPTIONS…]
#
# Builds Release; starts the whole system in local mode (app host → PostgreSQL, Redis, Api, Worker,
# dashboard; no web app) on free ports with a throw-away data folder; waits for /api/healthz;
# measures the reference limits (redis-benchmark XADD, pgbench of the enqueue INSERT) with the
# Worker paused; measures the Worker's drain rate (queue filled with at least --worker-jobs jobs with
# the Worker paused, then drained alone; 0 skips it); runs the load generator once per scenario and user count; writes
# bench/results/<UTC timestamp>/{run.json, reference.json, <scenario>-<users>.json/.md,
# server-log-counts.tsv, worker-drain.json, summary.md}; then stops everything it started and deletes the data folder.
# The raw folder is not kept in git (.gitignore); its summary.md is copied to bench/results/<stamp>.md,
# the one file per run that is meant to be committed.
# Everything after -- goes to each load generator run (see its --help).
#
#   --default-limits  keep the Api's per-user limits (120 enqueues/min, 100 in flight): expect 429s.
#                     Otherwise Limits__EnqueuePermits=1000000 and Limits__MaxInFlightPerUser=100000
#                     are passed to the Api (it inherits the app host's environment).
#   --via-proxy       drive the Api through the app host's fixed port (DCP's dev-time TCP proxy)
#                     instead of the Api's own Kestrel port.
#   --profile         per step: dotnet-counters (CSV) of Api and Worker over the measured window, and
#                     a dotnet-trace thread-time sample of each (up to 20 s of it), summarised
#                     in <step>-{api,worker}-profile.txt (tools installed under the load generator's obj/);
#                     and what PostgreSQL's busy backends run, sampled 5×/s: <step>-pg-activity.txt.
#   --perf            per step: Linux perf (cpu-clock, 499 Hz, call graphs) of the Api and the Worker for
#                     15 s of the measured window, and of the Worker during the drain; JIT frames are named
#                     through perf maps (DOTNET_PerfMapEnabled=3). Summarised by stage (auth ticket,
#                     validation, lookup, insert, Redis, telemetry, HTTP, GC, …) in CPU ms per request (Api) or job (Worker):
#                     <step>-{api,worker}-stages.txt and drain-worker-stages.txt. Costs far less than --profile
#                     (no EventPipe session in the process), so the two are best not combined.
#   --env KEY=VALUE   extra environment for the app host, inherited by Api and Worker (experiments,
#                     e.g. --env DOTNET_gcServer=0); recorded in run.json.
#   --no-autogroup    turn the kernel's session autogroups off for the run (sysctl
#                     kernel.sched_autogroup_enabled=0, as PostgreSQL servers are tuned; needs root) and
#                     back on at the end. With them on, every PostgreSQL backend (each calls setsid) weighs
#                     as much on the scheduler as the Api, Worker and dashboard together, and the Worker's
#                     nice value only ranks it within that one group. The summary's machine line says which.
set -euo pipefail
self="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
cd "$(dirname "$0")/.."
root="$PWD"
original_args="$*"

users="100,1000,2000" duration="60s" warmup="10s" scenarios="poll,mix,enqueue"
limits="raised" via_proxy=0 reference=1 drain_timeout=60 profile=0 perf=0 drain_jobs=6000 extra=() user_env=() no_autogroup=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --users) users="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --scenarios|--scenario) scenarios="$2"; shift 2 ;;
    --default-limits) limits="default"; shift ;;
    --via-proxy) via_proxy=1; shift ;;
    --no-reference) reference=0; shift ;;
    --drain-timeout) drain_timeout="$2"; shift 2 ;;
    --worker-jobs) drain_jobs="$2"; shift 2 ;;
    --worker-fill) [[ "$2" == 0 ]] && drain_jobs=0; echo "load.sh: --worker-fill is replaced by --worker-jobs N (0 still skips the drain)" >&2; shift 2 ;;
    --profile) profile=1; shift ;;
    --perf) perf=1; shift ;;
    --env) user_env+=("$2"); shift 2 ;;
    --no-autogroup) no_autogroup=1; shift ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$self"; exit 0 ;;
    *) echo "load.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
if [[ $perf == 1 ]]; then
  command -v perf >/dev/null || { echo "load.sh: --perf needs Linux perf (apt-get install linux-perf)" >&2; exit 2; }
  # 3 = perf map only (no jitdump files); with W^X on, JIT code runs from a memfd mapping perf cannot name.
  user_env+=(DOTNET_PerfMapEnabled=3 DOTNET_EnableWriteXorExecute=0)
fi

autogroup_file=/proc/sys/kernel/sched_autogroup_enabled autogroup_before=""
if [[ $no_autogroup == 1 ]]; then
  [[ -w $autogroup_file ]] || { echo "load.sh: --no-autogroup needs root (it writes $autogroup_file)" >&2; exit 2; }
  autogroup_before="$(cat "$autogroup_file")"
fi

stamp="$(date -u +%Y%m%d-%H%M%S)"
out="$root/bench/results/$stamp"
mkdir -p "$out"
data="$(mktemp -d /tmp/resumeaspire-load-XXXXXX)"
chmod 755 "$data"   # PostgreSQL runs as the postgres user when we are root: it must reach its folder
marker="$stamp-$$"  # RESUMEASPIRE_LOAD_RUN: every process of this run inherits it
log() { echo "[load $(date -u +%H:%M:%S)] $*" >&2; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

taken_ports=" "
free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$(( (RANDOM * 32768 + RANDOM) % 25000 + 30000 ))
    [[ "$taken_ports" == *" $port "* ]] && continue
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then taken_ports+="$port "; echo "$port"; return; fi
  done
  echo "load.sh: no free port found" >&2; exit 1
}

# Processes of this run: those carrying the marker in their environment (app host, DCP, dashboard,
# Api, Worker) and those naming the data folder on their command line (postgres, redis-server).
run_pids() {
  local p
  for p in /proc/[0-9]*; do
    p="${p#/proc/}"
    [[ "$p" == "$$" || "$p" == "$BASHPID" ]] && continue
    if grep -qzx "RESUMEASPIRE_LOAD_RUN=$marker" "/proc/$p/environ" 2>/dev/null \
       || grep -qzF "$data" "/proc/$p/cmdline" 2>/dev/null; then
      echo "$p"
    fi
  done
  return 0
}
cmdline() { tr '\0' ' ' 2>/dev/null <"/proc/$1/cmdline" || true; }
env_of() { { tr '\0' '\n' 2>/dev/null <"/proc/$1/environ" || true; } | sed -n "s/^$2=//p" | head -1; }
find_service() {   # $1 = ResumeAspire.Api | ResumeAspire.Worker: the service itself, not `dotnet run`
  local p
  for p in $(run_pids); do
    if cmdline "$p" | grep -Eq "(^|/)$1(\.dll)?( |\$)"; then echo "$p"; fi
  done
  return 0
}

# DCP captures every resource's stdout and stderr (PostgreSQL's log, the Api's and Worker's console
# logs) in its temporary folder, which it deletes when it stops: count the lines that explain
# failures, cumulatively, after each step (server-log-counts.tsv).
dcp_dir=""
server_log_counts() {   # $1 = label
  if [[ -z "$dcp_dir" ]]; then
    local p k
    for p in $(run_pids); do
      k="$(cmdline "$p" | grep -o -- '--kubeconfig [^ ]*' | head -1 | cut -d' ' -f2 || true)"
      if [[ -n "$k" ]]; then dcp_dir="$(dirname "$k")"; break; fi
    done
  fi
  [[ -n "$dcp_dir" && -d "$dcp_dir" ]] || return 0
  [[ -f "$out/server-log-counts.tsv" ]] || printf 'after\tlines\tpattern\n' >"$out/server-log-counts.tsv"
  local pattern
  for pattern in "sorry, too many clients already" "The connection pool has been exhausted" "Timeout during connection attempt" \
                 "The database is unavailable while serving" "Redis refused job"; do
    printf '%s\t%s\t%s\n' "$1" "$(cat "$dcp_dir"/*_out "$dcp_dir"/*_err 2>/dev/null | grep -cF -- "$pattern" || true)" "$pattern" >>"$out/server-log-counts.tsv"
  done
  return 0
}

apphost_pid=""
api_pid=""
worker_pids=""
cleanup() {
  local status=$?
  set +e
  [[ -n "$worker_pids" ]] && kill -CONT $worker_pids 2>/dev/null
  [[ -n "$apphost_pid" ]] && server_log_counts end
  if [[ -n "$apphost_pid" ]] && kill -0 "$apphost_pid" 2>/dev/null; then
    log "stopping the system (SIGINT to process group $apphost_pid)"
    kill -INT -- "-$apphost_pid" 2>/dev/null
    for _ in $(seq 1 120); do kill -0 "$apphost_pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$apphost_pid" 2>/dev/null && kill -TERM -- "-$apphost_pid" 2>/dev/null && sleep 5
    kill -0 "$apphost_pid" 2>/dev/null && kill -KILL -- "-$apphost_pid" 2>/dev/null
  fi
  # DCP runs in sessions of its own and stops the resources by itself; wait, then end what is left.
  local left
  for _ in $(seq 1 60); do left="$(run_pids)"; [[ -z "$left" ]] && break; sleep 0.5; done
  if [[ -n "$left" ]]; then
    log "ending leftover processes of this run: $(echo $left)"
    kill -TERM $left 2>/dev/null; sleep 3
    left="$(run_pids)"; [[ -n "$left" ]] && kill -KILL $left 2>/dev/null
  fi
  rm -rf "$data"
  [[ -n "$autogroup_before" ]] && echo "$autogroup_before" >"$autogroup_file"
  [[ $perf == 1 ]] && rm -f /tmp/perf-"${api_pid:-none}".map $(for p in $worker_pids; do echo "/tmp/perf-$p.map"; done)
  log "stopped; data folder deleted; results in ${out#$root/}"
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM
[[ -n "$autogroup_before" ]] && echo 0 >"$autogroup_file"
autogroup_state="kernel autogroup $( [[ -r $autogroup_file ]] && { [[ "$(cat "$autogroup_file")" == 1 ]] && echo on || echo off; } || echo 'not available')"
[[ -n "$autogroup_before" ]] && autogroup_state+=" (--no-autogroup)"

log "results: ${out#$root/}; load average $(loadavg)"
log "building Release (app host, Api, Worker, load generator)"
dotnet build ResumeAspire.AppHost -c Release -nologo -v q >"$out/build.log" 2>&1 \
  || { tail -30 "$out/build.log" >&2; exit 1; }
dotnet build bench/ResumeAspire.LoadGenerator -c Release -nologo -v q >>"$out/build.log" 2>&1 \
  || { tail -30 "$out/build.log" >&2; exit 1; }
loadgen=(dotnet "$root/bench/ResumeAspire.LoadGenerator/bin/Release/net10.0/ResumeAspire.LoadGenerator.dll")

api_port="$(free_port)" dashboard_port="$(free_port)" otlp_port="$(free_port)" resource_port="$(free_port)"
limit_env=()
if [[ "$limits" == raised ]]; then
  limit_env=(Limits__EnqueuePermits=1000000 Limits__MaxInFlightPerUser=100000)
fi
log "starting the system in local mode (Api on :$api_port, dashboard on :$dashboard_port, limits: $limits)"
env RESUMEASPIRE_LOAD_RUN="$marker" \
    ASPNETCORE_URLS="http://127.0.0.1:$dashboard_port" \
    ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL="http://127.0.0.1:$otlp_port" \
    ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL="http://127.0.0.1:$resource_port" \
    ASPIRE_ALLOW_UNSECURED_TRANSPORT=true \
    ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS=true \
    DOTNET_ENVIRONMENT=Development DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 \
    "${limit_env[@]}" "${user_env[@]}" \
  setsid dotnet run --project ResumeAspire.AppHost -c Release --no-build --no-launch-profile -- \
    --Infrastructure:Mode=local --Infrastructure:DataPath="$data" --Ports:Api="$api_port" --Web:Enabled=false \
    >"$out/apphost.log" 2>&1 &
apphost_pid=$!

proxy_url="http://127.0.0.1:$api_port"
for i in $(seq 1 600); do
  if curl -fsS -m 5 "$proxy_url/api/healthz" >/dev/null 2>&1; then break; fi
  kill -0 "$apphost_pid" 2>/dev/null || { log "the app host exited:"; tail -30 "$out/apphost.log" >&2; exit 1; }
  [[ $i == 600 ]] && { log "no healthy /api/healthz after 300 s"; tail -30 "$out/apphost.log" >&2; exit 1; }
  sleep 0.5
done
log "healthy: $(curl -fsS -m 5 "$proxy_url/api/healthz")"

api_pid="$(find_service ResumeAspire.Api | head -1)"
worker_pids="$(find_service ResumeAspire.Worker | tr '\n' ' ')"
[[ -n "$api_pid" && -n "$worker_pids" ]] || { log "could not find the Api or Worker process"; exit 1; }
api_port_direct="$(env_of "$api_pid" ASPNETCORE_URLS | tr ';' '\n' | grep -m1 '^http://' | sed 's#.*:\([0-9]*\)/*$#\1#')"
redis="$(env_of "$api_pid" ConnectionStrings__redis)"
pg="$(env_of "$api_pid" ConnectionStrings__resumedb)"
redis_port="${redis##*:}"
postmaster="$(head -1 "$data/postgres/postmaster.pid")"
direct_url="http://127.0.0.1:$api_port_direct"
target="$direct_url"; [[ $via_proxy == 1 ]] && target="$proxy_url"
log "Api pid $api_pid ($direct_url direct, $proxy_url via the proxy; driving $target); Worker pid(s) $worker_pids; Redis $redis; postmaster $postmaster"
log "Api limits: EnqueuePermits=$(env_of "$api_pid" Limits__EnqueuePermits) MaxInFlightPerUser=$(env_of "$api_pid" Limits__MaxInFlightPerUser) (empty = the default 120 and 100)"

cat >"$out/run.json" <<JSON
{
  "command": "bench/load.sh${original_args:+ $original_args}",
  "users": "$users", "duration": "$duration", "warmup": "$warmup", "scenarios": "$scenarios",
  "limits": "$limits", "enqueue_permits": "$(env_of "$api_pid" Limits__EnqueuePermits)", "max_in_flight": "$(env_of "$api_pid" Limits__MaxInFlightPerUser)",
  "target": "$target", "via_proxy": $via_proxy, "extra_env": "${user_env[*]}", "profile": $profile,
  "started_at": "$(date -u +%FT%TZ)", "load_average_at_start": "$(loadavg)",
  "machine": "$(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr), $autogroup_state",
  "dotnet": "$(dotnet --version)",
  "commit": "$(cat .git/refs/heads/main 2>/dev/null || true)"
}
JSON

if [[ $reference == 1 ]]; then
  log "reference limits (Worker paused with SIGSTOP; load average $(loadavg))"
  candidate="$("${loadgen[@]}" prepare-reference --base-url "$target" --email "reference-$stamp@bench.example.com")"
  read -r owner version < <(PGPASSWORD="$(tr ';' '\n' <<<"$pg" | sed -n 's/^Password=//p')" \
    "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/psql" -XAt -F' ' \
    -h 127.0.0.1 -p "$(tr ';' '\n' <<<"$pg" | sed -n 's/^Port=//p')" -U "$(tr ';' '\n' <<<"$pg" | sed -n 's/^Username=//p')" \
    -d "$(tr ';' '\n' <<<"$pg" | sed -n 's/^Database=//p')" -c "SELECT owner_id, version FROM candidates WHERE id = '$candidate'")
  kill -STOP $worker_pids
  bench/reference/reference.sh --redis "$redis" --pg "$pg" --owner "$owner" --candidate "$candidate" --version "$version" --out "$out"
  kill -CONT $worker_pids
fi

procs=(--proc "postgres=tree:$postmaster" --proc "redis=redis-server .*:$redis_port( |\$)"
       --proc "dashboard=Aspire\.Dashboard@RESUMEASPIRE_LOAD_RUN=$marker" --proc "dcp=/dcp @RESUMEASPIRE_LOAD_RUN=$marker"
       --proc "apphost=ResumeAspire\.AppHost( |\$)@RESUMEASPIRE_LOAD_RUN=$marker")
backlog() { redis-cli -h "${redis%:*}" -p "$redis_port" XINFO GROUPS resume:jobs 2>/dev/null \
  | awk 'prev=="pending" {p=$1} prev=="lag" {l=$1} {prev=$1} END {print (p+0)+(l+0)}'; }

secs() {   # 60s | 2m | 60 → whole seconds
  case "$1" in *ms) echo $(( ${1%ms} / 1000 )) ;; *s) echo "${1%s}" ;; *m) echo $(( ${1%m} * 60 )) ;; *) echo "$1" ;; esac
}
dhms() { printf '00:%02d:%02d:%02d' $(( $1 / 3600 )) $(( $1 % 3600 / 60 )) $(( $1 % 60 )); }
tools="$root/bench/ResumeAspire.LoadGenerator/obj/tools"
if [[ $profile == 1 ]]; then
  for tool in dotnet-counters dotnet-trace; do
    [[ -x "$tools/$tool" ]] || dotnet tool install --tool-path "$tools" "$tool" --version 10.0.750501 >>"$out/build.log" 2>&1 \
      || { log "could not install $tool: profiling off"; profile=0; }
  done
fi
pg_field() { tr ';' '\n' <<<"$pg" | sed -n "s/^$1=//p"; }
pg_psql() {
  PGPASSWORD="$(pg_field Password)" "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/psql" -XAt \
    -h 127.0.0.1 -p "$(pg_field Port)" -U "$(pg_field Username)" -d "$(pg_field Database)" "$@"
}
profile_start() {   # $1 = step name: counters and a thread-time trace of the measured window
  profilers=()
  [[ $profile == 1 ]] || return 0
  local window=$(secs "$duration") trace svc pid
  trace=$window; (( trace > 20 )) && trace=20
  for svc in api worker; do
    if [[ $svc == api ]]; then pid="$api_pid"; else pid="${worker_pids%% *}"; fi
    ( for _ in $(seq 1 1200); do [[ -f "$out/$1.measuring" ]] && break; sleep 0.5; done   # set-up can take minutes
      "$tools/dotnet-counters" collect -p "$pid" --refresh-interval 1 --format csv -o "$out/$1-$svc-counters.csv" --duration "$(dhms "$window")" \
        --counters System.Runtime,Microsoft.AspNetCore.Hosting,Microsoft.AspNetCore.Server.Kestrel,System.Net.Http,Npgsql,Microsoft.EntityFrameworkCore \
        >"$out/$1-$svc-counters.log" 2>&1 ) &
    profilers+=($!)
    ( for _ in $(seq 1 1200); do [[ -f "$out/$1.measuring" ]] && break; sleep 0.5; done
      sleep 2
      "$tools/dotnet-trace" collect -p "$pid" --profile dotnet-sampled-thread-time --format Speedscope \
        -o "$out/$1-$svc.nettrace" --duration "$(dhms "$trace")" >"$out/$1-$svc-trace.log" 2>&1 ) &
    profilers+=($!)
  done
  # One psql session re-running the query 5×/s (\watch): what the busy backends run or wait for.
  ( for _ in $(seq 1 1200); do [[ -f "$out/$1.measuring" ]] && break; sleep 0.5; done
    printf '%s\n' "SELECT coalesce(wait_event_type, 'CPU') || ':' || coalesce(wait_event, '-') || E'\t' || regexp_replace(left(query, 110), '\s+', ' ', 'g') FROM pg_stat_activity WHERE state = 'active' AND backend_type = 'client backend' AND pid <> pg_backend_pid() \watch 0.2" \
      | timeout "$window" bash -c "$(declare -f pg_field pg_psql); pg=$(printf '%q' "$pg"); pg_psql" >"$out/$1-pg-activity.raw" 2>/dev/null || true ) &
  profilers+=($!)
}
profile_finish() {   # $1 = step name
  [[ $profile == 1 ]] || return 0
  wait "${profilers[@]}" 2>/dev/null || true
  rm -f "$out/$1.measuring"
  local svc
  for svc in api worker; do
    if [[ -f "$out/$1-$svc.speedscope.json" ]]; then
      "${loadgen[@]}" profile --speedscope "$out/$1-$svc.speedscope.json" --top 30 >"$out/$1-$svc-profile.txt" 2>&1 || true
    fi
    rm -f "$out/$1-$svc.nettrace" "$out/$1-$svc.nettrace.etlx" "$out/$1-$svc.speedscope.json"
  done
  if [[ -f "$out/$1-pg-activity.raw" ]]; then
    { echo "PostgreSQL backends seen active (wait event, statement), sampled every 0.2 s: $(grep -c . "$out/$1-pg-activity.raw" || true) backend-samples"
      # A quiet step samples no busy backend: grep's "no match" must not end the run (pipefail).
      { grep . "$out/$1-pg-activity.raw" || true; } | sort | uniq -c | sort -rn | head -30; } >"$out/$1-pg-activity.txt"
    rm -f "$out/$1-pg-activity.raw"
  fi
}
# pg_stat_statements (local mode preloads it when the installation ships it): reset when a step's
# measured window opens, and the statements that took most of PostgreSQL's time appended to the
# step's report. Times are the executor's wall time per statement (waits included), not CPU.
pgss=0
pg_psql -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" >/dev/null 2>&1 \
  && pg_psql -c "SELECT 1 FROM pg_stat_statements LIMIT 1" >/dev/null 2>&1 && pgss=1
statements_start() {   # $1 = step name, or "now" for a reset at once
  [[ $pgss == 1 ]] || return 0
  if [[ $1 == now ]]; then pg_psql -c "SELECT pg_stat_statements_reset()" >/dev/null 2>&1 || true; return 0; fi
  ( for _ in $(seq 1 1200); do [[ -f "$out/$1.measuring" ]] && break; sleep 0.5; done
    pg_psql -c "SELECT pg_stat_statements_reset()" >/dev/null 2>&1 || true ) &
  statements_waiter=$!
}
statements_report() {   # $1 = title, $2 = seconds measured: a markdown table on stdout
  [[ $pgss == 1 ]] || return 0
  [[ -n "${statements_waiter:-}" ]] && { wait "$statements_waiter" 2>/dev/null || true; statements_waiter=""; }
  printf '\n%s (pg_stat_statements, reset when the window opened; ms are executor wall time, waits included)\n\n' "$1"
  echo "| statement | calls/s | total ms/s | mean ms | rows/call | buffers/call | share |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
  pg_psql -F '|' -c "SELECT '\`' || regexp_replace(left(query, 80), '\s+', ' ', 'g') || '…\`', round(calls / $2::numeric, 1), round((total_exec_time / $2)::numeric, 1),
      round(mean_exec_time::numeric, 3), round(rows::numeric / greatest(calls, 1), 1), round((shared_blks_hit + shared_blks_read)::numeric / greatest(calls, 1), 1),
      round((100 * total_exec_time / nullif(sum(total_exec_time) OVER (), 0))::numeric, 1) || ' %'
    FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
    ORDER BY total_exec_time DESC LIMIT 8" 2>/dev/null | sed 's/|/ | /g; s/^/| /; s/$/ |/'
}
perf_seconds=15 perf_hz=499
perf_record() {   # $1 = pid, $2 = perf.data: CPU samples of every thread of the process, with call graphs
  perf record -e cpu-clock -F "$perf_hz" -g -p "$1" -o "$2" -- sleep "$perf_seconds" >"${2%.perf.data}-perf.log" 2>&1 || true
}
perf_stages() {   # $1 = perf.data, $2 = service, $3 = requests (or jobs) per second during it, $4 = output
  [[ -f "$1" ]] || return 0
  local text="${1%.perf.data}.perf.txt"   # kept gzipped in the raw folder to re-classify later
  perf script -i "$1" -F tid,period,ip,sym,dso >"$text" 2>>"${1%.perf.data}-perf.log" || true
  "${loadgen[@]}" stages --service "$2" --hz "$perf_hz" --seconds "$perf_seconds" --per-second "$3" <"$text" >"$4" 2>&1 || true
  gzip -f "$text"; rm -f "$1"
}
perf_start() {   # $1 = step name
  perfers=()
  [[ $perf == 1 ]] || return 0
  local svc pid
  for svc in api worker; do
    if [[ $svc == api ]]; then pid="$api_pid"; else pid="${worker_pids%% *}"; fi
    ( for _ in $(seq 1 1200); do [[ -f "$out/$1.measuring" ]] && break; sleep 0.5; done
      sleep 2; perf_record "$pid" "$out/$1-$svc.perf.data" ) &
    perfers+=($!)
  done
}
perf_finish() {   # $1 = step name
  [[ $perf == 1 ]] || return 0
  wait "${perfers[@]}" 2>/dev/null || true
  rm -f "$out/$1.measuring"
  local rps acked
  rps="$(sed -n 's/.*"total_requests_per_second": *\([0-9.]*\).*/\1/p' "$out/$1.json" | head -1)"
  acked="$(sed -n 's/.*"acked_per_second": *\([0-9.]*\).*/\1/p' "$out/$1.json" | head -1)"   # the Worker's jobs/s as Redis saw them
  perf_stages "$out/$1-api.perf.data" api "${rps:-0}" "$out/$1-api-stages.txt"
  perf_stages "$out/$1-worker.perf.data" worker "${acked:-0}" "$out/$1-worker-stages.txt"
}

# Worker capacity: with the Worker paused, fill the queue until it holds at least --worker-jobs
# jobs, then let it go and time the drain with nothing else running but PostgreSQL and Redis. The
# mix steps give queue waits below saturation; this gives the Worker's rate at saturation. It runs
# after the first user count's steps, so the Worker is warm (a fresh one drained at 100 jobs/s and
# ended at 250). With --profile, the drain's first 15 s (after 2 s) are traced: drain-worker-profile.txt.
calc() { awk "BEGIN { printf \"$1\", $2 }"; }
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
# PostgreSQL's CPU: the postmaster's own and its reaped children's (fields 14–17), plus its live children's.
pg_ticks() {
  local p t
  t="$(awk '{ print $14 + $15 + $16 + $17 }' "/proc/$postmaster/stat")"
  for p in $(pgrep -P "$postmaster"); do t=$(( t + $(ticks "$p") )); done
  echo "$t"
}
machine_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat; }
worker_drain() {
  (( drain_jobs > 0 )) || return 0
  log "worker drain: filling the queue with ${drain_jobs} jobs with the Worker paused (load average $(loadavg))"
  kill -STOP $worker_pids
  local round=0
  # 25 users, below the Api's connection pool (32): with 100, enqueues queued for a pooled
  # connection for 15 s and failed with 503s ("The connection pool has been exhausted").
  while (( $(backlog) < drain_jobs && round < 60 )); do   # 5 s rounds: overshoots by at most one round's enqueues
    "${loadgen[@]}" run --base-url "$target" --users 25 --duration 5s --warmup 0s --scenario enqueue \
      --redis "$redis" --state "$data/users.json" --output "$out/drain-fill-$round.json" --label drain-fill --repeat-ratio 0 >/dev/null
    round=$((round + 1))
  done
  filled="$(backlog)"
  worker_pid="${worker_pids%% *}"
  echo 5 >"/proc/$worker_pid/clear_refs" 2>/dev/null || true   # peak RSS from here on (Linux: resets VmHWM)
  local load_before tracer=""
  load_before="$(loadavg)"
  if [[ $profile == 1 ]]; then
    ( sleep 2; "$tools/dotnet-trace" collect -p "$worker_pid" --profile dotnet-sampled-thread-time --format Speedscope \
        -o "$out/drain-worker.nettrace" --duration "$(dhms 15)" >"$out/drain-worker-trace.log" 2>&1 ) &
    tracer=$!
  fi
  if [[ $perf == 1 ]]; then
    ( sleep 2; perf_record "$worker_pid" "$out/drain-worker.perf.data" ) &
    tracer="$tracer $!"
  fi
  statements_start now
  cpu0="$(ticks "$worker_pid")"; pg0="$(pg_ticks)"; busy0="$(machine_ticks)"; t0="$(date +%s.%N)"
  kill -CONT $worker_pids
  series="" left="$filled"
  while [[ "$left" != 0 ]]; do
    sleep 0.5
    left="$(backlog)"
    elapsed="$(calc '%.1f' "$(date +%s.%N) - $t0")"
    series+="$elapsed:$left "
    (( ${elapsed%.*} < 900 )) || { log "worker drain: not empty after 900 s"; break; }
  done
  taken="$(calc '%.3f' "$(date +%s.%N) - $t0")"
  cpu1="$(ticks "$worker_pid")"; pg1="$(pg_ticks)"; busy1="$(machine_ticks)"; hz="$(getconf CLK_TCK)"
  done_jobs=$(( filled - left ))
  rate="$(calc '%.1f' "$done_jobs / $taken")"
  worker_cores="$(calc '%.2f' "($cpu1 - $cpu0) / $hz / $taken")"
  worker_ms_per_job="$(calc '%.2f' "($cpu1 - $cpu0) * 1000 / $hz / ($done_jobs > 0 ? $done_jobs : 1)")"
  pg_cores="$(calc '%.2f' "($pg1 - $pg0) / $hz / $taken")"
  machine_cores="$(calc '%.2f' "($busy1 - $busy0) / $hz / $taken")"
  worker_hwm="$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$worker_pid/status")"
  if [[ -n "$tracer" ]]; then
    wait $tracer 2>/dev/null || true
    [[ $perf == 1 ]] && perf_stages "$out/drain-worker.perf.data" worker "$rate" "$out/drain-worker-stages.txt"
    [[ -f "$out/drain-worker.speedscope.json" ]] && "${loadgen[@]}" profile --speedscope "$out/drain-worker.speedscope.json" --top 40 >"$out/drain-worker-profile.txt" 2>&1 || true
    rm -f "$out/drain-worker.nettrace" "$out/drain-worker.nettrace.etlx" "$out/drain-worker.speedscope.json"
  fi
  cat >"$out/worker-drain.json" <<JSON
{ "target_jobs": $drain_jobs, "filled": $filled, "left": $left, "seconds": $taken, "jobs_per_second": $rate,
  "worker_cores": $worker_cores, "worker_cpu_ms_per_job": $worker_ms_per_job, "postgres_cores": $pg_cores, "machine_cores": $machine_cores,
  "worker_peak_rss_mib": $worker_hwm, "load_average_before": "$load_before", "load_average_after": "$(loadavg)", "backlog_series": "${series% }" }
JSON
  drain_line="worker drain: $done_jobs jobs in $taken s = $rate jobs/s (Worker $worker_cores cores = $worker_ms_per_job ms CPU/job, PostgreSQL $pg_cores, machine $machine_cores; Worker peak RSS $worker_hwm MiB; load average before $load_before, after $(loadavg))"
  log "$drain_line"
  printf '\n### worker drain\n\nQueue filled with the Worker paused (%s jobs, target %s), then drained with no other load: %s jobs in %s s = **%s jobs/s**. CPU while draining: Worker %s cores (%s ms per job), PostgreSQL %s, machine %s. Worker peak RSS during the drain %s MiB. Load average before %s, after %s.\n' \
    "$filled" "$drain_jobs" "$done_jobs" "$taken" "$rate" "$worker_cores" "$worker_ms_per_job" "$pg_cores" "$machine_cores" "$worker_hwm" "$load_before" "$(loadavg)" >"$out/worker-drain.md"
  statements_report "PostgreSQL statements in the drain" "$taken" >>"$out/worker-drain.md"
}

IFS=',' read -ra scenario_list <<<"$scenarios"
IFS=',' read -ra user_list <<<"$users"
# Smallest user count first, every scenario at it, then the next: the low steps run on a system
# that no overload has touched yet. A step inherits what the one before left (backlog is waited for
# up to --drain-timeout and reported per step as "backlog at the start").
for n in "${user_list[@]}"; do
  for scenario in "${scenario_list[@]}"; do
    waited=0
    while (( waited < drain_timeout )) && [[ "$(backlog)" != 0 ]]; do sleep 1; waited=$((waited + 1)); done
    log "step $scenario-$n: backlog $(backlog) after waiting ${waited} s; load average $(loadavg)"
    profile_start "$scenario-$n"
    perf_start "$scenario-$n"
    statements_start "$scenario-$n"
    "${loadgen[@]}" run --base-url "$target" --users "$n" --duration "$duration" --warmup "$warmup" --scenario "$scenario" \
      --redis "$redis" --state "$data/users.json" --output "$out/$scenario-$n.json" --label "$scenario-$n" --signal-file "$out/$scenario-$n.measuring" \
      "${procs[@]}" "${extra[@]}" >/dev/null
    profile_finish "$scenario-$n"
    perf_finish "$scenario-$n"
    statements_report "PostgreSQL statements in $scenario-$n" "$(secs "$duration")" >>"$out/$scenario-$n.md"
    server_log_counts "$scenario-$n"
  done
  if [[ "$n" == "${user_list[0]}" ]]; then
    waited=0   # the drain starts from an empty queue, so its count is only what the fill added
    while (( waited < 5 * drain_timeout )) && [[ "$(backlog)" != 0 ]]; do sleep 1; waited=$((waited + 1)); done
    worker_drain
  fi
done

"${loadgen[@]}" summarize --dir "$out" >"$out/summary.md"
[[ -f "$out/worker-drain.md" ]] && cat "$out/worker-drain.md" >>"$out/summary.md"
cp "$out/summary.md" "$root/bench/results/$stamp.md"
log "summary: bench/results/$stamp.md (raw files in ${out#$root/}, not in git)"
cat "$out/summary.md"
