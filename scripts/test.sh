#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs what it needs (Python deps in .venv, a JDK 17
# via apt-get when java is missing, Neo4j 5.26 jars from Maven Central, Debian chromium for the
# browser tests), runs pytest. The suite starts a Neo4j of its own (tests/conftest.py: a fresh home
# lent these jars, free ports) and stops it at the end: the user's server and data are never touched.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e '.[dev]'

apt_install() {
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    sudo apt-get update -qq >/dev/null && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  fi
}
need_apt=()
command -v java >/dev/null 2>&1 || need_apt+=(openjdk-17-jre-headless)
command -v mvn >/dev/null 2>&1 || need_apt+=(maven)
# browser tests drive Debian's chromium through Playwright (never `playwright install`); a CJK font
# so that screenshots show the characters
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
# (outputs are read whole before grep: under pipefail, grep -q leaving early would fail the pipe)
grep -qi "wenquanyi\|noto sans cjk" <<<"$(fc-list 2>/dev/null || true)" || need_apt+=(fonts-wqy-zenhei)
if [ "${#need_apt[@]}" -gt 0 ]; then
  echo "installing ${need_apt[*]} with apt-get"
  apt_install "${need_apt[@]}"
fi

echo "fetching Neo4j jars (Maven Central), once; the tests start a Neo4j of their own"
.venv/bin/graphkit neo4j fetch

.venv/bin/python -m pytest "$@"
