"""Shell completion: typer's own, with ids completed from the map named on the command line.

Driven as the shells drive it, through typer's completion variables (`_ARGMAP_COMPLETE`), so
what is tested is what a user's Tab gets.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MINIMAL_MAP, minimal_map
from typer.testing import CliRunner

from argmap.cli import app
from argmap.read.ids import defined_ids

ROOT = Path(__file__).parent.parent
MAP = minimal_map(claims="""
  imu-strong:
    text: "The IMU is strong:\\n\\x1b[2J a long text that goes on and on, well beyond what fits on one line."
    supports: [imu-hostile]
""", rebuttals="""
  not-hostile:
    text: The IMU is not hostile.
    attacks: [{to: imu-hostile}]
""")


@pytest.fixture(autouse=True)
def _in_a_folder_with_a_map(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("m.yaml").write_text(MAP, encoding="utf-8")


def bash(words: str) -> list[str]:
    """What bash's Tab offers for the last word of `words` (complete the empty word after a space)."""
    parts = words.split(" ")
    result = CliRunner().invoke(app, [], prog_name="argmap", env={
        "_ARGMAP_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(len(parts) - 1)})
    assert result.exit_code == 0, result.output
    return [line for line in result.stdout.splitlines() if line]


def zsh(words: str) -> str:
    result = CliRunner().invoke(app, [], prog_name="argmap", env={
        "_ARGMAP_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": words})
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize(("words", "offered"), [
    ("argmap explain m.yaml ", ["strikes-lawful", "threat-imminent", "imu-hostile", "imu-strong", "imu-aims",
                                "not-hostile"]),
    ("argmap explain m.yaml imu-", ["imu-hostile", "imu-strong", "imu-aims"]),
    ("argmap render m.yaml --focus thr", ["threat-imminent"]),
    ("argmap render m.yaml --reject kn", ["knefel"]),
    ("argmap evaluate m.yaml --accept cr", ["crackdown"]),
    ("argmap explain m.yaml imu-hostile --reject not", ["not-hostile"]),
    ("argmap link m.yaml ", ["imu-hostile", "imu-strong", "imu-aims", "not-hostile"]),
    ("argmap link m.yaml imu-aims --supports ", ["threat-imminent", "imu-hostile", "imu-strong", "not-hostile"]),
    ("argmap link m.yaml not-hostile --attacks imu-aims:imu-h", ["imu-aims:imu-hostile"]),
    ("argmap unlink m.yaml imu-a", ["imu-aims"]),
    ("argmap add claim m.yaml --text T --supports imu-", ["imu-hostile", "imu-strong"]),
    ("argmap add evidence m.yaml --source ", ["crackdown"]),
    ("argmap add evidence m.yaml --cites cr", ["crackdown"]),
    ("argmap add rebuttal m.yaml --by ", ["obama-lawyers", "knefel"]),
    ("argmap add rebuttal m.yaml --attacks imu-a", ["imu-aims"]),
    ("argmap remove m.yaml ", ["obama-lawyers", "knefel", "crackdown", "imu-hostile", "imu-strong", "imu-aims",
                               "not-hostile"]),
])
def test_ids_complete_by_role(words: str, offered: list[str]) -> None:
    assert bash(words) == offered


def test_zsh_shows_each_ids_words_escaped_and_shortened() -> None:
    output = zsh("argmap explain m.yaml imu-s")
    assert '"imu-strong":"The IMU is strong' in output
    assert "\x1b" not in output  # the escape is shown, never sent to the terminal
    assert "\\x1b[2J a long text that goes on and on, we…" in output


@pytest.mark.parametrize("words", [
    "argmap explain missing.yaml ",
    "argmap explain broken.yaml ",
    "argmap explain not-utf8.yaml ",
    "argmap explain . ",
    "argmap explain - ",
    "argmap render --focus ",
])
def test_completion_on_a_missing_or_broken_map_offers_nothing_and_never_fails(words: str) -> None:
    Path("broken.yaml").write_text("argmap: 1\nclaims: [\n", encoding="utf-8")
    Path("not-utf8.yaml").write_bytes(b"\xff\xfe")
    assert bash(words) == []


def test_a_half_written_map_still_offers_the_ids_it_has() -> None:
    Path("draft.yaml").write_text("argmap: 1\nclaims:\n  first: {text: One}\n  second:\n", encoding="utf-8")
    assert bash("argmap remove draft.yaml ") == ["first", "second"]


def test_defined_ids_reads_the_bundled_map_quickly() -> None:
    found = defined_ids(str(ROOT / "arguments.yaml"))
    assert len(found) > 40
    assert all(words for _, words in found if _ != "strikes-lawful")


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_completion_is_installable() -> None:
    argmap = Path(sys.executable).parent / "argmap"
    if not argmap.exists():
        pytest.skip("argmap is not installed as a command")
    # `--show-completion` prints the script for the shell argmap runs under, found among the
    # processes above it: run it from bash, as a user does (a test run detached from any shell
    # found none and printed "Shell  not supported"); `; exit $?` keeps bash from replacing itself by argmap.
    done = subprocess.run(["bash", "-c", f"{shlex.quote(str(argmap))} --show-completion; exit $?"], capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert "_ARGMAP_COMPLETE=complete_bash" in done.stdout
    assert "--install-completion" in CliRunner().invoke(app, ["--help"]).stdout


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_the_installed_entry_point_completes_in_bash() -> None:
    argmap = Path(sys.executable).parent / "argmap"
    if not argmap.exists():
        pytest.skip("argmap is not installed as a command")
    Path("m.yaml").write_text(MINIMAL_MAP, encoding="utf-8")
    done = subprocess.run([str(argmap)], env={"_ARGMAP_COMPLETE": "complete_bash", "PATH": "/usr/bin:/bin",
                                              "COMP_WORDS": "argmap explain m.yaml imu-h", "COMP_CWORD": "3"},
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["imu-hostile"]
