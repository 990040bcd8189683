"""`argmap lsp`: the language server, over standard input and output.

A thin adapter: pygls speaks the protocol and keeps each open document's
text; every answer comes from `Analysis` (argmap's own checks, node tree and
evaluation), `completion`, `hover`, `actions`, `symbols` and the editor's
`rename`. Diagnostics are published when a document opens or is saved, and
`DEBOUNCE_SECONDS` after the last change while the user types.
"""

from __future__ import annotations

import asyncio
import fnmatch
import logging
import os
import re
import sys
from pathlib import Path, PurePosixPath

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from argmap import __version__
from argmap.edit import EditError
from argmap.edit.rename import rename_splices
from argmap.edit.tree import Node, TreeError

from . import convert
from .actions import fixes
from .analysis import Analysis
from .completion import candidates
from .context import context_at
from .hover import hover_at
from .positions import UTF16, Lines
from .symbols import outline

DEBOUNCE_SECONDS = float(os.environ.get("ARGMAP_LSP_DEBOUNCE", "0.25"))
"""Quiet time after a keystroke before the document is checked again."""

MAX_COMPLETIONS = 200
"""Items sent at once; the list is marked incomplete, so the editor asks again as the user types."""

_REQUEST_FAILED = -32803


class ArgmapLanguageServer(LanguageServer):
    """The open documents' latest analyses, and the debounced re-checks."""

    def __init__(self) -> None:
        super().__init__("argmap", __version__)
        self.analyses: dict[str, Analysis] = {}
        self.parsed: dict[str, Analysis] = {}
        """The latest analysis of each document that was YAML: its ids serve while the text is mid-edit."""
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.background: set[asyncio.Future[None]] = set()

    # --- documents ----------------------------------------------------------------------------------

    def text_of(self, uri: str) -> tuple[str, int | None]:
        document = self.workspace.get_text_document(uri)
        return document.source, document.version

    def lines(self, text: str) -> Lines:
        encoding = self.workspace.position_encoding
        return Lines(text, str(encoding.value if isinstance(encoding, types.PositionEncodingKind)
                               else encoding or UTF16))

    def analysis(self, uri: str) -> Analysis:
        """The analysis of the document's current text, made now if the last one is out of date."""
        text, _ = self.text_of(uri)
        found = self.analyses.get(uri)
        if found is None or found.text != text:
            found = self.remember(uri, analyse(uri, text))
        return found

    def remember(self, uri: str, analysis: Analysis) -> Analysis:
        """Keep `analysis` as the document's latest; it serves completion's ids once its index is built
        and the text parsed (until then, the previous one that parsed does)."""
        self.analyses[uri] = analysis
        return analysis

    def publish(self, uri: str, analysis: Analysis, version: int | None) -> None:
        lines = self.lines(analysis.text)
        found = analysis.checked.diagnostics if is_argument_map(uri, analysis) else []
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, version=version, diagnostics=[convert.diagnostic(lines, uri, d) for d in found]))

    def check_now(self, uri: str) -> None:
        self._cancel(uri)
        text, version = self.text_of(uri)
        analysis = analyse(uri, text)
        self.publish(uri, self.remember(uri, analysis), version)
        task = asyncio.ensure_future(self._index_later(uri, analysis))
        self.background.add(task)  # the loop keeps only a weak reference to a task
        task.add_done_callback(self.background.discard)

    async def _index_later(self, uri: str, analysis: Analysis) -> None:
        """Build the tree and the ids' places off the event loop, before the first request needs them."""
        await asyncio.get_running_loop().run_in_executor(self.thread_pool, analysis.index)
        if analysis.parsed and self.analyses.get(uri) is analysis:
            self.parsed[uri] = analysis

    def ids(self, uri: str) -> Analysis:
        """The analysis whose ids completion offers: the latest whose text parsed."""
        found = self.parsed.get(uri)
        if found is None:
            found = self.analysis(uri)
            if found.parsed:
                self.parsed[uri] = found
        return found

    def check_soon(self, uri: str) -> None:
        self._cancel(uri)
        self.pending[uri] = asyncio.ensure_future(self._check_later(uri))

    def _cancel(self, uri: str) -> None:
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()

    async def _check_later(self, uri: str) -> None:
        await asyncio.sleep(DEBOUNCE_SECONDS)
        text, version = self.text_of(uri)
        # The check runs off the event loop, so that requests are answered while a large map is checked.
        analysis = await asyncio.get_running_loop().run_in_executor(self.thread_pool, analyse, uri, text)
        if self.text_of(uri)[0] == text:
            self.remember(uri, analysis)
            self.publish(uri, analysis, version)
            self.pending.pop(uri, None)
            await self._index_later(uri, analysis)

    def forget(self, uri: str) -> None:
        self._cancel(uri)
        self.analyses.pop(uri, None)
        self.parsed.pop(uri, None)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


