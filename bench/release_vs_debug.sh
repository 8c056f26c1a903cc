#!/usr/bin/env bash
# The same commands with the release and the debug build of igokg, side by side: each command
# runs RUNS times with each binary, interleaved (debug, release, debug, …), and the script
# prints the median wall time of each and their ratio. Commands that need a store get one made
# by each binary from examples/ (a build without RocksDB skips them).
#
#   bash bench/release_vs_debug.sh target/debug/igokg target/release/igokg [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
debug=$1 release=$2 runs=${3:-5}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
time_of() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); echo "$e - $s" | bc; }
has_store=1
for b in debug release; do
  bin=${!b}
  "$bin" --store "$tmp/$b" ingest examples/csto-summit-astana-2024.facts.csv examples/csto-membership-history.csv >/dev/null 2>&1 || has_store=0
done
cmds=(
  "import cow data/cow/igo_year_formatv3.tsv.gz --dry-run"
  "extract examples/csto-summit-astana-2024.ar.txt --published 2024-11-28 --format jsonl"
)
if [ "$has_store" = 1 ]; then
  cmds+=("members CSTO --at 2024-11-28 --format csv" "summits CSTO --format csv" "validate" "export --format nq")
fi
printf '%-75s %10s %10s %7s\n' command debug_s release_s ratio
for c in "${cmds[@]}"; do
  : >"$tmp/d"; : >"$tmp/r"
  for _ in $(seq "$runs"); do
    # shellcheck disable=SC2086
    time_of "$debug" --store "$tmp/debug" $c >>"$tmp/d"
    # shellcheck disable=SC2086
    time_of "$release" --store "$tmp/release" $c >>"$tmp/r"
  done
  d=$(median <"$tmp/d") r=$(median <"$tmp/r")
  printf '%-75s %10.3f %10.3f %6.1f×\n' "$c" "$d" "$r" "$(echo "$d / $r" | bc -l)"
done
