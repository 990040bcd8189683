"""The diagram's colours read for everyone: WCAG AA contrast for every text, status fills apart
under simulated colour-vision deficiencies and in greyscale, and kind and status on separate channels.

Contrast is WCAG 2's relative-luminance ratio. Colour difference is CIEDE in CAM02-UCS
(colorspacious), after simulating full deuteranopia, protanopia and tritanopia
(Machado et al. 2009, severity 100), and after conversion to greyscale.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import numpy as np
import pytest
from colorspacious import cspace_convert, deltaE

from argmap.draw.diagram import Detail, DiagramOptions, build_diagram
from argmap.draw.dot import to_dot
from argmap.draw.style import KIND_BAND, PAPER, STATUS_STYLE, TEXT, text_on_fill_pairs
from argmap.graph import NodeKind
from argmap.read.document import check_file

ROOT = Path(__file__).resolve().parent.parent
AA = 4.5
MIN_CVD_DELTA_E = 15.0
"""A difference of 15 in CAM02-UCS is unmistakable side by side; 10 would still read."""
MIN_GREY_DELTA_E = 10.0
DEFICIENCIES = ("deuteranomaly", "protanomaly", "tritanomaly")  # at severity 100: -anopia


def rgb(colour: str) -> np.ndarray:
    return np.array([int(colour[i:i + 2], 16) for i in (1, 3, 5)]) / 255


def luminance(colour: str) -> float:
    channels = rgb(colour)
    linear = np.where(channels <= 0.04045, channels / 12.92, ((channels + 0.055) / 1.055) ** 2.4)
    return float(linear @ [0.2126, 0.7152, 0.0722])


def contrast(a: str, b: str) -> float:
    darker, lighter = sorted((luminance(a), luminance(b)))
    return (lighter + 0.05) / (darker + 0.05)


def simulated(colour: str, deficiency: str) -> np.ndarray:
    space = {"name": "sRGB1+CVD", "cvd_type": deficiency, "severity": 100}
    return np.clip(cspace_convert(rgb(colour), space, "sRGB1"), 0, 1)


def grey(colour: str) -> np.ndarray:
    y = luminance(colour)
    level = 1.055 * y ** (1 / 2.4) - 0.055 if y > 0.0031308 else 12.92 * y
    return np.array([level] * 3)


def difference(a: np.ndarray, b: np.ndarray) -> float:
    return float(deltaE(a, b, input_space="sRGB1"))


@pytest.mark.parametrize(("what", "text", "fill"), text_on_fill_pairs())
def test_every_text_meets_wcag_aa_on_its_fill(what: str, text: str, fill: str) -> None:
    assert contrast(text, fill) >= AA, f"{what}: {text} on {fill} is {contrast(text, fill):.2f}:1"


def test_the_contrast_pairs_cover_every_status_fill_and_kind_band() -> None:
    fills = {fill for _, _, fill in text_on_fill_pairs()}
    assert {look["fillcolor"] for look in STATUS_STYLE.values()} <= fills
    assert set(KIND_BAND.values()) <= fills


@pytest.mark.parametrize("deficiency", DEFICIENCIES)
def test_status_fills_stay_apart_under_colour_vision_deficiency(deficiency: str) -> None:
    for (a, look_a), (b, look_b) in itertools.combinations(STATUS_STYLE.items(), 2):
        gap = difference(simulated(look_a["fillcolor"], deficiency), simulated(look_b["fillcolor"], deficiency))
        assert gap >= MIN_CVD_DELTA_E, f"{a} and {b} under {deficiency}: ΔE {gap:.1f}"


def test_status_fills_stay_apart_in_greyscale() -> None:
    for (a, look_a), (b, look_b) in itertools.combinations(STATUS_STYLE.items(), 2):
        gap = difference(grey(look_a["fillcolor"]), grey(look_b["fillcolor"]))
        assert gap >= MIN_GREY_DELTA_E, f"{a} and {b} in greyscale: ΔE {gap:.1f}"


def test_status_borders_differ_in_line_style_too() -> None:
    """Fill is not the only cue: each status has its own border weight and dash pattern."""
    looks = {(look["penwidth"], look["extra_style"]) for look in STATUS_STYLE.values()}
    assert len(looks) == len(STATUS_STYLE)


def node_attribute_line(dot: str, node_id: str) -> str:
    line = re.search(rf'^  "{re.escape(node_id)}" \[(.*)\];$', dot, re.MULTILINE)
    assert line, node_id
    return line.group(1)


def node_attribute(dot: str, node_id: str, name: str) -> str:
    value = re.search(rf'(?:^|, ){name}="([^"]*)"', node_attribute_line(dot, node_id))
    assert value, (node_id, name)
    return value.group(1)


def test_kind_and_status_do_not_share_a_channel() -> None:
    """Unevaluated, every kind has the same fill; evaluated, a claim and evidence with the same
    status have the same fill, and differ only in shape and header band."""
    graph = check_file(str(ROOT / "arguments.yaml")).graph
    assert graph is not None
    plain = to_dot(build_diagram(graph, DiagramOptions(detail=Detail.FULL)))
    ids = ("imu-remains-threat", "ev-imu-referenced-us", "imu-goals-vanished", "threat-to-us")
    assert {node_attribute(plain, i, "fillcolor") for i in ids} == {PAPER}
    status = dict.fromkeys(graph.nodes, "accepted")
    evaluated = to_dot(build_diagram(graph, DiagramOptions(detail=Detail.FULL, status=status,
                                                           element_status={}, answer="no")))
    fills = {node_attribute(evaluated, i, "fillcolor") for i in ids[:3]}
    assert fills == {STATUS_STYLE["accepted"]["fillcolor"]}
    bands = {re.search(r'BGCOLOR="(#[0-9a-f]{6})"', node_attribute_line(evaluated, i)).group(1)  # type: ignore[union-attr]
             for i in ids[:3]}
    assert bands == {KIND_BAND[kind] for kind in (NodeKind.CLAIM, NodeKind.EVIDENCE, NodeKind.REBUTTAL)}


def test_answer_no_is_dark_text_on_a_coloured_fill_not_grey_on_grey() -> None:
    graph = check_file(str(ROOT / "arguments.yaml")).graph
    assert graph is not None
    dot = to_dot(build_diagram(graph, DiagramOptions(answer="no")))
    question = node_attribute_line(dot, graph.question.id)
    assert "<B>Answer: no</B>" in question
    fill = node_attribute(dot, graph.question.id, "fillcolor")
    assert fill == STATUS_STYLE["rejected"]["fillcolor"]
    assert "fontcolor" not in question.split("label=")[0]  # the body text stays TEXT, the node default
    assert contrast(TEXT, fill) >= 7
