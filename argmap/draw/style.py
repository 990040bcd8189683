"""The diagram's visual language: shapes, colours and line styles, the text in labels, and the legend.

Kept apart from `diagram` (which decides what to draw) so the look can be
tuned in one place. Everything here is plain data and string building.

Two channels, never shared. *Kind* is the node's shape and the dark header
band naming it (QUESTION, CLAIM, ...). *Status* is the fill and the border
(colour, weight and line style) plus a word, and only appears once the map is
evaluated; an unevaluated node is white. The status fills differ in lightness
as well as hue, so they stay apart in greyscale and under simulated
deuteranopia, protanopia and tritanopia, and every text colour meets WCAG AA
(4.5:1) on every fill it is drawn on. tests/test_palette.py measures both.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from html import escape as _escape_html

from argmap.graph import NodeKind
from argmap.model import AttackKind

from .wrapping import wrap_spaced

FONT = "Helvetica"
TEXT = "#1a1a1a"
"""Body text, on every fill."""
BAND_TEXT = "#ffffff"
"""Text in the kind bands, which are all dark."""
PAPER = "#ffffff"
"""The background, and the fill of a node that has not been evaluated."""
NEUTRAL_BORDER = "#4d4d4d"

KIND_BAND: dict[NodeKind, str] = {
    NodeKind.QUESTION: "#1f3b73",
    NodeKind.ELEMENT: "#4b2e83",
    NodeKind.CLAIM: "#6b4f00",
    NodeKind.EVIDENCE: "#2e5e2e",
    NodeKind.REBUTTAL: "#8e1b1b",
}
FRAMEWORK_BAND = KIND_BAND[NodeKind.ELEMENT]
KIND_SHAPE: dict[NodeKind, dict[str, str]] = {
    NodeKind.QUESTION: {"shape": "box", "style": "filled,bold", "peripheries": "2"},
    NodeKind.ELEMENT: {"shape": "hexagon", "style": "filled"},
    NodeKind.CLAIM: {"shape": "box", "style": "filled,rounded"},
    NodeKind.EVIDENCE: {"shape": "note", "style": "filled"},
    NodeKind.REBUTTAL: {"shape": "box", "style": "filled,diagonals"},
}
KIND_NAME = {NodeKind.QUESTION: "the question", NodeKind.ELEMENT: "element of the legal test",
             NodeKind.CLAIM: "claim", NodeKind.EVIDENCE: "evidence: a verbatim quote",
             NodeKind.REBUTTAL: "rebuttal"}
FRAMEWORK_STYLE = {"shape": "tab", "style": "filled", "fillcolor": PAPER, "color": NEUTRAL_BORDER}

SUPPORT_COLOUR = "#2e7d32"
ATTACK_COLOUR = "#c62828"
SUPPORT_STYLE = {"color": SUPPORT_COLOUR, "style": "solid", "arrowhead": "normal", "penwidth": "1.4"}
ATTACK_STYLE = {
    AttackKind.REBUT: {"color": ATTACK_COLOUR, "style": "dashed", "arrowhead": "tee", "penwidth": "1.4"},
    AttackKind.UNDERMINE: {"color": ATTACK_COLOUR, "style": "dotted", "arrowhead": "tee", "penwidth": "1.8"},
    AttackKind.UNDERCUT: {"color": ATTACK_COLOUR, "style": "dashed,bold", "arrowhead": "tee", "penwidth": "2"},
}
ELEMENT_EDGE_STYLE = {"color": FRAMEWORK_BAND, "style": "solid", "arrowhead": "diamond", "penwidth": "1.2"}
EDGE_TEXT = {"support": SUPPORT_COLOUR, "attack": ATTACK_COLOUR, "element": FRAMEWORK_BAND}
"""Edge label colours; edge labels sit on the paper."""

# Status: fill, border colour, border weight and line style, and a word. Lightness alone
# orders them (accepted darkest, undecided lightest), so greyscale keeps them apart too.
STATUS_STYLE: dict[str, dict[str, str]] = {
    "accepted": {"fillcolor": "#6ca6de", "color": "#0d3a6e", "penwidth": "3", "extra_style": ""},
    "rejected": {"fillcolor": "#fcb08f", "color": "#8a3500", "penwidth": "1.6", "extra_style": "dashed"},
    "undecided": {"fillcolor": "#fffae6", "color": "#4d4d4d", "penwidth": "1.6", "extra_style": "dotted"},
}
# Elements and the question's answer are drawn like the node statuses they amount to.
LOOK_OF = {"established": "accepted", "not established": "rejected",
           "yes": "accepted", "no": "rejected"}
STATUS_MARK = {"accepted": "\u2714 accepted", "rejected": "\u2718 rejected", "undecided": "? undecided",
               "established": "\u2714 established", "not established": "\u2718 not established"}


def text_on_fill_pairs() -> list[tuple[str, str, str]]:
    """Every (what, text colour, background) this module draws, for the contrast test."""
    pairs = [(f"{kind.value} band", BAND_TEXT, band) for kind, band in KIND_BAND.items()]
    pairs += [(f"text on {status}", TEXT, look["fillcolor"]) for status, look in STATUS_STYLE.items()]
    pairs += [("text on paper", TEXT, PAPER)]
    pairs += [(f"{what} edge label", colour, PAPER) for what, colour in EDGE_TEXT.items()]
    return pairs


def escape(text: str) -> str:
    """Text for an HTML-like label. Backslashes are doubled because Graphviz would
    otherwise read `\\N`, `\\G`, `\\L` in a label as its own placeholders."""
    if _HTML_SPECIAL.search(text) is None:  # most text: nothing to escape, one scan instead of six
        return str(text)
    return _escape_html(text).replace("\\", "\\\\")


_HTML_SPECIAL = re.compile(r"[&<>\"'\\]")


MAX_LABEL_CHARS = 1000
"""Text shown in one box at most; longer text ends in an ellipsis (the full text stays in the map
and the tooltip). With every character escaped at its longest (`&quot;`), a label stays far below
Graphviz's limit of 16,384 bytes per string."""
MAX_LINE_CHARS = 200
"""A one-line piece of a label at most: a party's name, a locator, a what-if."""


