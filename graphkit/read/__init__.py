"""Reading layer: a file's bytes → the clean text of each notice it holds.

`read_path` reads a .txt/.html/.htm/.docx/.pdf file (or `-` for stdin), decodes or extracts
its text, cleans whitespace (one paragraph per line, no empty lines), drops web-page chrome
around the notice, and splits a page holding several notices into one `SourceText` each.
The text of a `SourceText` is the final clean text: `graphkit.parse` spans point into it.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from dataclasses import dataclass
from pathlib import PurePath

from graphkit.errors import InputError

SUPPORTED_SUFFIXES = (".txt", ".html", ".htm", ".docx", ".pdf")
_DEFAULT_MAX_MB = 20
_MB = 1024 * 1024  # sizes in messages are in MiB, like the limit
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class SourceText:
    """The clean text of one notice and where it was read (`path`, or `path#k` for the k-th of several)."""

    source: str
    text: str


def max_input_bytes() -> int:
    """Largest input file read, in bytes: `GRAPHKIT_MAX_INPUT_MB` (default 20 MB).

    Notices are tens to hundreds of kilobytes and a page of many notices a few megabytes; a
    file far beyond that is a wrong input (a log, a dump) and is refused before it is read.
    """
    raw = os.environ.get("GRAPHKIT_MAX_INPUT_MB", "")
    try:
        mb = float(raw) if raw else _DEFAULT_MAX_MB
    except ValueError:
        mb = _DEFAULT_MAX_MB
    return int(mb * 1024 * 1024)


def read_path(path: str) -> list[SourceText]:
    """Read one input file (or `-` for standard input) into the notices it holds.

    Args:
        path: a file path as given by the user, or `-`.

    Returns:
        One SourceText per notice: a single one with `source == path`, or several with
        sources `path#1`, `path#2`, … when the file holds several notices in a row.

    Raises:
        InputError: the file cannot be read, is too large, empty, binary, undecodable, of an
            unsupported type, or holds no text.
    """
    data = _read_bytes(path)
    return read_bytes(data, path, input_kind(path, data))


def read_bytes(data: bytes, source: str, kind: str = ".txt") -> list[SourceText]:
    """Like `read_path`, for bytes already read; `kind` is the file suffix (`.txt`, `.pdf`, …)."""
    text = extract_text(data, source, kind)
    return split_text(text, source)


def extract_text(data: bytes, source: str, kind: str) -> str:
    """Bytes of a file of the given kind → its raw text (not yet cleaned or split)."""
    if kind == ".txt":
        from graphkit.read.decode import decode_text

        return decode_text(data, source).text
    if not data:
        raise InputError(source, "empty file")
    if kind in (".html", ".htm"):
        from graphkit.read.html import html_to_text

        return html_to_text(data, source)
    if kind == ".docx":
        from graphkit.read.docx import docx_to_text

        return docx_to_text(data, source)
    if kind == ".pdf":
        from graphkit.read.pdf import pdf_to_text

        return pdf_to_text(data, source)
    raise InputError(source, f"unsupported file type {kind!r} (supported: {', '.join(SUPPORTED_SUFFIXES)})")


def split_text(text: str, source: str) -> list[SourceText]:
    """Raw text → clean text of each notice in it (whitespace, chrome, splitting)."""
    from graphkit.read.chrome import strip_chrome
    from graphkit.read.split import split_notices
    from graphkit.read.whitespace import clean_lines
    from graphkit.read.wraps import rejoin

    surrogate = _SURROGATE.search(text)
    if surrogate:
        # Not text: it cannot be written out as UTF-8 (records, the store) further down.
        raise InputError(
            source,
            f"not valid Unicode text: a lone surrogate U+{ord(surrogate.group()):04X} "
            f"at character {surrogate.start()} (a wrong charset?)",
        )
    lines = rejoin(strip_chrome(clean_lines(text)))
    if not lines:
        raise InputError(source, "no text (only whitespace or page chrome)")
    pieces = split_notices(lines)
    if len(pieces) == 1:
        return [SourceText(source, "\n".join(pieces[0]))]
    return [SourceText(f"{source}#{k}", "\n".join(p)) for k, p in enumerate(pieces, 1)]


def input_kind(path: str, data: bytes) -> str:
    """The reader to use: the path's suffix, or for stdin and pipes a guess from the content."""
    suffix = PurePath(path).suffix.lower() if path != "-" else ""
    if suffix in SUPPORTED_SUFFIXES:
        return suffix
    if path == "-" or _is_pipe_path(path):
        # Standard input and process substitution carry no suffix: sniff the content.
        head = data[:1024].lstrip().lower()
        if data.startswith(b"%PDF-"):
            return ".pdf"
        if data.startswith(b"PK\x03\x04"):
            return ".docx"
        if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head:
            return ".html"
        return ".txt"
    return suffix or "(none)"


def _is_pipe_path(path: str) -> bool:
    return path.startswith(("/dev/fd/", "/proc/self/fd/", "/dev/stdin"))


def _read_bytes(path: str) -> bytes:
    limit = max_input_bytes()
    if path == "-":
        data = sys.stdin.buffer.read(limit + 1)
        if len(data) > limit:
            raise InputError(path, f"too large: more than {limit / _MB:g} MB on standard input")
        return data
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise InputError(path, "cannot read: broken symbolic link") from None
        raise InputError(path, "cannot read: no such file") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(path, "is a directory")
    if not stat.S_ISREG(st.st_mode) and not _is_pipe_path(path):
        # Reading a FIFO or a device found in a folder could block forever or never end.
        raise InputError(path, f"not a regular file ({_file_kind(st.st_mode)})")
    if st.st_size > limit:
        raise InputError(
            path,
            f"too large: {st.st_size / _MB:.1f} MB (limit {limit / _MB:g} MB; set GRAPHKIT_MAX_INPUT_MB)",
        )
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise InputError(path, f"too large: more than {limit / _MB:g} MB")
    return data


def _file_kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    ):
        if test(mode):
            return name
    return "special file"


__all__ = [
    "SUPPORTED_SUFFIXES",
    "SourceText",
    "input_kind",
    "max_input_bytes",
    "read_bytes",
    "read_path",
    "split_text",
]
