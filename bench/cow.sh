#!/usr/bin/env bash
# Benchmarks of the Correlates of War import and of the conveniences on the COW store; the
# figures and how to read them are in BENCHMARKS.md ("COW import and queries").
#
#   bench/cow.sh [OUTDIR]
#
# Needs: a release build of igokg and of the bench_queries example
#   CARGO_TARGET_DIR=$HOME/.cache/igokg-release cargo build --release --bin igokg --example bench_queries
# python3 with pyoxigraph and rdflib (installed with pip when missing), GNU time (/usr/bin/time).
# Environment: IGOKG_BIN, BENCH_QUERIES (paths of the two programs), COW_DATA (folder of the
# two .tsv files), RUNS (query repetitions, default 50).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
REL=${CARGO_TARGET_DIR:-$HOME/.cache/igokg-release}/release
BIN=${IGOKG_BIN:-$REL/igokg}
BENCH=${BENCH_QUERIES:-$REL/examples/bench_queries}
DATA=${COW_DATA:-$ROOT/../shared/data/cow-igo}
RUNS=${RUNS:-50}
OUT=${1:-$(mktemp -d /tmp/igokg-bench.XXXXXX)}
mkdir -p "$OUT"
unset IGOKG_STORE  # every command names its store

for p in "$BIN" "$BENCH" /usr/bin/time; do
  [[ -x $p ]] || { echo "bench/cow.sh: $p is missing (see the header of this script)" >&2; exit 1; }
done
python3 -c 'import pyoxigraph' 2>/dev/null || pip install --quiet pyoxigraph
python3 -c 'import rdflib' 2>/dev/null || pip install --quiet rdflib

RESULTS="$OUT/results.md"
: > "$RESULTS"
say() { echo "$*" | tee -a "$RESULTS"; }

# measure NAME CMD…: runs CMD under GNU time; sets WALL (s) and RSS (MiB); stderr in $OUT/NAME.err
measure() {
  local name=$1; shift
  if ! /usr/bin/time -f '%e %M' -o "$OUT/$name.time" "$@" 2> "$OUT/$name.err" > "$OUT/$name.out"; then
    echo "bench/cow.sh: $name failed:" >&2; tail -5 "$OUT/$name.err" >&2; exit 1
  fi
  read -r WALL RSS_KB < "$OUT/$name.time"
  RSS=$(( RSS_KB / 1024 ))
}

say "## environment"
say ""
say "- $(uname -srm), $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB RAM", $2/1048576}' /proc/meminfo)"
say "- igokg $("$BIN" --version | awk '{print $2}') ($BIN), pyoxigraph $(python3 -c 'import pyoxigraph; print(pyoxigraph.__version__)'), rdflib $(python3 -c 'import rdflib; print(rdflib.__version__)'), $(python3 --version)"
say ""

say "## full import of each COW file into a new on-disk store"
say ""
say "| file | rows | quads written | wall s | rows/s | quads/s | peak RSS MiB |"
say "|---|---:|---:|---:|---:|---:|---:|"
for f in igo_year_formatv3.tsv state_year_formatv3.tsv; do
  store="$OUT/kg-${f%%_format*}"
  rm -rf "$store"
  measure "import-$f" "$BIN" --store "$store" import cow "$DATA/$f"
  rows=$(( $(wc -l < "$DATA/$f") - 1 ))
  quads=$(grep -o '[0-9]* quads (' "$OUT/import-$f.err" | grep -o '^[0-9]*')
  say "| $f | $rows | $quads | $WALL | $(python3 -c "print(round($rows/$WALL))") | $(python3 -c "print(round($quads/$WALL))") | $RSS |"
done
say ""

