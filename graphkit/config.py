"""Settings from flags and environment: which store, where it lives, how to reach Neo4j."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

STORES = ("embedded", "neo4j")


def _env(name: str, default: str | None = None) -> str | None:
    v = os.environ.get(name)
    return v if v not in (None, "") else default


@dataclass
class Settings:
    """Store settings; flags win over GRAPHKIT_* environment variables, which win over defaults."""

    store: str = field(default_factory=lambda: _env("GRAPHKIT_STORE", "embedded") or "embedded")
    db: Path = field(default_factory=lambda: Path(_env("GRAPHKIT_DB", "./.graphkit/db") or ""))
    neo4j_uri: str = field(default_factory=lambda: _env("GRAPHKIT_NEO4J_URI", "bolt://127.0.0.1:7687") or "")
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
        return Settings(**data)  # type: ignore[arg-type]
