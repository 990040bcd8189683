"""Property-based tests: the loader and validator on generated text, YAML and maps.

Whatever the input, `check_text` returns diagnostics (never raises), each with a
known code and a position inside the text; and a valid map, however odd its
texts, loads with no problems and keeps every text exactly as written.
"""

from __future__ import annotations

import string
from typing import Any

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from argmap.diagnostics import CODES
from argmap.model import ArgumentMap
from argmap.read.document import CheckedMap, check_bytes, check_text

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_well_formed(result: CheckedMap, text: str) -> None:
    """Every diagnostic has a known code and a position within the text."""
    # libyaml also breaks lines at \r, U+0085, U+2028 and U+2029, so count those too.
    line_count = max(text.count("\n"), len(text.splitlines())) + 1
    for diagnostic in result.diagnostics:
        assert diagnostic.code in CODES, diagnostic
        assert diagnostic.position is not None, diagnostic
        assert 1 <= diagnostic.position.line <= line_count, (diagnostic, line_count)
        assert diagnostic.position.column >= 1, diagnostic
        lines = text.split("\n")
        # Columns are checked where editors and libyaml agree on what a line is.
        plain_breaks = not any(c in text for c in "\r\x85\u2028\u2029")
        if diagnostic.position.line <= len(lines) and plain_breaks:
            assert diagnostic.position.column <= len(lines[diagnostic.position.line - 1]) + 1, diagnostic
        assert diagnostic.file == "gen.yaml"
    if result.errors:
        assert result.failed()
    if result.graph is not None:
        assert result.argument_map is not None


# --- arbitrary text -------------------------------------------------------------------------------

YAML_ALPHABET = string.ascii_letters[:8] + string.digits[:3] + " \n\t:-[]{}#&*!|>'\",?%@`~.\\\x00\ufeff\u2028é"


@FAST
@given(st.text(st.characters(codec=None)))
def test_arbitrary_text_never_raises(text: str) -> None:
    """Any str, lone surrogates included (text handed to the library need not come from a file)."""
    assert_well_formed(check_text(text, "gen.yaml"), text)


@FAST
@given(st.text(alphabet=YAML_ALPHABET, max_size=200))
def test_yaml_ish_text_never_raises(text: str) -> None:
    assert_well_formed(check_text(text, "gen.yaml"), text)


@FAST
@given(st.binary(max_size=200))
def test_arbitrary_bytes_never_raise(raw: bytes) -> None:
    result = check_bytes(raw, "gen.yaml")
    for diagnostic in result.diagnostics:
        assert diagnostic.code in CODES
        assert diagnostic.position is not None and diagnostic.position.line >= 1


# --- generated structures, dumped as YAML ----------------------------------------------------------

FIELD_NAMES = sorted(
    {"argmap", "question", "framework", "parties", "sources", "claims", "evidence", "rebuttals",
     "id", "text", "rule", "elements", "asserted_by", "source", "combine", "standard", "name", "role",
     "title", "kind", "author", "outlet", "date", "url", "file", "by", "supports", "attacks", "note",
     "quote", "locator", "cites", "to", "link", "from", "weight"}
)


def _typo(word: str, data: st.DataObject) -> str:
    """A misspelling: drop, double or swap a character."""
    if len(word) < 2:
        return word + "x"
    index = data.draw(st.integers(0, len(word) - 2))
    how = data.draw(st.sampled_from(["drop", "double", "swap"]))
    if how == "drop":
        return word[:index] + word[index + 1:]
    if how == "double":
        return word[:index] + word[index] + word[index:]
    return word[:index] + word[index + 1] + word[index] + word[index + 2:]


keys = st.one_of(
    st.sampled_from(FIELD_NAMES), st.text(max_size=8), st.from_regex(r"[a-z][a-z0-9-]{0,6}", fullmatch=True)
)
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=20),
    st.sampled_from(["no", "on", "2014-06-15", "012", "~", "1", "rebut", "undercut", "all"]),
)
structures = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=5)),
    max_leaves=25,
)


@FAST
@given(st.dictionaries(keys, structures, max_size=8), st.booleans())
@example({"[key]": None}, False)  # a top-level key spelt like the repair's own marker
def test_random_structures_never_raise(data: dict[str, Any], flow: bool) -> None:
    text = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True)
    assert_well_formed(check_text(text, "gen.yaml"), text)


# --- valid maps -----------------------------------------------------------------------------------

ids = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,12}", fullmatch=True)
# Any text a user might type, including YAML's traps; never empty (the format requires text).
texts = st.one_of(
    # Not NEL, LS, PS: YAML 1.1 reads them as line breaks, and PyYAML's dumper writes them raw
    # inside quoted text, where they fold into spaces (a dumper bug, not the loader's).
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x85\u2028\u2029"),
            min_size=1, max_size=40),
    st.sampled_from(["no", "yes", "on", "off", "2014-06-15", "012", "0x1F", "~", "null", "1e3", ".nan",
                     "Rule: a colon", "# not a comment", "- not a list", "  padded  ", "'quoted'",
                     '"double"', "a\nb", "tab\there", "*alias", "&anchor", "!tag", "%directive"]),
)


