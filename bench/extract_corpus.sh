#!/usr/bin/env bash
# Throughput of `igokg extract` on a corpus: MB/s per core on about 10 MB with --jobs 1, and
# --jobs 1 against --jobs 2 on 20,000 articles, run side by side (interleaved, medians of
# RUNS runs), with the peak memory (max RSS) of each run. The corpus is made by
# bench/make_corpus.py from the repository's own example articles (seeded).
#
#   CARGO_TARGET_DIR=/work/targets/corpus-release cargo build --release --bin igokg
#   bench/extract_corpus.sh /work/targets/corpus-release/release/igokg
#
# Environment: CORPUS (default /tmp/igokg-corpus), RUNS (default 3).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-${CARGO_TARGET_DIR:-$here/../target}/release/igokg}
corpus=${CORPUS:-/tmp/igokg-corpus}
runs=${RUNS:-3}
[ -x "$bin" ] || { echo "no release binary at $bin" >&2; exit 1; }
[ -d "$corpus" ] || python3 "$here/make_corpus.py" "$corpus" 20000
# About 10 MB: the first folders (200 articles each) until 10 MB are reached.
small=()
bytes=0
for d in "$corpus"/*/; do
  small+=("$d")
  bytes=$((bytes + $(cat "$d"*.txt | wc -c)))
  [ "$bytes" -ge 10000000 ] && break
done
all_bytes=$(cat "$corpus"/*/*.txt | wc -c)
all_docs=$(ls "$corpus"/*/ | grep -c '\.txt$')
small_docs=$(for d in "${small[@]}"; do ls "$d"; done | grep -c '\.txt$')
echo "corpus: $all_docs articles, $all_bytes bytes; 10 MB slice: $small_docs articles, $bytes bytes"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

# One timed run: prints "seconds max_rss_kib facts".
one() {
  local out
  out=$( { /usr/bin/time -f "TIME %e %M" "$bin" extract --format jsonl "$@" | wc -l; } 2>&1 )
  local t m n
  t=$(echo "$out" | awk '/^TIME/ {print $2}')
  m=$(echo "$out" | awk '/^TIME/ {print $3}')
  n=$(echo "$out" | grep -E '^[0-9]+$' | tail -1)
  echo "$t $m $n"
}
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

declare -a s1 a1 a2 m1 m2 ms
for r in $(seq 1 "$runs"); do
  read -r t m n < <(one --jobs 1 "${small[@]}"); s1+=("$t"); ms+=("$m"); small_facts=$n
  read -r t m n < <(one --jobs 1 "$corpus"); a1+=("$t"); m1+=("$m"); facts1=$n
  read -r t m n < <(one --jobs 2 "$corpus"); a2+=("$t"); m2+=("$m"); facts2=$n
  echo "run $r: 10 MB --jobs 1 ${s1[-1]} s; corpus --jobs 1 ${a1[-1]} s, --jobs 2 ${a2[-1]} s"
done
[ "$facts1" = "$facts2" ] || { echo "--jobs 1 and --jobs 2 wrote different numbers of facts: $facts1 vs $facts2" >&2; exit 1; }
S1=$(printf '%s\n' "${s1[@]}" | median); A1=$(printf '%s\n' "${a1[@]}" | median); A2=$(printf '%s\n' "${a2[@]}" | median)
MS=$(printf '%s\n' "${ms[@]}" | sort -g | tail -1); M1=$(printf '%s\n' "${m1[@]}" | sort -g | tail -1); M2=$(printf '%s\n' "${m2[@]}" | sort -g | tail -1)
awk -v b="$bytes" -v ab="$all_bytes" -v s1="$S1" -v a1="$A1" -v a2="$A2" -v ms="$MS" -v m1="$M1" -v m2="$M2" -v sf="$small_facts" -v f="$facts1" 'BEGIN {
  printf "10 MB, --jobs 1: %.2f s, %.2f MB/s per core, %d facts, peak %.0f MiB\n", s1, b/1e6/s1, sf, ms/1024
  printf "corpus, --jobs 1: %.2f s (%.2f MB/s), peak %.0f MiB\n", a1, ab/1e6/a1, m1/1024
  printf "corpus, --jobs 2: %.2f s (%.2f MB/s), peak %.0f MiB\n", a2, ab/1e6/a2, m2/1024
  printf "--jobs 2 / --jobs 1: %.2fx (%d facts either way)\n", a1/a2, f
}'
