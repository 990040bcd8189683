"""argmap's results as LSP messages: diagnostics, ranges, symbols, completion items."""

from __future__ import annotations

from lsprotocol import types

from argmap.diagnostics import Diagnostic, Severity, Span

from .completion import Candidate
from .positions import Lines
from .symbols import Symbol

SOURCE = "argmap"

_SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.NOTE: types.DiagnosticSeverity.Information,
}

_SYMBOL_KINDS = {
    "section": types.SymbolKind.Namespace,
    "element": types.SymbolKind.Property,
    "party": types.SymbolKind.Object,
    "source": types.SymbolKind.File,
    "claim": types.SymbolKind.Class,
    "evidence": types.SymbolKind.String,
    "rebuttal": types.SymbolKind.Event,
}

_COMPLETION_KINDS = {
    "id": types.CompletionItemKind.Reference,
    "key": types.CompletionItemKind.Property,
    "value": types.CompletionItemKind.EnumMember,
}


def lsp_range(lines: Lines, start: int, end: int) -> types.Range:
    """The range of the characters from offset `start` up to `end`."""
    return types.Range(_position(lines.to_lsp(start)), _position(lines.to_lsp(end)))


def _position(pair: tuple[int, int]) -> types.Position:
    return types.Position(line=pair[0], character=pair[1])


def span_range(lines: Lines, span: Span) -> types.Range:
    start, end = lines.span_to_lsp(span)
    return types.Range(_position(start), _position(end))


def span_offsets(lines: Lines, span: Span) -> tuple[int, int]:
    return lines.index.offset(span.start), lines.index.offset(span.end)


def diagnostic(lines: Lines, uri: str, found: Diagnostic) -> types.Diagnostic:
    """One of argmap's diagnostics as the editor shows it: the hint on the message's second line,
    related spans as related information in the same document."""
    span = found.span or Span.at(lines.index.position(0))
    message = found.message + (f"\nhint: {found.hint}" if found.hint else "")
    related = [
        types.DiagnosticRelatedInformation(
            location=types.Location(uri=uri, range=span_range(lines, r.span)), message=r.label)
        for r in found.related if r.span is not None
    ]
    return types.Diagnostic(
        range=span_range(lines, span),
        message=message,
        severity=_SEVERITIES[found.severity],
        code=found.code,
        source=SOURCE,
        related_information=related or None,
        data={"hint": found.hint} if found.hint else None,
    )


def symbol(lines: Lines, found: Symbol) -> types.DocumentSymbol:
    return types.DocumentSymbol(
        name=found.name,
        detail=_one_line(found.detail) or None,
        kind=_SYMBOL_KINDS.get(found.kind, types.SymbolKind.Key),
        range=lsp_range(lines, found.start, found.end),
        selection_range=lsp_range(lines, found.name_start, found.name_end),
        children=[symbol(lines, child) for child in found.children] or None,
    )


def _one_line(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def completion_item(candidate: Candidate, replace: types.Range, order: int) -> types.CompletionItem:
    insert = f"{candidate.label}: " if candidate.what == "key" else candidate.label
    return types.CompletionItem(
        label=candidate.label,
        kind=_COMPLETION_KINDS[candidate.what],
        detail=_one_line(candidate.detail),
        documentation=types.MarkupContent(kind=types.MarkupKind.PlainText, value=candidate.documentation)
        if candidate.documentation else None,
        text_edit=types.TextEdit(range=replace, new_text=insert),
        sort_text=f"{order:06d}",
    )
