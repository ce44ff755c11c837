"""Where the files that ship with the package live (schema/, queries/, samples)."""

from __future__ import annotations

from pathlib import Path

_PKG = Path(__file__).resolve().parent


def schema_dir() -> Path:
    """The project's `schema/` folder (a symlink inside the package, copied into the wheel)."""
    return _PKG / "_data" / "schema"


def queries_dir() -> Path:
    """The project's `queries/` folder of Cypher templates."""
    return _PKG / "_data" / "queries"


def samples_dir() -> Path:
    """Bundled sample notices, written for the demo and for tests that must run anywhere."""
    return _PKG / "samples"
