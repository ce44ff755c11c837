"""RDF / GraphML export (graphkit/present/export/) over both stores: the export conforms to
schema/shapes.ttl — also on stores holding every family kind the detection makes, and on the
shared corpus —, a broken one does not, it round-trips (counts, a SPARQL query = its Cypher twin),
Chinese text survives byte for byte, and each measure kind is labelled in English and Chinese."""

from __future__ import annotations

import importlib
import io
from pathlib import Path
from types import ModuleType
from typing import cast

import pytest
from conftest import IN_CI, need_shared
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, RDF, SH
from rdflib.query import ResultRow

from graphkit.ingest import load_records
from graphkit.paths import queries_dir, samples_dir, schema_dir
from graphkit.present.export import DEFAULT_BASE, export
from graphkit.present.export import rdf_mapping as rdfmap
from graphkit.records import NoticeRecord
from loaders.graph import GraphBatch


def _require(name: str) -> ModuleType:
    """An optional test dependency: the module is skipped without it, but under CI=true a
    missing dependency fails (it would otherwise pass by testing nothing)."""
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        if IN_CI:
            pytest.fail(f"CI=true but {name} is missing ({exc}): install the dev extra", pytrace=False)
        pytest.skip(f"{name} is not installed", allow_module_level=True)


pyshacl = _require("pyshacl")

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

GK = Namespace(rdfmap.GK)
SKOS_PREF = URIRef(rdfmap.SKOS + "prefLabel")
PARSE_FORMAT = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}
OTHER_UNITS = ["西山区委", "南湖市委", "北岭县委"]
READING = "开展专题读书班。组织县级领导干部参加专题读书班3期。"
LIAISON = "建立县级领导联系重点项目制度，42个重点项目全部明确联系领导。"


@pytest.fixture(scope="module")
def shapes() -> tuple[Graph, Graph]:
    return (
        Graph().parse(schema_dir() / "shapes.ttl", format="turtle"),
        Graph().parse(schema_dir() / "ontology.ttl", format="turtle"),
    )


def validate(g: Graph, shapes: tuple[Graph, Graph]) -> tuple[bool, list[str], str]:
    """(conforms, the message of each violation, the report text). The ontology is loaded with
    the export, as a consumer would: its declarations (the measure kinds' labels) must agree."""
    ok, results, text = pyshacl.validate(
        g + shapes[1], shacl_graph=shapes[0], inference="none", advanced=True
    )
    messages = [
        str(results.value(r, SH.resultMessage)) for r in results.subjects(RDF.type, SH.ValidationResult)
    ]
    return bool(ok), messages, str(text)


def conforms(g: Graph, shapes: tuple[Graph, Graph]) -> tuple[bool, str]:
    ok, _, text = validate(g, shapes)
    return ok, text


def export_text(store, fmt: str, **kw) -> str:  # type: ignore[no-untyped-def]
    buf = io.StringIO()
    export(store, buf, fmt, **kw)
    return buf.getvalue()


def export_graph(store, fmt: str = "ttl", **kw) -> Graph:  # type: ignore[no-untyped-def]
    return Graph().parse(data=export_text(store, fmt, **kw), format=PARSE_FORMAT[fmt])


def four_units(two_records: list[NoticeRecord]) -> list[NoticeRecord]:
    """The test notices, plus copies of notice A published by three other units, with spans and
    kinds: READING is then taken by 4 units, LIAISON by 2 (two copies drop it)."""
    out = [r.model_copy(deep=True) for r in two_records]
    a = out[0]
    for i, issue in enumerate(a.issues):
        issue.span = (10 * i, 10 * i + 8)
    a.issues[0].children[0].measures[0].span = (0, 0)
    a.issues[0].children[0].measures[1].span = (12, 40)
    for k, name in enumerate(OTHER_UNITS):
        c = two_records[0].model_copy(deep=True)
        c.id, c.source, c.unit, c.publisher = f"n-test-{k}", f"tests/{k}.txt", name, f"中共{name}"
        c.title = f"中共{name}关于巡视整改进展情况的通报"
        if k >= 1:
            c.issues[0].children[1].measures.pop()
        out.append(c)
    return out


