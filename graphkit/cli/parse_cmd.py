"""`graphkit parse`: notice files → JSON Lines records (one per notice, in input order)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO, Annotated, Any

import typer

# Above this many input files (and with stderr on a terminal) a progress bar is shown.
_PROGRESS_MIN_FILES = 20


def parse_command(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="notice files (.txt .html .htm .docx .pdf), folders (read recursively), or - for stdin"
        ),
    ],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="write the records to FILE (default: stdout)")
    ] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="parse files in N processes")] = 1,
    debug: Annotated[bool, typer.Option("--debug", help="show tracebacks of unexpected errors")] = False,
) -> None:
    """Parse rectification notices into records, one JSON object per line.

    Each file that fails gets one line `<path>: <reason>` on stderr and the others go on;
    the exit code is 1 if any file failed. With -o the file is written atomically: a run that
    is interrupted leaves no half-written output.
    """
    from graphkit.errors import InputError
    from graphkit.pipeline import iter_inputs, parse_paths_json

    try:
        from graphkit.cli.common import state

        debug = debug or state.debug
    except ImportError:  # the app's shared state is optional for this command
        pass

    import os

    files = list(iter_inputs(paths))
    file_set = set(files)
    failed = 0
    for path in paths:
        if (
            path != "-"
            and os.path.isdir(path)
            and not any(f.startswith(path.rstrip("/") + "/") for f in files)
        ):
            failed += 1
            sys.stderr.write(f"{path}: no .txt .html .htm .docx or .pdf files in this folder\n")
    with _open_output(output) as out, _Progress(len(files)) as progress:
        last_file = None
        for result in parse_paths_json(files, jobs=jobs, debug=debug):
            if isinstance(result, InputError):
                failed += 1
                progress.log(f"{result.path}: {result.reason}".replace("\n", " "))
                where = result.path
            else:
                out.write(result.json)
                out.write("\n")
                where = result.source
            base = where.rsplit("#", 1)[0]
            file_of = base if where not in file_set and base in file_set else where
            if file_of != last_file:
                progress.advance()
                last_file = file_of
    if failed:
        raise typer.Exit(1)


class _open_output:
    """Stdout, or a temporary file beside FILE that replaces FILE only when the run completes."""

    def __init__(self, output: Path | None) -> None:
        self.output = output
        self.tmp: Path | None = None
        self.fh: IO[str] | None = None

    def __enter__(self) -> IO[str]:
        if self.output is None or str(self.output) == "-":
            return sys.stdout
        import os
        import tempfile

        parent = self.output.parent if str(self.output.parent) else Path(".")
        try:
            fd, name = tempfile.mkstemp(prefix=f".{self.output.name}.", suffix=".tmp", dir=parent)
        except OSError as exc:
            sys.stderr.write(f"{self.output}: cannot write: {exc.strerror or exc}\n")
            raise typer.Exit(1) from None
        os.fchmod(fd, 0o644 & ~_umask())
        self.tmp = Path(name)
        self.fh = open(fd, "w", encoding="utf-8", newline="\n")
        return self.fh

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if self.fh is None:
            sys.stdout.flush()
            return
        import os

        assert self.tmp is not None and self.output is not None
        try:
            if exc_type is None or exc_type is typer.Exit:
                self.fh.flush()
                os.fsync(self.fh.fileno())
                self.fh.close()
                os.replace(self.tmp, self.output)
                return
        except BaseException:
            self.fh.close()
            self.tmp.unlink(missing_ok=True)
            raise
        self.fh.close()
        self.tmp.unlink(missing_ok=True)


def _umask() -> int:
    import os

    mask = os.umask(0)
    os.umask(mask)
    return mask


class _Progress:
    """A rich progress bar on stderr when it is a terminal and there are many files.

    Error lines go through `log` so that they print above the bar instead of through it.
    """

    def __init__(self, total: int) -> None:
        self.total = total
        self.bar: Any = None
        self.task: Any = None

    def __enter__(self) -> _Progress:
        if self.total >= _PROGRESS_MIN_FILES and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self.bar = Progress(
                TextColumn("parsing"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=Console(stderr=True, highlight=False),
                transient=True,
            )
            self.bar.start()
            self.task = self.bar.add_task("parse", total=self.total)
        return self

    def advance(self) -> None:
        if self.bar is not None:
            self.bar.advance(self.task)

    def log(self, line: str) -> None:
        if self.bar is not None:
            self.bar.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            sys.stderr.write(line + "\n")
            sys.stderr.flush()

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()
