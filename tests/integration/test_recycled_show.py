"""`graphkit recycled show`: a planted family's members, aligned, with exactly the planted edits
marked; an unknown family id is one line with the closest ids, exit code 2.

The family is planted by graphkit.testing.synth with no random edits (copies differ only by
their self-references and numbers, which the comparison ignores); then one copy gets two known
edits — a phrase inserted, another deleted — and those must be the only marks.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from typer.testing import CliRunner

from graphkit import service
from graphkit.analysis.items import walk_measures
from graphkit.cli.app import app
from graphkit.cli.family_view import print_family
from graphkit.records import NoticeRecord
from graphkit.service.family_show import read_family
from graphkit.testing import synth

INSERTED = "桃李芬芳"
MARK = re.compile(r"\[-(.*?)-\]|\{\+(.*?)\+\}|\{~(.*?)~\}")


def _measure(rec: NoticeRecord, k: int) -> Any:
    """The k-th measure of a record in document order (as synth's truth counts them)."""
    counters: dict[str, int] = {}
    for path, issue, kk in walk_measures(rec):
        j = counters.get(path, 0)
        counters[path] = j + 1
        if kk == k:
            return issue.measures[j]
    raise AssertionError(k)


def planted() -> tuple[list[NoticeRecord], str, str]:
    """Records with one family whose second copy has `INSERTED` put in and a phrase deleted;
    returns the records, the deleted phrase and the edited copy's text."""
    corpus = synth.generate(
        n_units=6,
        n_families=3,
        family_size=(2, 2),
        edit_rate=0.0,
        within_unit_share=0,
        across_notices_share=0,
        seed=3,
    )
    records = [r.model_copy(deep=True) for r in corpus.records]
    by_id = {r.id: r for r in records}
    notice, k = corpus.families[0][1].split("/m")
    m = _measure(by_id[notice], int(k))
    text = m.text
    # a phrase of 3 CJK characters found once in the text, away from the insertion point
    mid = len(text) // 2
    start = next(
        i
        for i in range(mid + 8, len(text) - 3)
        if re.fullmatch(r"[\u4e00-\u9fff]{3}", text[i : i + 3]) and text.count(text[i : i + 3]) == 1
    )
    gone = text[start : start + 3]
    edited = text[:mid] + INSERTED + text[mid:start] + text[start + 3 :]
    m.text = edited
    return records, gone, edited


@pytest.fixture
def loaded(store: Any) -> Iterator[tuple[Any, str, str]]:
    records, gone, edited = planted()
    service.load_records(store, records, families="always")
    yield store, gone, edited


def _marks(text: str) -> list[tuple[str, str]]:
    """The marks of a plain drawing as (deleted | inserted | moved, text), lines joined."""
    kinds = ("deleted", "inserted", "moved")
    flat = text.replace("\n", "")
    return [(kinds[i], g) for m in MARK.finditer(flat) for i, g in enumerate(m.groups()) if g is not None]


def _family_with(store: Any, text: str) -> str:
    (fam,) = [f for f in service.read_families(store) if any(m.text == text for m in f.measures)]
    return fam.id


def _plain(detail: Any) -> str:
    buf = io.StringIO()
    print_family(Console(file=buf, width=80, color_system=None), detail)
    return buf.getvalue()


def test_show_marks_exactly_the_planted_edits(loaded: tuple[Any, str, str]) -> None:
    store, gone, edited = loaded
    fid = _family_with(store, edited)
    detail = read_family(store, fid.rsplit(":", 1)[1])  # the short id finds it
    assert detail.id == fid and len(detail.members) == 2
    out = _plain(detail)
    blocks = out.split("\n#")
    assert len(blocks) == 3  # the header, #1, #2
    marks = sorted(_marks(blocks[2]))
    if detail.members[0].text == edited:  # the edited copy is the reference: the edits reversed
        assert marks == sorted([("deleted", INSERTED), ("inserted", gone)]), blocks[2]
    else:
        assert marks == sorted([("deleted", gone), ("inserted", INSERTED)]), blocks[2]
    assert not MARK.search(blocks[1])  # the reference is printed as written
    for m in detail.members:
        assert m.unit in out and (m.notice_title or m.notice) in out and m.issue_title in out


def test_show_in_colour_styles_the_edits(loaded: tuple[Any, str, str]) -> None:
    store, gone, edited = loaded
    detail = read_family(store, _family_with(store, edited))
    buf = io.StringIO()
    print_family(Console(file=buf, width=80, color_system="truecolor", force_terminal=True), detail)
    out = buf.getvalue()
    assert "{+" not in out and "[-" not in out  # colour, not brackets
    assert "\x1b[" in out and INSERTED in out and gone in out


def test_cli_show_and_unknown_family(tmp_path: Path) -> None:
    from graphkit.stores.embedded_store import EmbeddedStore

    records, _gone, edited = planted()
    db = tmp_path / "db"
    with EmbeddedStore(db) as s:
        service.load_records(s, records, families="always")
        fid = _family_with(s, edited)
    runner = CliRunner()
    res = runner.invoke(app, ["--db", str(db), "recycled", "show", fid])
    assert res.exit_code == 0, res.stderr
    assert "{+" + INSERTED + "+}" in res.stdout or "[-" + INSERTED + "-]" in res.stdout
    assert all(len(line) <= 80 for line in res.stdout.splitlines())
    table = runner.invoke(app, ["--db", str(db), "recycled"])
    assert fid.rsplit(":", 1)[1] in table.stdout  # the table shows the family's (short) id
    wrong = fid[:-3] + "zzz"
    res = runner.invoke(app, ["--db", str(db), "recycled", "show", wrong])
    assert res.exit_code == 2
    (line,) = res.stderr.strip().splitlines()
    assert line.startswith("error: no family") and fid in line  # the closest id is named
    res = runner.invoke(app, ["--db", str(db), "recycled", "shwo", fid])
    assert res.exit_code == 2 and "unknown action 'shwo'" in res.stderr


def test_the_reference_is_the_familys_stored_text(store: Any) -> None:
    """The member the others are marked against is the one detection chose as the family's
    text (MeasureTemplate.text, its medoid), not one picked again by a second all-pairs
    alignment: on the samples that pick differed for 4 of the 24 families."""
    from graphkit.paths import samples_dir

    service.load_records(store, service.parse([str(samples_dir())]).records(), families="always")
    ids = [r[0] for r in store.run_internal("lookup_family_names").rows]
    assert len(ids) >= 20
    for fid in ids:
        detail = read_family(store, fid)
        assert detail.members[0].text == detail.text, fid
        assert all(al.a == detail.text for al in detail.alignments), fid
