"""HTML, DOCX and PDF readers, on small files made in the test."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphkit.errors import InputError
from graphkit.read import read_path
from graphkit.read.pdf import join_wrapped_lines

TITLE = "静海区关于十一届市委第九轮巡视整改进展情况的通报"
OPENING = (
    "根据市委统一部署，2021年3月1日至4月30日，市委巡视一组对静海区开展了常规巡视。7月22日反馈了巡视意见。"
)
SECTION = "一、总体履责情况"
ITEM = "（一）提高政治站位，增强思想自觉。区委坚持把巡视整改作为重大政治任务，逐条制定整改措施。"
SIGNATURE = ["中共天津市静海区委员会", "2022年8月4日"]
BODY = [OPENING, SECTION, ITEM, *SIGNATURE]

HTML = f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{TITLE}_天津市静海区人民政府</title>
<script>var nav = "首页";</script><style>.x {{ color: red }}</style></head>
<body>
<div class="top-nav"><a href="/">首页</a> <a href="/gk">政务公开</a> <a href="/gs">公告公示</a></div>
<div class="breadcrumb">您所在的位置：<a href="/">首页</a> &gt; <a>公告公示</a></div>
<div class="main">
  <h1>{TITLE}</h1>
  <div class="info"><span>发布时间：2022-08-04</span> <span>来源：中共天津市静海区委员会</span></div>
  <div class="share-box">分享到：<a>微信</a><a>微博</a></div>
  <div id="zoom" class="TRS_Editor">
    <p>　　{OPENING}</p>
    <p><strong>{SECTION}</strong></p>
    <p>　　{ITEM[:20]}
    {ITEM[20:]}</p>
    <p style="text-align:right">{SIGNATURE[0]}<br>{SIGNATURE[1]}</p>
  </div>
  <div class="tools">【<a>打印</a>】【<a>关闭</a>】</div>
</div>
<div class="footer">版权所有：天津市静海区人民政府 津ICP备05004439号</div>
</body></html>
"""


def test_html_main_text_extracted_and_chrome_dropped(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(HTML.encode("gbk"))
    [notice] = read_path(str(path))
    lines = notice.text.split("\n")
    assert lines[0] == TITLE
    assert lines[1].startswith("发布时间：2022-08-04")
    assert lines[2:] == BODY
    for chrome in ("首页", "您所在的位置", "分享到", "打印", "版权所有", "var nav"):
        assert chrome not in notice.text


def test_html_without_declared_charset_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    body = "".join(f"<p>{line}</p>" for line in BODY)
    path.write_bytes(f"<html><body><div>{body}</div></body></html>".encode("gb18030"))
    [notice] = read_path(str(path))
    assert notice.text.split("\n") == BODY


def test_docx_paragraphs_and_tables(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    for line in [TITLE, OPENING, SECTION, ITEM]:
        document.add_paragraph(line)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "问题"
    table.cell(0, 1).text = "整改措施"
    table.cell(1, 0).text = "学习不够深入"
    table.cell(1, 1).text = "制定学习计划"
    document.add_paragraph("")
    for line in SIGNATURE:
        document.add_paragraph(line)
    path = tmp_path / "notice.docx"
    document.save(str(path))
    [notice] = read_path(str(path))
    assert notice.text.split("\n") == [
        TITLE,
        OPENING,
        SECTION,
        ITEM,
        "问题\t整改措施",
        "学习不够深入\t制定学习计划",
        *SIGNATURE,
    ]


def make_pdf(lines: list[str]) -> bytes:
    """A minimal one-page PDF whose text layer holds `lines` (CJK included).

    A Type0 font with Identity-H encoding and a ToUnicode CMap: text extraction needs only the
    CMap, so no font file is embedded (viewers substitute one). No PDF library required.
    """
    chars = sorted({c for ln in lines for c in ln})
    cid = {c: i + 1 for i, c in enumerate(chars)}
    bfchars = "\n".join(f"<{cid[c]:04X}> <{c.encode('utf-16-be').hex().upper()}>" for c in chars)
    cmap = (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        f"{len(chars)} beginbfchar\n{bfchars}\nendbfchar\n"
        "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    )
    ops = ["BT", "/F1 12 Tf", "14 TL", "50 800 Td"]
    ops += ["<" + "".join(f"{cid[c]:04X}" for c in ln) + "> Tj T*" for ln in lines]
    content = "\n".join([*ops, "ET"]) if lines else "0 0 m 100 100 l S"
    objs = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type0 /BaseFont /Hand /Encoding /Identity-H "
        "/DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
        f"<< /Length {len(content.encode())} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Hand "
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        "/FontDescriptor 8 0 R /DW 1000 >>",
        f"<< /Length {len(cmap.encode())} >>\nstream\n{cmap}endstream",
        "<< /Type /FontDescriptor /FontName /Hand /Flags 4 /FontBBox [0 -200 1000 900] "
        "/ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def test_pdf_text_layer_with_wrapped_lines_joined(tmp_path: Path) -> None:
    # The opening paragraph wraps over three layout lines, as a typeset PDF does.
    layout = [
        TITLE,
        OPENING[:22],
        OPENING[22:44],
        OPENING[44:],
        SECTION,
        ITEM[:22],
        ITEM[22:],
        "- 1 -",
        *SIGNATURE,
    ]
    path = tmp_path / "notice.pdf"
    path.write_bytes(make_pdf(layout))
    [notice] = read_path(str(path))
    assert notice.text.split("\n") == [TITLE, *BODY]


def test_pdf_without_text_layer_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(make_pdf([]))
    with pytest.raises(InputError) as info:
        read_path(str(path))
    assert "no text layer" in info.value.reason


@pytest.mark.parametrize(
    ("name", "reason"), [("broken.pdf", "not a readable PDF"), ("broken.docx", "not a readable DOCX")]
)
def test_corrupt_documents_are_input_errors(tmp_path: Path, name: str, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"this is not what the suffix says" * 10)
    with pytest.raises(InputError) as info:
        read_path(str(path))
    assert info.value.reason.startswith(reason)


def test_unsupported_suffix(tmp_path: Path) -> None:
    path = tmp_path / "notice.rtf"
    path.write_text("x")
    with pytest.raises(InputError, match="unsupported file type"):
        read_path(str(path))


def test_join_wrapped_lines_keeps_headings_and_short_lines() -> None:
    full = "区委坚持把巡视整改作为重大政治任务统筹推进各项工作"
    assert join_wrapped_lines([full, "逐条落实。", "二、下一步打算", full + "。", "（一）继续"]) == [
        full + "逐条落实。",
        "二、下一步打算",
        full + "。",
        "（一）继续",
    ]
