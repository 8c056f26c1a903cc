#!/usr/bin/env bash
# Builds igokg, makes a graph from examples/ and answers what a reader can check against the
# article: CSTO members on 2024-11-28 with statuses, the chairs, the summits with who came and
# who stayed away.
#
# Usage: bash examples/demo.sh [STORE_DIR]      (default: $TMPDIR/igokg-demo)
#
# Needs a Rust toolchain (cargo) and libclang (Debian/Ubuntu: apt-get install libclang-dev),
# nothing else. It builds target/debug/igokg (or under $CARGO_TARGET_DIR), the build `cargo test` uses,
# the same one the README then uses: the first build compiles RocksDB from C++ and takes a
# long while (the README says how long); later runs take seconds. IGOKG=path/to/igokg uses
# that binary instead of building one.
#
# STORE_DIR is made anew: an igokg store there is replaced (`igokg init --replace`), but a
# folder that holds anything else is refused and left as it is.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${IGOKG:-}" ]; then
  command -v cargo >/dev/null 2>&1 || { echo "demo.sh: cargo is needed: install Rust (https://rustup.rs)" >&2; exit 1; }
  echo "== Building target/debug/igokg (cargo build; the first build compiles RocksDB: 17 to 26 minutes on two cores)" >&2
  cargo build --locked --bin igokg
  IGOKG="${CARGO_TARGET_DIR:-target}/debug/igokg"
fi
igokg() { "$IGOKG" "$@"; }
store="${1:-${TMPDIR:-/tmp}/igokg-demo}"
export IGOKG_STORE="$store"
igokg init --replace
igokg ingest examples/csto-summit-astana-2024.facts.csv examples/csto-membership-history.csv
echo; echo "== Members of the CSTO on 2024-11-28 (Armenia: frozen, still a member)"
igokg members CSTO --at 2024-11-28 --format table
echo; echo "== Chairs of the CSTO"
igokg chairs CSTO --format table
echo; echo "== Summits of the CSTO: place, date, who attended, who stayed away"
igokg summits CSTO --format table
echo; echo "== Checks"
igokg validate
echo; echo "The store is $store: try  $IGOKG --store $store members ОДКБ --at 2013 --lang ru"
