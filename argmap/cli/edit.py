"""Editing commands: add, link, unlink, remove (schema, new and watch are in `authoring`).

Every edit goes through `argmap.edit.edit_file`: under the map's lock, the new
text is validated like `argmap validate` would, read back against the intended
change, and written atomically only if it adds no error and means exactly that
change. Refusals print why, end with 'FILE not changed', and exit 1; a map that
cannot be read, locked or written exits with its error's status (2).
"""

from __future__ import annotations

import os
import sys

import typer

from argmap.diagnostics.lines import LineIndex
from argmap.diagnostics.report import format_diagnostic, format_human
from argmap.diagnostics.text import visible
from argmap.edit import (
    EditError,
    EditRefusedError,
    EditResult,
    Relation,
    StillReferencedError,
    add_entry,
    add_relation,
    apply_removal,
    edit_file,
    intent,
    plan_removal,
    remove_relation,
    unique_id,
)
from argmap.edit.emit import Value
from argmap.edit.operations import readable_id
from argmap.edit.references import RemovalPlan
from argmap.edit.transaction import Change, Planned
from argmap.edit.tree import Parsed
from argmap.errors import ArgmapError
from argmap.files import DEFAULT_LOCK_TIMEOUT
from argmap.model import AttackKind, SourceKind
from argmap.read.document import UnreadableFile
from argmap.read.yaml_problems import offset_position

from .common import EXIT_PROBLEMS, EXIT_USAGE, app, fail_usage, use_colour
from .completion import ATTACK_TARGET, PARTY_ID, REMOVABLE_ID, SOURCE_ID, STATEMENT_ID, SUPPORT_TARGET
from .edit_report import on_disk, warnings_about
from .help import ArgmapTyper

