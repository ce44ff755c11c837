"""Issue wordings after notices are only added (graphkit.analysis.wordings.added_wordings): the
stored counts of each title plus the new notices' own equal a recount over every issue, on both
stores, and the update does not recount titles every notice shares.

The cases: a unit's first notice, a unit's second notice whose categories its first notice has
too (it is not a new unit of those titles), a notice with a title no other notice has, and a
notice whose categories are new to its unit.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from test_stored_figures import figures

from graphkit import service
from graphkit.analysis import wordings as wordings_module
from graphkit.analysis.figures import refresh_figures
from graphkit.records import Issue, NoticeRecord, notice_id
from graphkit.testing.synth import generate


@contextmanager
def reads_run(store: Any) -> Iterator[list[str]]:
    """The names of the internal statements the store reads meanwhile (the real store answers)."""
    names: list[str] = []
    run_internal = store.run_internal

    def reading(name: str, *args: Any, **kwargs: Any) -> Any:
        names.append(name)
        return run_internal(name, *args, **kwargs)

    store.run_internal = reading
    try:
        yield names
    finally:
        del store.run_internal


def _renamed(
    rec: NoticeRecord, step: int, *, unit: str | None = None, title: str | None = None
) -> NoticeRecord:
    """The notice as another one (another id and source), of `unit`, its first category titled
    `title` with a sub-issue of that title too."""
    issues = [i.model_copy(deep=True) for i in rec.issues]
    if title is not None:
        first = issues[0]
        sub = Issue(title=f"{title}之一", measures=first.measures[:1])
        issues[0] = first.model_copy(update={"title": title, "children": [*first.children, sub]})
    body = "".join(m.text for i in issues for m in i.measures) + f"added {step} {unit} {title}"
    update: dict[str, Any] = {"id": notice_id(body), "issues": issues, "source": f"added-{step}.txt"}
    if unit is not None:
        update["unit"] = unit
    return rec.model_copy(update=update)


def wordings(store: Any) -> list[tuple[Any, ...]]:
    """The IssueWording records and the WordingUnits buckets."""
    got = figures(store)
    return got["IssueWording"] + got["WordingUnits"]


def _units_of_title(store: Any, title: str) -> list[str]:
    rows = store.query(
        "MATCH (u:Unit)-[:REPORTED]->(n:Notice) MATCH (i:Issue) WHERE i.notice_id = n.id AND i.title = $t "
        "RETURN DISTINCT u.id AS id ORDER BY id",
        {"t": title},
    ).rows
    return [r[0] for r in rows]


@pytest.mark.parametrize("listed", [wordings_module.LISTED_UNITS, 3])
def test_added_notices_add_their_counts_to_their_titles(
    store: Any, listed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the default LISTED_UNITS (every title lists its units on its record) and with 3
    (the titles of more units list them in buckets, and titles pass from the one to the other)."""
    monkeypatch.setattr(wordings_module, "LISTED_UNITS", listed)
    rng = random.Random(11)
    corpus = generate(n_units=12, notices_per_unit=(1, 1), n_families=12, seed=11, with_text=True)
    pool = list(corpus.records)
    rng.shuffle(pool)
    service.load_records(store, pool[:8])
    first = pool[0]
    adds = [
        pool[8],  # a unit's first notice
        _renamed(pool[1], 1, unit=first.unit),  # first's unit again: categories it has, and new ones
        _renamed(pool[9], 2, title="只在这份通报中的问题类别"),  # a title no notice had
        _renamed(first, 3),  # first's unit, the same categories as its first notice
    ]
    for step, rec in enumerate(adds):
        with reads_run(store) as names:
            report = service.load_records(store, [rec])
        assert report.families is not None and report.families.incremental, step
        assert "figures_wording_counts_of" in names, step
        assert "figures_wording_counts" not in names, step  # no title counted again over every issue
        now = wordings(store)
        refresh_figures(store)
        assert now == wordings(store), step
    titles = {w[1]: w for w in figures(store)["IssueWording"]}
    new = titles["只在这份通报中的问题类别"]
    assert new[2:5] == (1, 1, 1)  # issues, notices, units
    shared = max(titles.values(), key=lambda w: w[3])  # the title most notices have
    assert shared[3] == 12 and shared[4] == 10  # 12 notices of 10 units (one has three)
    buckets = figures(store)["WordingUnits"]
    if listed < 10:
        assert shared[-1] == [] and buckets  # its units are in buckets
        assert sorted(u for b in buckets if b[1] == shared[0] for u in b[2]) == _units_of_title(
            store, shared[1]
        )
    else:
        assert shared[-1] and not buckets
