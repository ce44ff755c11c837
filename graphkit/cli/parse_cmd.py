"""`graphkit parse`: notice files → JSON Lines records (one per notice, in input order)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

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
    from graphkit.cli.output import AtomicOutput, protected_paths
    from graphkit.cli.warnings_report import WarningTally
    from graphkit.errors import InputError, OutputError
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
    target = None
    if output is not None and str(output) != "-":
        try:
            target = AtomicOutput(output, protected_paths())
        except OutputError as exc:
            sys.stderr.write(f"{exc}\n")
            raise typer.Exit(exc.exit_code) from None
    out = target.file if target is not None else sys.stdout
    written = 0

    try:
        with _Progress(len(files)) as progress:
            tally = WarningTally(strict, emit=progress.log)
            last_file = None
            for result in parse_paths_json(files, jobs=jobs, debug=debug):
                if isinstance(result, InputError):
                    failed += 1
                    progress.log(f"{result.path}: {result.reason}".replace("\n", " "))
                    where = result.path
                elif not tally.report(result.source, result.warnings):
                    failed += 1
                    where = result.source
                else:
                    out.write(result.json)
                    out.write("\n")
                    written += 1
                    where = result.source
                base = where.rsplit("#", 1)[0]
                file_of = base if where not in file_set and base in file_set else where
                if file_of != last_file:
                    progress.advance()
                    last_file = file_of
    except BaseException:
        if target is not None:
            target.discard()
        raise
    if tally.notices:
        sys.stderr.write(f"{tally.summary()}\n")
    if target is None:
        sys.stdout.flush()
    elif written or not failed:
        try:
            target.commit()
        except OutputError as exc:
            sys.stderr.write(f"{exc}\n")
            raise typer.Exit(exc.exit_code) from None
    else:
        target.discard()
        state_of = "left as it was" if output is not None and output.exists() else "not written"
        sys.stderr.write(f"{output}: {state_of} (no notice was parsed)\n")
    if failed:
        raise typer.Exit(1)


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
