import itertools
import json
import os
from pathlib import Path

import numpy as np
import pytest
from datasketch import MinHash

from graphkit.analysis.families import split_component
from graphkit.analysis.items import MeasureItem
from graphkit.analysis.lsh import as_minhash, band_keys, candidate_pairs, datasketch_index, minhash_signatures
from graphkit.analysis.normalize import normalize
from graphkit.analysis.recycled import DetectParams, detect, find_recycled, originality
from graphkit.analysis.shingles import hash_shingles
from graphkit.testing.synth import SynthCorpus, corpus_clauses, generate, items_from_records

SHARED = Path(__file__).parents[2].parent / "shared"


def shared_path(rel: str) -> Path:
    path = SHARED / rel
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path} is missing (CI=true: the shared corpus must be present)")
        pytest.skip(f"{path} not present")
    return path


COPY = (
    "{self}召开专题会议，对{n}年以来制定的各项制度进行全面梳理，修订完善财务管理、公务接待、"
    "公务用车等制度{k}项，建立制度执行情况定期检查机制，由机关纪委每半年开展一次监督检查，"
    "对发现的问题实行台账管理、限期整改，确保制度刚性约束落到实处。"
)
UNRELATED = [
    "深入学习贯彻习近平新时代中国特色社会主义思想，组织水利、农业农村、财政等部门对地下水超采"
    "区域开展实地核查，关停农业自备井，推进南水北调江水置换工程，完成年度压采任务。",
    "深入学习贯彻习近平新时代中国特色社会主义思想，聚焦营商环境短板，推行企业开办一窗受理、"
    "一日办结，清理涉企收费项目，开通惠企政策直达平台，受理企业诉求全部办结回复。",
    "组织开展消防安全隐患大排查，对高层建筑、人员密集场所、九小场所逐一检查，督促落实消防主体责任，"
    "关停不具备条件的经营场所，查处违法违规行为并曝光典型案例。",
    "建立村级集体经济发展专班，因村施策制定增收路径，盘活闲置校舍和厂房，发展光伏、物业租赁项目，"
    "推动经济薄弱村集体收入全部达到年度目标。",
]


def _item(i: int, unit: str, text: str, notice: str | None = None, issue: str | None = None) -> MeasureItem:
    notice = notice or f"n-{unit}"
    return MeasureItem(f"{notice}/m{i}", unit, notice, issue or f"{notice}/i{i}", text)


def test_exact_copy_across_three_units_is_one_family() -> None:
    items = [
        _item(0, "A", COPY.format(self="我厅", n=2019, k=12)),
        _item(1, "B", COPY.format(self="区委", n=2020, k=7)),
        _item(2, "C", COPY.format(self="局党组", n="二〇一八", k=23)),
    ] + [_item(3 + i, "D", t) for i, t in enumerate(UNRELATED)]
    fams = find_recycled(items, scope="across-units")
    assert len(fams) == 1
    f = fams[0]
    assert f.units == ["A", "B", "C"] and f.size == 3
    d = f.to_dict()
    json.dumps(d, ensure_ascii=False)
    assert set(d) >= {"id", "text", "units", "size", "measures"}
    assert set(d["measures"][0]) == {"id", "unit", "notice", "issue", "text"}
    # Stable id from member ids.
    assert find_recycled(list(reversed(items)), scope="across-units")[0].id == f.id
    orig = originality(items, fams)
    assert orig["A"] == 0.0 and orig["D"] == 1.0


def test_shared_boilerplate_opening_is_not_a_family() -> None:
    items = [_item(i, u, t) for i, (u, t) in enumerate(zip("XY", UNRELATED[:2], strict=True))]
    assert detect(items).families == []


