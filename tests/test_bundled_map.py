"""The bundled `arguments.yaml`: clean, complete enough, and faithful to its sources.

The quote check here is independent of argmap's own (`argmap/quotes.py`): it
reads the YAML with PyYAML's safe loader and normalises the texts itself.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import run_cli

ROOT = Path(__file__).resolve().parent.parent
MAP = ROOT / "arguments.yaml"
SOURCES = ROOT.parent / "shared" / "sources"


def _raw_map() -> dict[str, Any]:
    # BaseLoader: every scalar stays text, as in argmap's own loader.
    data = yaml.load(MAP.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert isinstance(data, dict)
    return data


def test_bundled_map_is_clean(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = run_cli(["validate", "--strict", "arguments.yaml"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1].startswith("arguments.yaml: valid (")
    # Only notes may appear: the source texts live beside the repository, not in it, so a
    # checkout without them says (I304) that their quotes went unchecked.
    codes = re.findall(r"^arguments\.yaml:\d+:\d+: (\w\d+) ", result.stdout, re.MULTILINE)
    assert all(code.startswith("I") for code in codes), result.stdout
    assert bool(codes) != SOURCES.is_dir()


def test_bundled_map_has_at_least_30_nodes() -> None:
    data = _raw_map()
    nodes = 1 + len(data["framework"]["elements"]) + sum(
        len(data.get(section) or {}) for section in ("claims", "evidence", "rebuttals")
    )
    assert nodes >= 30


def test_bundled_map_has_every_kind_of_attack() -> None:
    data = _raw_map()
    kinds = {
        attack.get("kind", "rebut") if isinstance(attack, dict) else "rebut"
        for section in ("claims", "evidence", "rebuttals")
        for entry in (data.get(section) or {}).values()
        for attack in entry.get("attacks", [])
    }
    assert {"rebut", "undermine", "undercut"} <= kinds


_TYPOGRAPHY = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
                             "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00a0": " "})


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(_TYPOGRAPHY)).strip()


def test_every_quote_is_verbatim_in_its_source_text() -> None:
    if not SOURCES.is_dir():
        pytest.skip(f"{SOURCES} is not present")
    data = _raw_map()
    texts: dict[str, str] = {}
    for source_id, source in (data.get("sources") or {}).items():
        if "file" in source:
            path = (MAP.parent / source["file"]).resolve()
            assert path.is_file(), f"source '{source_id}' names a missing file {source['file']}"
            texts[source_id] = _normalise(path.read_text(encoding="utf-8-sig"))
    assert texts, "no source in the bundled map has a text file"
    missing = [
        evidence_id
        for evidence_id, evidence in data["evidence"].items()
        if evidence["source"] in texts and _normalise(evidence["quote"]) not in texts[evidence["source"]]
    ]
    assert missing == []
    checked = sum(1 for e in data["evidence"].values() if e["source"] in texts)
    assert checked == len(data["evidence"]), "every quote should come from a source with a text file"