def wrap(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` characters (`textwrap.wrap`'s lines; see `wrapping`)."""
    return wrap_spaced(shorten(text, MAX_LABEL_CHARS), width) or [""]


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


class HtmlLabel(str):
    """An HTML-like label built here from escaped text; the DOT writer emits it as is, in <...>.

    A type rather than a shape test, so that user text which happens to look like
    `<...>` is never taken for one and always quoted.
    """

    __slots__ = ()


def html_label(body: str) -> HtmlLabel:
    return HtmlLabel(f"<{body}>")


def text_lines(lines: Iterable[str]) -> str:
    return "<BR/>".join(escape(line) for line in lines)


def italic_line(text: str) -> str:
    return f"<I>{escape(shorten(text, MAX_LINE_CHARS))}</I>"


def band(kind_word: str, colour: str, who: str | None = None, extra: str | None = None) -> str:
    """The header band: the kind in white capitals on its dark colour, then who asserts it."""
    parts = [f"<B>{escape(kind_word.upper())}</B>"]
    if who:
        parts.append(escape(shorten(who, MAX_LINE_CHARS)))
    if extra:
        parts.append(escape(shorten(extra, MAX_LINE_CHARS)))
    joined = " \u00b7 ".join(parts)
    return (f'<TR><TD BGCOLOR="{colour}" ALIGN="LEFT" CELLPADDING="3">'
            f'<FONT COLOR="{BAND_TEXT}" POINT-SIZE="9">{joined}</FONT></TD></TR>')


def status_row(status: str | None, pivot: bool) -> str:
    parts = []
    if status:
        parts.append(escape(STATUS_MARK.get(status, status)))
    if pivot:
        parts.append("\u2605 pivot")
    if not parts:
        return ""
    joined = " \u00b7 ".join(parts)
    return f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="10"><B>{joined}</B></FONT></TD></TR>'


def row(content: str, *, size: int | None = None) -> str:
    if size is not None:
        content = f'<FONT POINT-SIZE="{size}">{content}</FONT>'
    return f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{content}</TD></TR>'


def badge_row(content: str) -> str:
    """The overview's evidence badge: a small framed cell under the claim's text."""
    return (f'<TR><TD ALIGN="LEFT" BALIGN="LEFT" BORDER="1" COLOR="{KIND_BAND[NodeKind.EVIDENCE]}" '
            f'BGCOLOR="{PAPER}"><FONT POINT-SIZE="9">{content}</FONT></TD></TR>')


def table(rows: Iterable[str]) -> str:
    return ('<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="1">'
            + "".join(rows) + "</TABLE>")


def legend_node(name: str, *, with_status: bool, with_badges: bool = False,
                kinds: Collection[NodeKind] = tuple(NodeKind)) -> tuple[str, tuple[tuple[str, str], ...]]:
    """One table node: a key to the shapes, line styles and (when evaluated) statuses.

    A table keeps the key compact wherever the layout puts it; sample edges
    drawn as real edges would stretch across the widest ranks of the map.
    """
    shape_word = {NodeKind.QUESTION: "double box", NodeKind.ELEMENT: "hexagon", NodeKind.CLAIM: "rounded box",
                  NodeKind.EVIDENCE: "note", NodeKind.REBUTTAL: "box with cut corners"}
    rows = []
    for kind, colour in KIND_BAND.items():
        if kind not in kinds:
            continue
        rows.append(f'<TR><TD BGCOLOR="{colour}"><FONT COLOR="{BAND_TEXT}" POINT-SIZE="8">'
                    f'<B>{kind.value.upper()}</B></FONT></TD>'
                    f'<TD ALIGN="LEFT">{escape(KIND_NAME[kind])} ({shape_word[kind]})</TD></TR>')
    lines = [
        (SUPPORT_COLOUR, "\u2500\u2500\u2500\u2500\u2500\u25b6", "supports (solid)"),
        (ATTACK_COLOUR, "\u2500 \u2500 \u2500 \u2524", "rebuts: denies the conclusion (dashed)"),
        (ATTACK_COLOUR, "\u00b7\u00b7\u00b7\u00b7\u00b7\u00b7\u00b7\u2524", "undermines: attacks a premise (dotted)"),
        (ATTACK_COLOUR, "\u2501 \u2501 \u2501 \u2524", "undercuts: attacks an inference \u25cf (bold dashed)"),
    ]
    for colour, stroke, meaning in lines:
        rows.append(f'<TR><TD><FONT COLOR="{colour}">{stroke}</FONT></TD>'
                    f'<TD ALIGN="LEFT">{escape(meaning)}</TD></TR>')
    if with_badges:
        rows.append(f'<TR><TD BORDER="1" COLOR="{KIND_BAND[NodeKind.EVIDENCE]}">3 quotes</TD>'
                    '<TD ALIGN="LEFT">evidence behind it: how many quotes, from which<BR ALIGN="LEFT"/>'
                    'sources, the strongest weight (quotes in the tooltip)</TD></TR>')
    if with_status:
        for status, meaning in (("accepted", "accepted / established: thick border"),
                                ("rejected", "rejected / not established: dashed border"),
                                ("undecided", "undecided: dotted border")):
            look = STATUS_STYLE[status]
            rows.append(f'<TR><TD BGCOLOR="{look["fillcolor"]}" COLOR="{look["color"]}" BORDER="1">'
                        f'{escape(STATUS_MARK[status])}</TD><TD ALIGN="LEFT">{escape(meaning)}</TD></TR>')
        rows.append('<TR><TD>\u2605 pivot</TD><TD ALIGN="LEFT">rejecting it alone changes the answer</TD></TR>')
    table_text = ('<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="3" CELLPADDING="2">'
                  '<TR><TD COLSPAN="2"><B>Legend</B></TD></TR>' + "".join(rows) + "</TABLE>")
    return name, (("shape", "box"), ("style", "rounded"), ("color", "#9e9e9e"), ("margin", "0.05"),
                  ("fontsize", "9"), ("label", html_label(table_text)), ("tooltip", "legend"), ("id", "legend"))
