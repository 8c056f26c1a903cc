#!/usr/bin/env bash
# Runs a throw-away Oxigraph SPARQL server (PyPI package "oxigraph", which ships the
# `oxigraph` binary; .ci/setup installs it) for the integration tests:
#   tests/servers/oxigraph.sh DIR PORT
# Data is persisted in DIR (RocksDB); listens on 127.0.0.1:PORT only. Execs the binary, so
# the PID the caller spawned is the server's and SIGTERM stops it. Ready when
# GET http://127.0.0.1:PORT/query?query=ASK{} answers 200. No authentication.
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: $0 DIR PORT" >&2
  exit 2
fi
mkdir -p "$1"
dir=$(cd "$1" && pwd -P)
# Prefer the binary next to the Python that pip installed into (skips pyenv's shim).
bin=""
if command -v python3 >/dev/null 2>&1; then
  scripts=$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))' 2>/dev/null || true)
  [ -n "$scripts" ] && [ -x "$scripts/oxigraph" ] && bin="$scripts/oxigraph"
fi
if [ -z "$bin" ] && [ -x "$HOME/.local/bin/oxigraph" ]; then bin="$HOME/.local/bin/oxigraph"; fi
if [ -z "$bin" ]; then bin=$(command -v oxigraph || true); fi
if [ -z "$bin" ]; then
  echo "oxigraph not found: python3 -m pip install oxigraph (see .ci/setup)" >&2
  exit 127
fi
exec "$bin" serve --location "$dir" --bind "127.0.0.1:$2" --union-default-graph   # the dataset igokg questions assume
