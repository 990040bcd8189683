"""Every command's --help reads well on the installed typer: plain metavars, nothing cut mid-word."""

from __future__ import annotations

import re
from typing import Any

import pytest
import typer.main
from conftest import run_cli

from argmap.cli import app


def command_paths() -> list[tuple[str, ...]]:
    paths: list[tuple[str, ...]] = []

    def walk(command: Any, path: tuple[str, ...]) -> None:
        paths.append(path)
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            walk(sub, (*path, name))

    walk(typer.main.get_command(app), ())
    return paths


def choices_of(path: tuple[str, ...]) -> list[str]:
    command: Any = typer.main.get_command(app)
    for name in path:
        command = command.commands[name]
    found: list[str] = []
    for param in command.params:
        for holder in (getattr(param, "type_descriptor", None), getattr(param, "type", None)):
            for choice in getattr(holder, "choices", None) or ():
                found.append(str(getattr(choice, "value", choice)))
    return found


PATHS = command_paths()


def test_every_command_is_covered() -> None:
    names = {" ".join(path) for path in PATHS}
    assert {"", "validate", "render", "evaluate", "explain", "add", "add claim", "link", "unlink", "remove",
            "schema", "new", "watch"} <= names


@pytest.mark.parametrize("path", PATHS, ids=[" ".join(path) or "argmap" for path in PATHS])
def test_help_reads_well(path: tuple[str, ...]) -> None:
    result = run_cli([*path, "--help"])
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.startswith(f"Usage: {' '.join(('argmap', *path))} [OPTIONS]")
    # typer's type labels and usage braces, never the reader's business.
    for leftover in ("<bool>", "<str>", "<int", "<float", "<list", "<path>", "{", "}", "...]...", "....", "│", "╭"):
        assert leftover not in text, f"{leftover!r} in:\n{text}"
    usage = text.splitlines()[0]
    assert re.fullmatch(r"Usage: argmap[ a-z]* \[OPTIONS\]( \[?[A-Z.]+\]?)*( COMMAND \[ARGS\]\.\.\.)?", usage), usage
    assert all(len(line) <= 80 for line in text.splitlines()), text
    # Each choice appears whole: no value is broken across lines or at a hyphen.
    for choice in choices_of(path):
        assert re.search(rf"(?<![\w-]){re.escape(choice)}(?![\w-])", text), f"{choice!r} broken in:\n{text}"
    assert "-h, --help" in text


def test_options_show_their_choices_defaults_and_values() -> None:
    text = run_cli(["render", "--help"]).stdout
    assert "-f, --format [svg|png|pdf|dot|html]" in text
    assert "--rankdir [BT|TB|LR|RL]" in text
    assert "source quoted.  [default: none]" in text
    assert "--legend / --no-legend" in text
    assert "--focus ID" in text
    assert "--standard STANDARD" in text
    assert "clear-and-convincing," in text
    validate = run_cli(["validate", "--help"]).stdout
    assert "Usage: argmap validate [OPTIONS] [PATH...]\n" in validate
    assert "\n  PATH...  Map files, folders or glob patterns to check" in validate


@pytest.mark.parametrize("path", [(), ("add",)], ids=["argmap", "add"])
def test_a_group_without_a_command_prints_its_help(path: tuple[str, ...]) -> None:
    result = run_cli(list(path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Usage: {' '.join(('argmap', *path))} [OPTIONS] COMMAND [ARGS]...\n")
    assert "\nCommands:\n" in result.stderr


def test_usage_errors_show_the_same_plain_usage() -> None:
    result = run_cli(["render"])
    assert result.exit_code == 2
    assert result.stderr.startswith("Usage: argmap render [OPTIONS] FILE\n")
    assert "{" not in result.stderr
