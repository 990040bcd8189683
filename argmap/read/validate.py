"""Checks that types alone cannot make: references, cycles, self-attacks, loose ends.

Works on an `ArgumentGraph`; returns diagnostics with document paths, which
the caller turns into line and column through the loader's source map.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator

from argmap.diagnostics import Diagnostic, Path, Related, error, warning
from argmap.graph import ArgumentGraph, AttackEdge, EntityKind, NodeKind
from argmap.model import AttackKind
from argmap.sccs import strongly_connected_components

from .partial import ELEMENTS, Gaps
from .scheme_checks import check_schemes

SUPPORTABLE = (NodeKind.ELEMENT, NodeKind.CLAIM, NodeKind.REBUTTAL)
ATTACKABLE = (NodeKind.ELEMENT, NodeKind.CLAIM, NodeKind.EVIDENCE, NodeKind.REBUTTAL)
_ARTICLE = {kind: ("an " if kind.value[0] in "aeiou" else "a ") + kind.value
            for kind in (*NodeKind, *EntityKind)}


MAX_SUGGESTIONS = 100
"""Close-match hints cost a scan of every id; past this many, a broken file gets them no more."""


_SECTION_KINDS: dict[str, NodeKind | EntityKind] = {
    ELEMENTS: NodeKind.ELEMENT,
    "parties": EntityKind.PARTY,
    "sources": EntityKind.SOURCE,
    "claims": NodeKind.CLAIM,
    "evidence": NodeKind.EVIDENCE,
    "rebuttals": NodeKind.REBUTTAL,
}


class _Checker:
    """What the checks share: the graph, what the schema could not read, and 'did you mean' hints."""

    def __init__(self, graph: ArgumentGraph, gaps: Gaps):
        self.graph = graph
        self.gaps = gaps
        self.broken = {i: _SECTION_KINDS[s] for i, s in gaps.broken_ids.items() if s in _SECTION_KINDS}
        self.unknown_kinds = {_SECTION_KINDS[s] for s in gaps.unreadable_sections if s in _SECTION_KINDS}
        # What each id names, as `graph.kind_of` then the broken entries say, in one table: the
        # checks look up every reference of the map (three calls each, a tenth of validating).
        kinds: dict[str, NodeKind | EntityKind] = dict(self.broken)
        kinds.update(graph.entities)
        kinds.update((identifier, node.kind) for identifier, node in graph.nodes.items())
        self.kinds = kinds
        self._candidates: dict[tuple[NodeKind | EntityKind, ...], list[str]] = {}
        self._budget = MAX_SUGGESTIONS
        self.suggested: dict[str, str] = {}
        """Undefined ids with the id they were probably meant to be."""

    def kind_of(self, identifier: str) -> NodeKind | EntityKind | None:
        """The kind of what `identifier` names, counting entries the schema rejected."""
        return self.kinds.get(identifier)

    def acceptable(self, identifier: str, wanted: tuple[NodeKind | EntityKind, ...]) -> bool:
        """Whether a reference to `identifier` is (or, for all argmap can tell, may be) right."""
        kind = self.kinds.get(identifier)
        if kind is None:
            return any(k in self.unknown_kinds for k in wanted)
        return kind in wanted

    def closest(self, identifier: str, wanted: tuple[NodeKind | EntityKind, ...]) -> str | None:
        if self._budget <= 0:
            return None
        self._budget -= 1
        if wanted not in self._candidates:
            kind_of = self.graph.kind_of
            self._candidates[wanted] = [i for i in self.graph.definitions if kind_of(i) in wanted]
        close = difflib.get_close_matches(identifier, self._candidates[wanted], n=1, cutoff=0.6)
        if close:
            self.suggested[identifier] = close[0]
        return close[0] if close else None


def check_graph(graph: ArgumentGraph, gaps: Gaps | None = None) -> list[Diagnostic]:
    """Every structural problem of `graph`; `gaps` says what a partial map lacks (see `partial`)."""
    checker = _Checker(graph, gaps or Gaps())
    diagnostics: list[Diagnostic] = []
    diagnostics += _duplicate_ids(graph)
    diagnostics += _entity_references(graph, checker)
    diagnostics += _support_references(graph, checker)
    diagnostics += _attack_references(graph, checker)
    diagnostics += _support_cycles(graph)
    diagnostics += _repeated_relations(graph)
    diagnostics += _loose_ends(graph, checker)
    diagnostics += check_schemes(graph, checker)
    if checker.gaps.repaired:
        # A placeholder stands where the user wrote something invalid, already reported.
        diagnostics = [d for d in diagnostics if d.path is None or not checker.gaps.covers(d.path)]
    return diagnostics


def _duplicate_ids(graph: ArgumentGraph) -> Iterator[Diagnostic]:
    for identifier, paths in graph.definitions.items():
        first = paths[0]
        for path in paths[1:]:
            yield error(
                "E203",
                f"id '{identifier}' is already used in {first[0]}",
                path,
                hint="ids are shared by all sections; rename one of them",
                at_key=path[-1] != "id",
                related=(Related("first defined here", first, at_key=first[-1] != "id"),),
            )


def _reference(checker: _Checker, identifier: str, path: Path,
               wanted: tuple[NodeKind | EntityKind, ...], role: str) -> Diagnostic | None:
    """Check that `identifier` names something of a wanted kind; describe the problem if not."""
    if checker.kinds.get(identifier) in wanted or checker.acceptable(identifier, wanted):
        return None
    kind = checker.kind_of(identifier)
    allowed = " or ".join(_ARTICLE[k] for k in wanted)
    if kind is None:
        close = checker.closest(identifier, wanted)
        hint = f"did you mean '{close}'?" if close else f"{role} must name {allowed} defined in this file"
        return error("E201", f"'{identifier}' is not defined", path, hint=hint)
    node = checker.graph.nodes.get(identifier)
    defined_at = node.path if node is not None else checker.graph.definitions.get(identifier, [None])[0]
    related = (Related(f"'{identifier}' is {_ARTICLE[kind]}, defined here", defined_at,
                       at_key=defined_at[-1] != "id"),) if defined_at else ()
    return error("E202", f"'{identifier}' is {_ARTICLE[kind]}, but {role} must name {allowed}",
                 path, related=related)


def _entity_references(graph: ArgumentGraph, checker: _Checker) -> Iterator[Diagnostic]:
    argument_map = graph.argument_map
    references: list[tuple[str | None, Path, EntityKind, str]] = [
        (argument_map.framework.asserted_by, ("framework", "asserted_by"), EntityKind.PARTY, "asserted_by"),
        (argument_map.framework.source, ("framework", "source"), EntityKind.SOURCE, "source"),
    ]
    for section in ("claims", "evidence", "rebuttals"):
        for node_id, entry in getattr(argument_map, section).items():
            references.append((entry.by, (section, node_id, "by"), EntityKind.PARTY, "by"))
    for node_id, evidence in argument_map.evidence.items():
        references.append((evidence.source, ("evidence", node_id, "source"), EntityKind.SOURCE, "source"))
        references.append((evidence.cites, ("evidence", node_id, "cites"), EntityKind.SOURCE, "cites"))
    for identifier, path, kind, role in references:
        if identifier is not None:
            problem = _reference(checker, identifier, path, (kind,), role)
            if problem is not None:
                yield problem


def _support_references(graph: ArgumentGraph, checker: _Checker) -> Iterator[Diagnostic]:
    for edge in graph.supports:
        problem = _reference(checker, edge.target, edge.path + ("to",), SUPPORTABLE, "supports")
        if problem is not None:
            if problem.code == "E202" and graph.kind_of(edge.target) is NodeKind.QUESTION:
                problem = dataclasses.replace(
                    problem, hint="support an element of the framework; the question follows from them")
            yield problem


def _attack_references(graph: ArgumentGraph, checker: _Checker) -> Iterator[Diagnostic]:
    # What an undercut may name: a support, or a rebut/undermine attack (an inference too).
    inferences = {(edge.source, edge.target) for edge in graph.supports}
    inferences |= {(a.source, a.target) for a in graph.attacks if a.target is not None}
    for attack in graph.attacks:
        yield from _attack_problems(graph, checker, attack, inferences)


def _attack_problems(graph: ArgumentGraph, checker: _Checker, attack: AttackEdge,
                     supported: set[tuple[str, str]]) -> Iterator[Diagnostic]:
    if (attack.target is None) == (attack.link is None):
        yield error("E207", "an attack names either 'to' (a node) or 'link' (a support relation)",
                    attack.path, hint="use `to:` for rebut and undermine, `link: {from: A, to: B}` for undercut")
        return
    if attack.link is not None:
        if attack.kind is not AttackKind.UNDERCUT:
            yield error("E207", f"a {attack.kind.value} attacks a node, but this attack names a link",
                        attack.path + ("kind",), hint="attacks on a link are undercuts: `kind: undercut`")
            return
        origin, conclusion = attack.link
        problems = [
            _reference(checker, origin, (*attack.path, "link", "from"),
                       (*SUPPORTABLE, NodeKind.EVIDENCE), "the link's 'from'"),
            # Evidence cannot be supported, but it can be undermined: then the undercut names that attack.
            _reference(checker, conclusion, (*attack.path, "link", "to"),
                       ATTACKABLE if (origin, conclusion) in supported else SUPPORTABLE, "the link's 'to'"),
        ]
        found = [p for p in problems if p is not None]
        yield from found
        if found:
            return
        if (origin, conclusion) not in supported:
            origin_node = graph.nodes.get(origin)
            related = (Related(f"'{origin}' is defined here, without that support", origin_node.path,
                               at_key=origin_node.path[-1] != "id"),) if origin_node is not None else ()
            yield error("E206", f"'{origin}' does not support '{conclusion}', so there is no inference to undercut",
                        attack.path + ("link",),
                        hint=f"add '{conclusion}' to the supports of '{origin}', or fix the link",
                        related=related)
        elif origin == attack.source:
            yield error("E205", f"'{attack.source}' undercuts its own inference", attack.path + ("link",))
        return
    assert attack.target is not None
    if attack.kind is AttackKind.UNDERCUT:
        yield error("E207", "an undercut attacks an inference, so it needs 'link', not 'to'",
                    attack.path + ("to",),
                    hint=f"write `link: {{from: {attack.target}, to: <what {attack.target} supports>}}`")
        return
    problem = _reference(checker, attack.target, attack.path + ("to",), ATTACKABLE, "attacks")
    if problem is not None:
        yield problem
    elif attack.target == attack.source:
        yield error("E205", f"'{attack.source}' attacks itself", attack.path + ("to",),
                    hint="a node cannot be a reason against itself; remove the attack")


def _support_cycles(graph: ArgumentGraph) -> Iterator[Diagnostic]:
    """Each strongly connected group of supports is one circular argument, reported once."""
    successors: dict[str, list[str]] = defaultdict(list)
    first_edge: dict[tuple[str, str], Path] = {}
    for edge in graph.supports:
        # Only edges the reference check accepted: a support of evidence or of the question
        # is already an error, and must not also close a "cycle".
        if graph.kind_of(edge.target) in SUPPORTABLE:
            successors[edge.source].append(edge.target)
            first_edge.setdefault((edge.source, edge.target), edge.path)
    for component in strongly_connected_components(graph.nodes, lambda node: successors.get(node, ())):
        if len(component) == 1:
            only = component[0]
            if (only, only) not in first_edge:
                continue
            yield error("E204", f"'{only}' supports itself", first_edge[(only, only)] + ("to",),
                        hint="a claim cannot be its own reason; remove the support")
            continue
        cycle = _cycle_through(component, successors)
        shown = " -> ".join(cycle[:8] + (["..."] if len(cycle) > 8 else []) + [cycle[0]])
        path = first_edge[(cycle[0], cycle[1])]
        # Every other support of the cycle as shown in the message, so each can be found at once.
        steps = list(zip(cycle, cycle[1:] + cycle[:1], strict=True))[1:]
        if len(cycle) > 8:
            steps = steps[:7]
        related = tuple(Related(f"'{a}' supports '{b}'", first_edge[(a, b)] + ("to",)) for a, b in steps)
        yield error("E204", f"support cycle: {shown}", path + ("to",),
                    hint="circular reasoning: remove one of these supports", related=related)


def _cycle_through(component: list[str], successors: dict[str, list[str]]) -> list[str]:
    """One concrete cycle inside a strongly connected component, starting at its first member."""
    members = set(component)
    start = component[0]
    previous: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for child in successors.get(node, ()):
            if child == start:
                cycle = [node]
                while cycle[-1] != start:
                    cycle.append(previous[cycle[-1]])
                return cycle[::-1]
            if child in members and child not in previous:
                previous[child] = node
                queue.append(child)
    return component  # unreachable for a true component; keeps the function total


def _repeated_relations(graph: ArgumentGraph) -> Iterator[Diagnostic]:
    """A relation listed twice counts once in evaluation; the copy is probably a slip."""
    seen: dict[tuple[object, ...], Path] = {}
    relations: list[tuple[tuple[object, ...], Path, str]] = [
        (("supports", e.source, e.target), e.path, f"supports '{e.target}'") for e in graph.supports
    ]
    relations += [(("attacks", a.source, a.target, a.link), a.path,
                   f"attacks '{a.target}'" if a.link is None else f"undercuts {a.link[0]} -> {a.link[1]}")
                  for a in graph.attacks]
    for key, path, what in relations:
        if key in seen:
            yield warning("W305", f"'{key[1]}' {what} more than once", path,
                          hint="remove the repeated entry", related=(Related("first listed here", seen[key]),))
        else:
            seen[key] = path


def _loose_ends(graph: ArgumentGraph, checker: _Checker) -> Iterator[Diagnostic]:
    """Warn of nodes that bear on no element, and of claims with no evidence beneath them.

    Neither is said of a node whose path is cut by an error already reported: a node
    whose relation names an undefined id or the wrong kind counts as bearing on the
    question, and a node whose supporter's reference is misspelt counts as backed by
    it (by the id the hint suggests), so one typo is one diagnostic, not a cascade.
    """
    if checker.unknown_kinds & {NodeKind.ELEMENT, NodeKind.CLAIM, NodeKind.EVIDENCE, NodeKind.REBUTTAL}:
        return  # a whole section is unreadable: any node might connect through it
    bears_on: dict[str, list[str]] = defaultdict(list)  # target -> nodes with a relation to it
    cut_off: list[str] = []  # nodes whose relation is broken: they may well bear on the question
    kinds, broken = checker.kinds, checker.broken
    for support in graph.supports:
        bears_on[support.target].append(support.source)
        if (not (kinds.get(support.target) in SUPPORTABLE or checker.acceptable(support.target, SUPPORTABLE))
                or support.target in broken):
            cut_off.append(support.source)
    for attack in graph.attacks:
        target = attack.target if attack.link is None else attack.link[1]
        if target is not None:
            bears_on[target].append(attack.source)
            if not checker.acceptable(target, ATTACKABLE) or target in checker.broken:
                cut_off.append(attack.source)
        else:
            cut_off.append(attack.source)
    connected = _reachable([*(n.id for n in graph.elements()), *cut_off, *checker.gaps.cut_off], bears_on)

    backed_by_evidence: dict[str, list[str]] = defaultdict(list)
    for support in graph.supports:
        backed_by_evidence[support.source].append(checker.suggested.get(support.target, support.target))
    evidence = (n.id for n in graph.nodes.values() if n.kind is NodeKind.EVIDENCE)
    grounded = _reachable([*evidence, *checker.gaps.supported_by_broken], backed_by_evidence)

    for node in graph.nodes.values():
        if node.kind in (NodeKind.QUESTION, NodeKind.ELEMENT):
            continue
        if node.id not in connected:
            yield warning("W301", f"{node.kind.value} '{node.id}' does not bear on the question",
                          node.path, at_key=True,
                          hint="link it with `supports:` or `attacks:` to a framework element, "
                          "or to a node that leads to one")
        if node.kind is NodeKind.CLAIM and node.id not in grounded:
            yield warning("W302", f"claim '{node.id}' has no evidence beneath it", node.path, at_key=True,
                          hint="add evidence that quotes a source and `supports:` this claim")


def _reachable(starts: Iterable[str], edges: dict[str, list[str]]) -> set[str]:
    seen = set(starts)
    queue = deque(seen)
    while queue:
        for neighbour in edges.get(queue.popleft(), ()):
            if neighbour not in seen:
                seen.add(neighbour)
                queue.append(neighbour)
    return seen
