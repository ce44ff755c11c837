"""What every command shares: the store options of the main callback, errors, output."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

import typer
from rich.console import Console

from graphkit.config import Settings

err_console = Console(stderr=True, highlight=False)
out_console = Console(highlight=False)


@dataclass
class State:
    settings: Settings = field(default_factory=Settings)
    debug: bool = False


state = State()


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print one clear line on stderr and return the Exit to raise."""
    err_console.print(f"[bold red]error:[/] {message}", soft_wrap=True)
    return typer.Exit(code)


def stderr_is_tty() -> bool:
    return sys.stderr.isatty()
