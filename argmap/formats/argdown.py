"""Argdown (argdown.org), the text format many people write argument maps in: export and import.

See docs/argdown.md for what each direction carries and what it cannot.
"""

from __future__ import annotations

from argmap.graph import ArgumentGraph

from . import ExportOptions, ImportResult
from ._argdown.reading import read_document
from ._argdown.syntax import parse
from ._argdown.writing import dump_argdown

SUMMARY = "Argdown text: statements, arguments, support, attack, undercut (docs/argdown.md)"
SUFFIXES = (".argdown", ".ad")


def dump(graph: ArgumentGraph, options: ExportOptions) -> str:
    return dump_argdown(graph)


def load(text: str, name: str) -> ImportResult:
    return read_document(parse(text), name)


def sniff(text: str) -> bool:
    head = text.lstrip()[:2000]
    return head.startswith("===") or any(line.lstrip().startswith(("+>", "->", "[", "<")) and "]:" in line
                                         for line in head.splitlines()[:40])
