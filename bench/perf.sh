#!/usr/bin/env bash
# Issue 11's table, every row side by side in one run, on the same data, interleaved, medians:
#
#   1. `igokg members ORG --at YEAR`, whole command (CPU: user + system), against the
#      `oxigraph query` CLI (PyPI `oxigraph`) running the very SPARQL `--show-sparql` prints
#      on the same store (`--union-default-graph`, igokg's dataset);
#   2. the same whole command on a store with 100,000 more minted entities (entities graph,
#      with their igo:nameKey), against the store without them: constant in the entities;
#   3. `igokg load` of a 400,000-triple N-Triples file into a new store against
#      `oxigraph load` of the same file into a new store (wall time);
#   4. in-process `members --at`, memberships per state (every state) and partners
#      (examples/bench_queries.rs) against pyoxigraph on a naive mapping of the same COW
#      table (bench/naive_cow.py: integer start/end years); and the naive questions' own SPARQL
#      on the naive store in igokg's build of the engine, against pyoxigraph (what the build
#      costs, apart from the questions).
#
#   bench/perf.sh [OUTDIR]
#
# Needs the build of igokg and of the bench_queries example in the project's one profile (dev,
# with every dependency, RocksDB included, compiled optimised: see Cargo.toml):
#   cargo build --bin igokg --example bench_queries
# (PROFILE=release measures a `cargo build --release` instead.)
# python3 with pyoxigraph, the `oxigraph` binary (`pip install oxigraph`; .ci/setup does it),
# GNU time. Environment: IGOKG_BIN, BENCH_QUERIES, COW_DATA (folder of igo_year_formatv3.tsv or .tsv.gz; default data/cow),
# ORG, STATE, YEAR (default CSTO, France, 2013), RUNS (whole-command runs, default 9),
# QRUNS (in-process runs, default 50), LOADS (load runs, default 3).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PROFILE=${PROFILE:-debug}
REL=${CARGO_TARGET_DIR:-$ROOT/target}/$PROFILE
BIN=${IGOKG_BIN:-$REL/igokg}
BENCH=${BENCH_QUERIES:-$REL/examples/bench_queries}
DATA=${COW_DATA:-$ROOT/data/cow}
ORG=${ORG:-CSTO} STATE=${STATE:-France} YEAR=${YEAR:-2013}
RUNS=${RUNS:-9} QRUNS=${QRUNS:-50} LOADS=${LOADS:-3}
OUT=${1:-$(mktemp -d /tmp/igokg-perf.XXXXXX)}
mkdir -p "$OUT"
unset IGOKG_STORE
OXI=$(command -v oxigraph || true)
for p in "$BIN" "$BENCH" "$OXI" /usr/bin/time; do
  [[ -n $p && -x $p ]] || { echo "bench/perf.sh: ${p:-oxigraph} is missing (see the header of this script)" >&2; exit 1; }
done
python3 -c 'import pyoxigraph' 2>/dev/null || { echo "bench/perf.sh: pip install pyoxigraph" >&2; exit 1; }

