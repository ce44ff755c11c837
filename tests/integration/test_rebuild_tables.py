"""A full rebuild on the embedded store empties the family tables by dropping and making them
again in its transaction (deleting their rows ran at ~1,400 edges a second: an hour for the
4.4M REUSED_FROM edges of a store of a million measures). The table made again keeps the
columns of the one it replaces in their order, which COPY fills by position; a rebuild that
fails keeps every family it would have replaced."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_incremental_families import assert_same, snapshot

from graphkit import service
from graphkit.errors import StoreError
from graphkit.stores.embedded_store import EmbeddedStore
from graphkit.testing.synth import generate

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _records():  # type: ignore[no-untyped-def]
    return generate(n_units=8, notices_per_unit=(1, 2), n_families=6, seed=21, with_text=True).records


def test_a_rebuild_over_families_keeps_the_tables_column_order(tmp_path: Path) -> None:
    """A MeasureTemplate table whose column `kind` came last (as a column added by an upgrade
    does): rebuilt twice, its families equal those of a store made fresh."""
    store, fresh = EmbeddedStore(tmp_path / "old"), EmbeddedStore(tmp_path / "fresh")
    try:
        service.load_records(store, _records())
        store.query("ALTER TABLE MeasureTemplate DROP kind", write=True)
        store.query("ALTER TABLE MeasureTemplate ADD kind STRING", write=True)
        store._table_columns.clear()  # what a store opened anew reads
        store._staging = None
        assert store._columns("MeasureTemplate")[-1] == "kind"
        service.load_records(fresh, _records())
        for _ in range(2):
            service.rebuild_families(store)
            assert_same(snapshot(store), snapshot(fresh), "rebuilt")
        assert store.counts()["edges"]["REUSED_FROM"] > 0
    finally:
        store.close()
        fresh.close()


def test_a_rebuild_that_fails_keeps_the_families(tmp_path: Path) -> None:
    """The rebuild's write fails after the tables were dropped and made again: rolled back,
    the families, their edges and figures are those before."""
    store = EmbeddedStore(tmp_path / "store")
    try:
        service.load_records(store, _records())
        before = snapshot(store)
        real = store.empty_families_statements

        def failing():  # type: ignore[no-untyped-def]
            return [*real(), ("MATCH (n:NoSuchTable) RETURN n", {})]

        store.empty_families_statements = failing  # type: ignore[method-assign]
        with pytest.raises(StoreError):
            service.rebuild_families(store)
        del store.empty_families_statements
        assert_same(snapshot(store), before, "after the failed rebuild")
        assert store.counts()["nodes"]["MeasureTemplate"] > 0
    finally:
        store.close()
