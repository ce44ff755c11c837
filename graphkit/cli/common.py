"""What every command shares: the store options of the main callback, errors, output."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import typer
from rich.console import Console

from graphkit.config import Settings
from graphkit.errors import GraphkitError

err_console = Console(stderr=True, highlight=False)
out_console = Console(highlight=False)


@dataclass
class State:
    """The options of the app's callback, for the command that runs after it.

    Attributes:
        settings: which store, where it lives, how to reach Neo4j (flags over environment).
        debug: show tracebacks instead of one line per error.
    """

    settings: Settings = field(default_factory=Settings)
    debug: bool = False


state = State()


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print one clear line on stderr and return the Exit to raise."""
    err_console.print(f"[bold red]error:[/] {message}", soft_wrap=True)
    return typer.Exit(code)


@contextmanager
def one_line_errors() -> Iterator[None]:
    """A GraphkitError raised in the block becomes one line on stderr and its exit code."""
    try:
        yield
    except GraphkitError as exc:
        raise fail(str(exc), exc.exit_code) from None


def check_format(fmt: str, formats: tuple[str, ...], listed: str | None = None) -> None:
    """Refuse (one line, exit code 2) a format not in `formats` (`listed`: how to name them)."""
    if fmt not in formats:
        raise fail(f"unknown format {fmt!r}: choose {listed or ', '.join(formats)}", 2)
