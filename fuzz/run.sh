#!/usr/bin/env bash
# Runs the extractor's fuzz target for a bounded time (default 60 s), seeded with the sample
# and the development-set articles. Needs cargo-fuzz (`cargo install cargo-fuzz`); on a stable
# toolchain RUSTC_BOOTSTRAP=1 lets it pass the sanitizer flags. A crash is saved under
# fuzz/artifacts/extract/ and replays with `cargo fuzz run extract fuzz/artifacts/extract/<file>`.
#
#   bash fuzz/run.sh            # 60 s
#   bash fuzz/run.sh 600        # 10 min
set -euo pipefail
secs="${1:-60}"
cd "$(dirname "$0")/.."
corpus=fuzz/corpus/extract
mkdir -p "$corpus"
cp -n tests/fixtures/devset/*.txt examples/csto-summit-astana-2024.ar.txt "$corpus"/ 2>/dev/null || true
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/igokg-fuzz}"
export RUSTC_BOOTSTRAP="${RUSTC_BOOTSTRAP:-1}"
exec cargo fuzz run extract "$corpus" -- -max_total_time="$secs" -max_len=65536 -timeout=30 -rss_limit_mb=4096
