"""The demo: the bundled sample notices into a store, and what the graph then answers."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from graphkit.config import Settings
from graphkit.paths import samples_dir
from graphkit.service.loading import OnItem, ingest, read_families
from graphkit.service.querying import run_template, stats
from graphkit.service.results import DemoResult, Leader
from graphkit.stores.base import Store

LEADING_ROLES = ("组长", "第一责任人", "责任领导")
"""The roles the demo shows: who heads the rectification and who answers for it."""

DEMO_DB = Path(".graphkit") / "demo"
"""The demo's own embedded store, beside the default store (``.graphkit/db``): the fictional
sample units never join the user's data unless a store is named for the demo."""

# roles/leaders stops at `limit` rows (default 1000); the demo shows every unit the store holds.
_EVERY_ROW = 1_000_000


def demo(store: Store, *, on_item: OnItem | None = None) -> DemoResult:
    """Ingest the bundled sample notices and read back counts, families and leaders.

    Families are detected even when the samples were already stored, so the demo always shows
    what detection finds.

    Args:
        store: an open store (read-write).
        on_item: called with each sample's result as it is read (to report errors).

    Returns:
        The ingest, the graph's counts, its measure families of every scope and its leaders.
    """
    ingested = ingest(store, [str(samples_dir())], families="always", on_item=on_item)
    rows = run_template(store, "roles/leaders", {"limit": _EVERY_ROW}).records()
    leaders = [
        Leader(r["unit"], r["role"], r["position"], r["person"]) for r in rows if r["role"] in LEADING_ROLES
    ]
    return DemoResult(ingested, stats(store), read_families(store, scope="all"), leaders)


def demo_settings(settings: Settings, *, store: str | None = None, db: Path | None = None) -> Settings:
    """The store the demo writes to: its own (embedded, ``DEMO_DB``) unless told otherwise.

    Only a store or a folder named for this run (``--store``, ``--db``) tells it otherwise;
    GRAPHKIT_STORE and GRAPHKIT_DB name the user's store, which the samples must not join.

    Args:
        settings: the run's settings (Neo4j's address and credentials are kept from them).
        store: the store named for this run, if one was.
        db: the embedded store's folder named for this run, if one was.
    """
    return replace(settings, store=store or "embedded", db=db if db is not None else DEMO_DB)


def store_options(settings: Settings) -> str:
    """The options that reach the store of `settings` again from a later command, whatever the
    environment says: ``--db PATH`` (with ``--store embedded`` when GRAPHKIT_STORE names another
    store) or ``--store neo4j``."""
    import shlex

    if settings.store == "neo4j":
        return "--store neo4j"
    db = f"--db {shlex.quote(str(settings.db))}"
    return db if Settings().store == "embedded" else f"--store embedded {db}"