# The same triples for everyone: the IGO-year store exported as N-Triples (graph names dropped).
NT="$OUT/cow-igo-year.nt"
"$BIN" --store "$OUT/kg-igo_year" export --format nt -o "$NT" 2> /dev/null
TRIPLES=$(wc -l < "$NT")
say "## loading the same $TRIPLES triples (the IGO-year store exported as N-Triples, $(( $(stat -c %s "$NT") / 1048576 )) MiB)"
say ""
say "| loader | wall s | triples/s | peak RSS MiB |"
say "|---|---:|---:|---:|"
# Two placements of the same triples: into one named graph (what `igokg load` does by default,
# the file's source graph: Oxigraph writes six indexes) and into the default graph (three).
per_s() { python3 -c "print(round($TRIPLES/$WALL))"; }
rm -rf "$OUT/kg-load"
measure load-igokg "$BIN" --store "$OUT/kg-load" load --bulk "$NT"
say "| \`igokg load --bulk\` (into the file's named graph) | $WALL | $(per_s) | $RSS |"
rm -rf "$OUT/pyox-named"
measure load-pyoxigraph-named python3 -c '
import sys, pyoxigraph as ox
s = ox.Store(sys.argv[1])
s.bulk_load(path=sys.argv[2], format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode("https://w3id.org/igokg/graph/bench"))
s.flush()
print(len(s))' "$OUT/pyox-named" "$NT"
say "| pyoxigraph \`Store(path).bulk_load(…, to_graph=…)\` (into a named graph) | $WALL | $(per_s) | $RSS |"
rm -rf "$OUT/kg-load-default"
measure load-igokg-default "$BIN" --store "$OUT/kg-load-default" load --bulk --graph default "$NT"
say "| \`igokg load --bulk --graph default\` (into the default graph) | $WALL | $(per_s) | $RSS |"
rm -rf "$OUT/pyox"
measure load-pyoxigraph python3 -c '
import sys, pyoxigraph as ox
s = ox.Store(sys.argv[1])
s.bulk_load(path=sys.argv[2], format=ox.RdfFormat.N_TRIPLES)
s.flush()
print(len(s))' "$OUT/pyox" "$NT"
say "| pyoxigraph \`Store(path).bulk_load\` (into the default graph) | $WALL | $(per_s) | $RSS |"
measure load-rdflib python3 -c '
import sys, rdflib
g = rdflib.Graph()
g.parse(sys.argv[1], format="nt")
print(len(g))' "$NT"
say "| rdflib \`Graph().parse(format=\"nt\")\` (in memory) | $WALL | $(per_s) | $RSS |"
say ""

# Query latency in-process on 10%, 50% and 100% of the IGO-year file: a deterministic sample of
# the organisations (every row of a kept organisation), always keeping the UN.
say "## query latency in-process (examples/bench_queries.rs, $RUNS runs each)"
say ""
for pct in 10 50 100; do
  slice="$OUT/igo_year_formatv3.tsv"
  if [[ $pct != 100 ]]; then
    slice="$OUT/slice$pct/igo_year_formatv3.tsv"
    mkdir -p "$(dirname "$slice")"
    python3 - "$DATA/igo_year_formatv3.tsv" "$slice" "$pct" <<'PY'
import sys, zlib
src, dst, pct = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(src, 'rb') as f, open(dst, 'wb') as o:
    o.write(f.readline())
    for line in f:
        io = line.split(b'\t', 1)[0]
        if io == b'UN' or zlib.crc32(io) % 100 < pct:
            o.write(line)
PY
  else
    cp "$DATA/igo_year_formatv3.tsv" "$slice"
  fi
  store="$OUT/kg-q$pct"
  rm -rf "$store"
  "$BIN" --store "$store" import cow "$slice" 2> "$OUT/import-q$pct.err"
  say "### $pct% of the organisations ($(( $(wc -l < "$slice") - 1 )) rows)"
  say ""
  say '```'
  "$BENCH" "$store" UN France 2000 "$RUNS" | tee -a "$RESULTS"
  say '```'
  say ""
done
echo "results: $RESULTS" >&2