def add_families(store) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """Two MeasureTemplate families written the way detection writes them."""
    rows = store.query("MATCH (m:Measure) RETURN m.id AS id, m.text AS text ORDER BY m.id").rows
    fams = {
        "measure:across-units:reading": [mid for mid, text in rows if text == READING],
        "measure:across-units:liaison": [mid for mid, text in rows if text == LIAISON],
    }
    nodes = [
        {"id": fid, "kind": "measure", "scope": "across-units", "text": text, "size": len(m), "n_units": None}
        for (fid, m), text in zip(fams.items(), (READING, LIAISON), strict=True)
    ]
    g = GraphBatch()
    for row in nodes:
        g.node("MeasureTemplate", row)
    for fid, mids in fams.items():
        for mid in mids:
            g.edge("INSTANCE_OF", ("Measure", mid), ("MeasureTemplate", fid))
    store.run_transaction(store.write_statements(g, []))
    from graphkit.analysis.figures import refresh_figures

    refresh_figures(store)  # as rebuild_families does after writing families
    return fams


# -- conformance ------------------------------------------------------------------------------


def test_export_conforms_and_formats_agree(store, two_records, shapes) -> None:  # type: ignore[no-untyped-def]
    load_records(store, four_units(two_records))
    add_families(store)
    graphs = {fmt: export_graph(store, fmt) for fmt in ("ttl", "nt", "jsonld")}
    ok, report = conforms(graphs["ttl"], shapes)
    assert ok, report
    assert isomorphic(graphs["ttl"], graphs["nt"])
    assert isomorphic(graphs["ttl"], graphs["jsonld"])
    # paging in tiny pages gives the same graph
    assert isomorphic(graphs["ttl"], export_graph(store, "nt", page=2))


def test_broken_graphs_do_not_conform(embedded_store, two_records, shapes) -> None:  # type: ignore[no-untyped-def]
    load_records(embedded_store, two_records)
    good = export_graph(embedded_store)
    assert conforms(good, shapes)[0]

    g = Graph() + good  # a measure without its ADDRESSES edge
    measure, _, issue = next(iter(g.triples((None, GK.addresses, None))))
    g.remove((measure, GK.addresses, issue))
    ok, report = conforms(g, shapes)
    assert not ok and "addresses exactly one issue" in report

    g = Graph() + good  # an impossible date
    notice, _, _date = next(iter(g.triples((None, DCTERMS.issued, None))))
    g.set((notice, DCTERMS.issued, Literal("2023-02-30", datatype=URIRef(rdfmap.XSD + "date"))))
    ok, report = conforms(g, shapes)
    assert not ok and "publication date" in report

    g = Graph() + good  # a date as a plain string
    g.set((notice, DCTERMS.issued, Literal("2023年11月30日")))
    assert not conforms(g, shapes)[0]

    g = Graph() + good  # a title without its language tag
    title = g.value(notice, DCTERMS.title)
    if title is None:
        notice = next(s for s in g.subjects(RDF.type, GK.Notice) if g.value(s, DCTERMS.title))
        title = g.value(notice, DCTERMS.title)
    g.set((notice, DCTERMS.title, Literal(str(title))))
    assert not conforms(g, shapes)[0]

    g = Graph() + good  # a negative span, and a notice no unit reported
    d = next(iter(g.subjects(RDF.type, URIRef(rdfmap.PROV + "Derivation"))))
    g.set((d, GK.spanStart, Literal(-1)))
    assert not conforms(g, shapes)[0]
    g = Graph() + good
    g.remove((None, GK.reported, notice))
    ok, report = conforms(g, shapes)
    assert not ok and "reported by) exactly one unit" in report


def test_a_bad_date_in_the_store_fails_the_shapes(embedded_store, two_records, shapes) -> None:  # type: ignore[no-untyped-def]
    bad = two_records[0].model_copy(deep=True)
    bad.published = "2023-11"
    load_records(embedded_store, [bad])
    ok, report = conforms(export_graph(embedded_store), shapes)
    assert not ok and "publication date" in report


# -- round trip -------------------------------------------------------------------------------


def _count(g: Graph, cls: URIRef) -> int:
    return len(set(g.subjects(RDF.type, cls)))


