"""A reader for the subset of Argdown that argument maps are written in.

Argdown (argdown.org) has no Python parser, so this is a small line-based one:
front matter, headings, statements (`[Title]: text`), arguments (`<Title>: text`),
indented relation trees (`+`, `-`, `_`, `<+`, `<-`, `<_`, `+>`, `->`, `_>`, `><`),
premise-conclusion structures (`(1) ...`, `----`), tags, `{data}` and comments.
It produces plain data with a position for every piece; deciding what that means
for an argmap map is `reading`'s job. Constructs it recognises but that carry no
argument (lists, inference rules) are listed in `unsupported` with their places.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

import yaml

from argmap.diagnostics import Position

ElementKind = Literal["statement", "argument"]
RelationKind = Literal["support", "attack", "undercut", "contradiction"]


@dataclass
class Element:
    """One occurrence of a statement or argument: a definition (with text) or a reference."""

    kind: ElementKind
    title: str
    """The title written in brackets, or one made up from the text of an untitled statement."""
    text: str | None
    position: Position
    data: dict[str, Any] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    titled: bool = True


@dataclass(frozen=True)
class Relation:
    kind: RelationKind
    source: Element
    target: Element
    position: Position


@dataclass
class Inference:
    """A premise-conclusion structure: the statements of each step and what they conclude."""

    premises: list[Element]
    conclusion: Element


@dataclass
class Unsupported:
    what: str
    position: Position


@dataclass
class Document:
    front_matter: dict[str, Any] = field(default_factory=dict)
    elements: list[Element] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    structures: dict[str, list[Inference]] = field(default_factory=dict)
    """Argument title -> its premise-conclusion structure, step by step."""
    headings: dict[int, str] = field(default_factory=dict)
    """id(element) -> the heading it was written under."""
    unsupported: list[Unsupported] = field(default_factory=list)
    errors: list[Unsupported] = field(default_factory=list)


_RELATION = re.compile(r"(<\+|<-|<_|\+>|->|_>|><|\+|-|_)[ \t]+")
_HEADING = re.compile(r"(#{1,6})[ \t]+(.*)")
_PCS_LINE = re.compile(r"\((\d+)\)[ \t]+")
_INFERENCE = re.compile(r"--+[ \t]*$|--[ \t]*(.*?)[ \t]*--+[ \t]*$")
_LIST_ITEM = re.compile(r"(\*|\d+\.)[ \t]+")
_STATEMENT_HEAD = re.compile(r"\[((?:\\.|[^\]\\])+)\](:?)")
_ARGUMENT_HEAD = re.compile(r"<((?:\\.|[^>\\])+)>(:?)")
_TAG = re.compile(r"(?<!\\)#(\([^)]+\)|[A-Za-z0-9_\-\u00A0-\uD7FF\uF900-\uFDCF\uFDF0-\uFFEF]+)[ \t]?")
_MARKUP = re.compile(r"(?<![\\\w])(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)(?<!\\)\1(?!\w)")
_ESCAPE = re.compile(r"\\(.)")
_SPACES = re.compile(r"\s+")

RELATIONS: dict[str, tuple[RelationKind, bool]] = {
    # symbol -> (kind, whether the written child is the relation's source)
    "+": ("support", True), "<+": ("support", True), "+>": ("support", False),
    "-": ("attack", True), "<-": ("attack", True), "->": ("attack", False),
    "_": ("undercut", True), "<_": ("undercut", True), "_>": ("undercut", False),
    "><": ("contradiction", False),
}


_COMMENT = re.compile(r"\\.|<!--.*?(?:-->|\Z)|/\*.*?(?:\*/|\Z)|(?:(?<=[ \t\n])|^)//[^\n]*", re.DOTALL | re.MULTILINE)
_FIRST_BRACE = re.compile(r"(?:^|[^\\])(?:\\\\)*(\{)")
"""The first brace no backslash escapes: where data can begin (the text before it escapes its braces)."""
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's loader when PyYAML has it: statement data is read once per statement."""


def blank_comments(text: str) -> str:
    """The text with comments replaced by spaces, so every other character keeps its line and column."""

    def blank(match: re.Match[str]) -> str:
        found = match.group(0)
        return found if found.startswith("\\") else re.sub(r"[^\n]", " ", found)

    return _COMMENT.sub(blank, text)


