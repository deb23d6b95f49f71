#!/usr/bin/env bash
# Read latency at 100,000 issues (issue 16): every query of queries/ (written by generate-queries.py from
# report-service's SQL) N times with pgbench, one client, in one run, p50/p99 from pgbench's per-transaction log; with
# PGDATA set to the server's data directory (same machine), also the CPU the server's backends spent per query
# (the postmaster's reaped children's utime+stime from /proc, so autovacuum's work would count too).
#   psql -v ON_ERROR_STOP=1 -f deploy/bench/asof/generate.sql && psql -f deploy/bench/read-latency/setup.sql
#   N=200 PGDATA=/path/to/data deploy/bench/read-latency/run.sh -h HOST -p PORT -U USER -d DB [QUERY...]
# The queries are written first into queries/ (not kept in git: they follow the code). QUERY names one without .sql
# (default: all). Each query runs 3 times unmeasured first.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
n=${N:-200}
args=()
names=()
while [ $# -gt 0 ]; do
  case "$1" in
    -h|-p|-U|-d) args+=("$1" "$2"); shift 2 ;;
    *) names+=("$1"); shift ;;
  esac
done
"$here/generate-queries.py" "${args[@]}" >/dev/null
[ ${#names[@]} -gt 0 ] || names=($(cd "$here/queries" && ls *.sql | sed 's/\.sql$//'))
hz=$(getconf CLK_TCK)
cpu() {  # centiseconds (clock ticks) of the postmaster's reaped children
  if [ -n "${PGDATA:-}" ]; then awk '{print $16 + $17}' "/proc/$(head -1 "$PGDATA/postmaster.pid")/stat"; else echo 0; fi
}
echo "uptime: $(uptime)"
printf '%-28s %6s %10s %10s %10s %12s\n' query n p50_ms p99_ms max_ms cpu_ms/query
for q in "${names[@]}"; do
  pgbench "${args[@]}" -n -f "$here/queries/$q.sql" -t 3 -c 1 >/dev/null 2>&1
  sleep 1  # the warm-up's backend reaped before the count starts
  before=$(cpu)
  pgbench "${args[@]}" -n -f "$here/queries/$q.sql" -t "$n" -c 1 -l --log-prefix="/tmp/read-latency-$q" >/dev/null 2>&1
  sleep 1
  after=$(cpu)
  # per-transaction log: column 3 is the latency in microseconds
  cat /tmp/read-latency-$q.* | awk '{print $3}' | sort -n | awk -v q="$q" -v c=$((after - before)) -v hz="$hz" '
    {a[NR]=$1} END {printf "%-28s %6d %10.2f %10.2f %10.2f %12.2f\n", q, NR, a[int(NR*0.5)]/1000,
      a[int(NR*0.99)]/1000, a[NR]/1000, c * 1000 / hz / NR}'
  rm -f /tmp/read-latency-$q.*
done
echo "uptime: $(uptime)"
