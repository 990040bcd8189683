"""What to offer at the cursor: ids of the kind the place needs, keys and enum values of the format.

Ids come from the latest version of the document that parsed (the current one
is often mid-edit); keys, their descriptions and enum values come from the
model, the same source as the JSON Schema.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from pydantic import BaseModel

from argmap import model

from .analysis import Analysis
from .context import ITEM, Context

SUPPORTABLE = ("element", "claim", "rebuttal")
ATTACKABLE = ("element", "claim", "evidence", "rebuttal")
"""As the validator has them: what `supports` and `attacks` may name."""

_ID_ROLES: dict[str, tuple[str, ...]] = {
    "by": ("party",), "asserted_by": ("party",), "source": ("source",), "cites": ("source",),
}

_ENTRY_MODELS: dict[str, type[BaseModel]] = {
    "parties": model.Party, "sources": model.Source, "claims": model.Claim,
    "evidence": model.Evidence, "rebuttals": model.Rebuttal,
}

_ENUMS: dict[tuple[type[BaseModel], str], type[StrEnum]] = {
    (model.Source, "kind"): model.SourceKind,
    (model.Attack, "kind"): model.AttackKind,
    (model.Framework, "standard"): model.ProofStandard,
    (model.Element, "standard"): model.ProofStandard,
    (model.Framework, "combine"): model.Combination,
}


@dataclass(frozen=True)
class Candidate:
    """One completion: the text to insert, what it is ("id", "key", "value"), a detail line, docs."""

    label: str
    what: str
    detail: str = ""
    documentation: str = ""


def container(path: tuple[str, ...]) -> type[BaseModel] | None:
    """The model of the mapping at `path` (keys and list items from the top of the document)."""
    if not path:
        return model.ArgumentMap
    if path == ("question",):
        return model.Question
    if path == ("framework",):
        return model.Framework
    if len(path) == 3 and path[:2] == ("framework", "elements"):
        return model.Element
    if len(path) == 2 and path[0] in _ENTRY_MODELS:
        return _ENTRY_MODELS[path[0]]
    if len(path) == 4 and path[0] in _ENTRY_MODELS and path[3] == ITEM:
        relations: dict[str, type[BaseModel]] = {"supports": model.Support, "attacks": model.Attack}
        return relations.get(path[2])
    if len(path) == 5 and path[0] in _ENTRY_MODELS and path[2:] == ("attacks", ITEM, "link"):
        return model.Link
    return None


def _keys(owner: type[BaseModel]) -> list[Candidate]:
    found = []
    for name, info in owner.model_fields.items():
        key = info.alias or name
        required = " (required)" if info.is_required() else ""
        found.append(Candidate(key, "key", f"{owner.__name__} field{required}", info.description or ""))
    return found


def _id_candidates(analysis: Analysis, kinds: tuple[str, ...], only: set[str] | None = None) -> list[Candidate]:
    return [Candidate(e.identifier, "id", f"{e.kind}: {e.detail}" if e.detail else e.kind, e.detail)
            for e in analysis.ids_of_kind(*kinds) if only is None or e.identifier in only]


def _supported_by(analysis: Analysis, origin: str | None) -> set[str]:
    """What `origin` supports, as written (all supports when no origin is given: their sources)."""
    found: set[str] = set()
    for occurrence in analysis.occurrences:
        if occurrence.role == "supports" and (origin is None or occurrence.owner == origin):
            found.add(occurrence.owner if origin is None else occurrence.identifier)
    return found


def candidates(context: Context, analysis: Analysis) -> list[Candidate]:
    """Everything that fits at `context`, ids from `analysis`."""
    path, slot, key = context.path, context.slot, context.key
    relation = path[2] if len(path) >= 3 and path[0] in _ENTRY_MODELS else None
    if slot == "item" and relation in ("supports", "attacks") and len(path) == 3:
        return _id_candidates(analysis, SUPPORTABLE if relation == "supports" else ATTACKABLE)
    if slot == "key":
        owner = container(path)
        written = set(context.siblings)
        return [c for c in _keys(owner) if c.label not in written] if owner is not None else []
    if slot != "value" or key is None:
        return []
    if key in _ID_ROLES:
        return _id_candidates(analysis, _ID_ROLES[key])
    owner = container(path)
    if owner is model.Link:
        if key == "from":
            return _id_candidates(analysis, ATTACKABLE, _supported_by(analysis, None))
        origin = context.siblings.get("from") or None
        supported = _supported_by(analysis, origin) if origin else None
        return _id_candidates(analysis, SUPPORTABLE, supported)
    if key == "to" and owner is model.Support:
        return _id_candidates(analysis, SUPPORTABLE)
    if key == "to" and owner is model.Attack:
        return _id_candidates(analysis, ATTACKABLE)
    if owner is not None and (owner, key) in _ENUMS:
        enum = _ENUMS[(owner, key)]
        description = owner.model_fields[key].description or ""
        return [Candidate(member.value, "value", f"{owner.__name__}.{key}", description) for member in enum]
    return []
