"""The text decoder: UTF-8 / BOM / GB18030 / Big5 detected from the bytes, clear errors otherwise."""

from __future__ import annotations

import codecs
import contextlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphkit.errors import InputError
from graphkit.read.decode import decode_text
from graphkit.read.whitespace import clean_lines

NOTICE = (
    "根据省委统一部署，省委第九巡视组于2022年4月16日至6月30日对泰州市姜堰区开展了巡视。"
    "8月10日，省委第九巡视组向泰州市姜堰区委反馈了巡视意见。按照巡视工作有关要求，现将巡视整改进展情况予以公布。\n"
    "一、整改工作组织情况\n（一）提高政治站位。区委书记任组长，逐条制定整改措施。"
)
TRADITIONAL = (
    "根據省委統一部署，省委第九巡視組於2022年4月16日至6月30日對泰州市姜堰區開展了巡視。"
    "按照巡視工作有關要求，現將巡視整改進展情況予以公佈。歡迎廣大幹部群眾對巡視整改落實情況進行監督。"
)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (NOTICE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + NOTICE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF16_LE + NOTICE.encode("utf-16-le"), "utf-16-le"),
        (NOTICE.encode("gbk"), "gb18030"),
        (NOTICE.encode("gb18030"), "gb18030"),
    ],
)
def test_simplified_text_in_each_encoding(data: bytes, encoding: str) -> None:
    decoded = decode_text(data, "n.txt")
    assert decoded.text == NOTICE
    assert decoded.encoding == encoding


def test_big5_is_detected_and_kept_traditional() -> None:
    decoded = decode_text(TRADITIONAL.encode("big5"), "t.txt")
    assert decoded.encoding == "big5"
    assert decoded.text == TRADITIONAL  # not converted to simplified


def test_gbk_is_not_mistaken_for_big5_nor_big5_for_gbk() -> None:
    # Both byte strings are valid in the other encoding's structure often enough to matter.
    assert decode_text(NOTICE.encode("gbk"), "a").encoding == "gb18030"
    assert decode_text(TRADITIONAL.encode("big5"), "b").encoding == "big5"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (PNG image)"),
        (b"%PDF-1.7\n", "binary file (PDF document)"),
        (b"PK\x03\x04rest", "binary file (ZIP archive"),
        (b"abc\x00\x01\x02def", "binary file (contains NUL bytes)"),
        (NOTICE.encode("gbk")[:-1], "truncated file: ends in the middle of a GB18030/GBK character"),
        (NOTICE.encode("utf-8")[:-1], "truncated file: ends in the middle of a UTF-8 character"),
        (b"a\x80\xff" * 50, "not text in a supported encoding"),
    ],
)
def test_bad_bytes_give_a_clear_reason(data: bytes, reason: str) -> None:
    with pytest.raises(InputError) as info:
        decode_text(data, "bad.txt")
    assert info.value.path == "bad.txt"
    assert info.value.reason.startswith(reason)


# --- properties ---------------------------------------------------------------------------

# Text a person writes: letters, digits, punctuation and spaces, no control characters.
_TEXTLIKE = st.characters(
    blacklist_categories=("Cs", "Cc", "Co", "Cn"), blacklist_characters="\ufeff"
) | st.sampled_from("\n\t")


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(_TEXTLIKE, min_size=1))
def test_any_utf8_text_round_trips(text: str) -> None:
    assert decode_text(text.encode("utf-8"), "p").text == text


def _common(codec: str, lead: range, trail: range) -> list[str]:
    chars = []
    for hi in lead:
        for lo in trail:
            with contextlib.suppress(UnicodeDecodeError):
                chars.append(bytes([hi, lo]).decode(codec))
    return chars


# GB2312 level-1 hanzi (the 3,755 common characters) and Big5 level-1 hanzi (5,401).
_GB_HANZI = _common("gb2312", range(0xB0, 0xD8), range(0xA1, 0xFF))
_BIG5_HANZI = _common("big5", range(0xA4, 0xC6), [*range(0x40, 0x7F), *range(0xA1, 0xFF)])
_ASCII = [chr(c) for c in range(0x20, 0x7F)] + ["\n"]
_CJK_PUNCT = list("，。、；：？！“”‘’（）《》—…")


def _mixed(hanzi: list[str]) -> st.SearchStrategy[str]:
    return st.lists(
        st.one_of(st.sampled_from(hanzi), st.sampled_from(hanzi), st.sampled_from(_ASCII + _CJK_PUNCT)),
        min_size=1,
        max_size=200,
    ).map("".join)


def _is_valid(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


@settings(max_examples=300)
@given(_mixed(_GB_HANZI))
def test_gb18030_text_round_trips(text: str) -> None:
    data = text.encode("gb18030")
    decoded = decode_text(data, "p")
    if decoded.text != text:
        # By design valid UTF-8 is read as UTF-8: a text of one or two GB characters whose
        # bytes happen to form valid UTF-8 is the only way to end up here.
        assert _is_valid(data, "utf-8")
        assert decoded.encoding == "utf-8"


@settings(max_examples=300)
@given(_mixed(_BIG5_HANZI))
def test_big5_text_round_trips(text: str) -> None:
    data = text.encode("big5")
    decoded = decode_text(data, "p")
    if decoded.text != text:
        # Documented ambiguity: bytes that are *also* clean, common-character GB2312 text
        # (every character a level-1 hanzi or punctuation there) are read as GB18030.
        assert decoded.encoding in ("gb18030", "utf-8")
        if decoded.encoding == "gb18030":
            again = data.decode("gb18030")
            assert all(c.isascii() or c in _GB_SET or c in _GB_PUNCT for c in again)


_GB_SET = frozenset(_GB_HANZI)
_GB_PUNCT = frozenset(_common("gb18030", range(0xA1, 0xA4), range(0xA1, 0xFF)))


@settings(max_examples=200)
@given(st.lists(st.sampled_from(TRADITIONAL.replace("\n", "")), min_size=12, max_size=200).map("".join))
def test_realistic_big5_never_mistaken(text: str) -> None:
    """Text made of the characters of a real traditional sentence decodes back exactly."""
    assert decode_text(text.encode("big5"), "p").text == text


@settings(max_examples=500)
@given(st.binary(max_size=3000))
def test_random_bytes_raise_only_input_error(data: bytes) -> None:
    try:
        decoded = decode_text(data, "r")
    except InputError as exc:
        assert exc.path == "r" and exc.reason
    else:
        assert isinstance(decoded.text, str)


def test_clean_lines_keeps_one_paragraph_per_line() -> None:
    raw = "\ufeff　　第一段。  \r\n\r\n\t第二段\xa0内容\r第三段\u200b。\n   \n"
    assert clean_lines(raw) == ["第一段。", "第二段 内容", "第三段。"]
