"""Issue 14 #8 #10 #21: a store written by an older commit of this repository is refused until
`graphkit migrate` brings it to this graphkit's format (a later notice of a unit then joins the
unit the old store holds); duplicates are named; a failed first ingest leaves no store.

The old store is built by the code of commit OLD (`git archive` into a temporary folder, run with
this venv's python): its loader turned a department's 委员会 into 委 (西山区应急管理局委), as
every store written before ff10d76 holds; graphkit now keeps 西山区应急管理局委员会.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from graphkit.paths import samples_dir

REPO = Path(__file__).resolve().parents[2]
OLD = "bd9ec3e"  # the parent of ff10d76 (loaders: only a territorial 委员会 becomes 委)
SAMPLE = "sample-xishan-district-2023.txt"


def gk(
    *args: str, env: dict[str, str] | None = None, code: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """The CLI of this checkout, or of the old commit's code in `code`."""
    extra = {"PYTHONPATH": str(code)} if code else {}
    return subprocess.run(
        [sys.executable, "-m", "graphkit.cli.app", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {}), **extra},
        cwd=code or None,
        timeout=600,
    )


def unpack_commit(commit: str, out: Path) -> Path:
    """The code of this repository's `commit`, unpacked into `out` (fails, never skips, when
    git cannot give it)."""
    out.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "-C", str(REPO), "archive", commit], capture_output=True, timeout=120)
    assert archive.returncode == 0, f"git archive {commit}: {archive.stderr.decode()[:300]}"
    subprocess.run(["tar", "-x", "-C", str(out)], input=archive.stdout, check=True, timeout=120)
    return out


@pytest.fixture(scope="module")
def old_code(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The graphkit of commit OLD, unpacked."""
    return unpack_commit(OLD, tmp_path_factory.mktemp("graphkit-old"))


def notices(folder: Path, year: int) -> Path:
    """A notice of 中共西山区应急管理局委员会 (a department's committee) for `year`."""
    folder.mkdir(parents=True)
    text = (samples_dir() / SAMPLE).read_text(encoding="utf-8")
    text = text.replace("中共西山区委", "中共西山区应急管理局委员会")
    if year != 2023:
        text = text.replace("2023年", f"{year}年")
    (folder / f"notice-{year}.txt").write_text(text, encoding="utf-8")
    return folder


def flat(text: str) -> str:
    """Output with rich's line wrapping undone (words joined by one space)."""
    return " ".join(text.split())


def units(db: Path) -> list[dict[str, object]]:
    res = gk(
        "--db",
        str(db),
        "cypher",
        "MATCH (u:Unit)-[:REPORTED]->(n:Notice) RETURN u.name AS unit, count(n) AS notices ORDER BY unit",
        "--format",
        "json",
    )
    assert res.returncode == 0, res.stderr
    rows: list[dict[str, object]] = json.loads(res.stdout)
    return rows


def test_an_old_store_is_refused_then_migrated(old_code: Path, tmp_path: Path) -> None:
    db = tmp_path / "db"
    made = gk("--db", str(db), "ingest", str(notices(tmp_path / "a", 2023)), code=old_code)
    assert made.returncode == 0, made.stderr

    for args in (("stats",), ("ingest", str(notices(tmp_path / "b", 2024)))):
        refused = gk("--db", str(db), *args)
        assert refused.returncode == 2, refused.stdout
        lines = refused.stderr.strip().splitlines()
        assert len(lines) == 1 and "graphkit migrate" in lines[0], refused.stderr

    migrated = gk("--db", str(db), "migrate")
    assert migrated.returncode == 0, migrated.stderr
    assert "from store format 1" in flat(migrated.stdout) and "1 Unit" in flat(migrated.stdout)
    assert "nothing to migrate" in gk("--db", str(db), "migrate").stdout

    assert gk("--db", str(db), "ingest", str(tmp_path / "b")).returncode == 0
    assert units(db) == [{"unit": "西山区应急管理局委员会", "notices": 2}]
    profile = gk(
        "--db", str(db), "query", "run", "units/profile", "-p", "unit=西山区应急管理局委员会", "-f", "json"
    )
    assert profile.returncode == 0, profile.stderr
    (row,) = json.loads(profile.stdout)
    assert row["notices"] == 2


def test_a_killed_migration_is_completed_by_running_it_again(old_code: Path, tmp_path: Path) -> None:
    once, twice = tmp_path / "once", tmp_path / "twice"
    src = notices(tmp_path / "a", 2023)
    for db in (once, twice):
        assert gk("--db", str(db), "ingest", str(src), code=old_code).returncode == 0
    assert gk("--db", str(once), "migrate").returncode == 0
    killed = gk("--db", str(twice), "migrate", env={"GRAPHKIT_TEST_CRASH_AT": "migrated-notices"})
    assert killed.returncode == -signal.SIGKILL
    refused = gk("--db", str(twice), "stats")
    assert refused.returncode == 2 and "graphkit migrate" in refused.stderr
    assert gk("--db", str(twice), "migrate").returncode == 0

    def counts(db: Path) -> object:
        return json.loads(gk("--db", str(db), "stats", "--format", "json").stdout)

    assert counts(twice) == counts(once)


def test_a_store_of_a_newer_format_is_refused(tmp_path: Path) -> None:
    from graphkit import service
    from graphkit.config import Settings
    from graphkit.stores import state

    db = tmp_path / "db"
    assert gk("--db", str(db), "ingest", str(samples_dir())).returncode == 0
    with service.open_store(Settings().override(db=db)) as store:
        newer = state.idle(families_current=True)
        state.write_state(store, state.StoreState(newer.store_format + 1, "9.0", families_current=True))
    res = gk("--db", str(db), "stats")
    assert res.returncode == 2 and "newer graphkit 9.0" in res.stderr and "Traceback" not in res.stderr


def test_duplicates_are_named_with_the_path_they_repeat(tmp_path: Path) -> None:
    db = tmp_path / "db"
    copy = tmp_path / "copy.txt"
    copy.write_text((samples_dir() / SAMPLE).read_text(encoding="utf-8"), encoding="utf-8")
    original = str(samples_dir() / SAMPLE)
    both = gk("--db", str(db), "ingest", original, str(copy))
    assert both.returncode == 0, both.stderr
    assert "1 written" in flat(both.stdout) and "1 duplicates skipped" in flat(both.stdout)
    assert f"duplicate skipped: {copy} is the same notice as {original}" in flat(both.stdout)
    later = gk("--db", str(db), "ingest", str(copy))  # a later run: the stored path is named
    assert f"{copy} is the same notice as {original}" in flat(later.stdout)
    same_file = gk("--db", str(db), "ingest", os.path.relpath(original))  # one file, two spellings
    assert "duplicate" not in same_file.stdout


def test_a_failed_first_ingest_leaves_no_store(tmp_path: Path) -> None:
    db = tmp_path / "new" / "db"
    res = gk("--db", str(db), "ingest", str(tmp_path / "missing.txt"))
    assert res.returncode == 1
    assert not (tmp_path / "new").exists()
    ok = gk("--db", str(db), "ingest", str(samples_dir()))
    assert ok.returncode == 0 and (db / "graph.lbdb").exists()
    again = gk("--db", str(db), "ingest", str(tmp_path / "missing.txt"))  # an existing store stays
    assert again.returncode == 1 and (db / "graph.lbdb").exists()
