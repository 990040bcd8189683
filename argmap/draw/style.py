"""The diagram's visual language: shapes, colours and line styles, the text in labels, and the legend.

Kept apart from `diagram` (which decides what to draw) so the look can be
tuned in one place. Everything here is plain data and string building.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from html import escape as _escape_html

from argmap.graph import NodeKind
from argmap.model import AttackKind

FONT = "Helvetica"
NODE_STYLE: dict[NodeKind, dict[str, str]] = {
    NodeKind.QUESTION: {"shape": "box", "style": "filled,bold", "peripheries": "2",
                        "fillcolor": "#dbe4f3", "color": "#1f3b73"},
    NodeKind.ELEMENT: {"shape": "hexagon", "style": "filled", "fillcolor": "#e8e1f5", "color": "#4b2e83"},
    NodeKind.CLAIM: {"shape": "box", "style": "filled,rounded", "fillcolor": "#fff4cc", "color": "#8a6d00"},
    NodeKind.EVIDENCE: {"shape": "note", "style": "filled", "fillcolor": "#e3f1e0", "color": "#2e6b2e"},
    NodeKind.REBUTTAL: {"shape": "box", "style": "filled,diagonals", "fillcolor": "#f8dcdc", "color": "#9b1c1c"},
}
FRAMEWORK_STYLE = {"shape": "tab", "style": "filled", "fillcolor": "#f0ecf8", "color": "#4b2e83"}
SUPPORT_STYLE = {"color": "#2e7d32", "style": "solid", "arrowhead": "normal", "penwidth": "1.4"}
ATTACK_STYLE = {
    AttackKind.REBUT: {"color": "#c62828", "style": "dashed", "arrowhead": "tee", "penwidth": "1.4"},
    AttackKind.UNDERMINE: {"color": "#c62828", "style": "dotted", "arrowhead": "tee", "penwidth": "1.8"},
    AttackKind.UNDERCUT: {"color": "#c62828", "style": "dashed,bold", "arrowhead": "tee", "penwidth": "2"},
}
ELEMENT_EDGE_STYLE = {"color": "#4b2e83", "style": "solid", "arrowhead": "diamond", "penwidth": "1.2"}
# Status is drawn with fill colour and with the border (weight and line style) and a word,
# so that it survives greyscale printing and colour blindness.
STATUS_STYLE = {
    "accepted": {"penwidth": "3", "extra_style": "", "fillcolor": "#cce8cc"},
    "rejected": {"penwidth": "1", "extra_style": "dashed", "fillcolor": "#e4e4e4", "fontcolor": "#555555"},
    "undecided": {"penwidth": "1.5", "extra_style": "dotted", "fillcolor": "#fbeebb"},
}
# Elements and the question's answer are drawn like the node statuses they amount to.
LOOK_OF = {"established": "accepted", "not established": "rejected",
            "yes": "accepted", "no": "rejected"}
STATUS_MARK = {"accepted": "\u2714 accepted", "rejected": "\u2718 rejected", "undecided": "? undecided",
                "established": "\u2714 established", "not established": "\u2718 not established"}


def escape(text: str) -> str:
    """Text for an HTML-like label. Backslashes are doubled because Graphviz would
    otherwise read `\\N`, `\\G`, `\\L` in a label as its own placeholders."""
    return _escape_html(text).replace("\\", "\\\\")


def wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(" ".join(text.split()), width=width, break_long_words=True) or [""]


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
    return "".join(f"{escape(line)}<BR ALIGN=\"LEFT\"/>" for line in lines)


def italic_line(text: str) -> str:
    return f"<I>{escape(text)}</I><BR ALIGN=\"LEFT\"/>"


def header(kind: str, who: str | None, status: str | None, pivot: bool) -> str:
    parts = [f"<B>{escape(kind.upper())}</B>"]
    if who:
        parts.append(escape(who))
    if status:
        parts.append(f"<B>{escape(STATUS_MARK.get(status, status))}</B>")
    if pivot:
        parts.append("<B>\u2605 pivot</B>")
    joined = " \u00b7 ".join(parts)
    return f"<FONT POINT-SIZE=\"9\">{joined}</FONT><BR ALIGN=\"LEFT\"/>"


def legend_node(name: str, *, with_status: bool) -> tuple[str, tuple[tuple[str, str], ...]]:
    """One table node: a key to the shapes, line styles and (when evaluated) statuses.

    A table keeps the key compact wherever the layout puts it; sample edges
    drawn as real edges would stretch across the widest ranks of the map.
    """
    rows = []
    for kind, name in ((NodeKind.QUESTION, "question"), (NodeKind.ELEMENT, "element of the legal test"),
                       (NodeKind.CLAIM, "claim"), (NodeKind.EVIDENCE, "evidence: a verbatim quote"),
                       (NodeKind.REBUTTAL, "rebuttal")):
        look = NODE_STYLE[kind]
        rows.append(f'<TR><TD BGCOLOR="{look["fillcolor"]}" COLOR="{look["color"]}" BORDER="1">'
                    f'<FONT POINT-SIZE="8">{kind.value.upper()}</FONT></TD>'
                    f'<TD ALIGN="LEFT">{escape(name)}</TD></TR>')
    lines = [
        (SUPPORT_STYLE["color"], "\u2500\u2500\u2500\u2500\u2500\u25b6", "supports (solid)"),
        (ATTACK_STYLE[AttackKind.REBUT]["color"], "\u2500 \u2500 \u2500 \u2524",
         "rebuts: denies the conclusion (dashed)"),
        (ATTACK_STYLE[AttackKind.UNDERMINE]["color"], "\u00b7\u00b7\u00b7\u00b7\u00b7\u00b7\u00b7\u2524",
         "undermines: attacks a premise (dotted)"),
        (ATTACK_STYLE[AttackKind.UNDERCUT]["color"], "\u2501 \u2501 \u2501 \u2524",
         "undercuts: attacks an inference \u25cf (bold dashed)"),
    ]
    for colour, stroke, meaning in lines:
        rows.append(f'<TR><TD><FONT COLOR="{colour}">{stroke}</FONT></TD>'
                    f'<TD ALIGN="LEFT">{escape(meaning)}</TD></TR>')
    if with_status:
        for status, meaning in (("accepted", "accepted / established: thick border"),
                                ("rejected", "rejected / not established: dashed border"),
                                ("undecided", "undecided: dotted border")):
            rows.append(f'<TR><TD BGCOLOR="{STATUS_STYLE[status]["fillcolor"]}" BORDER="1">'
                        f'{escape(STATUS_MARK[status])}</TD><TD ALIGN="LEFT">{escape(meaning)}</TD></TR>')
        rows.append('<TR><TD>\u2605 pivot</TD><TD ALIGN="LEFT">rejecting it alone changes the answer</TD></TR>')
    table = ('<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="3" CELLPADDING="2">'
             '<TR><TD COLSPAN="2"><B>Legend</B></TD></TR>' + "".join(rows) + "</TABLE>")
    return name, (("shape", "box"), ("style", "rounded"), ("color", "#9e9e9e"), ("margin", "0.05"),
                  ("fontsize", "9"), ("label", html_label(table)), ("tooltip", "legend"), ("id", "legend"))
