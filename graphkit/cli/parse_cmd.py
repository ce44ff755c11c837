"""`graphkit parse`: notice files → JSON Lines records (one per notice, in input order)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from graphkit.cli.common import state

if TYPE_CHECKING:
    from graphkit.cli.output import AtomicOutput
    from graphkit.service import ParseRun

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
    strict: Annotated[
        bool, typer.Option("--strict", help="a notice with parser warnings fails: no record, exit 1")
    ] = False,
) -> None:
    """Parse rectification notices into records, one JSON object per line.

    Each file that fails gets one line `<path>: <reason>` on stderr and the others go on;
    the exit code is 1 if any file failed. Each parser warning is one line
    `<source>: warning <code>: <message>`, counted at the end; with --strict a notice with
    warnings fails like a bad file. With -o the records go to a temporary file beside
    FILE that replaces it only when the run produced records (or had nothing to fail on): an
    interrupted run, or one whose every input failed, leaves FILE as it was. An -o that is a
    folder, in a missing folder, or inside the graph store is refused: one line, exit code 2.
    """
    from graphkit import service

    run = service.parse(paths, jobs=jobs, strict=strict, debug=debug or state.debug, as_json=True)
    for folder in run.empty_folders:
        sys.stderr.write(f"{folder}: no .txt .html .htm .docx or .pdf files in this folder\n")
    target = _open_output(output)
    out = target.file if target is not None else sys.stdout
    try:
        with _Progress(len(run.files)) as progress:
            for item in run:
                if item.error is not None:
                    progress.log(str(item.error).replace("\n", " "))
                for line in item.warning_lines():
                    progress.log(line)
                if item.ok:
                    out.write(f"{item.line}\n")
                progress.advance_to(item.file)
    except BaseException:
        if target is not None:
            target.discard()
        raise
    if run.tally.notices:
        sys.stderr.write(f"{run.tally.summary()}\n")
    _finish(target, output, run)


def _open_output(output: Path | None) -> AtomicOutput | None:
    """The checked output file for -o (None: stdout); a refused path is one line, its exit code."""
    from graphkit.cli.output import AtomicOutput, protected_paths
    from graphkit.errors import OutputError

    if output is None or str(output) == "-":
        return None
    try:
        return AtomicOutput(output, protected_paths())
    except OutputError as exc:
        sys.stderr.write(f"{exc}\n")
        raise typer.Exit(exc.exit_code) from None


def _finish(target: AtomicOutput | None, output: Path | None, run: ParseRun) -> None:
    """Put the output in place when the run produced records (or failed on nothing); exit 1 on
    any failure. An output whose every input failed is left as it was."""
    from graphkit.errors import OutputError

    if target is None:
        sys.stdout.flush()
    elif run.parsed or not run.failed:
        try:
            target.commit()
        except OutputError as exc:
            sys.stderr.write(f"{exc}\n")
            raise typer.Exit(exc.exit_code) from None
    else:
        target.discard()
        state_of = "left as it was" if output is not None and output.exists() else "not written"
        sys.stderr.write(f"{output}: {state_of} (no notice was parsed)\n")
    if run.failed:
        raise typer.Exit(1)


class _Progress:
    """A rich progress bar on stderr when it is a terminal and there are many files.

    Error lines go through `log` so that they print above the bar instead of through it.
    """

    def __init__(self, total: int) -> None:
        self.total = total
        self.bar: Any = None
        self.task: Any = None
        self.last_file: str | None = None

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

    def advance_to(self, file: str) -> None:
        """Count `file` as done when it is not the file counted last (a file may hold several notices)."""
        if file != self.last_file:
            self.last_file = file
            if self.bar is not None:
                self.bar.advance(self.task)

    def log(self, line: str) -> None:
        """Print one line on stderr (above the bar, when there is one)."""
        if self.bar is not None:
            self.bar.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            sys.stderr.write(line + "\n")
            sys.stderr.flush()

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()
