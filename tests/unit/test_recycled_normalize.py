from hypothesis import given, settings
from hypothesis import strategies as st

from graphkit.analysis.normalize import normalize, normalize_title, strip_names, unit_name_variants
from graphkit.analysis.shingles import hash_shingles, shingle_hash, shingles

TEXT = st.text(
    alphabet=st.sampled_from(
        list("一二三四五是我本厅局区市县委党组单位全省第项次个年月日（）()①.、，。 ")
        + list("0123456789ab召开会议")
    ),
    max_size=60,
) | st.text(max_size=40)


@given(TEXT)
@settings(max_examples=400, deadline=None)
def test_normalize_is_idempotent_and_never_longer(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once
    assert len(once) <= len(text)


def test_self_references_numbers_labels_and_punctuation_go() -> None:
    a = normalize("一是2020年3月11日，我厅党组召开第十二次党组会议，研究审议整改方案，列出76项整改措施。")
    b = normalize("(3)2021年5月2日区委召开第3次会议,研究审议整改方案,列出12项整改措施")
    assert a == b == "召开会议研究审议整改方案列出整改措施"


def test_spread_words_and_bodies_compare_equal() -> None:
    assert normalize("全区开展专项检查，本单位建立台账") == normalize("全厅开展专项检查；我局建立台账")


def test_words_with_numerals_inside_are_kept() -> None:
    assert normalize("落实一岗双责，进一步统一思想") == "落实一岗双责进一步统一思想"


def test_unit_names_are_removed_from_titles() -> None:
    a = normalize_title(
        "《衡水市委省委巡视反馈意见整改落实专题民主生活会方案》", unit_name_variants("衡水市委")
    )
    b = normalize_title("中共泰州市姜堰区委省委巡视反馈意见整改落实专题民主生活会方案")
    c = normalize_title(
        "《省商务厅党组省委巡视反馈意见整改落实专题民主生活会方案》", unit_name_variants("省商务厅党组")
    )
    assert a == b == c == "省委巡视反馈意见整改落实专题民主生活会方案"


def test_an_owner_body_opening_a_title_is_removed() -> None:
    core = "省委巡视反馈意见整改落实专题民主生活会方案"
    # an abbreviation the unit's names do not catch, and the rest once the name is gone
    assert normalize_title(f"《省应急厅领导班子{core}》") == core
    assert normalize_title(f"法库县委常委班子{core}", unit_name_variants("法库县委")) == core
    # the body as the subject of the title stays
    assert normalize_title("关于加强领导班子建设的意见") == "关于加强领导班子建设的意见"
    assert normalize_title("新时代的领导班子思想政治建设规划") == "新时代的领导班子思想政治建设规划"
    # too little would be left
    assert normalize_title("领导班子考核办法") == "领导班子考核办法"


def test_name_variants_and_strip() -> None:
    v = unit_name_variants("泰州市姜堰区委")
    assert "姜堰区" in v and "泰州市姜堰区委" in v and "泰州市" not in v
    assert strip_names("姜堰区委召开会议", v) == "召开会议"


@given(
    st.lists(st.text(max_size=12), max_size=8),
    st.integers(min_value=1, max_value=4),
    st.integers(min_value=1, max_value=5),
)
@settings(deadline=None)
def test_vectorised_shingle_hashes_match_per_string(texts: list[str], n: int, block: int) -> None:
    hashes, offsets = hash_shingles(texts, n, block=block)
    for i, t in enumerate(texts):
        got = sorted(int(h) for h in hashes[offsets[i] : offsets[i + 1]])
        want = sorted(shingle_hash(t[j : j + n], n) for j in range(max(len(t) - n + 1, 1))) if t else []
        assert got == want
        assert len(set(got)) <= len(shingles(t, n)) or not t
