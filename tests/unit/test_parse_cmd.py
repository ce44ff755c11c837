"""`graphkit parse` and the pipeline under it: bad inputs, order, parallelism, atomic output."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from conftest import shared_path

from graphkit.errors import InputError
from graphkit.paths import samples_dir
from graphkit.pipeline import iter_inputs, parse_paths

DATA_BAD = Path(__file__).parents[1] / "data" / "bad"
SAMPLES = sorted(samples_dir().glob("*.txt"))


def run(
    *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the real command line, as a user would."""
    proc = subprocess.run(
        [sys.executable, "-m", "graphkit.cli.app", "parse", *args],
        input=stdin,
        capture_output=True,
        timeout=300,
        env={**os.environ, **(env or {})},
        check=False,
    )
    return subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout.decode(), proc.stderr.decode())


def records(stdout: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


@pytest.fixture
def bad_dir(tmp_path: Path) -> Path:
    """The committed bad-input corpus plus the inputs made at test time.

    An unreadable file cannot be made with chmod 000 when the tests run as root (root reads it
    anyway), so unreadability is simulated by a broken symlink and a FIFO, which the reader
    refuses without opening (reading a FIFO found in a folder could block forever).
    """
    folder = tmp_path / "bad"
    shutil.copytree(DATA_BAD, folder)
    (folder / "README.md").unlink(missing_ok=True)
    unreadable = folder / "unreadable"
    unreadable.mkdir()
    (unreadable / "gone.txt").symlink_to(tmp_path / "does-not-exist.txt")
    os.mkfifo(unreadable / "pipe.txt")
    with open(folder / "huge.txt", "wb") as fh:  # 50 MB, made here, never committed
        line = ("根据省委统一部署，省委巡视组对某县开展了巡视。" * 20 + "\n").encode()
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            fh.write(line)
    return folder


EXPECTED = {
    "binary.txt": "binary file (contains NUL bytes), not text",
    "empty.txt": "empty file",
    "image-png.txt": "binary file (PNG image), not text",
    "news-article.txt": "no inspection/rectification vocabulary",
    "truncated-gbk.txt": "truncated file: ends in the middle of a GB18030/GBK character",
    "huge.txt": "too large: 50.0 MB (limit 20 MB; set GRAPHKIT_MAX_INPUT_MB)",
    "unreadable/gone.txt": "cannot read: broken symbolic link",
    "unreadable/pipe.txt": "not a regular file (a FIFO)",
}


def test_each_bad_file_gives_one_line_and_the_others_still_parse(bad_dir: Path) -> None:
    good = [str(p) for p in SAMPLES]
    result = run(good[0], str(bad_dir), *good[1:])
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == len(EXPECTED), result.stderr
    for name, reason in EXPECTED.items():
        path = str(bad_dir / name)
        [line] = [ln for ln in lines if ln.startswith(path + ": ")]
        assert line[len(path) + 2 :].startswith(reason), line
    assert "Traceback" not in result.stderr
    assert [r["source"] for r in records(result.stdout)] == good


def test_chmod_000_file(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("running as root: chmod 000 does not stop root from reading (see bad_dir fixture)")
    path = tmp_path / "locked.txt"
    path.write_text("x")
    path.chmod(0)
    try:
        result = run(str(path))
    finally:
        path.chmod(0o644)
    assert result.returncode == 1
    assert result.stderr.strip() == f"{path}: cannot read: Permission denied"


def test_all_good_exits_zero_with_one_record_per_line() -> None:
    result = run(*map(str, SAMPLES))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    recs = records(result.stdout)
    assert [r["source"] for r in recs] == [str(p) for p in SAMPLES]
    assert "中共" in result.stdout or "县委" in result.stdout  # ensure_ascii=False: readable Chinese


def test_stdin(tmp_path: Path) -> None:
    result = run("-", stdin=SAMPLES[0].read_bytes())
    assert result.returncode == 0, result.stderr
    [rec] = records(result.stdout)
    assert rec["source"] == "-"


def test_parallel_gives_the_same_output_in_the_same_order(bad_dir: Path) -> None:
    inputs = [str(p) for p in SAMPLES] * 5 + [str(bad_dir)]
    one = run(*inputs)
    two = run("-j", "2", *inputs)
    assert two.returncode == one.returncode == 1
    assert two.stdout == one.stdout
    assert two.stderr == one.stderr


def test_output_file_is_written_atomically(tmp_path: Path) -> None:
    out = tmp_path / "records.jsonl"
    result = run("-o", str(out), *map(str, SAMPLES))
    assert result.returncode == 0
    assert result.stdout == ""
    assert len(records(out.read_text(encoding="utf-8"))) == len(SAMPLES)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["records.jsonl"]


def _boom(text: str, source: str) -> object:
    if "西山" in text:
        raise RuntimeError("boom")
    from graphkit.parse import parse_notice

    return parse_notice(text, source)


def test_unexpected_error_becomes_one_line_unless_debug(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from graphkit.cli.parse_cmd import parse_command

    monkeypatch.setattr("graphkit.pipeline._default_parser", lambda: _boom)
    out = tmp_path / "records.jsonl"
    out.write_text("previous run\n")
    with pytest.raises(typer.Exit) as info:
        parse_command([str(p) for p in SAMPLES], output=out, jobs=1, debug=False)
    assert info.value.exit_code == 1
    err = capsys.readouterr().err.splitlines()
    xishan = str(samples_dir() / "sample-xishan-district-2023.txt")
    assert err == [f"{xishan}: internal error: RuntimeError: boom"]
    assert len(records(out.read_text(encoding="utf-8"))) == len(SAMPLES) - 1

    # With --debug the exception propagates, and the previous output is left as it was.
    out.write_text("previous run\n")
    with pytest.raises(RuntimeError, match="boom"):
        parse_command([str(p) for p in SAMPLES], output=out, jobs=1, debug=True)
    assert out.read_text() == "previous run\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["records.jsonl"]


def _fake_parser(text: str, source: str) -> object:
    from graphkit.errors import NotANoticeError
    from graphkit.records import NoticeRecord, notice_id

    if "整改" not in text:
        raise NotANoticeError(source, "fake: not a notice")
    return NoticeRecord(id=notice_id(text), source=source, unit=text.split("\n", 1)[0][:10])


def test_parse_paths_in_process_and_in_a_pool_agree(tmp_path: Path) -> None:
    files = []
    for i in range(23):
        path = tmp_path / f"n{i:02d}.txt"
        path.write_text(
            (f"第{i}号 关于巡视整改的通报\n" + "整改内容。" * 50) if i % 5 else f"第{i}号新闻\n天气晴。",
            encoding="utf-8",
        )
        files.append(str(path))
    serial = list(parse_paths(files, jobs=1, parser=_fake_parser))
    pooled = list(parse_paths(files, jobs=2, parser=_fake_parser))
    assert [type(r).__name__ for r in serial] == [type(r).__name__ for r in pooled]
    assert [r.source if not isinstance(r, InputError) else r.path for r in pooled] == files
    assert sum(isinstance(r, InputError) for r in pooled) == 5


def test_iter_inputs_walks_folders_in_order(tmp_path: Path) -> None:
    for rel in ["b/2.txt", "b/1.pdf", "a/x.docx", "a/skip.png", "c.htm", "d.HTML"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    found = [os.path.relpath(p, tmp_path) for p in iter_inputs([str(tmp_path), "-", "missing.txt"][:1])]
    assert found == ["c.htm", "d.HTML", "a/x.docx", "b/1.pdf", "b/2.txt"]
    assert list(iter_inputs(["-", "missing.txt"])) == ["-", "missing.txt"]


def test_sources_carry_no_machine_layout(tmp_path: Path) -> None:
    """A folder given as an absolute path: records name the folder and the path inside it (this
    name reaches the Notice node and dcterms:source); a relative input stays as given; errors
    name the file as it can be opened; the same in a worker pool."""
    box = tmp_path / "box"
    (box / "sub").mkdir(parents=True)
    shutil.copy(SAMPLES[0], box / "sub" / "a.txt")
    (box / "b.txt").write_bytes(b"")
    for jobs in (1, 2):
        results = list(parse_paths([str(box)], jobs=jobs))
        named = {r.source if not isinstance(r, InputError) else r.path for r in results}
        assert named == {str(box / "b.txt"), "box/sub/a.txt"}, jobs
    result = subprocess.run(
        [sys.executable, "-m", "graphkit.cli.app", "parse", "box"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert [r["source"] for r in records(result.stdout)] == [os.path.join("box", "sub", "a.txt")]


@pytest.mark.shared
def test_collection_gives_nine_records() -> None:
    path = shared_path("corpus/collections/liaoning-round9-2020.txt")
    result = run(str(path))
    assert result.returncode == 0, result.stderr
    recs = records(result.stdout)
    assert [r["source"] for r in recs] == [f"{path}#{k}" for k in range(1, 10)]


@pytest.mark.shared
def test_whole_shared_corpus_parses() -> None:
    corpus = shared_path("corpus")
    result = run("-j", "2", str(corpus))
    assert result.returncode == 0, result.stderr
    assert len(records(result.stdout)) == 9 + len(list((corpus / "notices").glob("*.txt")))


def test_unwritable_output_and_empty_folder_are_one_line_each(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run(str(empty))
    assert result.returncode == 1
    assert result.stderr == f"{empty}: no .txt .html .htm .docx or .pdf files in this folder\n"
    target = tmp_path / "no-such-dir" / "out.jsonl"
    result = run("-o", str(target), str(SAMPLES[0]))
    assert result.returncode == 2  # an output that cannot be written is a usage error
    assert result.stderr == f"{target}: no such folder {target.parent}\n"
