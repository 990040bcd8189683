"""`argmap lsp` end to end, through pygls's own language client over stdio.

One server process serves the whole module (starting one costs about a
second): initialize, open, change, completion, definition, references, hover,
rename, code actions, document symbols, shutdown. Each answer is compared with
what argmap's library says about the same text, so the server is checked as
an adapter: the same diagnostics as `argmap validate`, the same rename as the
editor's.
"""

from __future__ import annotations

import asyncio
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import minimal_map
from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

from argmap.edit.rename import rename_id
from argmap.read.document import check_file, check_text

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "arguments.yaml"
TIMEOUT = 30.0


class Session:
    """A client talking to one `argmap lsp` process; each call waits for its answer."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.client = LanguageClient("argmap-tests", "1")
        self.published: dict[str, list[lsp.PublishDiagnosticsParams]] = {}
        self.arrived = asyncio.Event()

        @self.client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def _published(params: lsp.PublishDiagnosticsParams) -> None:
            self.published.setdefault(params.uri, []).append(params)
            self.arrived.set()

    def run(self, awaitable: Any) -> Any:
        return self.loop.run_until_complete(asyncio.wait_for(awaitable, TIMEOUT))

    def start(self) -> lsp.InitializeResult:
        self.run(self.client.start_io(sys.executable, "-m", "argmap", "lsp"))
        self.initialize_result: lsp.InitializeResult = self.run(self.client.initialize_async(lsp.InitializeParams(
            capabilities=lsp.ClientCapabilities(), root_uri=ROOT.as_uri())))
        self.client.initialized(lsp.InitializedParams())
        return self.initialize_result

    def open(self, path: Path, text: str | None = None) -> str:
        uri = path.as_uri()
        text = path.read_text(encoding="utf-8") if text is None else text
        self.arrived.clear()
        self.published.pop(uri, None)
        self.client.text_document_did_open(lsp.DidOpenTextDocumentParams(
            lsp.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)))
        return uri

    def change(self, uri: str, version: int, text: str) -> None:
        self.arrived.clear()
        self.client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
            [lsp.TextDocumentContentChangeWholeDocument(text=text)]))

    def diagnostics(self, uri: str, version: int) -> list[lsp.Diagnostic]:
        """The diagnostics published for `version` of the document (waiting for them)."""

        async def wait() -> list[lsp.Diagnostic]:
            while True:
                for params in self.published.get(uri, []):
                    if params.version == version:
                        return list(params.diagnostics)
                self.arrived.clear()
                await self.arrived.wait()

        return self.run(wait())  # type: ignore[no-any-return]

    def stop(self) -> None:
        self.run(self.client.shutdown_async(None))
        self.client.exit(None)
        self.run(self.client.stop())
        self.loop.close()


@pytest.fixture(scope="module")
def session() -> Iterator[Session]:
    server = Session()
    server.start()
    yield server
    server.stop()


def doc(uri: str) -> lsp.TextDocumentIdentifier:
    return lsp.TextDocumentIdentifier(uri=uri)


def position_of(text: str, needle: str, *, occurrence: int = 0, shift: int = 1) -> lsp.Position:
    """The LSP position `shift` characters into the `occurrence`-th `needle` of `text`."""
    at = -1
    for _ in range(occurrence + 1):
        at = text.index(needle, at + 1)
    at += shift
    line = text.count("\n", 0, at)
    return lsp.Position(line=line, character=at - (text.rfind("\n", 0, at) + 1))


def apply(text: str, edits: list[lsp.TextEdit] | tuple[lsp.TextEdit, ...]) -> str:
    """`text` with LSP edits applied (ASCII text: characters are UTF-16 units)."""
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)

    def offset(p: lsp.Position) -> int:
        return starts[p.line] + p.character

    for edit in sorted(edits, key=lambda e: offset(e.range.start), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end):]
    return text


def test_initialize_announces_every_feature(session: Session) -> None:
    capabilities = session.initialize_result.capabilities
    assert capabilities.completion_provider is not None
    assert " " in (capabilities.completion_provider.trigger_characters or [])
    for provided in (capabilities.definition_provider, capabilities.references_provider,
                     capabilities.hover_provider, capabilities.rename_provider,
                     capabilities.code_action_provider, capabilities.document_symbol_provider):
        assert provided
    assert capabilities.position_encoding == lsp.PositionEncodingKind.Utf16


def test_diagnostics_are_validates_own(session: Session, tmp_path: Path) -> None:
    text = minimal_map(claims="""
      extra:
        text: An extra claim.
        supports: [threat-imminet]
        by: nobody
    """)
    path = tmp_path / "case.argmap.yaml"
    path.write_text(text, encoding="utf-8")
    uri = session.open(path)
    published = session.diagnostics(uri, 1)
    expected = check_file(str(path)).diagnostics
    assert [(d.code, d.range.start.line + 1, d.range.start.character + 1) for d in published] == [
        (e.code, e.span.start.line, e.span.start.column) for e in expected if e.span is not None]
    undefined = next(d for d in published if d.code == "E201" and "threat-imminet" in d.message)
    assert undefined.source == "argmap"
    assert undefined.severity == lsp.DiagnosticSeverity.Error
    assert undefined.message.endswith("hint: did you mean 'threat-imminent'?")
    line = text.splitlines()[undefined.range.start.line]
    assert line[undefined.range.start.character:undefined.range.end.character] == "threat-imminet"


def test_related_locations_point_at_the_first_definition(session: Session, tmp_path: Path) -> None:
    text = minimal_map(claims="""
      knefel:
        text: A claim that reuses a party's id.
        supports: [threat-imminent]
    """)
    path = tmp_path / "dup.argmap.yaml"
    uri = session.open(path, text)
    duplicate = next(d for d in session.diagnostics(uri, 1) if d.code == "E203")
    assert duplicate.related_information
    related = duplicate.related_information[0]
    assert related.location.uri == uri
    assert related.message == "first defined here"
    assert text.splitlines()[related.location.range.start.line].strip() == "knefel:"


def problems(diagnostics: list[Any]) -> list[Any]:
    """All but I304, the note that a source's text file is absent: a checkout without the
    workspace's source texts has it for the bundled map, and it is no problem of the map."""
    return [d for d in diagnostics if d.code != "I304"]


