"""The argument map as data: pydantic models of the argmap file format.

The model knows nothing of files, YAML or diagrams (numbers arriving as text are
read by YAML 1.2's core rules, in `argmap.yaml_core`). It is the single
description of the format: the loader feeds it plain data, the validator
checks what types alone cannot (cross-references, cycles), and the JSON
Schema that editors use is generated from it.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidatorFunctionWrapHandler,
    WrapValidator,
)
from pydantic_core import PydanticCustomError

from argmap.yaml_core import core_number, is_plain_decimal

FORMAT_VERSION = 1

ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
ID_MAX_LENGTH = 80

NodeId = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=ID_MAX_LENGTH),
    Field(
        description=(
            "A short, readable slug: lowercase letters, digits, '-' and '_', "
            "starting with a letter or digit (e.g. knefel-foreign-enemies)."
        )
    ),
]
Text = Annotated[str, StringConstraints(min_length=1)]


def _yaml_number(*, keep_decimal_text: bool) -> WrapValidator:
    """Numbers written as text count only in YAML 1.2's core forms (`0_1` is text, not 1).

    With `keep_decimal_text`, decimal forms go on as written, so that a range error can
    quote them as the user wrote them; the other forms (`0x1`, `.inf`) go on as numbers.
    """

    def validate(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        if not isinstance(value, str):
            return handler(value)
        number = core_number(value)
        if number is None:
            raise PydanticCustomError("float_parsing", "not a YAML 1.2 number")
        return handler(value if keep_decimal_text and is_plain_decimal(value) else number)

    return WrapValidator(validate)


Weight = Annotated[
    float,
    Field(
        ge=0.0,
        le=1.0,
        description="How strongly the relation bears on its target, from 0 (not at all) to 1 (decisively).",
    ),
    _yaml_number(keep_decimal_text=True),
]


_NOTE = "A remark for readers of the map; it plays no part in the evaluation."
_SUPPORTS = "What this is a reason for: ids, or {to: id, weight: 0..1}."
_ATTACKS = ("What this is a reason against: {to: id, kind: rebut|undermine}, "
            "or {link: {from: a, to: b}, kind: undercut}.")


class _Strict(BaseModel):
    # A misspelt key must be reported, never dropped: unknown fields are errors.
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class SourceKind(StrEnum):
    REPORT = "report"
    COMMENTARY = "commentary"
    GOVERNMENT_STATEMENT = "government-statement"
    NEWS = "news"
    BOOK = "book"
    OTHER = "other"


class AttackKind(StrEnum):
    REBUT = "rebut"
    """Contradicts the target's conclusion."""
    UNDERMINE = "undermine"
    """Attacks a premise or the evidence itself."""
    UNDERCUT = "undercut"
    """Attacks the inference from a reason to its conclusion, not either node."""

    @property
    def verb(self) -> str:
        """'rebuts', 'undermines', 'undercuts': how sentences and diagrams name the attack."""
        return f"{self.value}s"


class ProofStandard(StrEnum):
    SCINTILLA = "scintilla"
    PREPONDERANCE = "preponderance"
    CLEAR_AND_CONVINCING = "clear-and-convincing"
    BEYOND_REASONABLE_DOUBT = "beyond-reasonable-doubt"
    DIALECTICAL_VALIDITY = "dialectical-validity"


class Combination(StrEnum):
    ALL = "all"
    ANY = "any"


class Party(_Strict):
    """Someone who asserts things in the debate."""

    name: Text = Field(description="Full name of the person or body, e.g. 'John Knefel'.")
    role: str | None = Field(
        default=None, description="Who they are in this debate, e.g. 'journalist, Rolling Stone'."
    )


class Source(_Strict):
    """A document that quotes come from."""

    title: Text = Field(description="Title of the document.")
    kind: SourceKind = Field(description="What sort of document it is.")
    author: str | None = Field(default=None, description="Who wrote it, if known.")
    outlet: str | None = Field(
        default=None, description="Where it was published: newspaper, magazine, publisher or office."
    )
    date: str | None = Field(
        default=None, description="Publication date as written, e.g. '2014-06' or 'June 2014'."
    )
    url: str | None = Field(default=None, description="Where to read it online.")
    file: str | None = Field(
        default=None,
        description=(
            "Path to a plain-text copy, relative to the map file. When present, "
            "`argmap validate` checks every quote from this source against it."
        ),
    )


