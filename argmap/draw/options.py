"""What a diagram can be asked for: the level of detail, the layout, grouping, focus and statuses.

Plain data shared by `diagram` (which builds the picture) and `labels` (which writes each box).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum


class GroupBy(StrEnum):
    NONE = "none"
    PARTY = "party"
    SOURCE = "source"


class Detail(StrEnum):
    """How much of the map to draw."""

    OVERVIEW = "overview"
    """Question, legal test, claims and rebuttals; each claim's evidence folded into a badge."""
    CLAIMS = "claims"
    """Every piece of evidence as a small card: its source and locator (the quote in the tooltip)."""
    FULL = "full"
    """Everything, with the quotes written out."""


class RankDir(StrEnum):
    BT = "BT"
    TB = "TB"
    LR = "LR"
    RL = "RL"


@dataclass(frozen=True)
class DiagramOptions:
    detail: Detail = Detail.OVERVIEW
    rankdir: RankDir | None = None
    """None: chosen by the level of detail (see `layout_direction`)."""
    group_by: GroupBy = GroupBy.NONE
    focus: str | None = None
    depth: int = 2
    legend: bool = True
    quote_chars: int = 240
    """Longer quotes are shortened in the box; the full text is in the tooltip."""
    status: Mapping[str, str] | None = None
    """Node id -> accepted / rejected / undecided, when the map was evaluated."""
    element_status: Mapping[str, str] | None = None
    """Element id -> established / not established / undecided."""
    answer: str | None = None
    pivots: frozenset[str] = frozenset()
    what_if: str | None = None
    """The what-if assumptions the statuses were computed under, shown in the title."""
    open_questions: Mapping[tuple[str, str], tuple[str, ...]] | None = None
    """Inference (from, to) -> the names of its open critical questions, for `render --questions`."""
