"""The panel's folder, written whole or not at all (``graphkit.atomic_folder.AtomicFolder``).

Before anything is written the path is checked: not a file, in a folder that exists, not
inside the graph store, and, when it exists, empty or a panel graphkit wrote (its README.md
opens with ``MARKER`` and it holds nothing else): `-o ~` never replaces a home folder.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from graphkit.atomic_folder import AtomicFolder, FolderKind, check_folder

__all__ = ["MARKER", "PanelFolder", "check_panel_folder"]

MARKER = "<!-- graphkit panel -->"


def _panel(names: Iterable[str]) -> FolderKind:
    """The panel's folder: a folder may be replaced when its README.md opens with ``MARKER``
    and it holds none but the files a panel holds (``names``)."""
    allowed = frozenset(names)

    def is_panel(folder: Path) -> bool:
        readme = folder / "README.md"
        ours = readme.is_file() and readme.read_text(encoding="utf-8", errors="replace").startswith(MARKER)
        return ours and {p.name for p in folder.iterdir()} <= allowed

    return FolderKind("panel", is_panel)


def check_panel_folder(path: Path, protected: Iterable[Path] = (), names: Iterable[str] = ()) -> Path:
    """The folder to write for the output `path` (resolved), or an OutputError.

    `names`: the files a panel holds; an existing folder with any other entry is refused.
    """
    return check_folder(path, protected, _panel(names))


class PanelFolder(AtomicFolder):
    """A temporary folder beside `path`, put in its place by `commit()`::

    with PanelFolder(out, protected, names) as folder:
        write_files(folder.tmp)
    """

    def __init__(self, path: Path, protected: Iterable[Path] = (), names: Iterable[str] = ()) -> None:
        super().__init__(path, protected, _panel(names))
