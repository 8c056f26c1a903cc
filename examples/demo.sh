#!/usr/bin/env bash
# Builds a graph from examples/ and answers what a reader can check against the article:
# CSTO members on 2024-11-28 with statuses, the chairs, the summits with who came and who
# stayed away. Usage: bash examples/demo.sh [STORE_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/setup
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/igokg-target}"
cargo build --locked --quiet
igokg() { "$CARGO_TARGET_DIR/debug/igokg" "$@"; }
store="${1:-${TMPDIR:-/tmp}/igokg-demo}"
rm -rf "$store"
export IGOKG_STORE="$store"
igokg init
igokg ingest examples/csto-summit-astana-2024.facts.csv examples/csto-membership-history.csv
echo; echo "== Members of the CSTO on 2024-11-28 (Armenia: frozen, still a member)"
igokg members CSTO --at 2024-11-28 --format table
echo; echo "== Chairs of the CSTO"
igokg chairs CSTO --format table
echo; echo "== Summits of the CSTO: place, date, who attended, who stayed away"
igokg summits CSTO --format table
echo; echo "== Checks"
igokg validate