def test_chain_of_weak_links_does_not_glue_ends() -> None:
    # A ~ B ~ C, A and C unrelated: no family may hold both A and C.
    a, c = UNRELATED[2], UNRELATED[3]
    b = a[: len(a) // 2] + c[len(c) // 2 :]
    items = [_item(0, "A", a), _item(1, "B", b), _item(2, "C", c)]
    for f in detect(items, params=DetectParams(strong=0.2, link=0.15)).families:
        ids = {m.id for m in f.members}
        assert not {"n-A/m0", "n-C/m2"} <= ids


def test_split_component_keeps_chain_ends_apart() -> None:
    sim = np.array([[1.0, 0.5, 0.05], [0.5, 1.0, 0.5], [0.05, 0.5, 1.0]])
    fams = split_component(sim, strong=0.3, link=0.15)
    assert all(not {0, 2} <= set(f) for f in fams)
    assert len(fams) == 1 and len(fams[0]) == 2


def test_within_unit_finds_one_measure_answering_several_issues() -> None:
    text = COPY.format(self="我局", n=2020, k=5)
    items = [
        _item(0, "A", text, "nA", "nA/i0"),
        _item(1, "A", text.replace("每半年", "每季度"), "nA", "nA/i3"),
        _item(2, "A", UNRELATED[0], "nA", "nA/i1"),
    ]
    within = find_recycled(items, scope="within-unit")
    assert len(within) == 1 and within[0].size == 2 and within[0].scope == "within-unit"
    assert find_recycled(items, scope="across-units") == []


def test_across_notices_finds_a_unit_repeating_itself() -> None:
    text = COPY.format(self="我局", n=2020, k=5)
    items = [_item(0, "A", text, "n1"), _item(1, "A", text, "n2"), _item(2, "B", UNRELATED[1], "n3")]
    fams = find_recycled(items, scope="across-notices")
    assert len(fams) == 1 and {m.notice for m in fams[0].members} == {"n1", "n2"}


def _pairs(groups: list[list[str]]) -> set[tuple[str, str]]:
    return {p for g in groups for p in itertools.combinations(sorted(g), 2)}


def _pr(corpus: SynthCorpus) -> tuple[float, float]:
    fams = detect(items_from_records(corpus.records)).families
    pred, true = _pairs([[m.id for m in f.members] for f in fams]), _pairs(corpus.families)
    tp = len(pred & true)
    return tp / max(len(pred), 1), tp / len(true)


def test_planted_families_are_recovered_on_small_synth() -> None:
    # Phrase-bank measures only: uniques closer to each other than real ones (precision lower).
    p, r = _pr(generate(n_units=20, n_families=30, edit_rate=0.05, seed=7))
    assert p >= 0.8 and r >= 0.95


def test_planted_families_edited_20_percent_are_recovered_among_real_clauses() -> None:
    clauses = corpus_clauses(shared_path("corpus/notices"))
    p, r = _pr(generate(n_units=30, n_families=60, edit_rate=0.2, seed=7, clauses=clauses))
    assert p >= 0.95 and r >= 0.95


def test_numpy_minhash_equals_datasketch_and_feeds_its_lsh() -> None:
    texts = ["召开专题会议研究部署整改工作", "召开专题会议研究部署整改工作落实", "", "ab"]
    hashes, offsets = hash_shingles(texts)
    sigs = minhash_signatures(hashes, offsets, num_perm=64)
    for i in range(len(texts)):
        m = MinHash(num_perm=64, hashfunc=lambda h: h)
        m.update_batch([int(h) for h in hashes[offsets[i] : offsets[i + 1]]])
        assert (m.hashvalues == sigs[i]).all()
    index = datasketch_index(sigs, ["a", "b", "c", "d"], threshold=0.5, num_perm=64)
    assert set(index.query(as_minhash(sigs[0]))) >= {"a", "b"}


def test_candidate_pairs_all_pairs_in_small_buckets_chain_in_big() -> None:
    keys = np.array([[1], [1], [2], [1], [3], [3]], dtype=np.uint64)
    assert candidate_pairs(keys).tolist() == [[0, 1], [0, 3], [1, 3], [4, 5]]
    assert candidate_pairs(keys, max_bucket=2).tolist() == [[0, 1], [1, 3], [4, 5]]
    sigs = np.arange(24, dtype=np.uint32).reshape(3, 8)
    sigs[1] = sigs[0]
    assert candidate_pairs(band_keys(sigs, 2, 4)).tolist() == [[0, 1]]


def test_sparse_clustering_keeps_chain_ends_apart_and_finds_the_copies() -> None:
    from graphkit.analysis.families import cluster

    # 0~1~2 a chain (0, 2 unrelated), 3~4 a pair; scored by a fixed similarity matrix.
    sim = np.eye(5)
    for i, j, s in ((0, 1, 0.6), (1, 2, 0.6), (0, 2, 0.1), (3, 4, 0.9)):
        sim[i, j] = sim[j, i] = s
    pairs = np.array([[0, 1], [1, 2], [0, 2], [3, 4]])
    scores = sim[pairs[:, 0], pairs[:, 1]]
    fams = cluster(5, pairs, scores, lambda r: sim[np.ix_(r, r)], 0.5, 0.42, sparse_above=0)
    groups = sorted(sorted(m) for m, _ in fams)
    assert [3, 4] in groups
    assert all(not {0, 2} <= set(g) for g in groups)
    assert len(groups) == 2


@pytest.mark.parametrize("copies", [150, 400])
def test_a_measure_copied_into_hundreds_of_units_is_one_family(copies: int) -> None:
    # The signature question: one measure, edited a little, in hundreds of notices. Its common
    # shingles are then among the most frequent of the corpus; they must still count (dropped
    # as stop-shingles, the family falls into pieces of 4), and a family larger than a centre's
    # neighbourhood (400 > 200) must grow past it.
    import random

    from graphkit.testing.synth import SELF_REFS, edit_text, generate_items, instantiate, make_measure

    items, _ = generate_items(4000, edit_rate=0.2, seed=3)
    rng = random.Random(copies)
    template = make_measure(rng)
    planted = [
        MeasureItem(
            f"big/m{k}",
            f"big-u{k}",
            f"big-n{k}",
            f"big-i{k}",
            edit_text(instantiate(template, rng, rng.choice(SELF_REFS)), 0.1, rng),
        )
        for k in range(copies)
    ]
    fams = detect(items + planted).families
    holding = [f for f in fams if any(m.id.startswith("big/") for m in f.members)]
    assert len(holding) == 1
    assert sum(m.id.startswith("big/") for m in holding[0].members) == copies
    assert len(holding[0].units) >= copies


# A real shortened copy (辽宁省体育局 / 辽宁省文化和旅游厅, 2020: one 驻厅纪检监察组 writes both).
SHORT = (
    "健全完善同党组沟通协调机制。多次同局党组沟通交换意见,每月听取巡视整改工作领导小组汇报,"
    "及时指出问题、提出建议,协助、督促厅党组完成整改任务。"
)
LONG = (
    "健全完善参加(列席)会议制度、同党组(党委)沟通协调机制,多次同省文旅厅党组、省文化演艺集团党委"
    "沟通交换意见,协助、督促厅党组、集团党委各负其责、形成合力,共同完成整改任务。每月听取省文旅厅"
    "巡视反馈意见整改工作领导小组汇报,动态汇总、分析、研判整改进度,及时向厅党组、集团党委指出问题,"
    "提出建议,确保监督工作取得实效。"
)


def test_a_shortened_copy_is_found_by_its_common_runs() -> None:
    from graphkit.analysis.verify import ALIGN_STRONG, align_score, run_cover

    a, b = normalize(SHORT), normalize(LONG)
    assert align_score(a, b, containment=False) < ALIGN_STRONG  # the ratio alone misses it
    assert align_score(a, b, containment=True) >= ALIGN_STRONG and run_cover(a, b) >= 0.69
    items = [_item(0, "体育局", SHORT), _item(1, "文旅厅", LONG)] + [
        _item(2 + i, "D", t) for i, t in enumerate(UNRELATED)
    ]
    fams = find_recycled(items, scope="across-units")
    assert [f.units for f in fams] == [["体育局", "文旅厅"]]
    assert find_recycled(items, scope="across-units", params=DetectParams(containment=False)) == []


def test_scattered_common_characters_are_not_containment() -> None:
    from graphkit.analysis.verify import run_cover

    short = normalize(UNRELATED[3])
    # the short text's characters, spread one by one through a long unrelated text
    long_ = "".join(c + "巡察整改落实" for c in short)
    assert run_cover(short, long_) == 0.0
    assert detect([_item(0, "X", short), _item(1, "Y", long_)]).families == []
