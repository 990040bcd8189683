"""Generated maps with every construct an export must carry, for the formats' property tests."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from argmap.model import ArgumentMap

ids = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,10}", fullmatch=True)
texts = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30).filter(lambda t: t.strip()),
    st.sampled_from(["no", "2014-06-15", "  padded  ", "a\nb", "tab\there", "\x1b[31m", "\u202eevil", "#"]),
)
weights = st.one_of(st.none(), st.floats(0, 1))


@st.composite
def maps(draw: st.DrawFn) -> ArgumentMap:
    """Valid maps with every construct AIF must carry: weights, all three attacks, parties, sources,
    locators, cites, notes, standards."""
    pool = iter(draw(st.lists(ids, min_size=16, max_size=16, unique=True)))
    elements = [next(pool) for _ in range(draw(st.integers(1, 2)))]
    parties = [next(pool) for _ in range(draw(st.integers(0, 2)))]
    sources = [next(pool) for _ in range(2)]
    claims = [next(pool) for _ in range(draw(st.integers(1, 3)))]
    rebuttals = [next(pool) for _ in range(draw(st.integers(0, 3)))]
    question = next(pool)

    def by() -> dict[str, Any]:
        return {"by": draw(st.sampled_from(parties))} if parties and draw(st.booleans()) else {}

    def weighted(value: dict[str, Any]) -> dict[str, Any]:
        weight = draw(weights)
        return value if weight is None else {**value, "weight": weight}

    claim_data: dict[str, Any] = {}
    for index, claim in enumerate(claims):
        targets = draw(st.lists(st.sampled_from(elements + claims[:index]), min_size=1, max_size=2, unique=True))
        claim_data[claim] = {"text": draw(texts), **by(), "supports": [weighted({"to": t}) for t in targets]}
        if draw(st.booleans()):
            claim_data[claim]["note"] = draw(texts)
    evidence = {
        f"{claim}-ev": {"quote": draw(texts), "source": draw(st.sampled_from(sources)), "locator": draw(texts),
                        **by(), "supports": [weighted({"to": claim})],
                        **({"cites": sources[1]} if draw(st.booleans()) else {})}
        for claim in claims
    }
    supports = [(e, c) for e, v in evidence.items() for c in [v["supports"][0]["to"]]]
    rebuttal_data: dict[str, Any] = {}
    for rebuttal in rebuttals:
        kind = draw(st.sampled_from(["rebut", "undermine", "undercut"]))
        # Attacks already made can be undercut too (an undercut of an attack, issue 8).
        attacked = [(r, a["to"]) for r, v in rebuttal_data.items() for a in v["attacks"] if "to" in a]
        if kind == "undercut":
            source, target = draw(st.sampled_from(supports + attacked))
            attack: dict[str, Any] = {"link": {"from": source, "to": target}, "kind": kind}
        else:
            attack = {"to": draw(st.sampled_from(claims + list(evidence) + elements)), "kind": kind}
        rebuttal_data[rebuttal] = {"text": draw(texts), **by(), "attacks": [weighted(attack)]}
    standards = st.sampled_from(["scintilla", "preponderance", "clear-and-convincing"])
    return ArgumentMap.model_validate({
        "argmap": 1,
        "question": {"id": question, "text": draw(texts)},
        "framework": {
            "rule": draw(texts), "combine": draw(st.sampled_from(["all", "any"])), "standard": draw(standards),
            **({"asserted_by": parties[0]} if parties else {}),
            "elements": {e: {"text": draw(texts), **({"standard": draw(standards)} if draw(st.booleans()) else {})}
                         for e in elements},
        },
        "parties": {p: {"name": draw(texts), **({"role": draw(texts)} if draw(st.booleans()) else {})}
                    for p in parties},
        "sources": {s: {"title": draw(texts), "kind": "news", "date": draw(texts)} for s in sources},
        "claims": claim_data,
        "evidence": evidence,
        "rebuttals": rebuttal_data,
    })