def _expand_short_reference(value: Any) -> Any:
    """Let `supports: [some-id]` stand for `supports: [{to: some-id}]`."""
    return {"to": value} if isinstance(value, str) else value


class Support(_Strict):
    """A reason for its target: the source node makes the target more likely."""

    to: NodeId = Field(description="The id of the element, claim or rebuttal supported.")
    weight: Weight | None = Field(
        default=None, description="How strongly this supports its target, from 0 (none) to 1 (decisively)."
    )
    scheme: NodeId | None = Field(
        default=None,
        description=("The argumentation scheme this inference follows (docs/schemes.md), e.g. expert-opinion; "
                     "its critical questions are then listed by `argmap questions`."),
    )
    roles: dict[NodeId, Text] = Field(
        default_factory=dict,
        description="The scheme's roles filled in: role name to a party, source or node id, or to free text.",
    )


class Link(_Strict):
    """A support (or attack) relation, named by its two ends; what an undercut attacks."""

    from_: NodeId = Field(alias="from", description="The id of the supporting (or attacking) node.")
    to: NodeId = Field(description="The id of the node it supports (or attacks).")


class Attack(_Strict):
    """A reason against a node (rebut, undermine) or against an inference (undercut)."""

    to: NodeId | None = Field(
        default=None, description="The id of the node attacked (for rebut and undermine)."
    )
    link: Link | None = Field(
        default=None, description="The support or attack relation undercut (for undercut)."
    )
    kind: AttackKind = Field(
        default=AttackKind.REBUT,
        description=(
            "rebut: contradicts the target's conclusion; undermine: attacks a premise "
            "or the evidence; undercut: attacks the inference named by `link`."
        ),
    )
    weight: Weight | None = Field(
        default=None, description="How strongly this attack bears, from 0 (not at all) to 1 (decisively)."
    )


class RoleKind(StrEnum):
    PARTY = "party"
    SOURCE = "source"
    NODE = "node"
    TEXT = "text"


class QuestionType(StrEnum):
    ASSUMPTION = "assumption"
    """Presumed to hold: weighs only once an answer against the inference is accepted."""
    EXCEPTION = "exception"
    """Presumed not to arise: weighs only once an answer showing it is accepted."""


class Role(_Strict):
    """A place in a scheme that a support fills in."""

    kind: RoleKind = Field(description="What fills the role: a party id, a source id, a node id, or free text.")
    text: Text = Field(description="What the role is, in a few words.")
    optional: bool = Field(default=False, description="Whether a support may leave the role out.")


class CriticalQuestion(_Strict):
    """A question that tests an inference made under a scheme."""

    type: QuestionType = Field(
        description="assumption: holds until answered against; exception: weighs only when shown."
    )
    text: Text = Field(description="The question, as an analyst would ask it.")


class Scheme(_Strict):
    """An argumentation scheme: a recognisable pattern of inference, its roles and critical questions."""

    name: Text = Field(description="The scheme's name, e.g. 'Argument from expert opinion'.")
    summary: Text = Field(description="The pattern in one sentence: premises, so conclusion.")
    roles: dict[NodeId, Role] = Field(default_factory=dict, description="The roles a support fills, keyed by name.")
    questions: dict[NodeId, CriticalQuestion] = Field(
        min_length=1, description="The critical questions, keyed by a short name."
    )


class CriticalAnswer(_Strict):
    """This node answers a critical question of an inference made under a scheme."""

    link: Link = Field(description="The support whose scheme asks the question: {from: a, to: b}.")
    question: NodeId = Field(description="The question's short name in the scheme, e.g. trustworthiness.")
    upholds: bool = Field(
        default=False,
        description=("false (the default): the answer tells against the inference (the expert is not one, the "
                     "exception arises) and, when accepted, undercuts it; true: the answer settles the question "
                     "in the inference's favour and only closes it."),
    )
    weight: Weight | None = Field(
        default=None, description="For an answer against the inference: the weight of its undercut."
    )


_ANSWERS = "Critical questions of schemes this node answers: {link: {from: a, to: b}, question: name}."


# The schema shows both spellings editors must accept: a bare id, or the full mapping.
SupportList = list[
    Annotated[Support, BeforeValidator(_expand_short_reference, json_schema_input_type=NodeId | Support)]
]
AttackList = list[
    Annotated[Attack, BeforeValidator(_expand_short_reference, json_schema_input_type=NodeId | Attack)]
]


