"""The panel's folder, written whole or not at all.

The files go to a temporary folder beside the output (``.{name}.<random>.tmp``); `commit()`
puts it in the output's place once every file is written. An existing output is replaced only
then — by an atomic exchange of the two folders where the system offers one (Linux
``renameat2(RENAME_EXCHANGE)``), else by two renames — so a failed or interrupted run leaves it
as it was. Before anything is written the path is checked: not a file, in a folder that exists,
not inside the graph store, and, when it exists, empty or a panel graphkit wrote (its README.md
opens with ``MARKER`` and it holds nothing else): `-o ~` never replaces a home folder.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from graphkit.atomic import Atomic, mode_for
from graphkit.errors import OutputError

__all__ = ["MARKER", "PanelFolder", "check_panel_folder"]

MARKER = "<!-- graphkit panel -->"


def check_panel_folder(path: Path, protected: Iterable[Path] = (), names: Iterable[str] = ()) -> Path:
    """The folder to write for the output `path` (resolved), or an OutputError.

    `names`: the files a panel holds; an existing folder with any other entry is refused.
    """
    if path.exists() and not path.is_dir():
        raise OutputError(f"{path}: is a file: the panel is a folder (give a folder name, e.g. panel/)")
    target = path.resolve()
    for folder in protected:
        store = Path(folder).resolve()
        if target == store or store in target.parents:
            raise OutputError(f"{path}: inside the graph store {folder}: refusing to write there")
        if target in store.parents:
            raise OutputError(f"{path}: holds the graph store {folder}: refusing to replace it")
    if not target.parent.is_dir():
        raise OutputError(f"{path}: no such folder {path.parent}")
    if target.is_dir():
        entries = {p.name for p in target.iterdir()}
        readme = target / "README.md"
        ours = readme.is_file() and readme.read_text(encoding="utf-8", errors="replace").startswith(MARKER)
        if entries and not (ours and entries <= set(names)):
            raise OutputError(
                f"{path}: a folder that is not a panel graphkit wrote: refusing to replace it "
                "(give a new folder, or remove it first)"
            )
    return target


class PanelFolder(Atomic):
    """A temporary folder beside `path`, put in its place by `commit()`.

    As a context manager it commits when the block ends normally and removes the temporary
    folder when the block raises::

        with PanelFolder(out, protected, names) as folder:
            write_files(folder.tmp)
    """

    def __init__(self, path: Path, protected: Iterable[Path] = (), names: Iterable[str] = ()) -> None:
        self.path = path
        self.target = check_panel_folder(path, protected, names)
        try:
            self.tmp = Path(
                tempfile.mkdtemp(prefix=f".{self.target.name}.", suffix=".tmp", dir=self.target.parent)
            )
            os.chmod(self.tmp, mode_for(self.target, 0o777))
        except OSError as exc:
            raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None

    def _put_in_place(self) -> None:
        """Put the written folder in the output's place (replacing the one there)."""
        try:
            _fsync_folder(self.tmp)
            if self.target.exists() and _exchange(self.tmp, self.target):
                shutil.rmtree(self.tmp)  # now the old panel
            elif self.target.exists():
                aside = Path(
                    tempfile.mkdtemp(prefix=f".{self.target.name}.", suffix=".old", dir=self.target.parent)
                )
                os.replace(self.target, aside)  # an empty folder is replaced by a rename
                try:
                    os.replace(self.tmp, self.target)
                except OSError:
                    os.replace(aside, self.target)
                    raise
                shutil.rmtree(aside)
            else:
                os.replace(self.tmp, self.target)
        except OSError as exc:
            shutil.rmtree(self.tmp, ignore_errors=True)
            raise OutputError(f"{self.path}: cannot write: {exc.strerror or exc}") from None

    def _drop(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2 RENAME_EXCHANGE); False where it is not offered."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    done = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return bool(done == 0)


def _fsync_folder(folder: Path) -> None:
    for p in folder.iterdir():
        with open(p, "rb") as fh:
            os.fsync(fh.fileno())
    with contextlib.suppress(OSError):  # some file systems cannot sync a folder
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
