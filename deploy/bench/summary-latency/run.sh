#!/usr/bin/env bash
# Summary latency at 100,000 issues (issue 16): the live summary from the counters (issue_count) against the plain
# scan the summary used before (one count(*) FILTER per measure over issue_view), in the same run, N times each,
# with p50/p99 from pgbench's per-statement latencies. Needs a database loaded by deploy/bench/asof/generate.sql
# (which creates the counters and their triggers with db/generation/projection.sql).
#   deploy/bench/summary-latency/run.sh -h HOST -p PORT -U USER -d DB
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
n=${N:-2000}
for q in counters scan; do
  pgbench "$@" -n -f "$here/$q.sql" -t "$n" -c 1 -r -l --log-prefix="/tmp/summary-latency-$q" >/dev/null 2>&1
  # per-transaction log: column 3 is the latency in microseconds
  cat /tmp/summary-latency-$q.* | awk '{print $3}' | sort -n | awk -v q="$q" '{a[NR]=$1} END {
    printf "%-9s n=%d p50=%.2f ms p99=%.2f ms\n", q, NR, a[int(NR*0.5)]/1000, a[int(NR*0.99)]/1000}'
  rm -f /tmp/summary-latency-$q.*
done
