"""What an evaluation says: statuses, the reasons bearing on a node or element as weighed, and the roll-up.

The values `semantics.evaluate` returns (`Status`, `ElementStatus`,
`Answer`, `Bearing`, `ElementResult`, `Weighing`) and the rules that turn
the reasons bearing on an element into its status under a proof standard
(`weigh`, docs/semantics.md section 2) and the elements into the answer
(`combine`).

Public API: `Status`, `ElementStatus`, `Answer`, `STATUS_OF_LABEL`,
`Bearing`, `ElementResult`, `Weighing`, `strongest_first`, `accrued`,
`weigh`, `combine`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from argmap.model import Combination, ProofStandard

from .framework import accrue
from .standards import meets
from .whatif import Forced


class Status(StrEnum):
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    UNDECIDED = "undecided"


class ElementStatus(StrEnum):
    ESTABLISHED = "established"
    NOT_ESTABLISHED = "not established"
    UNDECIDED = "undecided"


class Answer(StrEnum):
    YES = "yes"
    NO = "no"
    UNDECIDED = "undecided"


STATUS_OF_LABEL: tuple[Status, Status, Status] = (Status.UNDECIDED, Status.ACCEPTED, Status.REJECTED)
"""Indexed by the labels UNDEC, IN, OUT."""

@dataclass(frozen=True, slots=True)
class Bearing:
    """One relation bearing on a node or element: a reason for (pro) or against (con) it, as weighed."""

    node: str
    """The supporter or attacker."""
    weight: float
    """The weight the map gives the relation (1 where it gives none)."""
    status: Status
    """Accepted when the relation applies (its source is accepted and no undercut cuts it away
    entirely), rejected when it cannot, undecided otherwise."""
    force: float | None
    """What it weighed: min(weight, its source's strength) less the share undercuts cut away;
    0 when it does not apply, None while undecided."""
    most: float
    """The most it could weigh (its force, or while undecided its weight capped by what its
    source's reasons could reach)."""
    kind: str = "support"
    """support, rebut, undermine."""

    @property
    def counted(self) -> float:
        """The force this reason counts with once decided (0 when it does not apply)."""
        return self.force if self.force is not None else 0.0


@dataclass(frozen=True, slots=True)
class ElementResult:
    id: str
    status: ElementStatus
    standard: ProofStandard
    pro: tuple[Bearing, ...]
    con: tuple[Bearing, ...]
    forced: Forced | None = None

    def strongest(self, side: str, status: Status = Status.ACCEPTED) -> Bearing | None:
        """The heaviest reason for ('pro') or against ('con') with the given status (first in file order on a tie)."""
        bearings = [b for b in (self.pro if side == "pro" else self.con) if b.status is status]
        return max(bearings, key=lambda b: b.counted if status is Status.ACCEPTED else b.most, default=None)

    def weighed(self, side: str) -> float | None:
        """The accrued force of the applying reasons for ('pro') or against ('con'); None if there are none."""
        return accrued(self.pro if side == "pro" else self.con, possible=False)


def accrued(bearings: tuple[Bearing, ...], possible: bool) -> float | None:
    """The accrued force of the reasons that apply (and, if `possible`, of the undecided ones at
    the most they could weigh); None when there is no such reason."""
    counted = [b.counted for b in bearings if b.status is Status.ACCEPTED]
    if possible:
        counted += [b.most for b in bearings if b.status is Status.UNDECIDED]
    return accrue(counted) if counted else None


def weigh(standard: ProofStandard, pro: tuple[Bearing, ...], con: tuple[Bearing, ...]) -> ElementStatus:
    """Established if the standard is met even when every undecided reason goes against the element;
    not established if it is unmet even when they all go for it; undecided otherwise."""
    if meets(standard, accrued(pro, possible=False), accrued(con, possible=True)):
        return ElementStatus.ESTABLISHED
    if not meets(standard, accrued(pro, possible=True), accrued(con, possible=False)):
        return ElementStatus.NOT_ESTABLISHED
    return ElementStatus.UNDECIDED


def combine(rule: Combination, statuses: list[ElementStatus]) -> Answer:
    decisive, other = ((ElementStatus.NOT_ESTABLISHED, Answer.NO) if rule is Combination.ALL
                       else (ElementStatus.ESTABLISHED, Answer.YES))
    if decisive in statuses:
        return other
    if ElementStatus.UNDECIDED in statuses:
        return Answer.UNDECIDED
    return Answer.YES if rule is Combination.ALL else Answer.NO


@dataclass(frozen=True, slots=True)
class Weighing:
    pro: list[Bearing]
    con: list[Bearing]


def strongest_first(bearings: Iterable[Bearing]) -> list[Bearing]:
    """Applying reasons by force, then undecided ones by the most they could weigh, then those that
    do not apply; file order within each (the sort is stable)."""
    rank = {Status.ACCEPTED: 0, Status.UNDECIDED: 1, Status.REJECTED: 2}
    return sorted(bearings, key=lambda b: (rank[b.status], -(b.counted if b.status is Status.ACCEPTED
                                                             else b.most if b.status is Status.UNDECIDED
                                                             else b.weight)))
