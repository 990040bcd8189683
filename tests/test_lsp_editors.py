"""`argmap lsp` under real editors' configurations, as docs/editing.md gives them.

Neovim runs headless with the documentation's own Lua configuration (plus a
small harness that records what the editor received); the VS Code and Helix
snippets are parsed, so a typo in them fails here rather than for a user.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from argmap.read.document import check_file

ROOT = Path(__file__).resolve().parent.parent
EDITING = ROOT / "docs" / "editing.md"
HARNESS = Path(__file__).parent / "lsp" / "nvim_harness.lua"


def snippet(language: str) -> str:
    """The `language` code block of docs/editing.md's language-server section."""
    text = EDITING.read_text(encoding="utf-8")
    section = text[text.index("## The language server"):text.index("## Watching a map")]
    found = re.findall(rf"```{language}\n(.*?)```", section, re.DOTALL)
    assert len(found) == 1, f"one {language} block expected in the language server section"
    return found[0]


def test_vscode_settings_are_json_that_start_argmap_lsp() -> None:
    settings = json.loads(snippet("json"))
    assert settings["glspc.server.command"] == "argmap"
    assert settings["glspc.server.commandArguments"] == ["lsp"]
    assert settings["glspc.server.languageId"] == ["yaml"]


def test_helix_languages_toml_defines_and_uses_the_server() -> None:
    config = tomllib.loads(snippet("toml"))
    server = config["language-server"]["argmap"]
    assert [server["command"], *server["args"]] == ["argmap", "lsp"]
    (language,) = config["language"]
    assert language["language-servers"] == ["argmap"]
    assert {"glob": "arguments.yaml"} in language["file-types"]


@pytest.mark.skipif(shutil.which("nvim") is None, reason="Neovim is not installed (apt-get install -y neovim)")
def test_neovim_shows_argmaps_diagnostics_and_completes_parties(tmp_path: Path) -> None:
    bundled = (ROOT / "arguments.yaml").read_text(encoding="utf-8")
    text = bundled.replace("    by: stein\n", "    by: \n", 1).replace(
        "- {to: threat-to-us, weight: 0.6}", "- {to: threat-imminet}", 1)
    path = tmp_path / "case.argmap.yaml"
    path.write_text(text, encoding="utf-8")
    init = tmp_path / "init.lua"
    init.write_text(snippet("lua") + "\n" + HARNESS.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out.json"
    line = text.splitlines().index("    by: ")
    # The documented configuration runs `argmap` from the PATH: the one installed with this Python.
    beside = Path(sys.executable).parent / "argmap"
    found = str(beside) if beside.exists() else shutil.which("argmap")
    assert found is not None, "the argmap command is installed"
    scripts = Path(found).parent
    env = {**os.environ, "PATH": f"{scripts}{os.pathsep}{os.environ.get('PATH', '')}",
           "ARGMAP_NVIM_OUT": str(out), "ARGMAP_NVIM_LINE": str(line), "ARGMAP_NVIM_COL": "8",
           "XDG_CONFIG_HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path), "XDG_STATE_HOME": str(tmp_path)}
    subprocess.run(["nvim", "--headless", "-n", "-i", "NONE", "--noplugin", "-u", str(init), path.name],
                   cwd=tmp_path, env=env, timeout=120, check=True, capture_output=True)
    recorded = json.loads(out.read_text(encoding="utf-8"))
    expected = check_file(str(path)).diagnostics
    assert [(d["code"], d["line"] + 1, d["col"] + 1) for d in recorded["diagnostics"]] == [
        (e.code, e.span.start.line, e.span.start.column) for e in expected if e.span is not None]
    typo = next(d for d in recorded["diagnostics"] if d["code"] == "E201")
    assert typo["message"] == "'threat-imminet' is not defined\nhint: did you mean 'threat-imminent'?"
    assert typo["source"] == "argmap"
    parties = check_file(str(ROOT / "arguments.yaml")).argument_map.parties  # type: ignore[union-attr]
    completion = {item["label"]: item["detail"] for item in recorded["completion"]}
    assert set(completion) == set(parties)
    assert completion["stein"] == "party: Matthew Stein"
