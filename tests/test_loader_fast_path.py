"""The loader's fast path (`argmap.read.fast_path`) against its general pass and against PyYAML.

The fast path reads the common case (plain mappings, sequences and scalars) and hands every
other text to the general pass. Whatever the text, `load_text` must give what the general pass
alone gives: the same data, the same diagnostics, the same node tree, and `SourceMap` the same
positions (`positions_of_plain` takes exactly the texts `load_plain` takes). Where the fast path takes
a text, PyYAML's own composer (libyaml, through `yaml.CSafeLoader`) is the reference for its
data: every scalar as written, except that the plain nulls are None.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from test_loader_properties import YAML_ALPHABET, keys, structures

from argmap.read import loader
from argmap.read.fast_path import Unusual, load_plain, positions_of_plain
from argmap.read.general_pass import build
from argmap.read.loader import EventParser, LoadedText, load_text
from argmap.read.tree import Node, TreeBuilder
from argmap.read.yaml_problems import mark_spans

MANY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_NULL_TAG = "tag:yaml.org,2002:null"


class _NotPlain(Exception):
    pass


def reference(text: str) -> Any:
    """PyYAML's reading of `text` as argmap's loader means it; `_NotPlain` where the fast path must
    not answer (a key that is not text, a repeated key, a tag, an anchor)."""
    node = yaml.compose(text, Loader=yaml.CSafeLoader)
    if node is None:
        return None
    seen: set[int] = set()

    def value(node: yaml.Node) -> Any:
        if id(node) in seen:  # an alias
            raise _NotPlain
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            return None if node.tag == _NULL_TAG else node.value
        if isinstance(node, yaml.SequenceNode):
            return [value(item) for item in node.value]
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = value(key_node)
            if not isinstance(key, str) or key in mapping:
                raise _NotPlain
            mapping[key] = value(value_node)
        return mapping

    return value(node)


def general(text: str, *, tree: bool = False) -> tuple[Any, list[Any], Node | None]:
    """The general pass alone, as `load_text` ran before the fast path."""
    builder = TreeBuilder(text) if tree else None
    data, diagnostics = build(text, None, builder)
    return data, diagnostics, builder.root if builder is not None else None


def shape(node: Node | None) -> Any:
    """Everything the editor reads from a node tree, in comparable form."""
    if node is None:
        return None
    return (node.kind, node.start, node.end, node.flow, node.value, node.style, node.anchor,
            [(shape(key), shape(value)) for key, value in node.pairs], [shape(item) for item in node.items])


def spans(text: str, positions: dict[Any, Any]) -> dict[Any, Any]:
    span = mark_spans(text)
    return {path: (span(*key) if key else None, span(*value)) for path, (key, value) in positions.items()}


def check_positions(text: str, fast_answered: bool) -> None:
    """Where the fast path answers, it records every path's key and value where the general pass does."""
    fast: dict[Any, Any] = {}
    try:
        positions_of_plain(text, EventParser, loader.YAML_NULLS, loader.MAX_DEPTH, fast)
    except Unusual:
        assert not fast_answered
        return
    assert fast_answered
    expected: dict[Any, Any] = {}
    build(text, expected)
    assert spans(text, fast) == spans(text, expected)


def check(text: str) -> None:
    for tree in (False, True):
        data, diagnostics, root = general(text, tree=tree)
        loaded: LoadedText = load_text(text, tree=tree)
        if not diagnostics:  # else load_text places them: compared by the loader's other tests
            assert loaded.data == data
            assert not loaded.diagnostics or (data is None and loaded.diagnostics[0].code == "E004")
        else:
            assert [d.code for d in loaded.diagnostics] == [d.code for d in diagnostics]
        assert shape(loaded.tree) == shape(root)
    builder = TreeBuilder(text)
    try:
        fast = load_plain(text, EventParser, loader.YAML_NULLS, loader.MAX_DEPTH, builder)
    except Unusual:
        check_positions(text, fast_answered=False)
        return
    check_positions(text, fast_answered=True)
    assert not diagnostics
    assert fast == data
    try:
        assert fast == reference(text)
    except _NotPlain:  # pragma: no cover - the fast path must have given up
        pytest.fail(f"the fast path took a text that is not plain: {text!r}")


@MANY
@given(st.text(alphabet=YAML_ALPHABET, max_size=120))
@example("a: 1\na: 2\n")
@example("? [a]\n: b\n")
@example("~: x\n")
@example("a: &x [1]\nb: *x\n")
@example("a: !!str 1\n")
@example("a: b\n---\nc: d\n")
@example("a: 'null'\nb: null\nc: ~\nd:\ne: \"\"\n")
@example("plain scalar\n")
@example("- a\n-\n  - b\n  - {c: d, e: [f, g]}\n")
@example("a: |\n  text\n\n\nb: >+\n  kept\n\n")
@example("")
@example("# only a comment\n")
def test_yaml_ish_text_reads_the_same_on_both_paths(text: str) -> None:
    check(text)


@MANY
@given(st.dictionaries(keys, structures, max_size=8), st.booleans(), st.sampled_from([None, 2, 4]))
def test_dumped_structures_read_the_same_on_both_paths(data: dict[str, Any], flow: bool,
                                                       indent: int | None) -> None:
    check(yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True, indent=indent))


def test_nesting_past_the_limit_is_left_to_the_general_pass() -> None:
    text = "a:\n" + "".join(f"{'  ' * depth}- \n" for depth in range(1, loader.MAX_DEPTH + 2))
    with pytest.raises(Unusual):
        load_plain(text, EventParser, loader.YAML_NULLS, loader.MAX_DEPTH)
    assert [d.code for d in load_text(text).diagnostics] == ["E009"]
    check(text)


def test_lone_surrogates_are_left_to_the_general_pass() -> None:
    with pytest.raises(Unusual):
        load_plain("a: \udc80\n", EventParser, loader.YAML_NULLS, loader.MAX_DEPTH)
    assert [d.code for d in load_text("a: \udc80\n").diagnostics] == ["E002"]
