"""A small prose document (headings, paragraphs, bullet lists, footnotes) and its two renderings.

The memo is built once as data and written out as Pandoc Markdown or as standalone HTML, so the
two never disagree and map text is escaped in one place for each: every character Markdown could
read as markup is backslash-escaped (no emphasis, link, raw HTML, math or citation can be
injected from a map), and HTML gets `html.escape`. Control characters become spaces.

Public API: `Text`, `Strong`, `Emph`, `NoteRef`, `Heading`, `Paragraph`, `Bullets`, `Document`,
`to_markdown`, `to_html`.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Text:
    text: str


@dataclass(frozen=True, slots=True)
class Strong:
    text: str


@dataclass(frozen=True, slots=True)
class Emph:
    text: str


@dataclass(frozen=True, slots=True)
class NoteRef:
    key: str
    """The key of a note in `Document.notes`."""


Inline = Text | Strong | Emph | NoteRef


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    inlines: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Bullets:
    items: tuple[tuple[Inline, ...], ...]


Block = Heading | Paragraph | Bullets


@dataclass
class Document:
    title: str
    blocks: list[Block] = field(default_factory=list)
    notes: dict[str, tuple[Inline, ...]] = field(default_factory=dict)
    """Footnotes by key, in the order they were added; numbered in the order first referred to."""


_SPACE = re.compile(r"\s+")
# Every ASCII punctuation mark Pandoc's Markdown (or CommonMark) gives a meaning somewhere.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~^$@&\"']|-(?=-)|\.(?=\.))")
# What would start a list, heading, quote, table, definition or code block at the start of a line.
_BLOCK_START = re.compile(r"^(?:\d+[.)]|[-+#:%=(])")


def _clean(text: str) -> str:
    """One line of printable text: whitespace runs (newlines too) and control characters become a space."""
    printable = "".join(c if c.isprintable() else " " for c in text)
    return _SPACE.sub(" ", printable)


def markdown_text(text: str) -> str:
    """Map text as literal Markdown: nothing in it is read as markup."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", _clean(text))


def _line(markdown: str) -> str:
    """A block's Markdown with its first character escaped if it would otherwise open another block."""
    markdown = markdown.strip()
    return "\\" + markdown if _BLOCK_START.match(markdown) else markdown


def _numbering(document: Document) -> dict[str, int]:
    numbers: dict[str, int] = {}

    def visit(inlines: tuple[Inline, ...]) -> None:
        for inline in inlines:
            if isinstance(inline, NoteRef) and inline.key not in numbers:
                numbers[inline.key] = len(numbers) + 1
                visit(document.notes[inline.key])

    for block in document.blocks:
        if isinstance(block, Paragraph):
            visit(block.inlines)
        elif isinstance(block, Bullets):
            for item in block.items:
                visit(item)
    return numbers


def _md_inlines(inlines: tuple[Inline, ...], numbers: dict[str, int]) -> str:
    parts = []
    for inline in inlines:
        if isinstance(inline, Text):
            parts.append(markdown_text(inline.text))
        elif isinstance(inline, Strong):
            parts.append(f"**{markdown_text(inline.text)}**")
        elif isinstance(inline, Emph):
            parts.append(f"*{markdown_text(inline.text)}*")
        else:
            parts.append(f"[^{numbers[inline.key]}]")
    return "".join(parts)


def to_markdown(document: Document) -> str:
    """Pandoc Markdown: a title block, the blocks, then the footnotes numbered in reading order."""
    numbers = _numbering(document)
    # A JSON string is a valid YAML double-quoted scalar; its content is still read as Markdown.
    lines = ["---", f"title: {json.dumps(markdown_text(document.title), ensure_ascii=False)}", "---", ""]
    for block in document.blocks:
        if isinstance(block, Heading):
            lines += [f"{'#' * block.level} {_line(markdown_text(block.text))}", ""]
        elif isinstance(block, Paragraph):
            lines += [_line(_md_inlines(block.inlines, numbers)), ""]
        else:
            lines += [f"- {_line(_md_inlines(item, numbers))}" for item in block.items]
            lines.append("")
    for key, number in sorted(numbers.items(), key=lambda item: item[1]):
        lines.append(f"[^{number}]: {_line(_md_inlines(document.notes[key], numbers))}")
    return "\n".join(lines).rstrip("\n") + "\n"


def _html_inlines(inlines: tuple[Inline, ...], numbers: dict[str, int], referred: set[int] | None = None) -> str:
    parts = []
    for inline in inlines:
        if isinstance(inline, Text):
            parts.append(html.escape(_clean(inline.text)))
        elif isinstance(inline, Strong):
            parts.append(f"<strong>{html.escape(_clean(inline.text))}</strong>")
        elif isinstance(inline, Emph):
            parts.append(f"<em>{html.escape(_clean(inline.text))}</em>")
        else:
            number = numbers[inline.key]
            # Only the first reference to a note carries the id its back-link returns to.
            anchor = f' id="fnref{number}"' if referred is not None and number not in referred else ""
            if referred is not None:
                referred.add(number)
            parts.append(f'<a href="#fn{number}" class="footnote-ref"{anchor} role="doc-noteref">'
                         f"<sup>{number}</sup></a>")
    return "".join(parts)


_STYLE = ("body{max-width:46em;margin:2em auto;padding:0 1em;font:16px/1.5 Georgia,serif;color:#222}"
          "h1,h2,h3{font-family:Helvetica,Arial,sans-serif;line-height:1.2}"
          ".footnotes{font-size:90%;border-top:1px solid #ccc;margin-top:2em}")


def to_html(document: Document) -> str:
    """A standalone HTML page with the same content as `to_markdown`; no scripts, nothing fetched."""
    numbers = _numbering(document)
    referred: set[int] = set()
    title = html.escape(_clean(document.title))
    lines = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>{title}</title>", f"<style>{_STYLE}</style>", "</head>", "<body>",
             f'<header><h1 class="title">{title}</h1></header>']
    for block in document.blocks:
        if isinstance(block, Heading):
            level = min(block.level + 1, 6)  # the title is the page's h1
            lines.append(f"<h{level}>{html.escape(_clean(block.text))}</h{level}>")
        elif isinstance(block, Paragraph):
            lines.append(f"<p>{_html_inlines(block.inlines, numbers, referred)}</p>")
        else:
            lines.append("<ul>")
            lines += [f"<li>{_html_inlines(item, numbers, referred)}</li>" for item in block.items]
            lines.append("</ul>")
    if numbers:
        lines += ['<section class="footnotes" role="doc-endnotes">', "<ol>"]
        for key, number in sorted(numbers.items(), key=lambda item: item[1]):
            lines.append(f'<li id="fn{number}">{_html_inlines(document.notes[key], numbers)} '
                         f'<a href="#fnref{number}" class="footnote-back" role="doc-backlink">\u21a9</a></li>')
        lines += ["</ol>", "</section>"]
    lines += ["</body>", "</html>"]
    return "\n".join(lines) + "\n"
