"""What `argmap add` and the other editing commands report: the warnings an edit leaves, and a
refusal's problems at positions in the file as it is on disk (the refusal left it unchanged)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import MINIMAL_MAP, minimal_map, run_cli

from argmap.diagnostics import Position, Span, error
from argmap.diagnostics.relocate import IN_NEW_TEXT, relocate


@pytest.fixture
def map_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "m.yaml"
    path.write_text(MINIMAL_MAP, encoding="utf-8")
    return path


def _line(path: Path, number: int) -> str:
    return path.read_text(encoding="utf-8").split("\n")[number - 1]


def test_add_tells_of_a_claim_left_without_evidence_and_bearing_on_nothing(map_file: Path) -> None:
    result = run_cli(["add", "claim", "m.yaml", "--text", "Drones are cheap"])
    assert result.exit_code == 0
    assert result.stdout == "added claim 'drones-are-cheap' to m.yaml\n"
    headers = [line for line in result.stderr.splitlines() if line.startswith("m.yaml:")]
    assert [re.sub(r"^m\.yaml:\d+:\d+: ", "", h) for h in headers] == [
        "W301 claim 'drones-are-cheap' does not bear on the question",
        "W302 claim 'drones-are-cheap' has no evidence beneath it",
    ]
    line, column = (int(n) for n in headers[0].split(":")[1:3])
    assert _line(map_file, line)[column - 1:] == "drones-are-cheap:"  # a position in the file as written
    assert "  hint: add evidence that quotes a source and `supports:` this claim" in result.stderr


def test_add_tells_only_of_the_warnings_its_entry_has(map_file: Path) -> None:
    result = run_cli(["add", "claim", "m.yaml", "--text", "Drones are cheap", "--supports", "threat-imminent"])
    assert result.exit_code == 0
    assert re.fullmatch(r"m\.yaml:\d+:3: W302 claim 'drones-are-cheap' has no evidence beneath it\n(.*\n)*",
                        result.stderr)
    quiet = run_cli(["add", "evidence", "m.yaml", "--quote", "Q", "--source", "crackdown", "--locator", "p. 1",
                     "--supports", "drones-are-cheap"])
    assert quiet.exit_code == 0
    assert quiet.stderr == ""


def test_a_dry_run_tells_of_the_warnings_too(map_file: Path) -> None:
    result = run_cli(["add", "party", "m.yaml", "--name", "Émile Zola", "--dry-run"])
    assert result.exit_code == 0
    assert result.stderr == "dry run: m.yaml not changed\n"  # a party is never cut off from the question
    before = map_file.read_bytes()
    result = run_cli(["add", "claim", "m.yaml", "--text", "Drones are cheap", "--dry-run"])
    assert result.stderr.startswith("dry run: m.yaml not changed\nm.yaml:26:3: W301 claim 'drones-are-cheap'")
    assert map_file.read_bytes() == before


@pytest.mark.parametrize("args", [
    ["add", "claim", "m.yaml", "--text", "X", "--supports", "nowhere"],
    ["add", "claim", "m.yaml", "--text", "X", "--id", "imu-aims", "--supports", "threat-imminent"],
    ["add", "claim", "m.yaml", "--text", "X", "--id", "imu-hostile"],
    ["link", "m.yaml", "imu-hostile", "--supports", "imu-strong"],
    ["link", "m.yaml", "imu-hostile", "--supports", "imu-hostile"],
    ["add", "evidence", "m.yaml", "--quote", "Q", "--source", "nosuch", "--locator", "p. 1"],
])
def test_a_refusal_cites_the_file_on_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]) -> None:
    monkeypatch.chdir(tmp_path)
    text = minimal_map(claims="imu-strong:\n  text: The IMU is strong.\n  supports: [imu-hostile]")
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    result = run_cli(args)
    assert result.exit_code == 1
    assert path.read_text(encoding="utf-8") == text
    disk = text.split("\n")
    cited = [int(n) for n in re.findall(r"^m\.yaml:(\d+):\d+:", result.stderr, re.MULTILINE)]
    excerpts = re.findall(r"^ *(\d+) \|(?: (.*))?$", result.stderr, re.MULTILINE)
    assert cited and excerpts
    assert all(1 <= n <= len(disk) for n in cited)
    for number, shown in excerpts:
        assert disk[int(number) - 1] == shown, (number, shown)


def test_relocate_moves_what_follows_the_change_and_points_into_it_for_the_rest() -> None:
    original = "a: 1\nb: 2\nc: 3\n"
    edited = "a: 1\nnew: x\nb: 2\nc: 3\n"
    after_change = error("E999", "on c", span=Span(Position(4, 1), Position(4, 2)))
    before_change = error("E999", "on a", span=Span(Position(1, 1), Position(1, 2)))
    inside = error("E999", "on new", span=Span(Position(2, 1), Position(2, 4)))
    moved = relocate([after_change, before_change, inside], edited, original)
    assert [d.span for d in moved] == [Span(Position(3, 1), Position(3, 2)), Span(Position(1, 1), Position(1, 2)),
                                       Span.at(Position(2, 1))]
    assert [d.message for d in moved] == ["on c", "on a", f"on new ({IN_NEW_TEXT})"]


CORPUS = sorted((Path(__file__).parent / "corpus").glob("*.yaml"))


@pytest.mark.parametrize("original", CORPUS, ids=[p.name for p in CORPUS])
def test_the_warnings_add_reports_are_where_validate_puts_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                               original: Path) -> None:
    monkeypatch.chdir(tmp_path)
    Path("m.yaml").write_bytes(original.read_bytes())
    result = run_cli(["add", "claim", "m.yaml", "--text", "Imu is a claim", "--id", "imu"])
    if result.exit_code != 0:
        pytest.skip(f"the editor refuses this layout: {result.stderr.splitlines()[-1]}")
    reported = [line for line in result.stderr.splitlines() if line.startswith("m.yaml:")]
    validated = [line for line in run_cli(["validate", "--no-context", "m.yaml"]).stdout.splitlines()
                 if line.startswith("m.yaml:") and "'imu'" in line]
    assert reported and reported == validated
