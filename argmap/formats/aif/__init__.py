"""AIF, the Argument Interchange Format, as JSON the way AIFdb and OVA read and write it.

- `dump`: claims, evidence, rebuttals and elements become I-nodes; each support an
  RA-node (premise -> RA -> conclusion); each rebut or undermine a CA-node (attacker
  -> CA -> target); an undercut a CA-node attacking the RA-node of the inference (or,
  for an undercut of an attack, the CA-node of that attack). Who asserts a node is
  written the IAT way: an L-node (the party's locution), a YA "Asserting" node
  anchoring it to the I-node, a `locutions` entry and a `participants` entry. What
  AIF has no place for (the question, the framework, sources, locators, weights,
  kinds of attack, notes) goes in the `argmap` extension, so argmap -> AIF -> argmap
  loses nothing.
- `load`: AIFdb and OVA files, plain (`nodes`, `edges`, `locutions`,
  `participants`) or in OVA's wrapper (`{"AIF": {...}, "OVA": ..., "text": ...}`),
  IAT dialogues included: locutions become parties, I-nodes claims, evidence,
  rebuttals or elements, RA supports, CA attacks; rephrases (MA), transitions (TA),
  preferences (PA) and anything else are reported with their position.

docs/aif.md describes the mapping and the extension.
"""

from __future__ import annotations

from .dump import dump
from .load import load, sniff

NAME = "aif"
SUMMARY = "AIF JSON as AIFdb and OVA read and write it (docs/aif.md)"
SUFFIXES = (".json", ".aif")
OPTIONS: frozenset[str] = frozenset()
EXTENSION = "argmap"

__all__ = ["NAME", "OPTIONS", "SUFFIXES", "SUMMARY", "dump", "load", "sniff"]
