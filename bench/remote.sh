#!/usr/bin/env bash
# Push throughput to real SPARQL servers and latency of the conveniences, local against
# remote; the figures and how to read them are in BENCHMARKS.md ("Remote engines").
#
#   bench/remote.sh [OUTDIR]
#
# Needs: a release build of igokg
#   CARGO_TARGET_DIR=$HOME/.cache/igokg-release cargo build --release --bin igokg
# virtuoso-t and oxigraph (bash .ci/setup installs them), the COW data in ../shared.
# Environment: IGOKG_BIN, COW_DATA, RUNS (runs per question, default 10).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${IGOKG_BIN:-${CARGO_TARGET_DIR:-$HOME/.cache/igokg-release}/release/igokg}
DATA=${COW_DATA:-$ROOT/../shared/data/cow-igo}
RUNS=${RUNS:-10}
OUT=${1:-$(mktemp -d /tmp/igokg-remote.XXXXXX)}
mkdir -p "$OUT"
unset IGOKG_STORE IGOKG_ENDPOINT
for p in "$BIN" "$(command -v virtuoso-t)" "$(command -v oxigraph)"; do
  [[ -x $p ]] || { echo "bench/remote.sh: $p is missing (see the header of this script)" >&2; exit 1; }
done
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
VH=$(free_port); VS=$(free_port); OP=$(free_port); OP2=$(free_port)
rm -rf "$OUT/virtuoso" "$OUT/oxigraph" "$OUT/oxigraph2" "$OUT/kg"
mkdir -p "$OUT/virtuoso"
bash "$ROOT/tests/servers/virtuoso.sh" "$OUT/virtuoso" "$VH" "$VS" > "$OUT/virtuoso.log" 2>&1 & VPID=$!
bash "$ROOT/tests/servers/oxigraph.sh" "$OUT/oxigraph" "$OP" > "$OUT/oxigraph.log" 2>&1 & OPID=$!
bash "$ROOT/tests/servers/oxigraph.sh" "$OUT/oxigraph2" "$OP2" > "$OUT/oxigraph2.log" 2>&1 & OPID2=$!
trap 'kill $VPID $OPID $OPID2 2>/dev/null || true' EXIT
bash "$ROOT/tests/servers/virtuoso-ready.sh" "$VH" "$VS" "$VPID"
for p in $OP $OP2; do
  for _ in $(seq 100); do curl -sf -o /dev/null "http://127.0.0.1:$p/query?query=ASK%7B%7D" && break; sleep 0.2; done
done

RESULTS="$OUT/results.md"; : > "$RESULTS"
say() { echo "$*" | tee -a "$RESULTS"; }
"$BIN" --store "$OUT/kg" ingest "$ROOT"/examples/*.csv 2> /dev/null
"$BIN" --store "$OUT/kg" import cow "$DATA/igo_year_formatv3.tsv" 2> /dev/null
say "## push of the examples and the COW IGO-year graph (every graph of the store)"
say ""
say "| server | protocol | graphs | triples | requests | wall s | triples/s |"
say "|---|---|---:|---:|---:|---:|---:|"
push() {
  local name=$1 proto=$2; shift 2
  "$BIN" --store "$OUT/kg" push --all --protocol "$proto" "$@" 2> "$OUT/push.err" || { cat "$OUT/push.err" >&2; exit 1; }
  # pushed 6 graph(s), 10176 triples in 6 request(s) to URL in 0.5 s (21250 triples/s)
  python3 - "$name" "$proto" "$(tail -1 "$OUT/push.err")" <<'PY' | tee -a "$RESULTS"
import re, sys
name, proto, line = sys.argv[1:]
m = re.search(r"pushed (\d+) graph\(s\), (\d+) triples in (\d+) request\(s\) to \S+ in ([\d.]+) s \((\d+) triples/s\)", line)
g, t, r, s, tps = m.groups()
print(f"| {name} | {proto} | {g} | {t} | {r} | {s} | {tps} |")
PY
}
push "Virtuoso 7.2 (digest)" gsp --endpoint "http://127.0.0.1:$VH/sparql-graph-crud-auth" --user dba --password dba \
  --default-graph-to https://w3id.org/igokg/graph/sources
push "Oxigraph server 0.5" gsp --endpoint "http://127.0.0.1:$OP/store"
push "Oxigraph server 0.5" update --endpoint "http://127.0.0.1:$OP2/update" --batch 20000
say ""

say "## the conveniences, local against remote (whole command, median of $RUNS runs, ms)"
say ""
say "| question | local store | Virtuoso | Oxigraph server |"
say "|---|---:|---:|---:|"
python3 - "$BIN" "$OUT/kg" "$RUNS" "http://127.0.0.1:$VH/sparql" "http://127.0.0.1:$OP/query" <<'PY' | tee -a "$RESULTS"
import statistics, subprocess, sys, time
bin, kg, runs, virt, oxi = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
questions = [["members", "CSTO", "--at", "2013"], ["members", "UN", "--at", "2000"], ["chairs", "CSTO"],
             ["summits", "CSTO"], ["timeline", "Armenia"]]
def median(args):
    ts = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        ts.append((time.perf_counter() - t) * 1000)
    return statistics.median(ts)
for q in questions:
    base = [bin, *q, "--format", "csv"]
    local = median([bin, "--store", kg, *q, "--format", "csv"])
    v = median(base + ["--endpoint", virt])
    o = median(base + ["--endpoint", oxi])
    print(f"| `{' '.join(q)}` | {local:.0f} | {v:.0f} | {o:.0f} |")
PY
echo "results: $RESULTS" >&2