def clean_text(raw: str) -> str:
    """Statement text as a reader sees it: markup and escapes removed, spaces collapsed."""
    text = _MARKUP.sub(lambda m: m.group(2), raw)
    text = _ESCAPE.sub(lambda m: m.group(1), text)
    return _SPACES.sub(" ", text).strip()


class _Parser:
    def __init__(self, text: str) -> None:
        self.lines = blank_comments(text.replace("\r\n", "\n").replace("\r", "\n")).split("\n")
        self.document = Document()
        self.heading: str | None = None
        self.stack: list[tuple[int, Element]] = []
        self.last_top: Element | None = None
        self.open: Element | None = None
        """The element whose text a following line continues."""
        self.pcs: list[Inference] | None = None
        self.premises: list[Element] = []
        self.concluding = False
        self.pcs_owner: Element | None = None

    def parse(self) -> Document:
        start = self.front_matter()
        for number in range(start, len(self.lines)):
            self.line(number + 1, self.lines[number])
        self.end_pcs()
        return self.document

    def front_matter(self) -> int:
        first = next((i for i, line in enumerate(self.lines) if line.strip()), None)
        if first is None or self.lines[first].strip() != "===":
            return 0
        close = next((i for i in range(first + 1, len(self.lines)) if self.lines[i].strip() == "==="), None)
        if close is None:
            self.document.errors.append(Unsupported("front matter opened with '===' is never closed",
                                                    Position(first + 1, 1)))
            return len(self.lines)
        try:
            data = yaml.safe_load("\n".join(self.lines[first + 1:close]))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = Position(first + 2 + mark.line, mark.column + 1) if mark is not None else Position(first + 1, 1)
            self.document.errors.append(Unsupported(f"front matter is not valid YAML: "
                                                    f"{getattr(exc, 'problem', None) or exc}", where))
            return close + 1
        if isinstance(data, dict):
            self.document.front_matter = data
        return close + 1

    def line(self, number: int, line: str) -> None:
        stripped = line.strip()
        if not stripped:
            self.open = None
            return
        indent = len(line) - len(line.lstrip(" \t"))
        column = indent + 1
        body = line[indent:].rstrip()
        if heading := _HEADING.fullmatch(body):
            self.end_pcs()
            self.stack = []
            self.last_top = None
            self.open = None
            self.heading = clean_text(_TAG.sub("", heading.group(2)))
            return
        if pcs := _PCS_LINE.match(body):
            self.pcs_line(number, indent, column + pcs.end(), body[pcs.end():])
            return
        if self.pcs is not None and _INFERENCE.match(body):
            rule = _INFERENCE.match(body)
            if rule is not None and rule.group(1):
                self.unsupported(f"inference rule '{clean_text(rule.group(1))}'", number, column)
            self.concluding = True
            self.open = None
            return
        relation = _RELATION.match(body)
        if relation is not None and (indent > 0 or self.stack):
            self.relation_line(number, indent, column, relation.group(1), body[relation.end():],
                               column + relation.end())
            return
        if self.open is not None:
            self.continue_text(body)
            return
        if _LIST_ITEM.match(body):
            self.unsupported("list item", number, column)
            return
        self.end_pcs()
        element = self.element(body, number, column)
        self.stack = [(indent - 1 if indent else -1, element)]
        self.last_top = element

    def continue_text(self, body: str) -> None:
        assert self.open is not None
        text, data, tags = self.split_tail(body)
        self.open.text = f"{self.open.text or ''} {clean_text(text)}".strip()
        self.open.data.update(data)
        self.open.tags.extend(tags)

    def relation_line(self, number: int, indent: int, column: int, symbol: str, rest: str, at: int) -> None:
        while self.stack and self.stack[-1][0] >= indent:
            self.stack.pop()
        child = self.element(rest, number, at)
        if not self.stack:
            self.unsupported(f"relation '{symbol}' with nothing above it to relate to", number, column)
            self.stack = [(indent, child)]
            return
        parent = self.stack[-1][1]
        kind, child_is_source = RELATIONS[symbol]
        source, target = (child, parent) if child_is_source else (parent, child)
        self.document.relations.append(Relation(kind, source, target, Position(number, column)))
        self.stack.append((indent, child))

    def pcs_line(self, number: int, indent: int, column: int, rest: str) -> None:
        if self.pcs is None:
            self.pcs = []
            self.premises = []
            self.concluding = False
            latest = self.stack[-1][1] if self.stack else self.last_top
            self.pcs_owner = latest if latest is not None and latest.kind == "argument" else None
            if self.pcs_owner is None:
                owner = Element("argument", f"Untitled argument (line {number})", None, Position(number, 1),
                                titled=False)
                self.document.elements.append(owner)
                self.pcs_owner = owner
        element = self.element(rest, number, column)
        self.stack = [(indent, element)]
        if self.concluding:
            self.pcs.append(Inference(self.premises, element))
            self.premises = [element]
            self.concluding = False
        else:
            self.premises.append(element)

    def end_pcs(self) -> None:
        if self.pcs is None:
            return
        if self.pcs and self.pcs_owner is not None:
            self.document.structures[self.pcs_owner.title] = self.pcs
        elif self.premises:
            self.unsupported("premises without a conclusion (no '----' line)", self.premises[0].position.line,
                             1)
        self.pcs = None
        self.premises = []
        self.last_top = None

    def element(self, body: str, number: int, column: int) -> Element:
        for kind, head in (("statement", _STATEMENT_HEAD), ("argument", _ARGUMENT_HEAD)):
            match = head.match(body)
            if match is None:
                continue
            title = clean_text(match.group(1))
            rest = body[match.end():]
            text, data, tags = self.split_tail(rest, number, column + match.end())
            defined = bool(match.group(2))
            element = Element(kind, title, clean_text(text) if defined else None,  # type: ignore[arg-type]
                              Position(number, column), data, tags)
            if not defined and text.strip():
                # `[Title] more text`: Argdown reads the rest as text of the statement too.
                element.text = clean_text(text)
            return self.add(element)
        text, data, tags = self.split_tail(body, number, column)
        cleaned = clean_text(text)
        return self.add(Element("statement", cleaned, cleaned, Position(number, column), data, tags, titled=False))

    def add(self, element: Element) -> Element:
        self.document.elements.append(element)
        if self.heading is not None:
            self.document.headings[id(element)] = self.heading
        self.open = element if element.text is not None or element.data else None
        if element.text is None:
            self.open = None
        return element

    def split_tail(self, text: str, number: int = 0, column: int = 0) -> tuple[str, dict[str, Any], list[str]]:
        """The text without its `{data}` and tags, the data and the tags."""
        data: dict[str, Any] = {}
        brace = _data_start(text)
        if brace is not None:
            try:
                parsed = yaml.load(text[brace:], Loader=_LOADER)
            except yaml.YAMLError:
                parsed = None
            if isinstance(parsed, dict):
                data = parsed
            else:
                self.unsupported("data that is not a YAML mapping", number, column + brace)
            text = text[:brace]
        tags = [m.group(1).strip("()") for m in _TAG.finditer(text)]
        return _TAG.sub("", text), data, tags

    def unsupported(self, what: str, line: int, column: int) -> None:
        self.document.unsupported.append(Unsupported(what, Position(line, column)))


def _data_start(text: str) -> int | None:
    """Where a trailing `{...}` block starts, if the text ends with one (braces balanced, quotes respected)."""
    stripped = text.rstrip()
    if not stripped.endswith("}"):
        return None
    first = _FIRST_BRACE.search(stripped)
    if first is None:
        return None
    depth = 0
    quote: str | None = None
    start = None
    i = first.start(1)
    while i < len(stripped):
        char = stripped[i]
        if quote is not None:
            if char == "\\" and quote == '"':
                i += 2
                continue
            if char == quote:
                quote = None
        elif char == "\\":
            i += 2
            continue
        elif char in "\"'" and depth > 0:
            quote = char
        elif char == "{":
            if depth == 0:
                start = i
            depth += 1
        elif char == "}" and depth > 0:
            depth -= 1
            if depth == 0 and i != len(stripped) - 1:
                start = None
        i += 1
    return start if depth == 0 else None


def parse(text: str) -> Document:
    return _Parser(text).parse()
