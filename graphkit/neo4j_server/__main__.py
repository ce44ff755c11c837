"""``python -m graphkit.neo4j_server fetch|start|stop|status``: the ``graphkit neo4j`` commands.

The same Typer group as ``graphkit neo4j`` (graphkit/cli/neo4j_cmd.py), for shells that have the
package on their path but not the ``graphkit`` console script, such as scripts/neo4j_jars.sh.
"""

from __future__ import annotations

from graphkit.cli.neo4j_cmd import neo4j_app

if __name__ == "__main__":
    neo4j_app(prog_name="python -m graphkit.neo4j_server")
