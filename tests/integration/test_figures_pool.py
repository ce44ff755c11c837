"""A full refresh of the stored figures fits a buffer pool that holds each of its statements
(issue 16: at a million measures, a rebuild's figures failed in the default 2 GB pool).

A full refresh sets properties on every unit, notice, family and document; held in one
transaction its changes outgrew the pool at 1M measures, while each statement alone needed a
fraction of it. The same, scaled down: 20,000 measures in a 96 MB pool, on a real LadybugDB
store (one transaction failed there up to 112 MB; one per statement ran at 80 MB).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graphkit import service
from graphkit.analysis.figures import refresh_figures
from graphkit.stores.embedded_store import BUFFER_POOL_ENV, EmbeddedStore
from graphkit.testing.synth import generate


def test_a_full_refresh_fits_a_pool_that_holds_each_statement(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = generate(
        n_units=800, measures_per_notice=(25, 25), notices_per_unit=(1, 1), n_families=500, with_text=True
    )
    with EmbeddedStore(tmp_path / "db") as store:
        service.load_records(store, corpus.records)
        expected = store.query("MATCH (u:Unit) RETURN u.id, u.measures, u.copied ORDER BY u.id").rows
        store.query(
            "MATCH (u:Unit) SET u.measures = NULL", write=True
        )  # so the refresh must write them again
    monkeypatch.setenv(BUFFER_POOL_ENV, "96MB")
    with EmbeddedStore(tmp_path / "db") as store:
        refresh_figures(store)
        got = store.query("MATCH (u:Unit) RETURN u.id, u.measures, u.copied ORDER BY u.id").rows
    assert len(got) == 800
    assert got == expected
