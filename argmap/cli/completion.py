"""Shell completion of ids: typer completion callbacks that read the map named on the command line.

Each callback finds the map in the parameters parsed so far (`FILE`) and offers the ids of the
kinds that fit, each with its words as the description zsh and fish show. A missing or broken
map offers nothing; completion never fails (see `argmap.read.ids`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection

import typer

from argmap.diagnostics.text import visible
from argmap.read.ids import ALL_SECTIONS, NODE_SECTIONS, defined_ids

Completer = Callable[[typer.Context, str], list[tuple[str, str]]]


def ids_of(sections: Collection[str], *, undercut: bool = False) -> Completer:
    """A completion callback offering the ids defined in `sections` of the map in FILE.

    With `undercut`, a value may be REASON:TARGET; after the colon, the target is completed.
    """

    def complete(context: typer.Context, incomplete: str) -> list[tuple[str, str]]:
        # While an option's value is being completed, click leaves the positionals unassigned,
        # in `args`; FILE is the first of them in every command that completes ids.
        file = context.params.get("file") or (context.args[0] if context.args else None)
        if not isinstance(file, str) or file == "-":
            return []
        head, colon, tail = incomplete.rpartition(":") if undercut and ":" in incomplete else ("", "", incomplete)
        return [(head + colon + name, visible(words)) for name, words in defined_ids(file, sections)
                if name.startswith(tail)]

    return complete


ANY_ID = ids_of(ALL_SECTIONS)
NODE_ID = ids_of(("question", "elements", *NODE_SECTIONS))
STATEMENT_ID = ids_of(NODE_SECTIONS)
SUPPORT_TARGET = ids_of(("elements", "claims", "rebuttals"))
ATTACK_TARGET = ids_of(NODE_SECTIONS, undercut=True)
REMOVABLE_ID = ids_of(("parties", "sources", *NODE_SECTIONS))
PARTY_ID = ids_of(("parties",))
SOURCE_ID = ids_of(("sources",))
WHAT_IF_ID = REMOVABLE_ID  # --reject and --accept take a node, a party or a source
