"""The parser's warnings as the CLI reports them: one line per warning on stderr, a tally in
the summary, and `--strict`, which turns a notice with warnings into a failed one."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

from graphkit.cli.common import err_console


class WarningTally:
    """Prints each notice's warnings as `<source>: warning <code>: <message>` and counts them."""

    def __init__(self, strict: bool = False, emit: Callable[[str], None] | None = None) -> None:
        self.strict = strict
        self.codes: Counter[str] = Counter()
        self.notices = 0
        self._emit = emit or self._print

    def _print(self, line: str) -> None:
        # markup off: a path or a message may hold [brackets]
        style = "red" if self.strict else "yellow"
        err_console.print(line, style=style, soft_wrap=True, highlight=False, markup=False)

    def report(self, source: str, warnings: Iterable[tuple[str, str]]) -> bool:
        """Report one notice's warnings; True when the notice may go on (not strict, or none)."""
        got = list(warnings)
        if not got:
            return True
        self.notices += 1
        for code, message in got:
            self.codes[code] += 1
            kind = "error" if self.strict else "warning"
            self._emit(f"{source}: {kind} {code}: {message}")
        return not self.strict

    def summary(self) -> str:
        """`3 warnings in 2 notices (unit_not_found 2, date_damaged 1)`, or `0 warnings`."""
        total = sum(self.codes.values())
        if not total:
            return "0 warnings"
        parts = ", ".join(f"{c} {n}" for c, n in sorted(self.codes.items(), key=lambda kv: (-kv[1], kv[0])))
        word = "warning" if total == 1 else "warnings"
        notices = "notice" if self.notices == 1 else "notices"
        return f"{total} {word} in {self.notices} {notices} ({parts})"