def test_a_change_is_checked_again_with_quotes(session: Session) -> None:
    """Typing into the bundled map: a misquoted source and a typo'd id both appear, then go."""
    text = BUNDLED.read_text(encoding="utf-8")
    uri = session.open(BUNDLED)
    assert problems(session.diagnostics(uri, 1)) == []
    broken = text.replace("made reference to the United States", "made reference to America", 1)
    broken = broken.replace("- {to: threat-to-us, weight: 0.6}", "- {to: threat-to-usa, weight: 0.6}", 1)
    session.change(uri, 2, broken)
    published = session.diagnostics(uri, 2)
    codes = sorted(d.code for d in published)
    assert codes == sorted(d.code for d in check_text(broken, str(BUNDLED), BUNDLED.parent).diagnostics)
    assert "E201" in codes
    if "I304" not in codes:  # the source texts are present, so the misquote is caught too
        assert "W303" in codes
    session.change(uri, 3, text)
    assert problems(session.diagnostics(uri, 3)) == []


def test_typing_fast_is_checked_once_after_the_last_keystroke(session: Session, tmp_path: Path) -> None:
    text = minimal_map()
    uri = session.open(tmp_path / "typing.argmap.yaml", text)
    assert session.diagnostics(uri, 1) == []
    typed = "supports: [threat-imminent"
    at = text.index(typed) + len(typed)
    for version, extra in enumerate(("x", "xy", "xyz"), start=2):
        session.change(uri, version, text[:at] + extra + text[at:])
    (last,) = session.diagnostics(uri, 4)
    assert last.code == "E201" and "'threat-imminentxyz' is not defined" in last.message
    assert [p.version for p in session.published[uri]] == [1, 4]  # versions 2 and 3 were never checked


def test_files_that_are_not_maps_get_no_diagnostics(session: Session, tmp_path: Path) -> None:
    uri = session.open(tmp_path / "docker-compose.yaml", "services:\n  web:\n    image: nginx\n")
    assert session.diagnostics(uri, 1) == []