add_app = ArgmapTyper(
    name="add",
    no_args_is_help=True,
    help="Add a claim, evidence, rebuttal, source or party to a map, validated before it is written.",
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(add_app, name="add")


FILE_ARGUMENT = typer.Argument(..., metavar="FILE", help="The map file to edit.")
DRY_RUN = typer.Option(False, "--dry-run", "-n", help="Print the change as a diff; write nothing.")
ID_OPTION = typer.Option(None, "--id",
                         help="The new entry's id; by default a slug of its text, unique in the file.")
BY_OPTION = typer.Option(None, "--by", help="Id of the party asserting it.", autocompletion=PARTY_ID)
NOTE_OPTION = typer.Option(None, "--note", help="A note for readers of the map.")
SUPPORTS_OPTION = typer.Option(None, "--supports", "-s", metavar="ID", autocompletion=SUPPORT_TARGET,
                               help="Id of a node this supports (repeatable).")
ATTACKS_OPTION = typer.Option(
    None, "--attacks", "-a", metavar="ID|REASON:TARGET", autocompletion=ATTACK_TARGET,
    help="Id of a node this attacks, or REASON:TARGET for an undercut of that inference (repeatable).",
)
KIND_OPTION = typer.Option(None, "--kind", "-k",
                           help="How the attacks attack: rebut (default), undermine, or undercut.")
WEIGHT_OPTION = typer.Option(None, "--weight", "-w", min=0.0, max=1.0,
                             help="Strength, 0 to 1, of every relation this command adds.")
REBUTTAL_ATTACKS = typer.Option(
    ..., "--attacks", "-a", metavar="ID|REASON:TARGET", autocompletion=ATTACK_TARGET,
    help="Id of a node this attacks, or REASON:TARGET for an undercut of that inference (repeatable).",
)
SOURCE_KIND = typer.Option(..., "--kind", "-k", help="What sort of document it is.")
ONE_SUPPORTS = typer.Option(None, "--supports", "-s", metavar="ID", help="Id of the node it supports.",
                            autocompletion=SUPPORT_TARGET)
ONE_ATTACKS = typer.Option(None, "--attacks", "-a", metavar="ID|REASON:TARGET",
                           help="Id of the node it attacks, or REASON:TARGET for an undercut.",
                           autocompletion=ATTACK_TARGET)
UNLINK_KIND = typer.Option(None, "--kind", "-k", help="Only remove an attack of this kind.")
FROM_ARGUMENT = typer.Argument(..., metavar="FROM", help="Id of the claim, evidence or rebuttal.",
                               autocompletion=STATEMENT_ID)
REMOVE_ID = typer.Argument(..., metavar="ID", help="Id of the party, source, claim, evidence or rebuttal.",
                           autocompletion=REMOVABLE_ID)


def _lock_timeout() -> float:
    try:
        return float(os.environ.get("ARGMAP_LOCK_TIMEOUT", DEFAULT_LOCK_TIMEOUT))
    except ValueError:
        return DEFAULT_LOCK_TIMEOUT


def _run(file: str, change: Change, *, dry_run: bool) -> EditResult:
    """Apply an edit, turning every refusal into a message on stderr and exit status 1
    (or, for argmap's own errors, the status the error stands for)."""
    colour = use_colour(sys.stderr)
    try:
        result = edit_file(file, change, dry_run=dry_run, lock_timeout=_lock_timeout())
    except UnreadableFile as exc:
        typer.echo(format_diagnostic(exc.diagnostic, colour=colour), err=True, color=colour)
        raise typer.Exit(EXIT_USAGE) from None
    except ArgmapError as exc:
        already_said = "not changed" in exc.message
        typer.echo(f"argmap: {visible(exc.message)}" + ("" if already_said else f"; {visible(file)} not changed"),
                   err=True)
        if exc.hint:
            typer.echo(f"  hint: {visible(exc.hint)}", err=True)
        raise typer.Exit(int(exc.exit_status)) from None
    except EditRefusedError as exc:
        if exc.result is not None and exc.result.diagnostics:
            diagnostics, text = on_disk(file, exc.result.diagnostics, exc.result.text)
            typer.echo(format_human(diagnostics, text, colour=colour), err=True, color=colour)
        typer.echo(f"argmap: {visible(str(exc))}", err=True)
        raise typer.Exit(EXIT_PROBLEMS) from None
    except StillReferencedError:
        raise
    except EditError as exc:
        typer.echo(f"argmap: {visible(str(exc))}; {visible(file)} not changed", err=True)
        raise typer.Exit(EXIT_PROBLEMS) from None
    if dry_run:
        typer.echo(visible(result.diff(), keep_layout=True), nl=False)
        typer.echo(f"dry run: {file} not changed", err=True)
    return result


def _relations(supports: list[str] | None, attacks: list[str] | None, kind: AttackKind | None,
               weight: float | None) -> list[Relation]:
    relations = [Relation("supports", target, weight=weight) for target in supports or []]
    for value in attacks or []:
        if ":" in value:
            reason, _, target = value.partition(":")
            if kind not in (None, AttackKind.UNDERCUT):
                fail_usage(f"--attacks {value} names an inference (REASON:TARGET), which only an undercut "
                           f"attacks; drop --kind {kind.value} or use --kind undercut")
            relations.append(Relation("attacks", target, "undercut", reason, weight))
        else:
            if kind is AttackKind.UNDERCUT:
                fail_usage(f"an undercut attacks an inference: write --attacks REASON:{value}, "
                           f"where REASON is the node whose support for {value} is attacked")
            relations.append(Relation("attacks", value, (kind or AttackKind.REBUT).value, None, weight))
    if kind is not None and not attacks:
        fail_usage("--kind applies to --attacks, and none was given")
    return relations


def _fields(pairs: list[tuple[str, Value | None]], relations: list[Relation]) -> dict[str, Value]:
    """The new entry's fields in the format's order, relations where the format puts them."""
    fields: dict[str, Value] = {}
    for key, value in pairs:
        if key in ("supports", "attacks"):
            items = [r.as_data() for r in relations if r.key == key]
            if items:
                fields[key] = items
        elif value is not None:
            fields[key] = value
    return fields


def _add(file: str, kind: str, section: str, entry_id: str | None, id_from: str, prefix: str,
         fields: dict[str, Value], dry_run: bool) -> None:
    chosen: list[str] = []

    def change(parsed: Parsed) -> Planned:
        new_id = entry_id or unique_id(parsed, readable_id(id_from, prefix=prefix, fallback=kind))
        chosen.append(new_id)
        return Planned(add_entry(parsed, section, new_id, fields), intent.added_entry(section, new_id, fields))

    result = _run(file, change, dry_run=dry_run)
    if not dry_run:
        typer.echo(visible(f"added {kind} '{chosen[-1]}' to {file}" + ("" if result.written else " (no change)")))
    # One line table of the edited text serves both to place the warnings and to show them.
    index = LineIndex(result.after)
    created = warnings_about(result, section, chosen[-1], index)
    if created:
        colour = use_colour(sys.stderr)
        typer.echo("\n".join(format_diagnostic(d, index, colour=colour) for d in created), err=True, color=colour)


@add_app.command("claim")
def add_claim(
    file: str = FILE_ARGUMENT,
    text: str = typer.Option(..., "--text", "-t", help="The claim, as a statement."),
    entry_id: str | None = ID_OPTION,
    by: str | None = BY_OPTION,
    supports: list[str] | None = SUPPORTS_OPTION,
    attacks: list[str] | None = ATTACKS_OPTION,
    kind: AttackKind | None = KIND_OPTION,
    weight: float | None = WEIGHT_OPTION,
    note: str | None = NOTE_OPTION,
    dry_run: bool = DRY_RUN,
) -> None:
    """Add a claim: a statement bearing on an element or on another claim."""
    relations = _relations(supports, attacks, kind, weight)
    fields = _fields([("text", text), ("by", by), ("supports", None), ("attacks", None), ("note", note)],
                     relations)
    _add(file, "claim", "claims", entry_id, text, "", fields, dry_run)


@add_app.command("evidence")
def add_evidence(
    file: str = FILE_ARGUMENT,
    quote: str = typer.Option(..., "--quote", "-q", help="The source's exact words, verbatim."),
    source: str = typer.Option(..., "--source", help="Id of the source the quote is taken from.",
                               autocompletion=SOURCE_ID),
    locator: str = typer.Option(..., "--locator", "-l", help="Where in the source, e.g. 'para. 9'."),
    entry_id: str | None = ID_OPTION,
    by: str | None = typer.Option(None, "--by", help="Id of the party whose words or findings these are.",
                                  autocompletion=PARTY_ID),
    cites: str | None = typer.Option(None, "--cites", autocompletion=SOURCE_ID,
                                     help="Id of the original source the quoted document reports on."),
    supports: list[str] | None = SUPPORTS_OPTION,
    attacks: list[str] | None = ATTACKS_OPTION,
    kind: AttackKind | None = KIND_OPTION,
    weight: float | None = WEIGHT_OPTION,
    note: str | None = NOTE_OPTION,
    dry_run: bool = DRY_RUN,
) -> None:
    """Add evidence: a verbatim quote from a source, and what it supports or attacks."""
    relations = _relations(supports, attacks, kind, weight)
    fields = _fields([("quote", quote), ("source", source), ("locator", locator), ("by", by),
                      ("cites", cites), ("supports", None), ("attacks", None), ("note", note)], relations)
    _add(file, "evidence", "evidence", entry_id, quote, "ev-", fields, dry_run)


@add_app.command("rebuttal")
def add_rebuttal(
    file: str = FILE_ARGUMENT,
    text: str = typer.Option(..., "--text", "-t", help="The rebuttal, as a statement."),
    attacks: list[str] = REBUTTAL_ATTACKS,
    entry_id: str | None = ID_OPTION,
    by: str | None = BY_OPTION,
    kind: AttackKind | None = KIND_OPTION,
    supports: list[str] | None = SUPPORTS_OPTION,
    weight: float | None = WEIGHT_OPTION,
    note: str | None = NOTE_OPTION,
    dry_run: bool = DRY_RUN,
) -> None:
    """Add a rebuttal: a statement whose purpose is to attack a node or an inference."""
    relations = _relations(supports, attacks, kind, weight)
    fields = _fields([("text", text), ("by", by), ("attacks", None), ("supports", None), ("note", note)],
                     relations)
    _add(file, "rebuttal", "rebuttals", entry_id, text, "", fields, dry_run)


@add_app.command("source")
def add_source(
    file: str = FILE_ARGUMENT,
    title: str = typer.Option(..., "--title", help="Title of the document."),
    kind: SourceKind = SOURCE_KIND,
    entry_id: str | None = ID_OPTION,
    author: str | None = typer.Option(None, "--author", help="Who wrote it."),
    outlet: str | None = typer.Option(None, "--outlet", help="Where it was published."),
    date: str | None = typer.Option(None, "--date", help="Publication date as written, e.g. '2014-06'."),
    url: str | None = typer.Option(None, "--url", help="Where to read it online."),
    text_file: str | None = typer.Option(None, "--file", help="Plain-text copy, relative to the map, "
                                         "against which quotes are checked."),
    dry_run: bool = DRY_RUN,
) -> None:
    """Add a source: a document that quotes come from."""
    fields = _fields([("title", title), ("kind", kind.value), ("author", author), ("outlet", outlet),
                      ("date", date), ("url", url), ("file", text_file)], [])
    _add(file, "source", "sources", entry_id, title, "", fields, dry_run)


@add_app.command("party")
def add_party(
    file: str = FILE_ARGUMENT,
    name: str = typer.Option(..., "--name", help="Full name of the person or body."),
    entry_id: str | None = ID_OPTION,
    role: str | None = typer.Option(None, "--role", help="Who they are in this debate."),
    dry_run: bool = DRY_RUN,
) -> None:
    """Add a party: someone who asserts things in the debate."""
    fields = _fields([("name", name), ("role", role)], [])
    _add(file, "party", "parties", entry_id, name, "", fields, dry_run)


def _one_relation(supports: str | None, attacks: str | None, kind: AttackKind | None,
                  weight: float | None) -> Relation:
    if (supports is None) == (attacks is None):
        fail_usage("give exactly one of --supports ID or --attacks ID")
    relations = _relations([supports] if supports else None, [attacks] if attacks else None, kind, weight)
    return relations[0]


@app.command()
def link(
    file: str = FILE_ARGUMENT,
    source_id: str = FROM_ARGUMENT,
    supports: str | None = ONE_SUPPORTS,
    attacks: str | None = ONE_ATTACKS,
    kind: AttackKind | None = KIND_OPTION,
    weight: float | None = typer.Option(None, "--weight", "-w", min=0.0, max=1.0, help="Strength, 0 to 1."),
    dry_run: bool = DRY_RUN,
) -> None:
    """Add a relation: FROM supports or attacks another node (appended to FROM's list)."""
    relation = _one_relation(supports, attacks, kind, weight)
    result = _run(file, lambda parsed: Planned(add_relation(parsed, source_id, relation),
                                               intent.added_relation(source_id, relation)), dry_run=dry_run)
    if result.written:
        typer.echo(visible(f"linked: {source_id} {relation.describe()}"))


@app.command()
def unlink(
    file: str = FILE_ARGUMENT,
    source_id: str = FROM_ARGUMENT,
    supports: str | None = ONE_SUPPORTS,
    attacks: str | None = ONE_ATTACKS,
    kind: AttackKind | None = UNLINK_KIND,
    dry_run: bool = DRY_RUN,
) -> None:
    """Remove a relation from FROM's supports or attacks list (the list goes when emptied)."""
    relation = _one_relation(supports, attacks, kind, None)
    if relation.key == "attacks" and kind is None and relation.kind == "rebut":
        relation = Relation("attacks", relation.to, None, None, None)
    result = _run(file, lambda parsed: Planned(remove_relation(parsed, source_id, relation),
                                               intent.removed_relation(source_id, relation)), dry_run=dry_run)
    if result.written:
        typer.echo(visible(f"unlinked: {source_id} {relation.describe()}"))


@app.command()
def remove(
    file: str = FILE_ARGUMENT,
    entry_id: str = REMOVE_ID,
    cascade: bool = typer.Option(False, "--cascade",
                                 help="Also remove every reference to it, and the entries that cannot stand "
                                      "without it; lists all it removes."),
    dry_run: bool = DRY_RUN,
) -> None:
    """Remove an entry. Refuses while other entries refer to it, unless --cascade."""
    plans: list[tuple[RemovalPlan, str]] = []

    def change(parsed: Parsed) -> Planned:
        plan = plan_removal(parsed, entry_id, cascade=cascade)
        plans.append((plan, parsed.text))
        return Planned(apply_removal(parsed, plan), intent.removal(plan))

    try:
        result = _run(file, change, dry_run=dry_run)
    except StillReferencedError as exc:
        typer.echo(f"argmap: cannot remove '{visible(entry_id)}': {len(exc.references)} "
                   f"reference{'s' if len(exc.references) != 1 else ''} to it", err=True)
        for reference in exc.references:
            typer.echo(visible(f"  {_where(file, exc.text, reference.offset)}: {reference.describe()}"), err=True)
        typer.echo(f"argmap: {visible(file)} not changed; remove those references first, or use --cascade to remove "
                   "them too (--cascade --dry-run shows what it would remove)", err=True)
        raise typer.Exit(EXIT_PROBLEMS) from None
    plan, text = plans[-1]
    lines = [f"  {_where(file, text, d.offset)}: {d.describe()}" for d in plan.doomed]
    lines += [f"  {_where(file, text, r.offset)}: {r.dropped()}" for r in plan.dropped]
    heading = f"{'would remove' if dry_run else 'removed'} from {file}:"
    typer.echo("\n".join(visible(line) for line in [heading, *lines]), err=dry_run)
    if not dry_run and not result.written:  # pragma: no cover - a removal always changes the text
        raise typer.Exit(EXIT_PROBLEMS)


def _where(file: str, text: str, offset: int) -> str:
    """`file:line:column` of `offset`, counted as diagnostics count them."""
    position = offset_position(text, offset)
    return f"{file}:{position.line}:{position.column}"