def test_round_trip_counts(store, two_records) -> None:  # type: ignore[no-untyped-def]
    load_records(store, four_units(two_records))
    add_families(store)
    counts = store.counts()
    g = export_graph(store, "ttl")
    for label in (
        "Notice",
        "Unit",
        "Inspection",
        "Issue",
        "Measure",
        "Role",
        "Person",
        "Document",
        "MeasureTemplate",
    ):
        assert _count(g, GK[label]) == counts["nodes"][label], label
    assert counts["nodes"]["Unit"] == 4 and counts["nodes"]["MeasureTemplate"] == 2
    for etype, pred in rdfmap.EDGE_PREDICATES.items():
        assert len(set(g.triples((None, URIRef(pred), None)))) == counts["edges"][etype], etype
    # ids round-trip to the IRIs
    for mid in store.query("MATCH (m:Measure) RETURN m.id AS id").rows:
        iri = URIRef(f"{DEFAULT_BASE}measure/{mid[0]}")
        assert g.value(iri, DCTERMS.identifier) == Literal(mid[0])


SPARQL_SHARED = """
PREFIX gk: <https://graphkit.dev/ns#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?family (COUNT(DISTINCT ?u) AS ?units) WHERE {
    ?m gk:instanceOf ?t . ?u gk:took ?m .
    ?t dcterms:identifier ?family ; gk:familyKind "measure" .
} GROUP BY ?family HAVING (COUNT(DISTINCT ?u) >= 3) ORDER BY ?family
"""

CYPHER_SHARED = """
MATCH (t:MeasureTemplate)<-[:INSTANCE_OF]-(m:Measure)<-[:TOOK]-(u:Unit)
WHERE t.kind = 'measure'
WITH t, count(DISTINCT u) AS units WHERE units >= 3
RETURN t.id AS family, units ORDER BY family
"""


def _cypher_shared(store) -> set[tuple[str, int]]:  # type: ignore[no-untyped-def]
    template = queries_dir() / "recycled" / "families_by_spread.cypher"
    if template.is_file():  # the project's own template, when it is there
        text = "\n".join(
            ln for ln in template.read_text(encoding="utf-8").splitlines() if not ln.startswith("//")
        )
        res = store.query(text, {"kind": "measure", "scope": "", "min_units": 3, "limit": 100000})
        rows = {(r["family"], int(r["units"])) for r in res.records()}
        inline = {(f, int(n)) for f, n in store.query(CYPHER_SHARED).rows}
        assert rows == inline
        return rows
    return {(f, int(n)) for f, n in store.query(CYPHER_SHARED).rows}


def test_sparql_shared_measures_equals_cypher(store, two_records) -> None:  # type: ignore[no-untyped-def]
    load_records(store, four_units(two_records))
    add_families(store)
    g = export_graph(store, "nt")
    rows = [cast(ResultRow, r) for r in g.query(SPARQL_SHARED)]
    sparql = {(str(r.family), int(r.units)) for r in rows}
    cypher = _cypher_shared(store)
    assert sparql == cypher == {("measure:across-units:reading", 4)}


# -- Chinese text -----------------------------------------------------------------------------


def test_chinese_text_survives_byte_for_byte(store, two_records) -> None:  # type: ignore[no-untyped-def]
    records = four_units(two_records)
    odd = '全角　空格、“引号”、《书名号》、\\反斜杠"、换行\n、𠀀（扩展B）、e\u0301（未规范化）'
    records[1].issues[0].measures[0].text = odd
    load_records(store, records)
    texts = [t for (t,) in store.query("MATCH (m:Measure) RETURN m.text AS t").rows]
    assert odd in texts
    for fmt in ("ttl", "nt", "jsonld"):
        raw = export_text(store, fmt).encode("utf-8")
        g = Graph().parse(data=raw.decode("utf-8"), format=PARSE_FORMAT[fmt])
        got = {str(o) for o in g.objects(None, GK.text) if isinstance(o, Literal) and o.language == "zh"}
        for t in texts:
            assert t in got, (fmt, t)
            clean = t.replace("\\", "").replace('"', "").replace("\n", "")
            for piece in clean.split("、"):
                if piece and fmt != "jsonld":
                    assert piece.encode("utf-8") in raw, (fmt, piece)
        units = {str(o) for o in g.objects(None, SKOS_PREF) if isinstance(o, Literal) and o.language == "zh"}
        assert {"东河县委", *OTHER_UNITS} <= units


# -- GraphML ----------------------------------------------------------------------------------


