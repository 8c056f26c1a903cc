#!/usr/bin/env bash
# Waits (at most ~60 s) until a Virtuoso started by tests/servers/virtuoso.sh serves:
#   tests/servers/virtuoso-ready.sh HTTP_PORT SQL_PORT [PID]
# Ready means: the SQL port accepts connections, GET /sparql answers 200, and
# /sparql-auth answers 200 to dba/dba over HTTP digest auth. With PID, fails at once if
# that process dies. No grants are needed on Debian's 7.2.5: dba already holds
# SPARQL_UPDATE, and the anonymous /sparql stays read-only (its user "SPARQL" has no
# update rights; an update there answers 500 SR186). Exit 0 when ready, 1 otherwise.
set -uo pipefail
if [ $# -lt 2 ] || [ $# -gt 3 ]; then
  echo "usage: $0 HTTP_PORT SQL_PORT [PID]" >&2
  exit 2
fi
http_port=$1 sql_port=$2 pid=${3:-}
base="http://127.0.0.1:$http_port"
ask='query=ASK%20%7B%20%7D'
deadline=$((SECONDS + 60))
while [ $SECONDS -lt $deadline ]; do
  if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
    echo "virtuoso (pid $pid) exited before it was ready" >&2
    exit 1
  fi
  if (exec 3<>"/dev/tcp/127.0.0.1/$sql_port") 2>/dev/null &&
    [ "$(curl -s -o /dev/null -m 5 -w '%{http_code}' "$base/sparql?$ask")" = 200 ] &&
    [ "$(curl -s -o /dev/null -m 5 -w '%{http_code}' --digest -u dba:dba "$base/sparql-auth?$ask")" = 200 ]; then
    exit 0
  fi
  sleep 0.2
done
echo "virtuoso on 127.0.0.1:$http_port (SQL $sql_port) not ready after 60 s" >&2
exit 1
