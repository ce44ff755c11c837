"""``python -m graphkit.neo4j_server fetch|start|stop|status``: the local Neo4j server from a shell or CI.

Plain text on stdout; an error is one line on stderr and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from graphkit.errors import Neo4jServerError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m graphkit.neo4j_server",
        description="Assemble (from Maven Central) and run a local Neo4j Community server on 127.0.0.1.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p_fetch = sub.add_parser(
        "fetch", help="fetch the server's jars with Maven (once; minutes the first time)"
    )
    p_fetch.add_argument("--force", action="store_true", help="fetch again even if the jars are there")
    p_fetch.add_argument("--timeout", type=float, default=1800.0, help="seconds (default 1800)")
    p_start = sub.add_parser("start", help="start the server (or find it running) and wait for Bolt")
    p_start.add_argument(
        "--timeout", type=float, default=120.0, help="seconds to wait for Bolt (default 120)"
    )
    p_start.add_argument("--no-wait", action="store_true", help="return once the JVM is launched")
    p_stop = sub.add_parser("stop", help="stop the server: SIGTERM, then SIGKILL after --timeout")
    p_stop.add_argument("--timeout", type=float, default=60.0, help="seconds before SIGKILL (default 60)")
    p_status = sub.add_parser("status", help="running or stopped, pid, URIs (exit 0 either way)")
    p_status.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)

    from graphkit.neo4j_server import server

    try:
        if args.command == "fetch":
            ready = server.jars_ready() and not args.force
            if not ready:
                print(
                    f"fetching Neo4j {server.neo4j_version()} jars from Maven Central into {server.lib_dir()} …"
                )
            t0 = time.monotonic()
            lib = server.ensure_jars(timeout=args.timeout, force=args.force)
            jars = len(list(lib.glob("*.jar")))
            how = "already there" if ready else f"fetched in {time.monotonic() - t0:.0f} s"
            print(f"{jars} jars in {lib} ({how})")
        elif args.command == "start":
            if not server.jars_ready():
                print(f"fetching Neo4j {server.neo4j_version()} jars from Maven Central (first run) …")
            info = server.start(wait=not args.no_wait, timeout=args.timeout)
            state = "started" if info.started else "already running"
            print(f"Neo4j {info.version} {state} (pid {info.pid})")
            print(f"bolt:    {info.uri}  (user {info.user})")
            print(f"browser: {info.browser_url}")
            print(f"home:    {info.home}")
        elif args.command == "stop":
            stopped = server.stop(timeout=args.timeout)
            print("Neo4j stopped" if stopped else "Neo4j was not running")
        elif args.command == "status":
            st = server.status()
            if args.json:
                print(json.dumps(server.info_dict(st)))
            elif st.running:
                state = "running" if st.ready else "starting"
                print(f"Neo4j {st.version} {state} (pid {st.pid})")
                print(f"bolt:    {st.uri}")
                print(f"browser: {st.browser_url}")
                print(f"home:    {st.home}")
            else:
                print(f"Neo4j {st.version} stopped (jars {'ready' if st.jars else 'not fetched'})")
                print(f"home:    {st.home}")
    except Neo4jServerError as e:
        print(f"error: {e}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
