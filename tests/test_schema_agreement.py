"""The JSON Schema and `argmap validate` agree on every map the test suite holds.

An editor checks a map against docs/argmap.schema.json as a YAML 1.2 parser types it;
argmap reads it with its own loader. Wherever a schema can judge, the two verdicts must
be the same. Three kinds of problem are beyond a schema, and are classified, not compared:

- the YAML itself (E0xx: syntax, duplicate keys, tags, aliases): an editor's parser reports
  those before any schema applies;
- references between ids, and everything built on them (E2xx: undefined or wrong-kind ids,
  a duplicate id across sections, cycles, undercuts of missing links);
- the map's meaning (W3xx, I304: evidence, bearing on the question, quotes in their source).

So: a map with an E1xx (format) error must fail the schema, and any other map must pass it.
"""

from __future__ import annotations

import ast
import json
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import minimal_map

from argmap.edit.scaffold import schema_text
from argmap.read.document import check_text

jsonschema = pytest.importorskip("jsonschema")

ROOT = Path(__file__).parent.parent
TESTS = Path(__file__).parent


class _Yaml12Loader(yaml.CSafeLoader):
    """PyYAML typed as YAML 1.2's core schema, as editors' YAML servers type a file.

    PyYAML follows YAML 1.1, where `yes` is a boolean and `2014-06-01` a date; in 1.2 both
    are text, so the schema must be tried on what an editor sees. libyaml parses, as argmap's
    loader does (the pure-Python parser refuses a `?` inside a flow mapping's plain scalar).
    """


_Yaml12Loader.yaml_implicit_resolvers = {}
_RESOLVERS = [
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    ("tag:yaml.org,2002:float",
     r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
     list("-+.0123456789")),
]
for _tag, _pattern, _first in _RESOLVERS:
    _Yaml12Loader.add_implicit_resolver(_tag, re.compile(_pattern), _first)


def _core_int(loader: yaml.CSafeLoader, node: yaml.ScalarNode) -> int:
    text = str(loader.construct_scalar(node))
    if text.startswith(("0o", "0x")):
        return int(text[2:], 8 if text[1] == "o" else 16)
    return int(text, 10)


def _core_float(loader: yaml.CSafeLoader, node: yaml.ScalarNode) -> float:
    text = str(loader.construct_scalar(node)).lower()
    if text.endswith(".nan"):
        return math.nan
    if text.endswith(".inf"):
        return -math.inf if text.startswith("-") else math.inf
    return float(text)


_Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _core_int)
_Yaml12Loader.add_constructor("tag:yaml.org,2002:float", _core_float)


