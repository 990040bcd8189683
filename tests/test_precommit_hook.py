"""The pre-commit hook checks every argmap map, whatever its name, and skips other YAML quietly.

pre-commit runs the hook's `entry` with the staged files that match its `types` (and `files`,
if set) appended; these tests run that very command line on such a set of files.
"""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
import yaml
from conftest import MINIMAL_MAP, run_cli

from argmap.read.detect import is_map

ROOT = Path(__file__).resolve().parent.parent
(HOOK,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))

NOT_MAPS = {
    ".github/workflows/ci.yml": "name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n",
    "compose.yaml": "services:\n  web:\n    image: nginx\n",
    "config.yaml": "# argmap: 1 (a comment is not the key)\nsettings:\n  argmap: 1\n",
    "notes.yaml": "text: |\n  argmap: 1\n",
    "empty.yaml": "",
}


def hook_command(files: list[Path]) -> list[str]:
    """The command line pre-commit runs, without the program name."""
    program, *arguments = shlex.split(HOOK["entry"])
    assert program == "argmap"
    return [*arguments, *map(str, files)]


def write(folder: Path, files: dict[str, str]) -> list[Path]:
    paths = []
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def test_the_hook_takes_every_yaml_file_whatever_its_name() -> None:
    assert HOOK["id"] == "argmap-validate"
    assert HOOK["language"] == "python"
    assert HOOK["types"] == ["yaml"]
    assert "files" not in HOOK  # no naming convention: debate.yaml is a map too
    assert HOOK["entry"] == "argmap validate --only-maps"


def test_maps_with_any_name_are_checked_and_other_yaml_is_skipped_quietly(tmp_path: Path) -> None:
    broken = MINIMAL_MAP.replace("supports: [imu-hostile]", "supports: [imu-hostle]")
    maps = write(tmp_path, {
        "debate.yaml": broken,
        "maps/good.yml": MINIMAL_MAP,
        "syntax.yaml": "argmap: 1\nquestion: [unclosed\n",
    })
    others = write(tmp_path, NOT_MAPS)
    result = run_cli(hook_command(maps + others))
    assert result.exit_code == 1
    assert f"{maps[0]}:" in result.stdout and " E201 'imu-hostle' is not defined" in result.stdout
    assert f"{maps[1]}: valid" in result.stdout
    assert f"{maps[2]}:" in result.stdout and " E003 " in result.stdout
    for other in others:
        assert str(other) not in result.output
    assert result.stderr == ""


def test_only_other_yaml_passes_with_no_output(tmp_path: Path) -> None:
    result = run_cli(hook_command(write(tmp_path, NOT_MAPS)))
    assert (result.exit_code, result.output) == (0, "")


def test_without_the_option_every_file_is_a_map_to_check(tmp_path: Path) -> None:
    (compose,) = write(tmp_path, {"compose.yaml": NOT_MAPS["compose.yaml"]})
    result = run_cli(["validate", "--no-context", str(compose)])
    assert result.exit_code == 1
    assert "E101 missing required field 'argmap'" in result.stdout


def test_a_file_that_cannot_be_read_is_still_reported(tmp_path: Path) -> None:
    result = run_cli(hook_command([tmp_path / "missing.yaml"]))
    assert result.exit_code == 2
    assert "missing.yaml" in result.output


@pytest.mark.parametrize("text", [
    "argmap: 1\n", "\ufeffargmap: 1\n", "# a map\nargmap: 1\n", "question: q\nargmap: 1\n", '"argmap": 1\n',
    "argmap:\n", "argmap: 1\r\nquestion: x\r\n", "argmap: 1\nquestion: [unclosed\n",
])
def test_a_top_level_argmap_key_makes_a_map(text: str) -> None:
    assert is_map(text.encode("utf-8"))


@pytest.mark.parametrize("text", [*NOT_MAPS.values(), "argmaps: 1\n", "argmap-version: 1\n", "x: argmap: 1\n",
                                  "  argmap: 1\n"])
def test_other_yaml_is_not_a_map(text: str) -> None:
    assert not is_map(text.encode("utf-8"))
