#!/usr/bin/env bash
# Fetch the jars of graphkit's local Neo4j Community server from Maven Central (once; Maven caches
# in ~/.m2). Needs Java 17+ and Maven (apt-get install openjdk-17-jre-headless maven).
#
#   scripts/neo4j_jars.sh            fetch into $GRAPHKIT_HOME/neo4j/lib (default ~/.local/share/graphkit/neo4j/lib)
#   scripts/neo4j_jars.sh --force    fetch again
#
# Python: $PYTHON, else the repo's .venv, else python3. Works without installing graphkit.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
py="${PYTHON:-}"
if [[ -z "$py" ]]; then
  if [[ -x "$repo/.venv/bin/python" ]]; then py="$repo/.venv/bin/python"; else py="python3"; fi
fi
command -v mvn >/dev/null 2>&1 || [[ -n "${GRAPHKIT_MVN:-}" ]] || {
  echo "error: Maven (mvn) is needed to fetch the Neo4j jars (apt-get install maven)" >&2
  exit 2
}
export PYTHONPATH="$repo${PYTHONPATH:+:$PYTHONPATH}"
exec "$py" -m graphkit.cli.app neo4j fetch "$@"
