"""Bytes of a plain-text file → str, with the encoding detected rather than assumed.

Order of evidence:

1. a byte-order mark (UTF-8, UTF-16 LE/BE) settles it;
2. bytes that are valid UTF-8 are read as UTF-8 (for Chinese text in GB18030 or Big5 this
   practically never happens by accident once a few characters are present);
3. otherwise GB18030 (a superset of GBK and GB2312) and Big5 (CP950) are both tried, and the
   reading whose two-byte characters fall most often among that encoding's *common*
   characters wins: GB2312 level-1 hanzi and punctuation (rows 1-3) for GB18030, Big5 level-1 hanzi
   and punctuation for Big5. A Big5 file read as GB18030 lands in kana, Cyrillic and
   private-use rows; a GB file read as Big5 lands in rare level-2 hanzi or fails. Where both
   readings are equally clean (possible only for very short texts), GB18030 is taken.

Big5 text is returned as it is (traditional characters are not converted).

Anything that is not text raises InputError with a reason a person can act on.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from graphkit.errors import InputError

# Magic numbers of formats people save with a wrong suffix; the reason names the format.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (DOCX/XLSX?)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy MS Office document (DOC/XLS)"),
    (b"\x7fELF", "ELF executable"),
    (b"\x1f\x8b", "gzip archive"),
    (b"Rar!", "RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"{\\rtf", "RTF document"),
)

# How much of a file the encoding vote looks at: plenty for a verdict, cheap for big files.
_SAMPLE = 64 * 1024
# Share of C0 control characters (other than tab, newline, CR, form feed) above which a
# successfully decoded text is still called binary.
_MAX_CONTROL_SHARE = 0.01
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f]")


@dataclass(frozen=True)
class Decoded:
    """A decoded text and the encoding it was read in (`utf-8`, `gb18030`, `big5`, …)."""

    text: str
    encoding: str


def sniff_binary(data: bytes) -> str | None:
    """Name the binary format `data` starts with, or None if it does not look binary."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    return None


def decode_text(data: bytes, path: str) -> Decoded:
    """Decode the bytes of a text file.

    Args:
        data: the file's bytes.
        path: the file's name, used in error messages only.

    Returns:
        The text (a leading BOM removed, line endings untouched) and the encoding used.

    Raises:
        InputError: empty input, a binary format, NUL bytes, a file cut in the middle of a
            character, or bytes valid in none of UTF-8, GB18030 and Big5.
    """
    if not data:
        raise InputError(path, "empty file")
    kind = sniff_binary(data)
    if kind is not None:
        raise InputError(path, f"binary file ({kind}), not text")

    for bom, enc in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(enc)
            except UnicodeDecodeError as exc:
                raise InputError(path, _bad_bytes_reason(enc, exc, len(data) - len(bom))) from None
            return Decoded(_check_controls(text, path), enc)

    if b"\x00" in data[:_SAMPLE]:
        raise InputError(path, "binary file (contains NUL bytes), not text")

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    else:
        return Decoded(_check_controls(text, path), "utf-8")
    if utf8_error.reason == "unexpected end of data" and utf8_error.start >= len(data) - 3:
        # Valid UTF-8 up to a character cut in half at the very end: a truncated UTF-8 file
        # (read as GB18030 it would turn into plausible-looking nonsense).
        raise InputError(
            path,
            "truncated file: ends in the middle of a UTF-8 character "
            f"(byte {utf8_error.start} of {len(data)})",
        )

    readings: list[tuple[float, int, str, str]] = []
    errors: dict[str, UnicodeDecodeError] = {}
    for rank, (enc, scorer) in enumerate((("gb18030", _gb_score), ("big5", _big5_score))):
        codec = "cp950" if enc == "big5" else enc
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as exc:
            errors[enc] = exc
            continue
        readings.append((scorer(data[:_SAMPLE]), -rank, enc, text))
    if readings:
        _score, _rank, enc, text = max(readings)
        return Decoded(_check_controls(text, path), enc)

    # Nothing decodes. A file that is clean GB18030 or Big5 up to a character cut in half at
    # the very end was truncated: say so rather than "not text".
    cut = [
        (scorer(data[: min(err.start, _SAMPLE)]), name, err)
        for (name, scorer) in (("gb18030", _gb_score), ("big5", _big5_score))
        if (err := errors[name]).start >= len(data) - 3 and err.reason.startswith("incomplete")
    ]
    if cut:
        _s, name, err = max(cut, key=lambda c: c[0])
        return _raise_truncated(path, name, err, len(data))
    raise InputError(
        path,
        "not text in a supported encoding (tried UTF-8, GB18030, Big5): "
        f"invalid byte 0x{data[utf8_error.start]:02x} at offset {utf8_error.start}",
    )


def _raise_truncated(path: str, enc: str, exc: UnicodeDecodeError, size: int) -> Decoded:
    name = "GB18030/GBK" if enc == "gb18030" else "Big5"
    raise InputError(
        path, f"truncated file: ends in the middle of a {name} character (byte {exc.start} of {size})"
    )


def _bad_bytes_reason(enc: str, exc: UnicodeDecodeError, size: int) -> str:
    if exc.reason.startswith(("incomplete", "unexpected end", "truncated")) and exc.start >= size - 4:
        return f"truncated file: ends in the middle of a {enc.upper()} character"
    return f"invalid {enc.upper()} despite its byte-order mark (byte offset {exc.start})"


def _check_controls(text: str, path: str) -> str:
    sample = text[:_SAMPLE]
    if not sample:
        return text
    controls = len(_CONTROL.findall(sample))
    if "\x00" in sample or controls > _MAX_CONTROL_SHARE * len(sample):
        raise InputError(path, "binary file (control bytes), not text")
    return text


def _pairs(data: bytes, four_byte: bool) -> tuple[int, list[int]]:
    """Walk a double-byte encoding; return (count of multibyte units, their 2-byte codes)."""
    codes: list[int] = []
    units = 0
    i, n = 0, len(data)
    while i < n:
        b = data[i]
        if b < 0x80:
            i += 1
            continue
        units += 1
        if i + 1 >= n:
            break
        t = data[i + 1]
        if four_byte and 0x30 <= t <= 0x39:  # a GB18030 four-byte sequence
            i += 4
            continue
        codes.append((b << 8) | t)
        i += 2
    return units, codes


def _gb_score(data: bytes) -> float:
    units, codes = _pairs(data, four_byte=True)
    if not units:
        return 0.0
    good = 0
    for c in codes:
        lead, trail = c >> 8, c & 0xFF
        if trail >= 0xA1 and (0xB0 <= lead <= 0xD7 or lead in (0xA1, 0xA2, 0xA3)):
            good += 1
    return good / units


def _big5_score(data: bytes) -> float:
    units, codes = _pairs(data, four_byte=False)
    if not units:
        return 0.0
    good = sum(1 for c in codes if 0xA440 <= c <= 0xC67E or 0xA140 <= c <= 0xA2FE)
    return good / units
