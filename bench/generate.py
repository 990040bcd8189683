"""Generate large, realistic, valid argument maps for the benchmarks.

The maps look like `arguments.yaml` scaled up: a question, a framework of
three elements, parties and sources, then claims (~120 characters of text),
evidence (verbatim-looking quotes of ~200 characters, with `source`,
`locator`, often `by` and `cites`) and rebuttals. Relations average about two
per node: supports (some weighted) and attacks of all three kinds, including
undercuts on support links that exist.

Every generated map is valid with no warnings:
- supports never form a cycle: a claim supports only an element or an earlier
  claim; evidence supports claims and rebuttals; a rebuttal supports only claims;
- every claim has evidence beneath it: the first evidence items support the
  claims one by one;
- every node leads to an element: claims chain down to an element, and every
  evidence item and rebuttal supports or attacks a node that does.

`nodes` counts what `argmap validate` calls nodes: the question, the elements,
claims, evidence and rebuttals (parties and sources come on top).

    python bench/generate.py 10000 -o /tmp/map-10k.yaml [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import sys
import textwrap
from collections.abc import Collection
from pathlib import Path

ELEMENTS = {
    "threat-to-us": "The targets of the strikes pose a threat to US security and interests.",
    "threat-imminent": "That threat to the United States is imminent.",
    "strikes-necessary": "Force is necessary because no other means would meet the threat in time.",
}

_WORDS_TEXT = """
administration afghan afghanistan airport al-qaeda alliance allied analysis attack attacks
authority authorization border caliphate campaign capable central claimed combat command
congress congressional consent constitutional coordinated counterterrorism covert declared
drone drones enemies enemy evidence extralegal fighters force foreign government governments
group groups haqqani history hostility imminent influence insurgents intelligence interests
islamic jihad joint justification karachi lawful lawyers leadership legal militant militants
military movement network north offensive officials online operations pakistan pakistani
president pressure proxies publications regional report reported retaliation rule safe security
sources staging state strike strikes support taliban targets territory threat threats tribal
united states uzbek uzbekistan viable waziristan west western weapons withdrawal warrant
"""
WORDS = _WORDS_TEXT.split()

_FILLER_TEXT = """
the the the of of of and and a a to to in in that that is is was was it its as as for for on by
with from which this may not has have been had would could also only even
"""
FILLER = _FILLER_TEXT.split()

SOURCE_KINDS = ("report", "commentary", "government-statement", "news", "book", "other")
AttackSpec = tuple[str, "str | tuple[str, str]", "float | None"]
"""(kind, target, weight): the target is a node id, or the (from, to) support link of an undercut."""
THREAD_CLAIMS = 12
"""Claims per thread: one line of argument, with its evidence and rebuttals (~50 nodes)."""


class _Text:
    """Sentence-like text of a target length from a fixed vocabulary."""

    def __init__(self, rng: random.Random):
        self._rng = rng

    def sentence(self, mean: int, spread: int) -> str:
        rng = self._rng
        target = max(20, int(rng.gauss(mean, spread)))
        words: list[str] = []
        length = 0
        while length < target:
            word = rng.choice(WORDS) if rng.random() < 0.55 else rng.choice(FILLER)
            if words and rng.random() < 0.06:
                words[-1] += ","
            words.append(word)
            length += len(word) + 1
        text = " ".join(words).rstrip(",")
        return text[0].upper() + text[1:] + "."

    def slug(self) -> str:
        return f"{self._rng.choice(WORDS)}-{self._rng.choice(WORDS)}".replace("al-qaeda", "alqaeda")


def _weight(rng: random.Random) -> float:
    return rng.choice((0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7, 0.8))


def _folded(key: str, text: str, indent: str) -> list[str]:
    """`key: >-` followed by the text wrapped as in a hand-written file."""
    lines = textwrap.wrap(text, width=76 - len(indent) - 2)
    return [f"{indent}{key}: >-"] + [f"{indent}  {line}" for line in lines]


def _support_item(target: str, weight: float | None) -> str:
    return f"{{to: {target}, weight: {weight}}}" if weight is not None else target


def _attack_item(attack: AttackSpec) -> list[str]:
    kind, target, weight = attack
    weight_part = f", weight: {weight}" if weight is not None else ""
    if kind == "undercut":
        assert isinstance(target, tuple)
        origin, conclusion = target
        lines = [f"      - link: {{from: {origin}, to: {conclusion}}}", "        kind: undercut"]
        if weight is not None:
            lines.append(f"        weight: {weight}")
        return lines
    return [f"      - {{to: {target}, kind: {kind}{weight_part}}}"]


def _relations(supports: list[tuple[str, float | None]],
               attacks: list[AttackSpec]) -> list[str]:
    lines: list[str] = []
    if supports:
        lines.append("    supports:")
        lines += [f"      - {_support_item(t, w)}" for t, w in supports]
    if attacks:
        lines.append("    attacks:")
        for attack in attacks:
            lines += _attack_item(attack)
    return lines


def generate_map(nodes: int, seed: int = 0) -> str:
    """The YAML text of a valid map with exactly `nodes` nodes (at least 10)."""
    if nodes < 10:
        raise ValueError("a generated map has at least 10 nodes")
    rng = random.Random(seed)
    text = _Text(rng)
    elements = list(ELEMENTS)
    remaining = nodes - 1 - len(elements)
    n_claims = round(remaining * 0.25)
    n_rebuttals = round(remaining * 0.20)
    n_evidence = remaining - n_claims - n_rebuttals

    parties = [f"party-{text.slug()}-{i}" for i in range(max(5, nodes // 100))]
    sources = [f"src-{text.slug()}-{i}" for i in range(max(5, nodes // 40))]
    claims = [f"{text.slug()}-{i}" for i in range(n_claims)]
    evidence = [f"ev-{text.slug()}-{i}" for i in range(n_evidence)]
    rebuttals = [f"re-{text.slug()}-{i}" for i in range(n_rebuttals)]

    def maybe_weight(probability: float) -> float | None:
        return _weight(rng) if rng.random() < probability else None

    def by() -> str | None:
        return rng.choice(parties) if rng.random() < 0.9 else None

    # --- relations, decided before writing so that undercuts name real supports ---
    # The map is a sequence of threads, each a debate over one line of argument:
    # a dozen claims, their evidence and the rebuttals aimed at them. Most
    # relations stay inside a thread, as in a real map; a few cross over.
    n_threads = -(-n_claims // THREAD_CLAIMS)

    def thread_claims(thread: int) -> range:
        return range(thread * THREAD_CLAIMS, min((thread + 1) * THREAD_CLAIMS, n_claims))

    def claim_in(thread: int, exclude: Collection[str] = ()) -> str | None:
        choices = [claims[c] for c in thread_claims(thread) if claims[c] not in exclude]
        return rng.choice(choices) if choices else None

    support_links: list[list[tuple[str, str]]] = [[] for _ in range(n_threads)]
    claims_set = set(claims)
    evidence_in: list[list[str]] = [[] for _ in range(n_threads)]
    rebuttals_in: list[list[str]] = [[] for _ in range(n_threads)]
    for k, rebuttal in enumerate(rebuttals):
        rebuttals_in[k * n_threads // n_rebuttals].append(rebuttal)

    claim_supports: list[list[tuple[str, float | None]]] = []
    claim_attacks: list[list[AttackSpec]] = []
    for i, claim in enumerate(claims):
        thread = i // THREAD_CLAIMS
        earlier = [claims[c] for c in range(thread * THREAD_CLAIMS, i)]
        first = rng.choice(elements) if not earlier or rng.random() < 0.15 else rng.choice(earlier)
        supports = [(first, maybe_weight(0.5))]
        if rng.random() < 0.6:
            if i > 0 and rng.random() < 0.1:  # across threads, always to an earlier claim
                second = claims[rng.randrange(i)]
            else:
                second = rng.choice(earlier) if earlier and rng.random() < 0.7 else rng.choice(elements)
            if second != first:
                supports.append((second, maybe_weight(0.5)))
        attacks: list[AttackSpec] = []
        if rng.random() < 0.4:
            target = claim_in(thread, {claim} | {t for t, _ in supports})
            if target is not None:
                attacks.append(("rebut", target, maybe_weight(0.4)))
        claim_supports.append(supports)
        claim_attacks.append(attacks)
        support_links[thread] += [(claim, t) for t, _ in supports]

    evidence_supports: list[list[tuple[str, float | None]]] = []
    evidence_attacks: list[list[AttackSpec]] = []
    for j, item in enumerate(evidence):
        if j < n_claims:  # every claim gets evidence of its own
            thread, first = j // THREAD_CLAIMS, claims[j]
        else:
            thread = rng.randrange(n_threads)
            if rng.random() < 0.15 and rebuttals_in[thread]:
                first = rng.choice(rebuttals_in[thread])
            else:
                first = rng.choice([claims[c] for c in thread_claims(thread)])
        supports = [(first, maybe_weight(0.3))]
        if rng.random() < 0.7:
            also = claim_in(thread, {first})
            if also is not None:
                supports.append((also, maybe_weight(0.3)))
        attacks = []
        if rng.random() < 0.3:
            target = claim_in(thread, {t for t, _ in supports})
            if target is not None:
                attacks.append(("rebut", target, maybe_weight(0.4)))
        evidence_supports.append(supports)
        evidence_attacks.append(attacks)
        if first in claims_set:
            # Only evidence for claims is undermined or undercut: an attack on evidence for
            # a rebuttal could be that rebuttal's only link to the rest of the map.
            evidence_in[thread].append(item)
            support_links[thread] += [(item, t) for t, _ in supports]

    rebuttal_supports: list[list[tuple[str, float | None]]] = []
    rebuttal_attacks: list[list[AttackSpec]] = []
    for k, rebuttal in enumerate(rebuttals):
        thread = k * n_threads // n_rebuttals
        before = rebuttals_in[thread][: rebuttals_in[thread].index(rebuttal)]

        def attack(thread: int = thread, before: list[str] = before) -> AttackSpec:
            roll = rng.random()
            weight = maybe_weight(0.5)
            if rng.random() < 0.05:  # now and then, a rebuttal aimed at another thread
                thread = rng.randrange(n_threads)
                before = []
            if 0.40 <= roll < 0.65 and evidence_in[thread]:
                return ("undermine", rng.choice(evidence_in[thread]), weight)
            if 0.65 <= roll < 0.85 and support_links[thread]:
                return ("undercut", rng.choice(support_links[thread]), weight)
            if roll >= 0.85 and before:
                return ("rebut", rng.choice(before), weight)
            return ("rebut", rng.choice([claims[c] for c in thread_claims(thread)]), weight)

        attacks = [attack()]
        if rng.random() < 0.6:
            another = attack()
            if another[1] != attacks[0][1]:
                attacks.append(another)
        supports = []
        if rng.random() < 0.4:
            backed = claim_in(thread, {str(a[1]) for a in attacks})
            if backed is not None:
                supports.append((backed, maybe_weight(0.5)))
        rebuttal_supports.append(supports)
        rebuttal_attacks.append(attacks)

    # --- the text ---
    out: list[str] = [
        f"# A generated argument map: {nodes:,} nodes, seed {seed} (bench/generate.py).",
        "",
        "argmap: 1",
        "",
        "question:",
        "  id: strikes-lawful-without-congress",
        *_folded("text", "May the president lawfully order the drone strikes without congressional "
                 "authorization, on the ground that their targets posed an imminent threat to US "
                 "security and interests?", "  "),
        "",
        "framework:",
        *_folded("rule", "The president has constitutional authority to conduct drone strikes, even "
                 "without a congressional authorization to use force, so long as targets pose an "
                 "imminent threat to US security and interests.", "  "),
        f"  asserted_by: {parties[0]}",
        f"  source: {sources[0]}",
        "  combine: all",
        "  standard: preponderance",
        "  elements:",
    ]
    for element, statement in ELEMENTS.items():
        out += [f"    {element}:", f"      text: {statement}"]

    out += ["", "parties:"]
    for party in parties:
        name = " ".join(w.capitalize() for w in party.split("-")[1:3])
        out += [f"  {party}:", f"    name: {name}", f"    role: {text.sentence(50, 10)[:-1].lower()}"]

    out += ["", "sources:"]
    for source in sources:
        out += [f"  {source}:", f"    title: {text.sentence(60, 15)[:-1]}",
                f"    kind: {rng.choice(SOURCE_KINDS)}"]
        if rng.random() < 0.6:
            out.append(f"    author: {rng.choice(WORDS).capitalize()} {rng.choice(WORDS).capitalize()}")
        if rng.random() < 0.7:
            out.append(f"    outlet: The {rng.choice(WORDS).capitalize()} Review")
        out.append(f'    date: "{rng.randrange(2001, 2015)}-{rng.randrange(1, 13):02d}"')

    out += ["", "# " + "=" * 75, "# CLAIMS", "# " + "=" * 75, "claims:"]
    for i, claim in enumerate(claims):
        if i % 50 == 0:
            out += ["", f"  # --- claims {i + 1} to {min(i + 50, n_claims)} ---", ""]
        out.append(f"  {claim}:")
        out += _folded("text", text.sentence(120, 30), "    ")
        who = by()
        if who:
            out.append(f"    by: {who}")
        if rng.random() < 0.05:
            out += _folded("note", text.sentence(100, 30), "    ")
        out += _relations(claim_supports[i], claim_attacks[i])

    out += ["", "# " + "=" * 75, "# EVIDENCE: verbatim quotes", "# " + "=" * 75, "evidence:"]
    for j, item in enumerate(evidence):
        if j % 50 == 0:
            out += ["", f"  # --- evidence {j + 1} to {min(j + 50, n_evidence)} ---", ""]
        quote = text.sentence(200, 50)
        if rng.random() < 0.2:
            quote = quote.replace(" the ", " the \u201cimminent\u201d ", 1).replace("s ", "\u2019s ", 1)
        source = rng.choice(sources)
        out += [f"  {item}:", f'    quote: "{quote}"', f"    source: {source}",
                f'    locator: "para. {rng.randrange(1, 60)}"']
        who = by()
        if who:
            out.append(f"    by: {who}")
        if rng.random() < 0.3:
            cited = rng.choice(sources)
            if cited != source:
                out.append(f"    cites: {cited}")
        out += _relations(evidence_supports[j], evidence_attacks[j])

    out += ["", "# " + "=" * 75, "# REBUTTALS", "# " + "=" * 75, "rebuttals:"]
    for k, rebuttal in enumerate(rebuttals):
        if k % 50 == 0:
            out += ["", f"  # --- rebuttals {k + 1} to {min(k + 50, n_rebuttals)} ---", ""]
        out.append(f"  {rebuttal}:")
        out += _folded("text", text.sentence(150, 35), "    ")
        who = by()
        if who:
            out.append(f"    by: {who}")
        out += _relations(rebuttal_supports[k], rebuttal_attacks[k])
    return "\n".join(out) + "\n"


def write_map(path: str | Path, nodes: int, seed: int = 0) -> Path:
    path = Path(path)
    path.write_text(generate_map(nodes, seed), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate a valid argument map of a given size.")
    parser.add_argument("nodes", type=int, help="number of nodes (question, elements, claims, "
                        "evidence, rebuttals)")
    parser.add_argument("-o", "--output", help="file to write (default: standard output)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    text = generate_map(args.nodes, args.seed)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