MAP_NAMES = ("arguments.yaml", "*.argmap.yaml", "*.argmap.yml")
_FORMAT_KEY = re.compile(r"^argmap\s*:", re.MULTILINE)


def is_argument_map(uri: str, analysis: Analysis) -> bool:
    """Whether a document is an argument map: by its name, or by its top-level `argmap:` key.

    Editors attach the server to every YAML file; one that is not a map (a CI workflow, a
    compose file) gets no diagnostics rather than a page of missing fields."""
    name = PurePosixPath(uri).name
    if any(fnmatch.fnmatchcase(name, pattern) for pattern in MAP_NAMES):
        return True
    # A key at the start of a line is a top-level key: block scalars and nested keys are indented.
    return _FORMAT_KEY.search(analysis.text) is not None


def analyse(uri: str, text: str) -> Analysis:
    """Check `text` as the file at `uri`: quotes are checked against source files beside it."""
    path = to_fs_path(uri) if uri.startswith("file:") else None
    base = Path(path).parent if path else None
    return Analysis(text, path or uri, base)


server = ArgmapLanguageServer()


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: ArgmapLanguageServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.check_now(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: ArgmapLanguageServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.check_soon(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: ArgmapLanguageServer, params: types.DidSaveTextDocumentParams) -> None:
    # A save may follow edits to the source texts quotes are checked against: check afresh.
    ls.analyses.pop(params.text_document.uri, None)
    ls.check_now(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: ArgmapLanguageServer, params: types.DidCloseTextDocumentParams) -> None:
    ls.forget(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_COMPLETION,
                types.CompletionOptions(trigger_characters=[" ", "[", ",", "{"]))
def completion(ls: ArgmapLanguageServer, params: types.CompletionParams) -> types.CompletionList:
    uri = params.text_document.uri
    text, _ = ls.text_of(uri)
    lines = ls.lines(text)
    offset = lines.offset(params.position.line, params.position.character)
    context = context_at(text, offset)
    ids = ls.ids(uri)
    found = candidates(context, ids) if context is not None else []
    typed = text[context.prefix_start:offset].lower() if context is not None else ""
    matching = [c for c in found if typed in c.label.lower()]
    incomplete = len(matching) > MAX_COMPLETIONS
    replace = convert.lsp_range(lines, context.prefix_start if context else offset, offset)
    items = [convert.completion_item(c, replace, i) for i, c in enumerate(matching[:MAX_COMPLETIONS])]
    return types.CompletionList(is_incomplete=incomplete, items=items)


def _at(ls: ArgmapLanguageServer, uri: str, position: types.Position) -> tuple[Analysis, Lines, int]:
    analysis = ls.analysis(uri)
    lines = ls.lines(analysis.text)
    return analysis, lines, lines.offset(position.line, position.character)


@server.feature(types.TEXT_DOCUMENT_DEFINITION)
def definition(ls: ArgmapLanguageServer, params: types.DefinitionParams) -> list[types.Location]:
    analysis, lines, offset = _at(ls, params.text_document.uri, params.position)
    occurrence = analysis.occurrence_at(offset)
    if occurrence is None:
        return []
    return [types.Location(uri=params.text_document.uri, range=lsp_node_range(lines, o.node))
            for o in analysis.definitions(occurrence.identifier)]


def lsp_node_range(lines: Lines, node: Node) -> types.Range:
    return convert.lsp_range(lines, node.start, node.end)


@server.feature(types.TEXT_DOCUMENT_REFERENCES)
def references(ls: ArgmapLanguageServer, params: types.ReferenceParams) -> list[types.Location]:
    analysis, lines, offset = _at(ls, params.text_document.uri, params.position)
    occurrence = analysis.occurrence_at(offset)
    if occurrence is None:
        return []
    include = params.context.include_declaration
    return [types.Location(uri=params.text_document.uri, range=lsp_node_range(lines, o.node))
            for o in analysis.uses.get(occurrence.identifier, []) if include or not o.is_definition]


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: ArgmapLanguageServer, params: types.HoverParams) -> types.Hover | None:
    analysis, lines, offset = _at(ls, params.text_document.uri, params.position)
    spans = [(*convert.span_offsets(lines, d.span), d) for d in analysis.checked.diagnostics if d.span is not None]
    text = hover_at(analysis, offset, spans)
    if text is None:
        return None
    occurrence = analysis.occurrence_at(offset)
    where = lsp_node_range(lines, occurrence.node) if occurrence is not None else None
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text), range=where)


