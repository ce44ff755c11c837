import random

from graphkit.analysis.items import items_from_records
from graphkit.analysis.normalize import normalize
from graphkit.analysis.shingles import shingles
from graphkit.testing.synth import edit_text, generate, generate_items, instantiate, make_measure


def jaccard(a: set[str], b: set[str]) -> float:
    """Jaccard of two shingle sets (0 for two empty sets): how alike the generator's texts are."""
    return len(a & b) / len(a | b) if a or b else 0.0


def test_generate_is_deterministic_and_truth_points_at_measures() -> None:
    a = generate(n_units=6, n_families=8, seed=3)
    b = generate(n_units=6, n_families=8, seed=3)
    assert [r.model_dump() for r in a.records] == [r.model_dump() for r in b.records]
    ids = {it.id for it in items_from_records(a.records)}
    assert all(len(f) >= 2 and set(f) <= ids for f in a.families)
    assert set(a.kinds) <= {"across-units", "within-unit", "across-notices"}


def test_edit_rate_changes_about_that_share() -> None:
    rng = random.Random(1)
    text = instantiate(make_measure(rng), rng, "我厅")
    assert edit_text(text, 0.0, rng) == text
    edited = edit_text(text, 0.2, rng)
    assert edited != text and abs(len(edited) - len(text)) <= 0.2 * len(text) + 4


def test_planted_copies_match_unique_measures_do_not() -> None:
    corpus = generate(n_units=10, n_families=10, edit_rate=0.0, seed=5)
    text = {it.id: normalize(it.text) for it in items_from_records(corpus.records)}
    fam = corpus.families[0]
    assert len({text[i] for i in fam}) == 1  # self-references and numbers normalise away
    planted = {i for f in corpus.families for i in f}
    uniq = [normalize(t) for i, t in text.items() if i not in planted][:200]
    sims = [jaccard(shingles(a), shingles(b)) for k, a in enumerate(uniq) for b in uniq[k + 1 :]]
    assert sorted(sims)[int(0.99 * len(sims))] < 0.3
    assert len(set(uniq)) == len(uniq)


def test_generate_items_planted_share_and_distinct_units() -> None:
    items, fams = generate_items(2000, planted_share=0.3, seed=2)
    assert len(items) == 2000
    by_id = {it.id: it for it in items}
    n_planted = sum(len(f) for f in fams)
    assert 550 <= n_planted <= 700
    assert all(len({by_id[i].unit for i in f}) == len(f) for f in fams)


def test_notice_texts_hold_the_formulas_every_notice_has_and_leave_measures_alone() -> None:
    from graphkit.analysis.boilerplate import find_sentences

    plain, texts = generate(n_units=6, seed=3), generate(n_units=6, seed=3, with_text=True)
    assert [r.issues for r in plain.records] == [r.issues for r in texts.records]
    assert plain.families == texts.families and all(r.text is None for r in plain.records)
    fams = find_sentences([(r.id, r.unit, r.text or "") for r in texts.records])
    everywhere = [f for f in fams if len(f.units) == 6]
    # the three preamble formulas and the closing one (dates, team and unit differ: normalised away)
    assert {"按照党务公开", "欢迎广大干部", "根据省委和省"} <= {f.text[:6] for f in everywhere}
    assert any(f.text.endswith("反馈了巡视意见。") for f in everywhere)
