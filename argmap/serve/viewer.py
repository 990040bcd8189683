"""The interactive viewer: one self-contained HTML page for a map.

`build_page(graph)` returns the page as text: the diagram at every level of
detail (inline SVG), the map's data (JSON in a non-executed script element),
the stylesheet and the scripts, all inline, so the file works opened from disk
with no network at all (a Content-Security-Policy in the page forbids any
connection). `argmap serve` uses the same page with `live=True`: then the page
asks the server for updates and for what-ifs instead of computing them itself.

Map text reaches the page only as escaped SVG text (see `svg`) or inside the
JSON, where `<`, `>`, `&` and the JavaScript line separators are written as
`\\u` escapes, so no text can close the script element or open a comment.
"""

from __future__ import annotations

import html
import json
import re
from importlib import resources
from typing import Any

from argmap.draw.diagram import DiagramOptions
from argmap.graph import ArgumentGraph

from .data import page_data
from .diagrams import LEVEL_NAMES, diagram_svgs

_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026",
                 0x2028: "\\u2028", 0x2029: "\\u2029"}


def script_json(value: Any) -> str:
    """JSON that is safe between <script> tags: it cannot end the element or start a comment."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=False).translate(_JSON_ESCAPES)


def asset(name: str) -> str:
    return (resources.files("argmap.serve") / "assets" / name).read_text(encoding="utf-8")


def page_state(graph: ArgumentGraph, options: DiagramOptions | None = None) -> dict[str, Any]:
    """What the page shows for a map: its data and its diagrams (also what `serve` sends on a change)."""
    diagrams, unavailable = diagram_svgs(graph, options)
    return {"data": page_data(graph), "diagrams": diagrams, "unavailable": unavailable}


def build_page(graph: ArgumentGraph, *, state: dict[str, Any] | None = None, live: bool = False,
               version: int = 0, what_if: dict[str, Any] | None = None) -> str:
    """The page for `graph`; `state` (from `page_state`) when already built, `what_if` to start with
    ({"reject": [...], "accept": [...], "standard": ...}); `live` for `argmap serve` at `version`."""
    state = state or page_state(graph)
    diagrams: dict[str, str] = state["diagrams"]
    shown = next(iter(diagrams))  # the level asked for comes first; the menu lists them in their own order
    config = {"live": live, "version": version, "level": shown,
              "levels": [[level, name] for level, name in LEVEL_NAMES.items() if level in diagrams],
              "unavailable": [[level, LEVEL_NAMES[level]] for level in state.get("unavailable", {})],
              "whatIf": what_if or {"reject": [], "accept": [], "standard": None}}
    templates = "\n".join(f'<template id="level-{level}">{svg}</template>'
                          for level, svg in diagrams.items() if level != shown)
    # The static file may not connect anywhere; the live page talks only to the server it came from.
    connect = "'self'" if live else "'none'"
    csp = (f"default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; "
           f"connect-src {connect}; base-uri 'none'; form-action 'none'")
    values = {"csp": csp, "title": html.escape(graph.question.text), "style": asset("viewer.css"),
              "diagram": diagrams[shown], "templates": templates, "config": script_json(config),
              "data": script_json(state["data"]), "engine": asset("engine.js"), "panzoom": asset("panzoom.js"),
              "script": asset("viewer.js")}
    # One pass over the template: text put in is never searched again, so a map whose text
    # contains "{{script}}" stays text.
    return _SLOT.sub(lambda match: values[match.group(1)], asset("page.html"))


_SLOT = re.compile(r"\{\{(\w+)\}\}")
