"""Output files of every command (`parse -o`, `export -o`, `viz -o`): checked, then atomic.

An output is written to a temporary file beside it and renamed over it only when the command
says the run produced it, so an interrupted or failed run leaves an existing file as it was.
Before anything is written the path is checked: not a folder, in a folder that exists, and
not inside the graph store (the embedded store's folder, the local Neo4j server's home):
no command may write onto the store it reads. Each refusal is an `OutputError`, one line,
exit code 2.

The new file gets the mode of the file it replaces, or that of any new file (0666 less the
umask, as the shell's `>` gives).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from graphkit.atomic import Atomic, mode_for
from graphkit.atomic_folder import place
from graphkit.errors import OutputError


def protected_paths() -> list[Path]:
    """The folders no command writes into: the embedded store's (`--db`) and the local Neo4j's."""
    from graphkit.cli.common import state

    paths = [state.settings.db]
    try:
        from graphkit.neo4j_server.server import neo4j_home

        paths.append(neo4j_home())
    except Exception:  # pragma: no cover - the server module ships with the package
        pass
    return paths


def check_output(path: Path, protected: Iterable[Path] = (), *, make_folder: bool = False) -> Path:
    """The file to write for the output `path` (a symbolic link's target), or an OutputError.

    `make_folder` creates a missing folder (once the path is known not to be in the store).

    Raises:
        OutputError: `path` is a folder, its folder does not exist, or it lies inside one of
            the `protected` folders (``graphkit.atomic_folder.refuse_store``, the check every
            output makes).
    """
    if path.is_dir():
        raise OutputError(f"{path}: is a folder: give a file name (e.g. {path / 'out'})")
    return place(path, protected, make_parents=make_folder)  # through symbolic links


class AtomicOutput(Atomic):
    """A text file written beside `path` and renamed over it by `commit()`.

    Used as a context manager it commits when the block ends normally, unless `discard()` was
    called, and removes the temporary file when the block raises::

        with AtomicOutput(path, protected_paths()) as out:
            out.file.write(...)
            if nothing_written:
                out.discard()
    """

    def __init__(self, path: Path, protected: Iterable[Path] = (), *, make_folder: bool = False) -> None:
        self.path = path
        self.target = check_output(path, protected, make_folder=make_folder)
        try:
            fd, name = tempfile.mkstemp(prefix=f".{self.target.name}.", suffix=".tmp", dir=self.target.parent)
        except OSError as exc:
            raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None
        self.tmp = Path(name)
        try:
            os.fchmod(fd, mode_for(self.target, 0o666))
            self.file: IO[str] = open(fd, "w", encoding="utf-8", newline="\n")  # noqa: SIM115
        except BaseException:
            os.close(fd)
            self.tmp.unlink(missing_ok=True)
            raise

    def _put_in_place(self) -> None:
        """Flush the file to disk and rename it over the output."""
        try:
            self.file.flush()
            os.fsync(self.file.fileno())
            self.file.close()
            os.replace(self.tmp, self.target)
        except OSError as exc:
            self.file.close()
            self.tmp.unlink(missing_ok=True)
            raise OutputError(f"{self.path}: cannot write: {exc.strerror or exc}") from None

    def _drop(self) -> None:
        self.file.close()
        self.tmp.unlink(missing_ok=True)
