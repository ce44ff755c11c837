"""The demo: the bundled sample notices into a store, and what the graph then answers."""

from __future__ import annotations

from graphkit.paths import samples_dir
from graphkit.service.loading import OnItem, ingest, read_families
from graphkit.service.querying import run_template, stats
from graphkit.service.results import DemoResult, Leader
from graphkit.stores.base import Store

LEADING_ROLES = ("组长", "第一责任人", "责任领导")
"""The roles the demo shows: who heads the rectification and who answers for it."""

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
