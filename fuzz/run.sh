#!/usr/bin/env bash
# Runs the fuzz targets for a bounded time each (default 60 s), seeded from the repository:
#   extract    articles (the sample and the development set)
#   csv_table  the example fact tables and the CSV cases of the hostile corpus
#   term       terms of `igokg add triple`
#   cow        slices of the COW tables (when ../shared is there) and the COW hostile cases
#   http       requests to the handler of `igokg serve`
# Needs cargo-fuzz (`cargo install cargo-fuzz`); on a stable toolchain RUSTC_BOOTSTRAP=1 lets
# it pass the sanitizer flags. A crash is saved under fuzz/artifacts/TARGET/ and replays with
# `cargo fuzz run TARGET fuzz/artifacts/TARGET/<file>`. Findings are listed in RELIABILITY.md.
#
#   bash fuzz/run.sh                 # every target, 60 s each
#   bash fuzz/run.sh 300 term cow    # two targets, 5 min each
set -euo pipefail
secs="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(extract csv_table term cow http)
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/igokg-fuzz}"
export RUSTC_BOOTSTRAP="${RUSTC_BOOTSTRAP:-1}"
seed() {
  local t=$1 c=fuzz/corpus/$1
  mkdir -p "$c"
  case $t in
    extract) cp -n tests/fixtures/devset/*.txt examples/csto-summit-astana-2024.ar.txt "$c"/ 2>/dev/null || true ;;
    csv_table) cp -n examples/*.csv tests/hostile/files/csv-*.csv "$c"/ 2>/dev/null || true ;;
    term)
      printf '%s' '<http://example.org/a>' > "$c/iri"; printf '%s' '"abc"@ar' > "$c/lang"
      printf '%s' '"2024"^^xsd:gYear' > "$c/typed"; printf '%s' 'igoid:Q399' > "$c/prefixed"
      printf '%s' '_:b1' > "$c/bnode"; printf '%s' '"a\"b\\n"' > "$c/escapes" ;;
    cow)
      for f in igo_year_formatv3.tsv state_year_formatv3.tsv; do
        [ -f "../shared/data/cow-igo/$f" ] && head -c 60000 "../shared/data/cow-igo/$f" > "$c/$f.head" || true
      done
      cp -n tests/hostile/files/cow-*.tsv "$c"/ 2>/dev/null || true ;;
    http)
      printf 'GET /sparql?query=ASK%%7B%%7D HTTP/1.1\r\nAccept: text/csv\r\n\r\n' > "$c/get"
      printf 'POST /sparql HTTP/1.1\r\nContent-Type: application/sparql-query\r\n\r\nSELECT * WHERE { ?s ?p ?o } LIMIT 2' > "$c/post"
      printf 'GET /api/search?q=%%D8%%A3%%D8%%B1%%D9%%85%%D9%%8A%%D9%%86%%D9%%8A%%D8%%A7 HTTP/1.1\r\n\r\n' > "$c/search"
      printf 'PUT /store?graph=http%%3A%%2F%%2Fx HTTP/1.1\r\nAuthorization: Bearer t\r\nContent-Type: text/turtle\r\n\r\n<http://a> <http://b> "c" .' > "$c/put" ;;
  esac
}
for t in "${targets[@]}"; do
  seed "$t"
  echo "== $t: ${secs} s" >&2
  cargo fuzz run "$t" "fuzz/corpus/$t" -- -max_total_time="$secs" -max_len=65536 -timeout=30 -rss_limit_mb=4096 2>&1 |
    grep -E '^(#[0-9]+ +DONE|==[0-9]+==ERROR|SUMMARY|Done [0-9]+ runs)|panicked' || true
  if ls "fuzz/artifacts/$t"/crash-* >/dev/null 2>&1; then echo "$t: crashes in fuzz/artifacts/$t/" >&2; exit 1; fi
done
