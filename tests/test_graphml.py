"""GraphML: networkx reads back every node, edge, kind and weight; the file validates against GraphML's XSD."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
from generated_maps import maps
from hypothesis import HealthCheck, given, settings
from lxml import etree

from argmap.formats import ExportOptions
from argmap.formats.graphml import dump
from argmap.graph import ArgumentGraph, build_graph
from argmap.model import ArgumentMap
from argmap.read.document import check_file

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = etree.XMLSchema(etree.parse(str(ROOT / "tests" / "fixtures" / "graphml" / "graphml.xsd")))


def check(graph: ArgumentGraph, tmp_path: Path) -> None:
    text = dump(graph, ExportOptions())
    document = etree.fromstring(text.encode("utf-8"))
    assert SCHEMA.validate(document), SCHEMA.error_log
    path = tmp_path / "map.graphml"
    path.write_text(text, encoding="utf-8")
    read = nx.read_graphml(path, force_multigraph=True)
    assert list(read.nodes) == list(graph.nodes)
    for node in graph.nodes.values():
        data = read.nodes[node.id]
        assert data["kind"] == node.kind.value
        # XML cannot hold C0 controls: those, and only those, come back as U+FFFD.
        assert data["text"] == "".join("\ufffd" if c < " " and c not in "\t\n\r" else c for c in node.text)
        assert data.get("by") == node.by and data.get("source") == node.source
    expected = [(s.source, s.target, "support", s.weight, None) for s in graph.supports] + [
        (a.source, a.link[1] if a.link else a.target, a.kind.value, a.weight, a.link[0] if a.link else None)
        for a in graph.attacks
    ]
    edges = [(u, v, d["relation"], d.get("weight"), d.get("link_from")) for u, v, d in read.edges(data=True)]
    assert sorted(edges, key=repr) == sorted(expected, key=repr)


def test_the_bundled_map(tmp_path: Path) -> None:
    graph = check_file(str(ROOT / "arguments.yaml")).graph
    assert graph is not None
    check(graph, tmp_path)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(maps())
def test_generated_maps(tmp_path: Path, argument_map: ArgumentMap) -> None:
    check(build_graph(argument_map), tmp_path)
