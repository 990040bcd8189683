"""A map's text parsed once for editing: the data, the positioned node tree and the lines.

The loader builds the data and the node tree (`argmap.read.tree`) in one pass
over libyaml's events; an edit then finds its places in that tree and checks
its result against that data, without parsing the text again.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from argmap.diagnostics import Diagnostic
from argmap.read.loader import load_text
from argmap.read.tree import Node

from .layout import Layout

__all__ = ["Node", "Parsed", "TreeError", "parse", "parse_tree"]


class TreeError(Exception):
    """The text is not a YAML document this module can map (already reported by validation)."""


class Parsed:
    """One text, parsed: `data` as the loader reads it, `root` of its node tree, its `layout`."""

    def __init__(self, text: str, root: Node, data: Any, diagnostics: list[Diagnostic]):
        self.text = text
        self.root = root
        self.data = data
        self.diagnostics = diagnostics

    @cached_property
    def layout(self) -> Layout:
        return Layout(self.text)


def parse(text: str | Parsed) -> Parsed:
    """`text` parsed (a `Parsed` is returned as it is). Raises `TreeError` if there is no tree."""
    if isinstance(text, Parsed):
        return text
    loaded = load_text(text, tree=True)
    if loaded.tree is None:
        problem = loaded.diagnostics[0].message if loaded.diagnostics else "the document is empty"
        raise TreeError(problem)
    return Parsed(text, loaded.tree, loaded.data, loaded.diagnostics)


def parse_tree(text: str) -> Node:
    """The root node of the (single) document in `text`."""
    return parse(text).root