@server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
def prepare_rename(ls: ArgmapLanguageServer, params: types.PrepareRenameParams) -> types.Range | None:
    analysis, lines, offset = _at(ls, params.text_document.uri, params.position)
    occurrence = analysis.occurrence_at(offset)
    return lsp_node_range(lines, occurrence.node) if occurrence is not None else None


@server.feature(types.TEXT_DOCUMENT_RENAME)
def rename(ls: ArgmapLanguageServer, params: types.RenameParams) -> types.WorkspaceEdit:
    uri = params.text_document.uri
    analysis, lines, offset = _at(ls, uri, params.position)
    occurrence = analysis.occurrence_at(offset)
    if occurrence is None:
        raise JsonRpcException("no id here to rename", code=_REQUEST_FAILED)
    try:
        splices = rename_splices(analysis.text, occurrence.identifier, params.new_name)
    except (EditError, TreeError) as exc:
        raise JsonRpcException(str(exc), code=_REQUEST_FAILED) from exc
    edits = [types.TextEdit(range=convert.lsp_range(lines, s.start, s.end), new_text=s.text) for s in splices]
    return types.WorkspaceEdit(changes={uri: edits})


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
def code_action(ls: ArgmapLanguageServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    uri = params.text_document.uri
    analysis = ls.analysis(uri)
    lines = ls.lines(analysis.text)
    first = lines.offset(params.range.start.line, params.range.start.character)
    last = lines.offset(params.range.end.line, params.range.end.character)
    found: list[types.CodeAction] = []
    for diagnostic in analysis.checked.diagnostics:
        if diagnostic.span is None:
            continue
        start, end = convert.span_offsets(lines, diagnostic.span)
        if end < first or start > last:
            continue
        for fix in fixes(analysis, diagnostic, start, end):
            edit = types.TextEdit(range=convert.lsp_range(lines, fix.splice.start, fix.splice.end),
                                  new_text=fix.splice.text)
            found.append(types.CodeAction(
                title=fix.title, kind=types.CodeActionKind.QuickFix,
                diagnostics=[convert.diagnostic(lines, uri, diagnostic)],
                edit=types.WorkspaceEdit(changes={uri: [edit]}), is_preferred=fix.preferred or None))
    return found


@server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
def document_symbol(ls: ArgmapLanguageServer, params: types.DocumentSymbolParams) -> list[types.DocumentSymbol]:
    analysis = ls.analysis(params.text_document.uri)
    lines = ls.lines(analysis.text)
    return [convert.symbol(lines, s) for s in outline(analysis)]


class _OneLine(logging.Formatter):
    """Log records as one line each: the editor's server log is for people, not tracebacks."""

    def formatException(self, ei: object) -> str:  # noqa: N802 - logging's name
        return ""


def serve() -> None:
    """Run the server on standard input and output until the client exits."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_OneLine("argmap lsp: %(message)s"))
    logging.basicConfig(level=logging.WARNING, handlers=[handler], force=True)
    server.start_io()
