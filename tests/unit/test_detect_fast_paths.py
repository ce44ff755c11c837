"""The faster paths of detection give what the plain ones give: names put in order once per
unit, fullwidth folding over runs, repeated texts normalised once, signatures in blocks."""

from __future__ import annotations

import numpy as np

from graphkit.analysis.items import MeasureItem
from graphkit.analysis.lsh import minhash_signatures
from graphkit.analysis.normalize import _FULLWIDTH, NameStripper, _first, normalize, unit_name_variants
from graphkit.analysis.recycled import DetectParams, normalize_all, signatures
from graphkit.analysis.shingles import hash_shingles

TEXTS = [
    "一是姜堰区委要进一步落实（1）主体责任，２０２０年３月完成。",
    "1.我局党组ＡＢＣ组织学习　76项整改；全区推进",
    "（一）泰州市姜堰区委召开会议，研究部署整改工作。",
    "①商务厅党组加强ＸＹＺ制度建设。二要持续抓好落实。",
    "不含名称的普通措施文本，没有标签。",
    "",
]
NAMES = {"u1": unit_name_variants("泰州市姜堰区委"), "u2": unit_name_variants("省商务厅党组"), "u3": []}


def test_name_stripper_is_normalize_with_the_units_names() -> None:
    strip = NameStripper(NAMES)
    seen: dict[str, str] = {}
    for unit in ("u1", "u2", "u3", "absent"):
        for t in TEXTS:
            want = normalize(t, NAMES.get(unit, ()))
            assert strip.normalize(t, unit) == want
            assert strip.normalize(t, unit, seen) == want
            assert strip.normalize(t, unit, seen) == want  # looked up the second time


def test_folding_over_runs_is_translate() -> None:
    text = "ＡＢｃ　Ｚ，（１）ABC。x"
    folded = _first(text)
    # what the whole-text translate gives, then the same steps
    assert folded == _first(text.translate(_FULLWIDTH))
    assert "abc" in folded


def test_normalize_all_in_workers_is_normalize() -> None:
    items = [MeasureItem(f"n/m{i}", f"u{1 + i % 3}", "n", "n/i0", TEXTS[i % len(TEXTS)]) for i in range(40)]
    want = [normalize(it.text, NAMES.get(it.unit, ())) for it in items]
    assert normalize_all(items, NAMES, processes=1) == want
    assert normalize_all(items, NAMES, processes=2) == want


def test_signatures_in_blocks_are_the_signatures_of_all_at_once() -> None:
    texts = [normalize(t) for t in TEXTS] * 7 + ["短", "ab"]
    p = DetectParams()
    whole = minhash_signatures(*hash_shingles(texts, p.n), num_perm=p.num_perm, seed=p.seed)
    assert np.array_equal(signatures(texts, p, block=5), whole)
    assert np.array_equal(signatures(texts, p), whole)