def test_completion_offers_ids_of_the_kind_the_place_needs(session: Session, tmp_path: Path) -> None:
    text = BUNDLED.read_text(encoding="utf-8")
    path = tmp_path / "arguments.yaml"
    shutil.copy(BUNDLED, path)
    uri = session.open(path, text)
    session.diagnostics(uri, 1)

    def complete(edited: str, needle: str, version: int) -> dict[str, lsp.CompletionItem]:
        session.change(uri, version, edited)
        where = position_of(edited, needle, shift=len(needle))
        result = session.run(session.client.text_document_completion_async(
            lsp.CompletionParams(text_document=doc(uri), position=where)))
        return {item.label: item for item in result.items}

    by = complete(text.replace("    by: stein\n", "    by: \n", 1), "    by: ", 2)
    parties = check_file(str(BUNDLED)).argument_map.parties  # type: ignore[union-attr]
    assert set(by) == set(parties)
    assert by["stein"].detail == "party: Matthew Stein"
    assert not any(label.startswith("threat") for label in by)

    supports = complete(text.replace("- {to: threat-to-us, weight: 0.6}", "- {to: thr", 1), "- {to: thr", 3)
    assert {"threat-to-us", "threat-imminent"} <= set(supports)
    assert supports["threat-to-us"].detail == (
        "element: The targets of the strikes pose a threat to US security and interests.")
    assert supports["threat-to-us"].text_edit is not None
    kinds = {item.detail.split(":")[0] for item in supports.values()}
    assert kinds <= {"element", "claim", "rebuttal"}

    sources = complete(text.replace("    source: pakistan-crackdown-article\n", "    source: \n", 1),
                       "    source: ", 4)
    assert "pakistan-crackdown-article" in sources
    assert {item.detail.split(":")[0] for item in sources.values()} == {"source"}

    link = complete(text.replace("link: {from: imu-remains-threat, to: threat-to-us}",
                                 "link: {from: imu-remains-threat, to: ", 1),
                    "link: {from: imu-remains-threat, to: ", 5)
    assert set(link) == {"threat-to-us"}

    kind = complete(text.replace("        kind: undercut\n", "        kind: \n", 1), "        kind: ", 6)
    assert set(kind) == {"rebut", "undermine", "undercut"}

    keys = complete(text.replace("    by: stein\n", "    b\n", 1), "\n    b", 7)
    assert "by" in keys and keys["by"].kind == lsp.CompletionItemKind.Property
    assert keys["by"].text_edit is not None and keys["by"].text_edit.new_text == "by: "


def test_definition_and_references(session: Session) -> None:
    text = BUNDLED.read_text(encoding="utf-8")
    uri = session.open(BUNDLED, text)
    where = position_of(text, "{to: threat-to-us", shift=6)
    found = session.run(session.client.text_document_definition_async(
        lsp.DefinitionParams(text_document=doc(uri), position=where)))
    assert len(found) == 1
    assert text.splitlines()[found[0].range.start.line].strip() == "threat-to-us:"
    refs = session.run(session.client.text_document_references_async(lsp.ReferenceParams(
        text_document=doc(uri), position=where, context=lsp.ReferenceContext(include_declaration=False))))
    lines = text.splitlines()
    written = [lines[r.range.start.line][r.range.start.character:r.range.end.character] for r in refs]
    assert written == ["threat-to-us"] * len(refs)
    assert len(refs) == text.count("threat-to-us") - 1  # every mention but the definition itself


def test_hover_shows_words_source_author_and_status(session: Session) -> None:
    text = BUNDLED.read_text(encoding="utf-8")
    uri = session.open(BUNDLED, text)
    hover = session.run(session.client.text_document_hover_async(lsp.HoverParams(
        text_document=doc(uri), position=position_of(text, "  ev-imu-referenced-us:", shift=4))))
    shown = hover.contents.value
    assert shown.startswith("**evidence** `ev-imu-referenced-us`")
    assert "The IMU has, however, in the past made reference" in shown
    assert "source: Pakistan" in shown and ", para. 9" in shown
    assert "asserted by: " in shown
    assert "Status: **accepted**" in shown


def test_hover_on_a_diagnostic_explains_its_code(session: Session, tmp_path: Path) -> None:
    text = minimal_map(claims="""
      extra:
        text: An extra claim.
        supports: [threat-imminet]
    """)
    uri = session.open(tmp_path / "hover.argmap.yaml", text)
    session.diagnostics(uri, 1)
    hover = session.run(session.client.text_document_hover_async(lsp.HoverParams(
        text_document=doc(uri), position=position_of(text, "threat-imminet]", shift=3))))
    shown = hover.contents.value
    assert "**E201** 'threat-imminet' is not defined" in shown
    assert "### E201" in shown and "**Fix:**" in shown


