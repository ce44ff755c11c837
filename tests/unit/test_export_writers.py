"""The export's rooms without a store: the name → writer registry and what uses it (export(),
`graphkit export`), the base IRI check, the measure kinds' labels, and the RDF test module's
refusal to pass by skipping under CI=true."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from typer.testing import CliRunner

from graphkit.analysis.kinds import lexicon
from graphkit.errors import GraphkitError
from graphkit.paths import schema_dir
from graphkit.present.export import FORMATS, WRITERS, ExportError, check_base, export, writer
from graphkit.present.export.rdf_mapping import KIND, SKOS, measure_kind_labels

ROOT = Path(__file__).resolve().parents[2]


def test_the_registry_is_an_explicit_dict_of_writers() -> None:
    assert list(WRITERS) == ["ttl", "jsonld", "nt", "graphml"] == list(FORMATS)
    for name, w in WRITERS.items():
        assert w.name == name and writer(name) is w
        assert callable(w.write) and w.counts in ("triples", "nodes and edges")
    assert not WRITERS["jsonld"].streamed and WRITERS["nt"].streamed


def test_an_unknown_format_lists_the_registry() -> None:
    with pytest.raises(ExportError) as err:
        writer("rdfxml")
    assert str(err.value) == "unknown format 'rdfxml': choose ttl, jsonld, nt, graphml"
    assert isinstance(err.value, GraphkitError) and isinstance(err.value, ValueError)
    assert err.value.exit_code == 2
    with pytest.raises(ExportError):
        export(object(), sys.stdout, "rdfxml")  # type: ignore[arg-type]  # refused before any read


@pytest.mark.parametrize(
    ("base", "expected"),
    [
        ("https://example.org/id/", "https://example.org/id/"),
        ("https://example.org/id", "https://example.org/id/"),
        ("urn:x:kg#", "urn:x:kg#"),
    ],
)
def test_base_iri(base: str, expected: str) -> None:
    assert check_base(base) == expected


@pytest.mark.parametrize("base", ["example.org/id/", "https://example.org/a b/", "", "https://x/<y>/"])
def test_a_base_that_is_no_absolute_iri_is_refused(base: str) -> None:
    with pytest.raises(ExportError, match="is not an absolute IRI"):
        check_base(base)


def test_the_command_lists_and_checks_the_registry(tmp_path: Path) -> None:
    from graphkit.cli.app import app

    runner = CliRunner()
    res = runner.invoke(app, ["export", "--help"], terminal_width=200)
    assert res.exit_code == 0 and " | ".join(WRITERS) in res.output
    res = runner.invoke(app, ["--db", str(tmp_path / "db"), "export", "-f", "rdfxml"])
    assert res.exit_code == 2 and "choose ttl, jsonld, nt, graphml" in res.output
    assert not (tmp_path / "db").exists()  # refused before the store was opened


# -- measure kinds ----------------------------------------------------------------------------


def test_every_kind_has_an_english_and_a_chinese_label() -> None:
    labels = measure_kind_labels()
    assert set(labels) == set(lexicon().kinds)
    for kind, lab in labels.items():
        assert lab.zh and lab.en, kind
        assert "|" not in lab.en and "|" not in lab.zh
        assert lab.en.isascii() and not lab.zh.isascii()
    assert labels["meeting"].zh == "会议学习" and labels["meeting"].en == "a meeting or study session"


def test_the_ontology_labels_the_kinds_as_the_lexicon_does() -> None:
    """Loaded with an export, the ontology's kind labels must be the export's: one per language."""
    g = Graph().parse(schema_dir() / "ontology.ttl", format="turtle")
    for kind, lab in measure_kind_labels().items():
        objects = g.objects(URIRef(KIND + kind), URIRef(SKOS + "prefLabel"))
        got = {(o.language, str(o)) for o in objects if isinstance(o, Literal)}
        assert got == {("en", lab.en), ("zh", lab.zh)}, kind


# -- the RDF tests cannot pass by skipping under CI=true --------------------------------------


def _collect_without_pyshacl(tmp_path: Path, ci: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "no_pyshacl.py").write_text('import sys\nsys.modules["pyshacl"] = None\n', encoding="utf-8")
    env = {
        **os.environ,
        "CI": ci,
        "PYTHONPATH": os.pathsep.join([str(tmp_path), os.environ.get("PYTHONPATH", "")]),
    }
    args = ["-p", "no_pyshacl", "-p", "no:cacheprovider", "--collect-only", "-q", "-rs"]
    return subprocess.run(
        [sys.executable, "-m", "pytest", *args, "tests/integration/test_rdf_export.py"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_missing_pyshacl_fails_under_ci(tmp_path: Path) -> None:
    res = _collect_without_pyshacl(tmp_path, "true")
    assert res.returncode == pytest.ExitCode.INTERRUPTED, res.stdout  # a collection error
    assert "CI=true but pyshacl is missing" in res.stdout


def test_missing_pyshacl_skips_outside_ci(tmp_path: Path) -> None:
    res = _collect_without_pyshacl(tmp_path, "")
    assert res.returncode == pytest.ExitCode.NO_TESTS_COLLECTED, res.stdout
    assert "SKIPPED [1]" in res.stdout and "pyshacl is not installed" in res.stdout
