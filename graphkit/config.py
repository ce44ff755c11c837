"""Settings from flags and environment: which store, where it lives, how to reach Neo4j."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

STORES = ("embedded", "neo4j")
BOLT_PORT_ENV = "GRAPHKIT_NEO4J_BOLT_PORT"  # read by graphkit.neo4j_server too
DEFAULT_BOLT_PORT = 7687


def _env(name: str, default: str | None = None) -> str | None:
    v = os.environ.get(name)
    return v if v not in (None, "") else default


def default_neo4j_uri() -> str:
    """GRAPHKIT_NEO4J_URI, else the local server's Bolt port: one setting for both.

    `graphkit neo4j start` listens on GRAPHKIT_NEO4J_BOLT_PORT (default 7687); without an
    explicit URI the stores dial that same port on 127.0.0.1. (A port that is not a number is
    kept as written: the server refuses to start on it and the driver names it.)
    """
    uri = _env("GRAPHKIT_NEO4J_URI")
    if uri:
        return uri
    port = (_env(BOLT_PORT_ENV) or "").strip() or str(DEFAULT_BOLT_PORT)
    return f"bolt://127.0.0.1:{int(port) if port.isdigit() else port}"


@dataclass
class Settings:
    """Store settings; flags win over GRAPHKIT_* environment variables, which win over defaults."""

    store: str = field(default_factory=lambda: _env("GRAPHKIT_STORE", "embedded") or "embedded")
    db: Path = field(default_factory=lambda: Path(_env("GRAPHKIT_DB", "./.graphkit/db") or ""))
    neo4j_uri: str = field(default_factory=default_neo4j_uri)
    neo4j_user: str = field(default_factory=lambda: _env("GRAPHKIT_NEO4J_USER", "neo4j") or "")
    neo4j_password: str = field(
        default_factory=lambda: _env("GRAPHKIT_NEO4J_PASSWORD", "graphkit-local") or ""
    )
    neo4j_database: str = field(default_factory=lambda: _env("GRAPHKIT_NEO4J_DATABASE", "neo4j") or "")

    def override(self, **flags: object) -> Settings:
        """A copy with the flags that were given (not None) applied."""
        data = {**self.__dict__, **{k: v for k, v in flags.items() if v is not None}}
        if isinstance(data["db"], str):
            data["db"] = Path(data["db"])
        return Settings(**data)
