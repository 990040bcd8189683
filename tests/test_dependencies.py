"""The dependency policy holds: bounded below the next major, lint tools pinned, a lock that matches.

A dependency added to pyproject.toml without refreshing constraints.txt fails here, with
the command that refreshes it.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
RUNTIME = [Requirement(line) for line in PROJECT["dependencies"]]
TEST = [Requirement(line) for line in PROJECT["optional-dependencies"]["test"]]
PINNED_EXACTLY = {"ruff", "mypy", "types-pyyaml"}
"""The tools that run inside the suite: a new release must not turn it red on its own."""
REFRESH = "bash .ci/refresh-constraints"


def constraints() -> dict[str, Version]:
    pins: dict[str, Version] = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"constraints.txt: {line!r} is not pinned with =="
            pins[canonicalize_name(name)] = Version(version)
    return pins


@pytest.mark.parametrize("requirement", RUNTIME + TEST, ids=str)
def test_every_dependency_is_bounded_below_its_next_major(requirement: Requirement) -> None:
    upper = [spec for spec in requirement.specifier if spec.operator in ("<", "==")]
    assert upper, f"{requirement} has no upper bound"
    known_good = constraints().get(canonicalize_name(requirement.name))
    for spec in upper:
        if spec.operator == "<" and known_good is not None:
            # No further than the next major after the release the suite passes with.
            assert Version(spec.version) <= Version(f"{known_good.major + 1}"), (requirement, known_good)


@pytest.mark.parametrize("name", sorted(PINNED_EXACTLY))
def test_lint_and_type_tools_are_pinned_exactly(name: str) -> None:
    (requirement,) = [r for r in TEST if canonicalize_name(r.name) == name]
    (spec,) = requirement.specifier
    assert spec.operator == "==" and "*" not in spec.version, requirement


@pytest.mark.parametrize("requirement", RUNTIME + TEST, ids=str)
def test_constraints_pin_every_dependency_within_its_bounds(requirement: Requirement) -> None:
    pins = constraints()
    name = canonicalize_name(requirement.name)
    assert name in pins, f"constraints.txt lacks {requirement.name}: run `{REFRESH}`"
    assert requirement.specifier.contains(pins[name], prereleases=True), (
        f"constraints.txt pins {requirement.name}=={pins[name]}, outside {requirement.specifier}: run `{REFRESH}`"
    )


def test_the_readme_documents_the_lock_and_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "python -m pip install -c constraints.txt '.[test]'" in readme
    assert REFRESH in readme
    quick_start = readme[readme.index("## Quick start") : readme.index("\n## ", readme.index("## Quick start") + 1)]
    commands = re.findall(r"```sh\n(.*?)\n```", quick_start, re.DOTALL)
    assert commands == ["python -m pip install . && argmap render arguments.yaml",
                        "python -m pip install '.[test]' && python -m pytest"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    # CI may first install what pip cannot bring; then it runs exactly the README's test command.
    assert [line for line in ci.splitlines() if line.strip()][-1] == commands[1]
    assert REFRESH.split()[-1] in {f".ci/{path.name}" for path in (ROOT / ".ci").iterdir()}
