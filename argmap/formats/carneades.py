"""Carneades 4 argument graphs (CAES YAML) read into argmap maps.

How each construct is carried (docs/carneades.md gives the reasons and the differences in status):

- a statement becomes a claim, named by a slug of its text (`¬` read as "not");
- an assumed statement (`assumed: true`, or listed under `assumptions`) becomes evidence quoting
  the graph itself, `locator: statement <id>`: evidence stands unless attacked, as an assumption
  is in unless defeated. If it is also a conclusion, an undercutter or a position, it stays a claim
  (or rebuttal) and the evidence supports it;
- an argument becomes one support per premise, premise -> conclusion, weighted by the argument's
  weight (a `constant` scheme's weight; 1 for `linked`, `convergent` and unnamed schemes; a
  `factorized` or `cumulative` argument's weight with all its premises in). A single premise, or a
  `convergent` argument, is exact; the premises of a linked argument (all needed) become
  independent reasons (any one suffices): reported (W402) and commented;
- an undercutter becomes a rebuttal that undercuts each premise -> conclusion support of its argument;
- an issue becomes a framework element (its proof standard kept: PE, CCE, BRD), supported by its
  first position and rebutted by the others; inside the map, each position that is stronger than
  another under the issue's standard (its heaviest argument, weighed as if applicable) rebuts it.
  Equal positions rebut each other (argmap leaves them undecided where Carneades labels them out);
- `meta` gives the question and the header; `tests` (the labels Carneades expects) go in the header.

Not carried, each reported where it is (W401): `language`, `argument_schemes` beyond a constant
weight, `issue_schemes`, `weighing_functions`, a support that would close a circle of support
(argmap forbids circular support; Carneades labels the circle undecided), unknown fields.

Public API: `NAME`, `SUMMARY`, `SUFFIXES`, `sniff`, `load`.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from pydantic import ValidationError

from argmap.diagnostics import Severity, error, note, warning
from argmap.model import ArgumentMap
from argmap.read.loader import load_text

from . import ImportResult
from .carneades_graph import STANDARDS, CaesReader, greater, read_graph, text_of, weight_of
from .ids import IdMaker

NAME = "carneades"
SUMMARY = "Carneades 4 argument graphs (CAES YAML) in: statements, issues, arguments (docs/carneades.md)"
SUFFIXES = (".yml", ".caes")

SOURCE_ID = "carneades-graph"


def sniff(text: str) -> bool:
    """A Carneades graph has `arguments:` or `statements:` at the top level, and no `argmap:`."""
    lines = text.splitlines()
    return (any(line.startswith(("statements:", "arguments:")) for line in lines)
            and not any(line.startswith("argmap:") for line in lines))


def load(text: str, name: str) -> ImportResult:
    """Read a CAES YAML graph; every construct not carried exactly is a positioned diagnostic."""
    return read(text, name)[0]


def read(text: str, name: str) -> tuple[ImportResult, dict[str, str]]:
    """`load`, and the argmap id each Carneades statement became (to compare labels with statuses)."""
    loaded = load_text(text)
    result = ImportResult(None)
    if loaded.data is None or any(d.severity is Severity.ERROR for d in loaded.diagnostics):
        result.diagnostics = [dataclasses.replace(d, file=name) for d in loaded.diagnostics]
        return result, {}
    reader = CaesReader(name, result, loaded.source_map.locate_span)
    data = loaded.data
    if not isinstance(data, dict) or not (data.get("statements") or data.get("arguments")):
        if isinstance(data, dict) and data.get("argument_schemes"):
            reader.problem(error("E402", "this graph's arguments are not written out: Carneades derives them "
                                         "from its argument schemes with its rule engine, which argmap does not "
                                         "have", hint="export the derived graph from Carneades and import that"),
                           ("argument_schemes",))
        else:
            reader.problem(error("E402", "not a Carneades argument graph: no `statements` or `arguments`",
                                 hint="a CAES YAML file has `statements:`, `arguments:`, `issues:`, "
                                      "`assumptions:`"), ())
        return result, {}
    read_graph(reader, data)
    if result.errors:
        return result, {}
    return _build(reader, data), reader.node_ids


def _build(reader: CaesReader, data: dict[str, Any]) -> ImportResult:
    result = reader.result
    ids = IdMaker({SOURCE_ID})
    node_id = reader.node_ids
    for statement, text in reader.statements.items():
        # "not" is no word for a slug to keep; "negated" says the same and stays in the id.
        node_id[statement] = ids.make(text.replace("\u00ac", "negated "), fallback="statement")

    undercutters = {a.undercutter for a in reader.arguments if a.undercutter}
    conclusions = {a.conclusion for a in reader.arguments}
    positions = {p for _, ps, _, _ in reader.issues for p in ps}
    premise_count: dict[str, int] = {}
    for _, issue_positions, _, _ in reader.issues:
        distinct = {p for a in reader.arguments if a.conclusion in issue_positions for p in a.premises}
        for position in issue_positions:
            premise_count[position] = len(distinct)

    title = text_of((data.get("meta") or {}).get("title")) if isinstance(data.get("meta"), dict) else None
    title = title or reader.name
    claims: dict[str, dict[str, Any]] = {}
    evidence: dict[str, dict[str, Any]] = {}
    rebuttals: dict[str, dict[str, Any]] = {}

    def entry(statement: str) -> dict[str, Any]:
        identifier = node_id[statement]
        return claims.get(identifier) or rebuttals.get(identifier) or evidence[identifier]

    for statement, text in reader.statements.items():
        identifier = node_id[statement]
        plain_assumption = (statement in reader.assumed and statement not in conclusions
                            and statement not in undercutters and statement not in positions)
        if plain_assumption:
            evidence[identifier] = {"quote": text, "source": SOURCE_ID, "locator": f"statement {statement}",
                                    "supports": [], "attacks": []}
            continue
        target = rebuttals if statement in undercutters else claims
        target[identifier] = {"text": text, "supports": [], "attacks": []}
        if statement in reader.assumed:
            quote_id = ids.make(f"assumed {text}")
            evidence[quote_id] = {"quote": text, "source": SOURCE_ID, "locator": f"assumption {statement}",
                                  "supports": [identifier], "attacks": []}
            result.comment(("evidence", quote_id), f"Carneades assumes '{statement}'; this quote of the graph "
                                                   "stands for the assumption.")

    # Supports, in argument order; a support closing a circle is left out (argmap forbids circular support).
    supported: dict[tuple[str, str], float] = {}
    successors: dict[str, set[str]] = {}

    def reaches(start: str, goal: str) -> bool:
        seen, stack = {start}, [start]
        while stack:
            current = stack.pop()
            if current == goal:
                return True
            for following in successors.get(current, ()):
                if following not in seen:
                    seen.add(following)
                    stack.append(following)
        return False

    for argument in reader.arguments:
        weight = weight_of(reader, argument, premise_count)
        conclusion = node_id[argument.conclusion]
        sources: list[tuple[str | None, str]] = [(premise, node_id[premise]) for premise in argument.premises]
        if not argument.premises:
            # Always applicable in Carneades: here, a quote of the graph that stands unless attacked.
            quote_id = ids.make(f"argument {argument.key}")
            evidence[quote_id] = {"quote": f"Argument {argument.key} concludes "
                                           f"{reader.statements[argument.conclusion]} without premises.",
                                  "source": SOURCE_ID, "locator": f"argument {argument.key}",
                                  "supports": [], "attacks": []}
            sources = [(None, quote_id)]
        if len(argument.premises) > 1 and argument.scheme != "convergent":
            reader.problem(warning("W402", f"argument '{argument.key}' links {len(argument.premises)} premises "
                                   "(all needed); argmap carries each as an independent reason",
                                   hint="the conclusion may stand in argmap where Carneades needs every premise"),
                           argument.path)
            result.comment(("claims", conclusion) if conclusion in claims else ("rebuttals", conclusion),
                           f"Carneades argument {argument.key} needs all of its premises together; here each "
                           "premise supports this on its own.")
        known = argument.scheme in (None, "linked", "convergent", "factorized") or argument.scheme in reader.constant
        if not known:
            reader.problem(warning("W402", f"argument '{argument.key}': scheme '{argument.scheme}' is weighed at "
                                   "evaluation time by Carneades; argmap uses weight 1"),
                           (*argument.path, "scheme"))
        for premise, source in sources:
            if source == conclusion or reaches(conclusion, source):
                reader.problem(warning("W401", f"argument '{argument.key}': the support from '{premise}' to "
                                       f"'{argument.conclusion}' would close a circle of support, which argmap "
                                       "forbids; it is left out",
                                       hint="Carneades labels such a circle undecided; argmap rejects what "
                                            "only the circle supports"), argument.path)
                continue
            pair = (source, conclusion)
            if pair in supported:
                supported[pair] = max(supported[pair], weight)
                continue
            supported[pair] = weight
            successors.setdefault(source, set()).add(conclusion)
            relation: dict[str, Any] = {"to": conclusion}
            if weight != 1.0:
                relation["weight"] = round(weight, 6)
            (evidence[source] if premise is None else entry(premise))["supports"].append(relation)
        if argument.undercutter:
            undercut_by = entry(argument.undercutter)
            for _, source in sources:
                if (source, conclusion) in supported:
                    undercut_by["attacks"].append({"link": {"from": source, "to": conclusion},
                                                   "kind": "undercut"})

    # Issues: the stronger position rebuts the weaker; each issue is an element of the framework.
    elements: dict[str, dict[str, Any]] = {}
    strongest: dict[str, float] = {}
    for argument in reader.arguments:
        strongest[argument.conclusion] = max(strongest.get(argument.conclusion, 0.0),
                                             weight_of(reader, argument, premise_count))
    for key, issue_positions, standard, path in reader.issues:
        if not issue_positions:
            reader.problem(warning("W401", f"issue '{key}' has no positions; not carried"), path)
            continue
        for first in issue_positions:
            for second in issue_positions:
                if first == second:
                    continue
                a, b = strongest.get(first, 0.0), strongest.get(second, 0.0)
                tie = not greater(standard, a, b) and not greater(standard, b, a)
                if (greater(standard, a, b) or (tie and a > 0)) and node_id[first] in claims:
                    claims[node_id[first]]["attacks"].append({"to": node_id[second], "kind": "rebut"})
                if tie and a > 0 and b > 0 and first < second:
                    reader.problem(warning("W402", f"issue '{key}': '{first}' and '{second}' weigh the same when "
                                           "both apply; then Carneades labels both out, argmap leaves both "
                                           "undecided"), path)
        element_id = ids.make(f"issue {key}")
        first = issue_positions[0]
        elements[element_id] = {"text": reader.statements[first], "standard": STANDARDS[standard],
                                "note": f"Carneades issue {key}; positions: "
                                        + "; ".join(reader.statements[p] for p in issue_positions)}
        if node_id[first] in claims:
            claims[node_id[first]]["supports"].append({"to": element_id})
        for other in issue_positions[1:]:
            if node_id[other] in claims:
                claims[node_id[other]]["attacks"].append({"to": element_id, "kind": "rebut"})
    if not elements:
        supported_by = {node_id[a.conclusion] for a in reader.arguments}
        premises = {node_id[p] for a in reader.arguments for p in a.premises}
        final = [i for i in claims if i in supported_by and i not in premises] or list(claims)
        element_id = ids.make("conclusions hold")
        elements[element_id] = {"text": f"The conclusions of {title} hold."}
        for identifier in final:
            claims[identifier]["supports"].append({"to": element_id})
        result.comment(("framework", "elements", element_id),
                       "The graph has no issues: this element gathers its final conclusions.")

    for identifier in [i for i, r in rebuttals.items() if not r["attacks"]]:
        # An undercutter whose argument kept no support has nothing left to attack: a claim says it.
        claims[identifier] = rebuttals.pop(identifier)
    question_id = ids.make(f"question {title}")
    argument_map_data: dict[str, Any] = {
        "argmap": 1,
        "question": {"id": question_id, "text": f"Do the positions at issue in {title} hold?"},
        "framework": {"rule": f"The argument graph {title}, as Carneades 4 states it: each issue is decided "
                              "under its proof standard.", "combine": "all", "elements": elements},
        "sources": {SOURCE_ID: {"title": title, "kind": "other"}},
        "claims": claims, "evidence": evidence, "rebuttals": rebuttals,
    }
    reader.problem(note("I401", "the question and the framework's rule are supplied by the import: a "
                                "Carneades graph has neither"), ())
    try:
        result.map = ArgumentMap.model_validate(argument_map_data)
    except ValidationError as exc:
        reader.problem(error("E402", f"the graph does not make a valid map: {exc.errors()[0]['msg']}"), ())
        return result
    result.header += [f"Imported from the Carneades 4 argument graph {reader.name}.",
                      "Each statement keeps its Carneades id in a note or locator; see docs/carneades.md."]
    tests = data.get("tests")
    if isinstance(tests, dict):
        for label in ("in", "out", "undecided"):
            listed = tests.get(label)
            if isinstance(listed, list) and listed:
                names = ", ".join(node_id.get(str(s), str(s)) for s in listed)
                result.header.append(f"Carneades expects {label}: {names}")
    for statement, identifier in node_id.items():
        if identifier in claims and statement != identifier:
            result.comment(("claims", identifier), f"Carneades statement {statement}")
        elif identifier in rebuttals and statement != identifier:
            result.comment(("rebuttals", identifier), f"Carneades statement {statement}")
    return result