def test_rename_is_the_editors_rename(session: Session) -> None:
    text = BUNDLED.read_text(encoding="utf-8")
    uri = session.open(BUNDLED, text)
    result = session.run(session.client.text_document_rename_async(lsp.RenameParams(
        text_document=doc(uri), position=position_of(text, "by: stein", shift=6), new_name="matthew-stein")))
    renamed = apply(text, result.changes[uri])
    assert renamed == rename_id(text, "stein", "matthew-stein")
    assert "\n  matthew-stein:\n    name: Matthew Stein\n" in renamed
    assert problems(check_text(renamed, "renamed.yaml", BUNDLED.parent).diagnostics) == []
    # Only the id changed: comments, quotes that mention Stein and every other line are untouched.
    changed = [(a, b) for a, b in zip(text.splitlines(), renamed.splitlines(), strict=True) if a != b]
    # The definition, every `by: stein`, and every scheme role filled with Stein.
    assert len(changed) == len(result.changes[uri]) == 1 + text.count("by: stein\n") + text.count("expert: stein,")
    assert all(b.replace("matthew-stein", "stein") == a for a, b in changed)


def test_rename_refuses_an_id_in_use(session: Session) -> None:
    text = BUNDLED.read_text(encoding="utf-8")
    uri = session.open(BUNDLED, text)
    with pytest.raises(Exception, match="already used"):
        session.run(session.client.text_document_rename_async(lsp.RenameParams(
            text_document=doc(uri), position=position_of(text, "by: stein", shift=6), new_name="knefel")))


def test_code_actions_fix_a_typo_and_add_evidence(session: Session, tmp_path: Path) -> None:
    text = minimal_map(claims="""
      extra:
        text: An extra claim.
        supports: [threat-imminet]
    """)
    uri = session.open(tmp_path / "fix.argmap.yaml", text)
    published = session.diagnostics(uri, 1)
    typo = next(d for d in published if d.code == "E201")
    actions = session.run(session.client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=doc(uri), range=typo.range, context=lsp.CodeActionContext(diagnostics=[typo]))))
    fix = next(a for a in actions if a.title == "Replace with 'threat-imminent'")
    assert fix.is_preferred and fix.edit is not None
    fixed = apply(text, fix.edit.changes[uri])
    assert fixed == text.replace("threat-imminet]", "threat-imminent]")
    assert [d.code for d in check_text(fixed, "fixed.yaml").diagnostics] == ["W302"]

    session.change(uri, 2, fixed)
    no_evidence = next(d for d in session.diagnostics(uri, 2) if d.code == "W302")
    actions = session.run(session.client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=doc(uri), range=no_evidence.range,
        context=lsp.CodeActionContext(diagnostics=[no_evidence]))))
    skeleton = next(a for a in actions if a.title == "Add evidence supporting 'extra'")
    assert skeleton.edit is not None
    completed = apply(fixed, skeleton.edit.changes[uri])
    assert completed.startswith(fixed.rstrip("\n"))
    assert "  ev-extra:\n    quote: 'TODO: the source''s exact words'\n    source: crackdown\n" in completed
    assert "W302" not in [d.code for d in check_text(completed, "done.yaml").diagnostics]


def test_document_symbols_outline_sections_and_entries(session: Session) -> None:
    text = BUNDLED.read_text(encoding="utf-8")
    uri = session.open(BUNDLED, text)
    symbols = session.run(session.client.text_document_document_symbol_async(
        lsp.DocumentSymbolParams(text_document=doc(uri))))
    names = [s.name for s in symbols]
    assert names == ["argmap", "question", "framework", "parties", "sources", "claims", "evidence", "rebuttals"]
    claims = symbols[names.index("claims")]
    assert claims.children and claims.children[0].name == "imu-remains-threat"
    assert claims.children[0].detail.startswith("The IMU remains a threat")
    framework = symbols[names.index("framework")]
    assert [c.name for c in framework.children[0].children] == ["threat-to-us", "threat-imminent"]


def test_garbage_on_stdin_is_logged_in_one_line_and_eof_ends_the_server() -> None:
    import subprocess

    done = subprocess.run([sys.executable, "-m", "argmap", "lsp", "--stdio"],
                          input=b"Content-Length: 5\r\n\r\n{bad}", capture_output=True, timeout=60)
    assert done.returncode == 0
    assert b"Traceback" not in done.stderr
    assert done.stderr.decode().splitlines() == ["argmap lsp: Unable to handle message"]