def _maps_in_test_sources() -> Iterator[tuple[str, str]]:
    """Every map a test module writes out: string constants holding an `argmap:` line, and
    `minimal_map(...)` calls whose sections are constants."""
    for module in sorted(TESTS.glob("test_*.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if re.search(r"^argmap:", node.value, re.MULTILINE):
                    yield f"{module.name}:{node.lineno}", node.value
            elif isinstance(node, ast.Call) and getattr(node.func, "id", None) == "minimal_map":
                sections = {k.arg: k.value.value for k in node.keywords
                            if k.arg and isinstance(k.value, ast.Constant) and isinstance(k.value.value, str)}
                if len(sections) == len(node.keywords) and not node.args:
                    yield f"{module.name}:{node.lineno}", minimal_map(**sections)


def _corpus() -> list[tuple[str, str]]:
    files = [ROOT / "arguments.yaml", *sorted((TESTS / "corpus").glob("*.yaml")),
             *sorted((TESTS / "golden").glob("*.yaml"))]
    found = [(str(f.relative_to(ROOT)), f.read_text(encoding="utf-8")) for f in files]
    found += _maps_in_test_sources()
    unique: dict[str, str] = {}
    for name, text in found:
        unique.setdefault(text, name)
    return [(name, text) for text, name in unique.items()]


CORPUS = _corpus()
VALIDATOR = jsonschema.Draft202012Validator(json.loads(schema_text()))


def _editor_view(text: str) -> tuple[bool, Any]:
    try:
        return True, yaml.load(text, Loader=_Yaml12Loader)  # a safe loader: no Python objects
    except yaml.YAMLError:
        return False, None


def test_the_corpus_is_large_and_holds_valid_and_invalid_maps() -> None:
    verdicts = [check_text(text, name).diagnostics for name, text in CORPUS]
    assert len(CORPUS) >= 40
    assert sum(1 for d in verdicts if not d) >= 5
    assert sum(1 for d in verdicts if any(x.code.startswith("E1") for x in d)) >= 10


@pytest.mark.parametrize(("name", "text"), CORPUS, ids=[name for name, _ in CORPUS])
def test_the_schema_agrees_with_argmap(name: str, text: str) -> None:
    codes = {d.code for d in check_text(text, name).diagnostics}
    if any(code.startswith("E0") for code in codes):
        pytest.skip(f"YAML-level problem {sorted(codes)}: an editor's parser judges it, not the schema")
    parsed, data = _editor_view(text)
    assert parsed, "argmap reads the YAML, an editor's parser does not"
    schema_errors = sorted(e.message for e in VALIDATOR.iter_errors(data))
    format_errors = sorted(c for c in codes if c.startswith("E1"))
    if format_errors:
        assert schema_errors, f"argmap reports {format_errors}; the schema accepts the map"
    else:
        # Whatever else argmap reports (E2xx references, W3xx meaning) is beyond a schema.
        assert schema_errors == [], f"argmap reports only {sorted(codes)}; the schema rejects the map"


@pytest.mark.parametrize("entry", [
    "Bad_ID: {txet: x, weight: lots}",
    "-bad: {text: x, supports: [threat-imminent]}",
    f"{'x' * 81}: {{text: x, supports: [threat-imminent]}}",
])
def test_a_bad_id_as_a_key_fails_both(entry: str) -> None:
    text = minimal_map(claims=entry)
    assert "E104" in {d.code for d in check_text(text, "m.yaml").diagnostics}
    assert list(VALIDATOR.iter_errors(_editor_view(text)[1]))


@pytest.mark.parametrize("extra", [
    {"evidence": "n:\n  quote: q\n  source: crackdown\n  locator: 12\n  supports: [threat-imminent]"},
    {"evidence": "n:\n  quote: 1.5\n  source: crackdown\n  locator: true\n  supports: [threat-imminent]"},
    {"claims": "12:\n  text: 15\n  supports: [threat-imminent]", "evidence": "n: {quote: q, source: crackdown, "
     "locator: p, supports: [12]}"},
    {"sources": "s2: {title: 1984, kind: book, date: 2014-06-01, author: 7}"},
])
def test_numbers_read_as_text_pass_both(extra: dict[str, str]) -> None:
    text = minimal_map(**extra)
    assert [d.code for d in check_text(text, "m.yaml").errors] == []
    assert [e.message for e in VALIDATOR.iter_errors(_editor_view(text)[1])] == []


@pytest.mark.parametrize("entry", [
    "n: {text: ~, supports: [threat-imminent]}",
    "n: {text: '', supports: [threat-imminent]}",
    "n: {text: x, supports: [-3]}",
    "n: {text: x, supports: [{to: a, weight: 2}]}",
])
def test_what_argmap_refuses_the_schema_refuses(entry: str) -> None:
    text = minimal_map(claims=entry)
    assert {d.code for d in check_text(text, "m.yaml").errors} & {"E103", "E104"}
    assert list(VALIDATOR.iter_errors(_editor_view(text)[1]))


def test_every_id_keyed_mapping_checks_and_describes_its_keys() -> None:
    schema = json.loads(schema_text())
    found = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            assert "patternProperties" not in node  # keys a pattern misses would pass unchecked
            if "propertyNames" in node:
                found.append(node["propertyNames"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    # elements, parties, sources, claims, evidence, rebuttals; schemes, a scheme's roles and questions, and a
    # support's filled roles
    assert len(found) == 10
    assert all(names.get("pattern") and names.get("description") for names in found)