RESULTS="$OUT/results.md"
: > "$RESULTS"
say() { echo "$*" | tee -a "$RESULTS"; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ratio() { python3 -c "print(f'{$1/$2:.2f}')"; }
# cpu CMD…: user+system seconds of one run (stdout discarded, stderr to $OUT/last.err)
cpu() {
  /usr/bin/time -f '%U %S' -o "$OUT/t" "$@" > /dev/null 2> "$OUT/last.err" || { echo "failed: $*" >&2; tail -5 "$OUT/last.err" >&2; exit 1; }
  awk '{print $1 + $2}' "$OUT/t"
}
wall() {
  /usr/bin/time -f '%e' -o "$OUT/t" "$@" > /dev/null 2> "$OUT/last.err" || { echo "failed: $*" >&2; tail -5 "$OUT/last.err" >&2; exit 1; }
  cat "$OUT/t"
}

say "## environment"
say ""
say "- $(uname -srm), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"
say "- igokg $("$BIN" --version | awk '{print $2}') ($([[ $PROFILE == debug ]] && echo "dev profile, dependencies optimised" || echo "$PROFILE profile")), oxigraph CLI $("$OXI" --version 2>/dev/null | awk '{print $2}'), pyoxigraph $(python3 -c 'import pyoxigraph; print(pyoxigraph.__version__)')"
say ""

KG="$OUT/kg"
if [[ ! -d $KG ]]; then
  "$BIN" --store "$KG" import cow "$(ls "$DATA"/igo_year_formatv3.tsv* | head -1)" 2> "$OUT/import.err"
fi
QUADS=$("$BIN" --store "$KG" query 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }' --format csv | tail -1 | tr -d '\r')

# 1. Whole command against `oxigraph query` of the same SPARQL.
"$BIN" --store "$KG" members "$ORG" --at "$YEAR" --show-sparql --format csv 2> "$OUT/members.stderr" > "$OUT/members.igokg.csv"
grep -v '^note: ' "$OUT/members.stderr" > "$OUT/members.rq"
"$OXI" query --location "$KG" --query-file "$OUT/members.rq" --results-format csv --union-default-graph > "$OUT/members.oxigraph.csv"
rows_i=$(( $(wc -l < "$OUT/members.igokg.csv") - 1 )); rows_o=$(( $(wc -l < "$OUT/members.oxigraph.csv") - 1 ))
[[ $rows_i == "$rows_o" ]] || { echo "bench/perf.sh: igokg gives $rows_i rows, oxigraph $rows_o" >&2; exit 1; }
: > "$OUT/w.igokg"; : > "$OUT/w.oxigraph"
for _ in $(seq "$RUNS"); do
  cpu "$BIN" --store "$KG" members "$ORG" --at "$YEAR" --format csv >> "$OUT/w.igokg"
  cpu "$OXI" query --location "$KG" --query-file "$OUT/members.rq" --results-format csv --union-default-graph >> "$OUT/w.oxigraph"
done
W_I=$(median < "$OUT/w.igokg"); W_O=$(median < "$OUT/w.oxigraph")

# 2. The same with 100,000 minted entities more.
KG100="$OUT/kg-100k"
if [[ ! -d $KG100 ]]; then
  cp -r "$KG" "$KG100"
  python3 - "$OUT/entities.nq" <<'PY'
import sys
g = "<https://w3id.org/igokg/graph/entities>"
with open(sys.argv[1], "w") as f:
    for i in range(100000):
        s = f"<https://w3id.org/igokg/id/person/bench-{i:06d}>"
        f.write(f'{s} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Person> {g} .\n')
        f.write(f'{s} <http://www.w3.org/2000/01/rdf-schema#label> "Bench Person {i:06d}"@en {g} .\n')
        f.write(f'{s} <https://w3id.org/igokg/ontology#nameKey> "bench person {i:06d}" {g} .\n')
        f.write(f'{s} <https://w3id.org/igokg/ontology#mintedBy> "bench" {g} .\n')
PY
  "$BIN" --store "$KG100" load "$OUT/entities.nq" 2> "$OUT/load-entities.err"
fi
ENT=$("$BIN" --store "$KG100" query 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/igokg/graph/entities> { ?s a ?t } }' --format csv | tail -1 | tr -d '\r')
ENT0=$("$BIN" --store "$KG" query 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/igokg/graph/entities> { ?s a ?t } }' --format csv | tail -1 | tr -d '\r')
cmp -s <("$BIN" --store "$KG100" members "$ORG" --at "$YEAR" --format csv 2>/dev/null) "$OUT/members.igokg.csv" || { echo "bench/perf.sh: the 100k store answers differently" >&2; exit 1; }
: > "$OUT/w.100k"; : > "$OUT/w.base"
for _ in $(seq "$RUNS"); do
  cpu "$BIN" --store "$KG" members "$ORG" --format csv >> "$OUT/w.base"
  cpu "$BIN" --store "$KG100" members "$ORG" --format csv >> "$OUT/w.100k"
done
E_0=$(median < "$OUT/w.base"); E_1=$(median < "$OUT/w.100k")

# 3. load of the same 400k-triple N-Triples file into a new store.
NT="$OUT/load.nt"
if [[ ! -s $NT ]]; then
  "$BIN" --store "$KG" export --format nt -o "$OUT/all.nt" 2> /dev/null
  head -n 400000 "$OUT/all.nt" > "$NT"
fi
TRIPLES=$(wc -l < "$NT")
: > "$OUT/l.igokg"; : > "$OUT/l.oxigraph"
for i in $(seq "$LOADS"); do
  rm -rf "$OUT/load-igokg" "$OUT/load-oxigraph"
  wall "$BIN" --store "$OUT/load-igokg" load "$NT" >> "$OUT/l.igokg"
  wall "$OXI" load --location "$OUT/load-oxigraph" --file "$NT" >> "$OUT/l.oxigraph"
done
L_I=$(median < "$OUT/l.igokg"); L_O=$(median < "$OUT/l.oxigraph")

# 4. In-process against the naive mapping (interleaved: naive, igokg, naive, igokg). igokg's
#    bench also runs the naive questions' own SPARQL on the naive store ("raw" lines): the same
#    text in igokg's build of the engine, which tells the cost of the build from that of the
#    questions.
rm -f "$OUT/q.igokg" "$OUT/q.naive"
mkdir -p "$OUT/naive-q"
for _ in 1 2; do
  python3 "$ROOT/bench/naive_cow.py" "$(ls "$DATA"/igo_year_formatv3.tsv* | head -1)" "$OUT/naive" "$ORG" "$(echo "$STATE" | tr 'A-Z' 'a-z')" "$YEAR" "$QRUNS" "$OUT/naive-q" >> "$OUT/q.naive"
  BENCH_RAW_STORE="$OUT/naive" BENCH_RAW_QUERIES="$OUT/naive-q/members.rq $OUT/naive-q/count.rq $OUT/naive-q/partners.rq" \
    "$BENCH" "$KG" "$ORG" "$STATE" "$YEAR" "$QRUNS" 2> /dev/null | tail -n +2 >> "$OUT/q.igokg"
done
q() { grep -F "$2" "$1" | grep -v "^raw " | cut -f3 | median; }
raw() { grep -F "raw $1" "$OUT/q.igokg" | cut -f3 | median; }
M_I=$(q "$OUT/q.igokg" "members "); M_N=$(q "$OUT/q.naive" "members ")
C_I=$(q "$OUT/q.igokg" "(every state)"); C_N=$(q "$OUT/q.naive" "(every state)")
P_I=$(q "$OUT/q.igokg" "partners "); P_N=$(q "$OUT/q.naive" "partners ")
M_R=$(raw members.rq); C_R=$(raw count.rq); P_R=$(raw partners.rq)

say "## issue 11's table ($QUADS quads in named graphs: \`import cow igo_year_formatv3.tsv\`)"
say ""
say "| what | igokg | peer, same run | ratio | target |"
say "|---|---:|---:|---:|---|"
say "| \`igokg members $ORG --at $YEAR\`, whole command, CPU, median of $RUNS | $(python3 -c "print(round($W_I*1000))") ms | \`oxigraph query\` of the \`--show-sparql\` text: $(python3 -c "print(round($W_O*1000))") ms | **$(ratio "$W_I" "$W_O")×** | ≤ 1.5× |"
say "| \`igokg members $ORG\`, whole command, CPU, with $ENT entities ($((ENT - ENT0)) minted) | $(python3 -c "print(round($E_1*1000))") ms | the store with $ENT0 entities: $(python3 -c "print(round($E_0*1000))") ms | **$(ratio "$E_1" "$E_0")×** | ≈ 1× |"
say "| \`igokg load\` of $TRIPLES N-Triples into a new store, wall, median of $LOADS | $L_I s | \`oxigraph load\`: $L_O s | throughput **$(ratio "$L_O" "$L_I")×** | ≥ 0.8× |"
say "| \`members $ORG --at $YEAR\`, in-process, median | $M_I ms | pyoxigraph, naive mapping: $M_N ms | **$(ratio "$M_I" "$M_N")×** | ≤ 2× |"
say "| memberships per state in $YEAR, every state, in-process | $C_I ms | naive: $C_N ms | **$(ratio "$C_I" "$C_N")×** | ≤ 1.0× |"
say "| states sharing most organisations with $STATE in $YEAR, in-process | $P_I ms | naive: $P_N ms | **$(ratio "$P_I" "$P_N")×** | ≤ 1.0× |"
say ""
say "The naive mapping's own SPARQL on its own store, in igokg's build of the engine (\`bench_queries\` with \`BENCH_RAW_*\`) against pyoxigraph: what the build costs, before any difference of question or data."
say ""
say "| naive question | igokg's build | pyoxigraph | ratio |"
say "|---|---:|---:|---:|"
say "| members $ORG --at $YEAR | $M_R ms | $M_N ms | $(ratio "$M_R" "$M_N")× |"
say "| memberships per state in $YEAR, every state | $C_R ms | $C_N ms | $(ratio "$C_R" "$C_N")× |"
say "| partners of $STATE in $YEAR | $P_R ms | $P_N ms | $(ratio "$P_R" "$P_N")× |"
say ""
say "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg). Raw timings: $OUT/{w,l,q}.*"
echo "results: $RESULTS" >&2