class Question(_Strict):
    """The legal question the map answers."""

    id: NodeId
    text: Text = Field(description="The question, phrased so that it has a yes or no answer.")


class Element(_Strict):
    """A condition the legal rule requires."""

    text: Text = Field(description="The condition, stated as something that can be established.")
    standard: ProofStandard | None = Field(
        default=None, description="Proof standard for this element; defaults to the framework's."
    )
    note: str | None = Field(default=None, description=_NOTE)


class Framework(_Strict):
    """The legal test the question is decided under."""

    rule: Text = Field(description="The rule, in words close to how its proponents state it.")
    asserted_by: NodeId | None = Field(
        default=None, description="Id of the party that asserts the rule."
    )
    source: NodeId | None = Field(default=None, description="Id of the source reporting the rule.")
    combine: Combination = Field(
        default=Combination.ALL,
        description="all: every element must be established; any: one suffices.",
    )
    standard: ProofStandard = Field(
        default=ProofStandard.PREPONDERANCE,
        description="Proof standard applied to elements that do not set their own.",
    )
    elements: dict[NodeId, Element] = Field(
        min_length=1, description="The conditions the rule requires, keyed by id."
    )


class Claim(_Strict):
    """A statement bearing on an element or on another claim."""

    text: Text = Field(description="The claim, stated as something that can be true or false.")
    by: NodeId | None = Field(default=None, description="Id of the party asserting the claim.")
    supports: SupportList = Field(default_factory=list, description=_SUPPORTS)
    attacks: AttackList = Field(default_factory=list, description=_ATTACKS)
    answers: list[CriticalAnswer] = Field(default_factory=list, description=_ANSWERS)
    note: str | None = Field(default=None, description=_NOTE)


class Evidence(_Strict):
    """A verbatim quote from a source."""

    quote: Text = Field(description="The exact words of the source, verbatim.")
    source: NodeId = Field(description="Id of the source the quote is taken from.")
    locator: Text = Field(description="Where in the source, e.g. 'para. 9'.")
    by: NodeId | None = Field(
        default=None, description="Id of the party whose words or findings these are."
    )
    cites: NodeId | None = Field(
        default=None,
        description="Id of the original source the quoted document reports on, if any.",
    )
    supports: SupportList = Field(default_factory=list, description=_SUPPORTS)
    attacks: AttackList = Field(default_factory=list, description=_ATTACKS)
    answers: list[CriticalAnswer] = Field(default_factory=list, description=_ANSWERS)
    note: str | None = Field(default=None, description=_NOTE)


class Rebuttal(_Strict):
    """A statement whose purpose is to attack a claim, evidence, rebuttal or inference."""

    text: Text = Field(description="The rebuttal, stated as something that can be true or false.")
    by: NodeId | None = Field(default=None, description="Id of the party making the rebuttal.")
    attacks: AttackList = Field(min_length=1, description=_ATTACKS + " A rebuttal needs at least one.")
    supports: SupportList = Field(default_factory=list, description=_SUPPORTS)
    answers: list[CriticalAnswer] = Field(default_factory=list, description=_ANSWERS)
    note: str | None = Field(default=None, description=_NOTE)


class ArgumentMap(_Strict):
    """A whole argmap file."""

    argmap: Annotated[int, _yaml_number(keep_decimal_text=False)] = Field(
        ge=FORMAT_VERSION, le=FORMAT_VERSION, description="Format version of this file: 1."
    )
    question: Question
    framework: Framework
    parties: dict[NodeId, Party] = Field(
        default_factory=dict, description="Who asserts things in the debate, keyed by id."
    )
    sources: dict[NodeId, Source] = Field(
        default_factory=dict, description="The documents quotes come from, keyed by id."
    )
    claims: dict[NodeId, Claim] = Field(
        default_factory=dict, description="Statements bearing on an element or another claim, keyed by id."
    )
    evidence: dict[NodeId, Evidence] = Field(
        default_factory=dict, description="Verbatim quotes from sources, keyed by id."
    )
    rebuttals: dict[NodeId, Rebuttal] = Field(
        default_factory=dict, description="Statements that attack a node or an inference, keyed by id."
    )
    schemes: dict[NodeId, Scheme] = Field(
        default_factory=dict,
        description="The map's own argumentation schemes, keyed by id; a built-in scheme of the same id is replaced.",
    )
