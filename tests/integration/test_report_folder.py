"""`graphkit report -o DIR` is written whole or not at all: the pages go to a folder beside DIR
and take its place only once complete, so a run that fails half-way leaves no half-written
report and an earlier report as it was; a report replaces an earlier one whole (no stale page
left), never a folder graphkit did not write, and never anything inside the graph store.

On a real embedded store, through the service and through the command line.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from graphkit import service
from graphkit.errors import OutputError
from graphkit.paths import samples_dir
from graphkit.present.report import site
from graphkit.service.reporting import write_report

SAMPLES = sorted(samples_dir().glob("*.txt"))


def _load(store: Any, files: list[Path]) -> None:
    service.load_records(store, service.parse([str(f) for f in files]).records(), families="always")


def _digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _fail_at_the_second_notice(monkeypatch: pytest.MonkeyPatch) -> None:
    real = site.notice_page
    calls: list[int] = []

    def page(*args: Any, **kwargs: Any) -> str:
        calls.append(1)
        if len(calls) % 2 == 0:  # the second notice of each run
            raise RuntimeError("the run failed half-way")
        return real(*args, **kwargs)

    monkeypatch.setattr(site, "notice_page", page)


def test_a_failed_run_leaves_no_half_report_and_the_earlier_one_as_it_was(
    embedded_store: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out" / "report"  # its parent is made
    _load(embedded_store, SAMPLES[:1])
    write_report(embedded_store, out)
    before = _digest(out)
    assert "index.html" in before and any(k.startswith("n/") for k in before)

    _load(embedded_store, SAMPLES[1:])  # more notices: a new report would differ
    with monkeypatch.context() as m:
        _fail_at_the_second_notice(m)
        with pytest.raises(RuntimeError):
            write_report(embedded_store, out)
        assert _digest(out) == before
        assert [p.name for p in out.parent.iterdir()] == ["report"]  # no temporary folder left
        fresh = tmp_path / "fresh"
        with pytest.raises(RuntimeError):
            write_report(embedded_store, fresh)
        assert not fresh.exists()  # not a half-written folder
        assert sorted(p.name for p in tmp_path.iterdir()) == ["db", "out"]

    write_report(embedded_store, out)
    after = _digest(out)
    assert after != before and len([k for k in after if k.startswith("n/")]) == len(SAMPLES)
    assert [p.name for p in out.parent.iterdir()] == ["report"]


def test_a_report_replaces_an_earlier_one_whole(tmp_path: Path) -> None:
    from graphkit.stores.embedded_store import EmbeddedStore

    out = tmp_path / "report"
    with EmbeddedStore(tmp_path / "all") as store:
        _load(store, SAMPLES)
        write_report(store, out)
    with EmbeddedStore(tmp_path / "one") as store:
        _load(store, SAMPLES[:1])
        write_report(store, out)
    # the earlier report's pages of the other notices are gone, not left beside the new ones
    assert len(list((out / "n").iterdir())) == 1
    assert site.is_report(out)


def test_only_an_empty_folder_or_a_report_is_replaced(embedded_store: Any, tmp_path: Path) -> None:
    _load(embedded_store, SAMPLES[:1])
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "thesis.tex").write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="not a report"):
        write_report(embedded_store, mine)
    assert [p.name for p in mine.iterdir()] == ["thesis.tex"]
    (mine / "index.html").write_text(site.INDEX_TITLE, encoding="utf-8")  # looks like one, is not
    with pytest.raises(OutputError, match="not a report"):
        write_report(embedded_store, mine)
    with pytest.raises(OutputError, match="is a file"):
        write_report(embedded_store, mine / "thesis.tex")
    with pytest.raises(OutputError, match="inside the graph store"):
        write_report(embedded_store, tmp_path / "db" / "report", protected=[tmp_path / "db"])
    with pytest.raises(OutputError, match="holds the graph store"):
        write_report(embedded_store, tmp_path, protected=[tmp_path / "db"])
    report = tmp_path / "report"
    write_report(embedded_store, report)
    (report / "n" / "notes.txt").write_text("mine", encoding="utf-8")  # a file of the user's inside
    with pytest.raises(OutputError, match="not a report"):
        write_report(embedded_store, report)
    empty = tmp_path / "empty"
    empty.mkdir()
    write_report(embedded_store, empty)  # an empty folder is filled
    assert site.is_report(empty)


def test_the_command_refuses_in_one_line_before_writing(tmp_path: Path) -> None:
    db = tmp_path / "db"
    gk = [sys.executable, "-m", "graphkit.cli.app", "--db", str(db)]
    subprocess.run([*gk, "ingest", str(SAMPLES[0])], check=True, capture_output=True)
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "thesis.tex").write_text("x", encoding="utf-8")
    for target, words in ((mine, "not a report"), (db / "site", "inside the graph store")):
        r = subprocess.run([*gk, "report", "-o", str(target)], capture_output=True, text=True)
        assert r.returncode == 2, r.stderr
        (line,) = r.stderr.strip().splitlines()
        assert words in line and "Traceback" not in r.stderr
    assert [p.name for p in mine.iterdir()] == ["thesis.tex"] and not (db / "site").exists()
    r = subprocess.run([*gk, "report", "-o", str(tmp_path / "a" / "b")], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert site.is_report(tmp_path / "a" / "b")
