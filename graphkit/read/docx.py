"""DOCX → paragraphs, one per line, with tables read row by row (cells joined by a tab)."""

from __future__ import annotations

import io
import zipfile
import zlib

from graphkit.errors import InputError

# What a damaged or foreign file raises while python-docx unzips and parses it: a bad ZIP, a
# member whose deflate stream or length is broken (zlib.error, EOFError), an unsupported
# compression method or encryption (NotImplementedError, RuntimeError), malformed XML in a part.
_CORRUPT: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    NotImplementedError,
    RuntimeError,
    KeyError,
    ValueError,
    SyntaxError,  # lxml's XMLSyntaxError derives from it
)


def _kind(exc: BaseException) -> str:
    if isinstance(exc, zlib.error):
        return "a damaged compressed part"
    return type(exc).__name__


def docx_to_text(data: bytes, path: str) -> str:
    """Extract the text of a Word document in reading order (paragraphs and tables).

    Raises:
        InputError: the bytes are not a readable DOCX, or it holds no text.
    """
    import docx
    from docx.exceptions import PythonDocxError
    from docx.opc.exceptions import OpcError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    corrupt: tuple[type[BaseException], ...] = (*_CORRUPT, OpcError, PythonDocxError)
    try:
        document = docx.Document(io.BytesIO(data))
    except corrupt as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else "corrupt"
        raise InputError(path, f"not a readable DOCX ({_kind(exc)}: {reason})") from None
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells: list[str] = []
                for cell in row.cells:
                    text = cell.text.replace("\n", " ").strip()
                    if not cells or text != cells[-1]:  # merged cells repeat their text
                        cells.append(text)
                lines.append("\t".join(cells))
    text = "\n".join(lines)
    if not text.strip():
        raise InputError(path, "DOCX document holds no text")
    return text
