"""Output files of `parse -o` and `export -o` (issue 14, items 1, 2, 18, 21): never onto the
store, replaced only atomically and only by a run that produced them, a folder is one line.

The real command line in a subprocess, on a real embedded store loaded from records.
"""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from graphkit.paths import samples_dir

RECORDS = Path(__file__).parents[1] / "data" / "records" / "two-notices.jsonl"
SAMPLE = sorted(samples_dir().glob("*.txt"))[0]


def graphkit(*args: str, cwd: Path, umask: int = 0o022) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GRAPHKIT_")}
    env["GRAPHKIT_HOME"] = str(cwd / "home")  # the local Neo4j's home: protected, never used here
    proc = subprocess.run(
        [sys.executable, "-m", "graphkit.cli.app", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        preexec_fn=lambda: os.umask(umask),
    )
    return proc


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding an embedded store (./.graphkit/db, the default) with two notices."""
    root = tmp_path_factory.mktemp("work")
    res = graphkit("load", str(RECORDS), cwd=root)
    assert res.returncode == 0, res.stderr
    assert (root / ".graphkit" / "db" / "graph.lbdb").exists()
    return root


def _digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _one_error_line(res: subprocess.CompletedProcess[str], *words: str) -> None:
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1, res.stderr
    assert "Traceback" not in res.stderr
    for w in words:
        assert w in lines[0], res.stderr


@pytest.mark.parametrize(
    "target",
    [".graphkit/db/graph.lbdb", ".graphkit/db/new.nt", ".graphkit/db", "link-into-store.nt"],
)
def test_export_never_writes_onto_the_store(store: Path, target: str) -> None:
    link = store / "link-into-store.nt"
    if not link.is_symlink():
        link.symlink_to(store / ".graphkit" / "db" / "graph.lbdb")
    before = _digest(store / ".graphkit")
    res = graphkit("export", "-f", "nt", "-o", target, cwd=store)
    assert res.returncode == 2
    if target == ".graphkit/db":
        _one_error_line(res, "is a folder")
    else:
        _one_error_line(res, "inside the graph store", "refusing")
    assert _digest(store / ".graphkit") == before
    stats = graphkit("stats", "--format", "json", cwd=store)
    assert stats.returncode == 0, stats.stderr  # the store still answers


def test_parse_never_writes_onto_the_store(store: Path) -> None:
    before = _digest(store / ".graphkit")
    res = graphkit("parse", str(SAMPLE), "-o", ".graphkit/db/graph.lbdb", cwd=store)
    assert res.returncode == 2
    _one_error_line(res, "inside the graph store")
    assert _digest(store / ".graphkit") == before


@pytest.mark.parametrize("command", ["parse", "export"])
def test_output_that_is_a_folder_is_one_line_and_exit_code_2(store: Path, command: str) -> None:
    folder = store / "out-folder"
    folder.mkdir(exist_ok=True)
    args = [command, str(SAMPLE), "-o", str(folder)] if command == "parse" else [command, "-o", str(folder)]
    res = graphkit(*args, cwd=store)
    assert res.returncode == 2
    _one_error_line(res, str(folder), "is a folder")
    assert list(folder.iterdir()) == []


def test_parse_of_only_missing_inputs_leaves_the_output_untouched(tmp_path: Path) -> None:
    out = tmp_path / "existing.jsonl"
    out.write_text('{"kept": true}\n', encoding="utf-8")
    res = graphkit("parse", str(tmp_path / "missing.txt"), "-o", str(out), cwd=tmp_path)
    assert res.returncode == 1
    assert "missing.txt: cannot read: no such file" in res.stderr
    assert out.read_text(encoding="utf-8") == '{"kept": true}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["existing.jsonl"]  # no temporary left


def test_parse_with_some_records_replaces_the_output(tmp_path: Path) -> None:
    out = tmp_path / "existing.jsonl"
    out.write_text('{"old": true}\n', encoding="utf-8")
    res = graphkit("parse", str(SAMPLE), str(tmp_path / "missing.txt"), "-o", str(out), cwd=tmp_path)
    assert res.returncode == 1  # one input failed …
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 and '"old"' not in lines[0]  # … and the one notice parsed was written


def test_a_failed_export_leaves_the_output_untouched(tmp_path: Path) -> None:
    out = tmp_path / "graph.ttl"
    out.write_text("# the export of yesterday\n", encoding="utf-8")
    res = graphkit("--db", str(tmp_path / "no-store"), "export", "-o", str(out), cwd=tmp_path)
    assert res.returncode == 2
    _one_error_line(res, "no graph")
    assert out.read_text(encoding="utf-8") == "# the export of yesterday\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.ttl"]


@pytest.mark.parametrize("umask", [0o022, 0o027], ids=["umask-022", "umask-027"])
def test_export_file_mode_follows_the_umask_and_it_says_what_it_wrote(store: Path, umask: int) -> None:
    out = store / f"graph-{umask:o}.nt"
    res = graphkit("export", "-f", "nt", "-o", out.name, cwd=store, umask=umask)
    assert res.returncode == 0, res.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"wrote {out.name} (nt, ") and "triples" in lines[0]
    assert res.stdout == ""
    n = sum(1 for line in out.read_text(encoding="utf-8").splitlines() if line.strip())
    assert f"(nt, {n} triples)" in lines[0]


def test_parse_file_mode_follows_the_umask_and_a_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    new = tmp_path / "new.jsonl"
    res = graphkit("parse", str(SAMPLE), "-o", str(new), cwd=tmp_path, umask=0o027)
    assert res.returncode == 0, res.stderr
    assert stat.S_IMODE(new.stat().st_mode) == 0o640
    private = tmp_path / "private.jsonl"
    private.write_text("{}\n", encoding="utf-8")
    private.chmod(0o600)
    res = graphkit("parse", str(SAMPLE), "-o", str(private), cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert private.read_text(encoding="utf-8") == new.read_text(encoding="utf-8")