def test_graphml_round_trip(store, two_records) -> None:  # type: ignore[no-untyped-def]
    import networkx as nx

    load_records(store, four_units(two_records))
    add_families(store)
    counts = store.counts()
    g = nx.read_graphml(io.BytesIO(export_text(store, "graphml").encode("utf-8")))
    assert g.number_of_nodes() == sum(counts["nodes"].values())
    assert g.number_of_edges() == sum(counts["edges"].values())
    unit = next(d for _, d in g.nodes(data=True) if d.get("labels") == ":Unit" and d["name"] == "东河县委")
    assert unit["aliases"] == '["中共东河县委", "中共东河县委员会"]'
    texts = {d["text"] for _, d in g.nodes(data=True) if d.get("labels") == ":Measure"}
    assert READING in texts
    issues = [d for _, d in g.nodes(data=True) if d.get("labels") == ":Issue"]
    assert all(isinstance(d["depth"], int) for d in issues)


# -- CLI --------------------------------------------------------------------------------------


def test_cli_export(tmp_path: Path, two_records, shapes) -> None:  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from graphkit import service
    from graphkit.cli.app import app
    from graphkit.stores.embedded_store import EmbeddedStore

    with EmbeddedStore(tmp_path / "db") as s:  # through the service: the store records who wrote it
        service.load_records(s, two_records, families="never")
    runner = CliRunner()
    out = tmp_path / "g.ttl"
    base = "https://example.org/kg/"
    res = runner.invoke(app, ["--db", str(tmp_path / "db"), "export", "-o", str(out), "--base", base])
    assert res.exit_code == 0, res.output
    g = Graph().parse(out, format="turtle")
    assert conforms(g, shapes)[0]
    assert (URIRef(base + "notice/n-test-a"), RDF.type, GK.Notice) in g
    res = runner.invoke(app, ["--db", str(tmp_path / "db"), "export", "--format", "nt"])
    assert res.exit_code == 0 and "东河县委" in res.output
    res = runner.invoke(app, ["--db", str(tmp_path / "db"), "export", "--format", "rdfxml"])
    assert res.exit_code == 2


# -- every family kind ------------------------------------------------------------------------

# (family kind, class of its members): every pair the detection writes (schema/graph.yaml's
# INSTANCE_OF goes from Measure, Document and Notice).
FAMILY_MEMBERS = {
    ("measure", "Measure"),
    ("headline", "Measure"),
    ("document", "Document"),
    ("document", "Notice"),
    ("sentence", "Notice"),
}
SPARQL_MEMBERS = """
PREFIX gk: <https://graphkit.dev/ns#>
SELECT DISTINCT ?kind ?cls WHERE {
    ?x gk:instanceOf ?t . ?t gk:familyKind ?kind . ?x a ?cls .
    VALUES ?cls { gk:Measure gk:Document gk:Notice }
}
"""
DEMOCRATIC_LIFE = "《中共南湖区委巡视反馈意见整改落实专题民主生活会方案》"


def _family_members(g: Graph) -> set[tuple[str, str]]:
    rows = [cast(ResultRow, r) for r in g.query(SPARQL_MEMBERS)]
    return {(str(r.kind), str(r.cls).rsplit("#", 1)[1]) for r in rows}


def _ingest(store, paths: list[Path]) -> None:  # type: ignore[no-untyped-def]
    """Parse, load and detect families, as `graphkit ingest` does."""
    from graphkit.analysis.store_families import rebuild_families
    from graphkit.errors import InputError
    from graphkit.pipeline import parse_paths

    records = [r for r in parse_paths([str(p) for p in paths]) if not isinstance(r, InputError)]
    assert records, f"no notice of {paths} parsed"
    load_records(store, records)
    rebuild_families(store)


def samples_with_every_family_kind(folder: Path) -> Path:
    """The bundled samples, plus a third unit's notice that names a document title only in its
    organisation section: its notice is then a member of that document family (the one pair
    the samples alone do not make)."""
    folder.mkdir()
    for sample in sorted(samples_dir().glob("*.txt")):
        (folder / sample.name).write_text(sample.read_text(encoding="utf-8"), encoding="utf-8")
    text = (samples_dir() / "sample-xishan-district-2023.txt").read_text(encoding="utf-8")
    text = text.replace("西山", "南湖")
    assert text.count(f"制定{DEMOCRATIC_LIFE}，") == 1
    text = text.replace(f"制定{DEMOCRATIC_LIFE}，", "")  # out of the measure …
    lead = "区委成立巡视整改工作领导小组，"
    assert lead in text
    text = text.replace(lead, f"区委印发{DEMOCRATIC_LIFE}，{lead}", 1)  # … into the organisation
    (folder / "nanhu-district-2023.txt").write_text(text, encoding="utf-8")
    return folder


