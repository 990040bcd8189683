"""Weights and proof standards: when the reasons bearing on an element establish it.

The standards follow Carneades (Gordon, Prakken & Walton, "The Carneades model
of argument and burden of proof", Artificial Intelligence 171, 2007; Gordon &
Walton, "Proof burdens and standards", in Argumentation in Artificial
Intelligence, 2009). Each compares the accrued force of the reasons for an
element that apply (pro) with that of the reasons against it (con); see
docs/semantics.md, "Elements and proof standards".

Public API: the weight constants, the threshold constants, `STANDARD_NAMES`,
`meets(standard, pro, con)` and `describe(standard)`.
"""

from __future__ import annotations

from argmap.model import ProofStandard

DEFAULT_WEIGHT = 1.0
"""Weight of a support or attack that gives none: the map's convention is that
weights are written only where a relation is weaker than a plain, full one."""

CLEAR_AND_CONVINCING_MIN_PRO = 0.5
"""Clear and convincing evidence: the reasons for must weigh more than this (Carneades' alpha)."""

CLEAR_AND_CONVINCING_MIN_MARGIN = 0.3
"""Clear and convincing evidence: and outweigh the reasons against by more than this (beta)."""

BEYOND_REASONABLE_DOUBT_MAX_CON = 0.2
"""Beyond reasonable doubt: clear and convincing, and the reasons against weigh less than this (gamma)."""

STANDARD_NAMES: dict[ProofStandard, str] = {
    ProofStandard.SCINTILLA: "scintilla of evidence",
    ProofStandard.PREPONDERANCE: "preponderance of the evidence",
    ProofStandard.CLEAR_AND_CONVINCING: "clear and convincing evidence",
    ProofStandard.BEYOND_REASONABLE_DOUBT: "beyond reasonable doubt",
    ProofStandard.DIALECTICAL_VALIDITY: "dialectical validity",
}

_REQUIREMENTS: dict[ProofStandard, str] = {
    ProofStandard.SCINTILLA: "at least one accepted reason for",
    ProofStandard.PREPONDERANCE: "the reasons for to outweigh the reasons against",
    ProofStandard.CLEAR_AND_CONVINCING: (
        f"the reasons for to weigh more than {CLEAR_AND_CONVINCING_MIN_PRO:g} and to outweigh "
        f"the reasons against by more than {CLEAR_AND_CONVINCING_MIN_MARGIN:g}"
    ),
    ProofStandard.BEYOND_REASONABLE_DOUBT: (
        "clear and convincing evidence, with the reasons against weighing less than "
        f"{BEYOND_REASONABLE_DOUBT_MAX_CON:g}"
    ),
    ProofStandard.DIALECTICAL_VALIDITY: "at least one accepted reason for and none against",
}


def meets(standard: ProofStandard, pro: float | None, con: float | None) -> bool:
    """Whether reasons for that accrue to `pro` and reasons against that accrue to `con` meet the standard.

    None means there is no such reason at all (which matters only for
    dialectical validity and scintilla).
    """
    standard = ProofStandard(standard)  # also accept the plain name, e.g. "scintilla"
    if pro is None:
        return False
    against = 0.0 if con is None else con
    if standard is ProofStandard.SCINTILLA:
        return True
    if standard is ProofStandard.DIALECTICAL_VALIDITY:
        return con is None
    if standard is ProofStandard.PREPONDERANCE:
        return round(pro - against, 9) > 0
    # Rounded so that 0.6 - 0.3 counts as 0.3, as a reader of the map would reckon it.
    clear = pro > CLEAR_AND_CONVINCING_MIN_PRO and round(pro - against, 9) > CLEAR_AND_CONVINCING_MIN_MARGIN
    if standard is ProofStandard.CLEAR_AND_CONVINCING:
        return clear
    return clear and against < BEYOND_REASONABLE_DOUBT_MAX_CON


def describe(standard: ProofStandard) -> str:
    """What the standard requires, as a phrase: 'needs <describe(...)>'."""
    return _REQUIREMENTS[standard]