@st.composite
def valid_maps(draw: st.DrawFn) -> dict[str, Any]:
    """A map with every node connected and every claim backed by evidence: no errors, no warnings."""
    pool = draw(st.lists(ids, min_size=13, max_size=30, unique=True))  # 3+2+2+3+2 ids and the question
    take = iter(pool)
    element_ids = [next(take) for _ in range(draw(st.integers(1, 3)))]
    party_ids = [next(take) for _ in range(draw(st.integers(0, 2)))]
    source_ids = [next(take) for _ in range(draw(st.integers(1, 2)))]
    claim_ids = [next(take) for _ in range(draw(st.integers(1, 3)))]
    rebuttal_ids = [next(take) for _ in range(draw(st.integers(0, 2)))]
    question_id = next(take)

    def maybe_by() -> dict[str, str]:
        return {"by": draw(st.sampled_from(party_ids))} if party_ids and draw(st.booleans()) else {}

    def support(target: str) -> Any:
        weight = draw(st.one_of(st.none(), st.floats(0, 1)))
        return target if weight is None else {"to": target, "weight": weight}

    claims: dict[str, Any] = {}
    for index, claim_id in enumerate(claim_ids):
        # Earlier claims or elements only: the support graph stays acyclic.
        target = draw(st.sampled_from(element_ids + claim_ids[:index]))
        claims[claim_id] = {"text": draw(texts), **maybe_by(), "supports": [support(target)]}
    evidence: dict[str, Any] = {}
    for claim_id in claim_ids:
        evidence_id = f"{claim_id}-ev"
        evidence[evidence_id] = {
            "quote": draw(texts), "source": draw(st.sampled_from(source_ids)), "locator": draw(texts),
            "supports": [support(claim_id)], **maybe_by(),
        }
    rebuttals: dict[str, Any] = {}
    for rebuttal_id in rebuttal_ids:
        kind = draw(st.sampled_from(["rebut", "undermine", "undercut"]))
        if kind == "undercut":
            claim_id = draw(st.sampled_from(claim_ids))
            attack: Any = {"link": {"from": f"{claim_id}-ev", "to": claim_id}, "kind": "undercut"}
        else:
            attack = {"to": draw(st.sampled_from(claim_ids + list(evidence))), "kind": kind}
        rebuttals[rebuttal_id] = {"text": draw(texts), "attacks": [attack]}
        # A rebuttal needs evidence of its own, or nothing warns; W302 applies to claims only.

    document: dict[str, Any] = {
        "argmap": 1,
        "question": {"id": question_id, "text": draw(texts)},
        "framework": {
            "rule": draw(texts),
            "combine": draw(st.sampled_from(["all", "any"])),
            "elements": {e: {"text": draw(texts)} for e in element_ids},
        },
        "parties": {p: {"name": draw(texts)} for p in party_ids},
        "sources": {s: {"title": draw(texts), "kind": "news", "date": draw(texts)} for s in source_ids},
        "claims": claims,
        "evidence": evidence,
    }
    if rebuttals:
        document["rebuttals"] = rebuttals
    return document


def _texts_of(document: dict[str, Any]) -> dict[tuple[str, ...], str]:
    """Every user text in a generated map, by where it sits."""
    found = {("question", "text"): document["question"]["text"], ("framework", "rule"): document["framework"]["rule"]}
    for e, element in document["framework"]["elements"].items():
        found[("elements", e)] = element["text"]
    for p, party in document["parties"].items():
        found[("parties", p)] = party["name"]
    for s, source in document["sources"].items():
        found[("sources", s, "title")] = source["title"]
        found[("sources", s, "date")] = source["date"]
    for c, claim in document["claims"].items():
        found[("claims", c)] = claim["text"]
    for v, item in document["evidence"].items():
        found[("evidence", v, "quote")] = item["quote"]
        found[("evidence", v, "locator")] = item["locator"]
    for r, rebuttal in document.get("rebuttals", {}).items():
        found[("rebuttals", r)] = rebuttal["text"]
    return found


def _texts_of_model(model: ArgumentMap) -> dict[tuple[str, ...], str]:
    found = {("question", "text"): model.question.text, ("framework", "rule"): model.framework.rule}
    for e, element in model.framework.elements.items():
        found[("elements", e)] = element.text
    for p, party in model.parties.items():
        found[("parties", p)] = party.name
    for s, source in model.sources.items():
        found[("sources", s, "title")] = source.title
        found[("sources", s, "date")] = source.date or ""
    for c, claim in model.claims.items():
        found[("claims", c)] = claim.text
    for v, item in model.evidence.items():
        found[("evidence", v, "quote")] = item.quote
        found[("evidence", v, "locator")] = item.locator
    for r, rebuttal in model.rebuttals.items():
        found[("rebuttals", r)] = rebuttal.text
    return found


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_maps(), st.booleans(), st.integers(20, 200))
def test_valid_maps_validate_and_keep_every_text(document: dict[str, Any], flow: bool, width: int) -> None:
    text = yaml.safe_dump(document, default_flow_style=flow, allow_unicode=True, width=width, sort_keys=False)
    result = check_text(text, "gen.yaml")
    assert [(d.code, d.message, d.position) for d in result.diagnostics] == []
    assert result.argument_map is not None
    assert _texts_of_model(result.argument_map) == _texts_of(document)


@FAST
@given(valid_maps(), st.data())
def test_mutated_maps_never_raise(document: dict[str, Any], data: st.DataObject) -> None:
    """One random edit to a valid map: a key typo, a value of the wrong type, or a deleted field."""
    section = data.draw(st.sampled_from(sorted(document)))
    target: Any = document
    path = [section]
    while isinstance(target.get(path[-1]) if isinstance(target, dict) else None, dict) and data.draw(st.booleans()):
        inner = target[path[-1]]
        if not inner:
            break
        target = inner
        path.append(data.draw(st.sampled_from(sorted(inner))))
    key = path[-1]
    how = data.draw(st.sampled_from(["typo", "retype", "delete"]))
    if how == "typo":
        target[_typo(key, data)] = target.pop(key)
    elif how == "retype":
        target[key] = data.draw(structures)
    else:
        del target[key]
    text = yaml.safe_dump(document, default_flow_style=data.draw(st.booleans()), allow_unicode=True)
    assert_well_formed(check_text(text, "gen.yaml"), text)