def test_every_family_kind_conforms(store, tmp_path: Path, shapes) -> None:  # type: ignore[no-untyped-def]
    _ingest(store, [samples_with_every_family_kind(tmp_path / "notices")])
    g = export_graph(store, "ttl")
    assert _family_members(g) == FAMILY_MEMBERS
    ok, violations, _ = validate(g, shapes)
    assert violations == [] and ok
    assert isomorphic(g, export_graph(store, "nt"))


def test_families_with_the_wrong_members_do_not_conform(embedded_store, tmp_path: Path, shapes) -> None:  # type: ignore[no-untyped-def]
    _ingest(embedded_store, [samples_with_every_family_kind(tmp_path / "notices")])
    good = export_graph(embedded_store)
    assert validate(good, shapes)[0]
    by_kind = {str(g_kind): t for t, g_kind in good.subject_objects(GK.familyKind)}
    a_measure = next(good.subjects(RDF.type, GK.Measure))
    a_notice = next(good.subjects(RDF.type, GK.Notice))
    a_document = next(good.subjects(RDF.type, GK.Document))
    for kind, member in (("sentence", a_measure), ("measure", a_notice), ("headline", a_document)):
        g = Graph() + good
        g.add((member, GK.instanceOf, by_kind[kind]))
        ok, violations, report = validate(g, shapes)
        assert not ok and any("members follow its kind" in v for v in violations), (kind, report)
    g = Graph() + good  # a family whose kind is none of the four
    g.set((by_kind["measure"], GK.familyKind, Literal("paragraph")))
    assert not validate(g, shapes)[0]
    g = Graph() + good  # a second Chinese label on a kind
    kind_iri = next(good.objects(None, GK.kind))
    g.add((kind_iri, SKOS_PREF, Literal("另一个名称", lang="zh")))
    ok, violations, _ = validate(g, shapes)
    assert not ok and any("one label per language" in v for v in violations)


def test_measure_kinds_are_labelled_in_english_and_chinese(embedded_store, shapes) -> None:  # type: ignore[no-untyped-def]
    from graphkit.analysis.kinds import lexicon

    _ingest(embedded_store, [samples_dir()])
    g = export_graph(embedded_store, "nt")
    kinds = set(g.objects(None, GK.kind))
    assert len(kinds) >= 5
    for k in kinds:
        labels = {o.language: str(o) for o in g.objects(k, SKOS_PREF) if isinstance(o, Literal)}
        assert len(list(g.objects(k, SKOS_PREF))) == 2 and set(labels) == {"en", "zh"}, k
        zh_label, en_label = (
            p.strip() for p in lexicon().kinds[str(k).rsplit("#", 1)[1]]["label"].split("|")
        )
        assert labels == {"en": en_label, "zh": zh_label}
        # the ontology declares the same labels: loaded together, one label per language
        assert set((g + shapes[1]).objects(k, SKOS_PREF)) == set(g.objects(k, SKOS_PREF))


# -- the shared corpus ------------------------------------------------------------------------


@pytest.mark.shared
def test_shared_corpus_export_conforms(embedded_store, shapes) -> None:  # type: ignore[no-untyped-def]
    """The shared corpus ingested with its families (issue 14 #12): every family kind, and
    document families with Document and Notice members."""
    _ingest(embedded_store, [need_shared() / "corpus"])
    counts = embedded_store.counts()
    g = export_graph(embedded_store, "nt")
    assert _family_members(g) == FAMILY_MEMBERS
    ok, violations, _ = validate(g, shapes)
    assert violations == [] and ok
    assert set(export_graph(embedded_store, "ttl")) == set(g)  # no blank nodes: equal as sets
    for label in ("Notice", "Unit", "Issue", "Measure", "Document", "MeasureTemplate"):
        assert _count(g, GK[label]) == counts["nodes"][label], label
    assert len(set(g.triples((None, GK.instanceOf, None)))) == counts["edges"]["INSTANCE_OF"]
    texts = [t for (t,) in embedded_store.query("MATCH (m:Measure) RETURN m.text AS t").rows]
    got = {str(o) for o in g.objects(None, GK.text)}
    assert set(texts) <= got
