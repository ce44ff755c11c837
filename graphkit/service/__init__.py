"""graphkit's library surface: every operation a user has, as plain functions.

The CLI, the demo, the tests and the benchmarks call these; each returns a typed result
(`graphkit.service.results`) and raises a `graphkit.errors.GraphkitError` for what a person
can get wrong. Operations on the graph take an open store::

    from graphkit import service
    from graphkit.config import Settings

    with service.open_store(Settings(store="embedded", db=Path("./.graphkit/db"))) as store:
        result = service.ingest(store, ["notices/"])
        families = service.read_families(store, scope="across-units", min_units=2)
        rows = service.run_template(store, "units/profile", {"unit": "东河县委"}).records()

| operation | function |
|---|---|
| open a store from settings | `open_store` |
| files → records (with errors, warnings) | `parse` |
| files → store, then families | `ingest` |
| record files → store, then families | `load` |
| records → store, then families | `load_records` |
| detect families anew | `rebuild_families` |
| read stored families | `read_families` |
| the Cypher templates | `templates`, `template`, `prepare_template`, `run_template` |
| ad-hoc Cypher (read-only unless allowed) | `run_cypher` |
| counts per label and type | `stats` |
| why answers may be incomplete (a load under way or died) | `store_warning` |
| a store of an earlier graphkit → this one's format | `migrate` |
| one family's members, aligned with the edits marked | `read_family` |
| two notices (or a unit's two latest) side by side | `compare`, `compare_unit`, `notices` |
| who reused whom (REUSED_FROM by unit pair) | `read_diffusion` |
| the static report site | `write_report` |
| the tidy panel tables (CSV, Parquet, data dictionary) | `write_panel` |
| the bundled samples, end to end | `demo` |
"""

from __future__ import annotations

from typing import Any

from graphkit.service.demo import LEADING_ROLES, demo
from graphkit.service.loading import (
    Families,
    check_family_filter,
    family_scopes,
    ingest,
    load,
    load_records,
    read_diffusion,
    read_families,
    rebuild_families,
)
from graphkit.service.migration import MigrationResult, migrate
from graphkit.service.parsing import ParseRun, parse
from graphkit.service.querying import (
    check_cypher,
    prepare_template,
    run_cypher,
    run_template,
    stats,
    store_warning,
    template,
    templates,
)
from graphkit.service.results import (
    DemoResult,
    Family,
    FamilyMember,
    IngestResult,
    Leader,
    LoadResult,
    NoticeWarning,
    Parsed,
    Stats,
    TemplateCall,
    WarningTally,
)
from graphkit.stores import open_store
from graphkit.stores.state import where as store_location

__all__ = [
    "LEADING_ROLES",
    "DemoResult",
    "Families",
    "Family",
    "FamilyMember",
    "IngestResult",
    "Leader",
    "LoadResult",
    "MigrationResult",
    "NoticeWarning",
    "ParseRun",
    "Parsed",
    "Stats",
    "TemplateCall",
    "WarningTally",
    "check_cypher",
    "check_family_filter",
    "compare",
    "compare_unit",
    "demo",
    "family_scopes",
    "ingest",
    "load",
    "load_records",
    "migrate",
    "notices",
    "open_store",
    "parse",
    "prepare_template",
    "read_diffusion",
    "read_families",
    "read_family",
    "rebuild_families",
    "run_cypher",
    "run_template",
    "stats",
    "store_location",
    "store_warning",
    "template",
    "templates",
    "write_panel",
    "write_report",
]

# Imported when first asked for: they bring the parser, the aligner, pyarrow or the report's
# pages, which the commands that do not use them should not pay for at start-up.
_LAZY = {
    "compare": "graphkit.service.comparing",
    "compare_unit": "graphkit.service.comparing",
    "notices": "graphkit.service.comparing",
    "read_family": "graphkit.service.family_show",
    "write_panel": "graphkit.service.panel",
    "write_report": "graphkit.service.reporting",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
