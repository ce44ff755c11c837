"""PDF → text through its text layer (pypdf), with layout line breaks joined back into paragraphs.

A PDF without a text layer (a scan) raises InputError: OCR is not done here.
"""

from __future__ import annotations

import io
import re

from graphkit.errors import InputError

# A line ending in one of these ends its paragraph.
_TERMINAL = tuple("。！？；：!?;:」』”）)】")
# A line starting like this starts a paragraph (a heading or an enumerated item).
_ITEM_START = re.compile(
    r"^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．]|[①-⑳]|"
    r"[一二三四五六七八九十]+是|第[一二三四五六七八九十]+|根据|按照|欢迎|中共|\d{4}年\d{1,2}月\d{1,2}日$)"
)
_PAGE_NUMBER = re.compile(
    r"^([-—–－\s]*\d+[-—–－\s]*|第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)$"
)
# A wrapped line fills the text width; it is at least this share of the longest lines.
_FULL_LINE = 0.8


def pdf_to_text(data: bytes, path: str) -> str:
    """Extract a PDF's text layer, one paragraph per line.

    Raises:
        InputError: not a readable PDF, encrypted with a password, or no text layer.
    """
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(path, "encrypted PDF (needs a password)")
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise InputError(path, f"not a readable PDF ({type(exc).__name__}: {exc})") from None
    raw = [ln.strip() for page in pages for ln in page.splitlines()]
    raw = [ln for ln in raw if ln and not _PAGE_NUMBER.match(ln)]
    if not raw:
        raise InputError(path, "PDF has no text layer (a scan?); run OCR on it first")
    return "\n".join(join_wrapped_lines(raw))


def join_wrapped_lines(lines: list[str]) -> list[str]:
    """Join layout lines that continue a paragraph: full-width lines without closing punctuation."""
    if not lines:
        return []
    widths = sorted(len(ln) for ln in lines)
    full = widths[int(0.9 * (len(widths) - 1))] * _FULL_LINE
    out = [lines[0]]
    last_len = len(lines[0])  # length of the layout line last added to out[-1]
    for line in lines[1:]:
        prev = out[-1]
        if last_len >= full and not prev.endswith(_TERMINAL) and not _ITEM_START.match(line):
            out[-1] = prev + line
        else:
            out.append(line)
        last_len = len(line)
    return out
