"""Where any output may go, and an output folder that appears whole or not at all.

``refuse_store`` (in ``place``) is the one check every output makes before anything is written — a file
(``parse -o``, ``export -o``, ``viz -o``: ``graphkit.cli.output``) or a folder (the panel, the
report): not inside the graph store's folder (the embedded store's, the local Neo4j server's
home), and not a folder that holds it. No command may write onto the store it reads.

``AtomicFolder`` writes a folder (``graphkit.present.panel.folder`` for the panel,
``graphkit.present.report.site`` for the report): the files go to a temporary folder beside the
output (``.{name}.<random>.tmp``), and `commit()` puts it in the output's place once every file
is written. An existing output is replaced only then — by an atomic exchange of the two folders
where the system offers one (Linux ``renameat2(RENAME_EXCHANGE)``), else by two renames — so a
failed or interrupted run leaves it as it was. An existing folder is replaced only when it is
empty or when the output's own test (``ours``) says graphkit wrote it: ``-o ~`` never replaces a
home folder.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from graphkit.atomic import Atomic, mode_for
from graphkit.errors import OutputError

__all__ = ["AtomicFolder", "FolderKind", "check_folder", "place", "refuse_store"]


def refuse_store(path: Path, protected: Iterable[Path] = ()) -> Path:
    """``path`` resolved (through symbolic links: what would really be written), or an
    OutputError when it lies inside one of the ``protected`` folders, is one, or holds one."""
    target = path.resolve()
    for folder in protected:
        store = Path(folder).resolve()
        if target == store or store in target.parents:
            raise OutputError(f"{path}: inside the graph store {folder}: refusing to write there")
        if target in store.parents:
            raise OutputError(f"{path}: holds the graph store {folder}: refusing to replace it")
    return target


def place(path: Path, protected: Iterable[Path] = (), *, make_parents: bool = False) -> Path:
    """Where the output ``path`` goes (resolved), checked: not in the graph store
    (``refuse_store``), in a folder that exists — made, with its parents, when ``make_parents``.

    Raises:
        OutputError: in ``protected``; or its folder is missing (or cannot be made).
    """
    target = refuse_store(path, protected)
    if make_parents and not target.parent.exists():
        try:
            target.parent.mkdir(parents=True)
        except OSError as exc:
            raise OutputError(f"{path}: cannot make its folder: {exc.strerror or exc}") from None
    if not target.parent.is_dir():
        raise OutputError(f"{path}: no such folder {path.parent}")
    return target


@dataclass(frozen=True)
class FolderKind:
    """What an output folder holds, and which existing folder it may replace.

    Attributes:
        what: its name in messages (``panel``, ``report``).
        ours: whether an existing, non-empty folder is one graphkit wrote as this output.
        make_parents: make a missing parent folder (else it is refused).
    """

    what: str
    ours: Callable[[Path], bool]
    make_parents: bool = False


def check_folder(path: Path, protected: Iterable[Path], kind: FolderKind) -> Path:
    """The folder to write for the output ``path`` (resolved), or an OutputError: a file, in
    the graph store (``protected``), a missing parent, or a non-empty folder not ``kind.ours``."""
    if path.exists() and not path.is_dir():
        what = kind.what
        raise OutputError(f"{path}: is a file: the {what} is a folder (give a folder name, e.g. {what}/)")
    target = place(path, protected, make_parents=kind.make_parents)
    if target.is_dir() and any(target.iterdir()) and not kind.ours(target):
        raise OutputError(
            f"{path}: a folder that is not a {kind.what} graphkit wrote: refusing to replace it "
            "(give a new folder, or remove it first)"
        )
    return target


class AtomicFolder(Atomic):
    """A temporary folder beside ``path`` (``tmp``), put in its place by `commit()`; ``path``
    is checked first (``check_folder``).

    As a context manager it commits when the block ends normally and removes the temporary
    folder when the block raises::

        with AtomicFolder(out, protected, REPORT) as folder:
            write_files(folder.tmp)
    """

    def __init__(self, path: Path, protected: Iterable[Path], kind: FolderKind) -> None:
        self.path = path
        self.target = check_folder(path, protected, kind)
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
            _sync(self.tmp)
            if self.target.exists() and _exchange(self.tmp, self.target):
                shutil.rmtree(self.tmp)  # now the old output
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


def _libc(name: str) -> Callable[..., int] | None:
    """A function of the C library (Linux), or None where it is not offered."""
    try:
        fn: Callable[..., int] = getattr(ctypes.CDLL(None, use_errno=True), name)
    except (OSError, AttributeError):
        return None
    return fn


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2 RENAME_EXCHANGE); False where it is not offered."""
    renameat2 = _libc("renameat2")
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def _sync(folder: Path) -> None:
    """Everything under ``folder`` on disk before it is put in place: one ``syncfs`` of its file
    system where Linux offers it (a report holds thousands of pages), else each file's and
    folder's ``fsync``."""
    syncfs = _libc("syncfs")
    if syncfs is not None:
        fd = os.open(folder, os.O_RDONLY)
        try:
            if syncfs(fd) == 0:
                return
        finally:
            os.close(fd)
    for root, _dirs, files in os.walk(folder, topdown=False):
        for name in files:
            with open(os.path.join(root, name), "rb") as fh:
                os.fsync(fh.fileno())
        with contextlib.suppress(OSError):  # some file systems cannot sync a folder
            fd = os.open(root, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
