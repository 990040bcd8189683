"""Checks of argumentation schemes: the scheme a support names, its roles, and answers to its questions.

Each problem points where the user wrote it (the scheme's name, the role, the
answer's link or question). Codes E210-E215, documented in docs/diagnostics.md.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from argmap.diagnostics import Diagnostic, Related, error
from argmap.graph import ArgumentGraph, EntityKind, NodeKind, SupportEdge
from argmap.model import RoleKind, Scheme
from argmap.schemes import schemes_of

if TYPE_CHECKING:
    from .validate import _Checker

_ROLE_KINDS: dict[RoleKind, tuple[NodeKind | EntityKind, ...]] = {
    RoleKind.PARTY: (EntityKind.PARTY,),
    RoleKind.SOURCE: (EntityKind.SOURCE,),
    RoleKind.NODE: (NodeKind.ELEMENT, NodeKind.CLAIM, NodeKind.EVIDENCE, NodeKind.REBUTTAL),
}


def check_schemes(graph: ArgumentGraph, checker: _Checker) -> Iterator[Diagnostic]:
    # Only a support that names a scheme needs the schemes: most maps name none, and they need not
    # pay for reading the catalogue.
    named = any(edge.scheme is not None for edge in graph.supports)
    schemes = schemes_of(graph.argument_map) if named else {}
    supports: dict[tuple[str, str], SupportEdge] = {}
    for edge in graph.supports:
        supports.setdefault((edge.source, edge.target), edge)
        yield from _check_support(edge, schemes, checker)
    for answer in graph.answers:
        support = supports.get(answer.link)
        if support is None:
            origin, conclusion = answer.link
            yield error("E214", f"'{origin}' does not support '{conclusion}', so there is no inference to question",
                        answer.path + ("link",),
                        hint="name a support {from: A, to: B} where A lists B in its supports")
            continue
        scheme = schemes.get(support.scheme) if support.scheme is not None else None
        if scheme is None:
            if support.scheme is None:
                yield error("E215", f"the support {answer.link[0]} -> {answer.link[1]} names no scheme, "
                            "so it has no critical questions", answer.path + ("question",),
                            hint="add `scheme:` to that support",
                            related=(Related("the support, without a scheme", support.path),))
            continue  # an unknown scheme is reported at the support (E210)
        if answer.question not in scheme.questions:
            yield error("E215", f"scheme '{support.scheme}' has no question '{answer.question}'",
                        answer.path + ("question",),
                        hint=_did_you_mean(answer.question, list(scheme.questions),
                                           f"its questions are: {', '.join(scheme.questions)}"))


def _check_support(edge: SupportEdge, schemes: dict[str, Scheme], checker: _Checker) -> Iterator[Diagnostic]:
    if edge.scheme is None:
        if edge.roles:
            yield error("E212", "roles are given but no scheme names them", edge.path + ("roles",), at_key=True,
                        hint="add `scheme:` to this support, or remove `roles:`")
        return
    scheme = schemes.get(edge.scheme)
    if scheme is None:
        yield error("E210", f"unknown argumentation scheme '{edge.scheme}'", edge.path + ("scheme",),
                    hint=_did_you_mean(edge.scheme, list(schemes),
                                       "see docs/schemes.md, or define it in the map's `schemes:` section"))
        return
    filled = dict(edge.roles)
    missing = [r for r, role in scheme.roles.items() if not role.optional and r not in filled]
    if missing:
        yield error("E211", f"scheme '{edge.scheme}' needs the role{'s' if len(missing) > 1 else ''} "
                    f"{', '.join(repr(m) for m in missing)}", edge.path + ("scheme",),
                    hint="fill it in `roles:`: " + "; ".join(f"{m}: {scheme.roles[m].text}" for m in missing))
    for role_id, value in edge.roles:
        role = scheme.roles.get(role_id)
        path = edge.path + ("roles", role_id)
        if role is None:
            yield error("E212", f"scheme '{edge.scheme}' has no role '{role_id}'", path, at_key=True,
                        hint=_did_you_mean(role_id, list(scheme.roles),
                                           f"its roles are: {', '.join(scheme.roles) or 'none'}"))
            continue
        wanted = _ROLE_KINDS.get(role.kind)
        if wanted is None or checker.acceptable(value, wanted):
            continue
        kind = checker.kind_of(value)
        found = f"'{value}' is a {kind.value}" if kind is not None else f"'{value}' is not defined"
        close = checker.closest(value, wanted)
        yield error("E213", f"role '{role_id}' takes a {role.kind.value} id, but {found}", path,
                    hint=f"did you mean '{close}'?" if close else f"name a {role.kind.value} defined in this file")


def _did_you_mean(name: str, candidates: list[str], otherwise: str) -> str:
    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else otherwise
