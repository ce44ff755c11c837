"""An output that appears whole or not at all: written aside, put in place by `commit`.

`graphkit.cli.output.AtomicOutput` (one file) and `graphkit.atomic_folder.AtomicFolder` (a
folder: the panel's tables, the report's pages) are both used as ``with …:`` blocks: the
block's normal end commits, an exception discards, so a failed run never replaces what was
there.
"""

from __future__ import annotations

import abc
import os
from pathlib import Path
from types import TracebackType
from typing import Self


class Atomic(abc.ABC):
    """Commit on a block's normal end, discard when it raises; each happens once at most."""

    _done = False

    def commit(self) -> None:
        """Put what was written in place of the output (once; nothing after a discard)."""
        if not self._done:
            self._done = True
            self._put_in_place()

    def discard(self) -> None:
        """Drop what was written: the output stays as it was (or absent)."""
        if not self._done:
            self._done = True
            self._drop()

    @abc.abstractmethod
    def _put_in_place(self) -> None: ...

    @abc.abstractmethod
    def _drop(self) -> None: ...

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.discard()


def mode_for(target: Path, fresh: int) -> int:
    """The permission bits the replacement of `target` gets: the ones it has, or for a new
    output `fresh` less the umask (0o666 a file, 0o777 a folder)."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        mask = os.umask(0o22)
        os.umask(mask)
        return fresh & ~mask
