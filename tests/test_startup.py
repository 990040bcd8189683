"""Start-up stays small: a command imports what it uses and nothing else.

Each check runs `argmap` in a fresh interpreter and looks at what it imported (`sys.modules`),
so a top-level import added in the wrong place fails here instead of quietly costing every
command its time. The times themselves are measured by bench/, not here.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main
from conftest import MINIMAL_MAP

import argmap
from argmap.cli import app
from argmap.cli.lazy import COMMAND_MODULES
from argmap.read.document import check_text
from argmap.schemes import catalogue

ROOT = Path(__file__).parent.parent

_RUN = """
import json, sys
sys.argv = ["argmap", *sys.argv[1:]]
from argmap.cli import main
try:
    main()
except SystemExit as exit:
    code = exit.code
sys.stdout.flush()
sys.stderr.write("\\n" + json.dumps({"code": code, "modules": sorted(sys.modules)}) + "\\n")
"""

# Imported by no command that does not use them: the model and its validation (pydantic), the
# diagram (Graphviz), the spinner (rich), the server and the language server, the other commands.
HEAVY = ("pydantic", "pygraphviz", "rich", "starlette", "uvicorn", "pygls", "lsprotocol", "watchfiles", "pypdf",
         "argmap.serve", "argmap.lsp", "argmap.draw", "argmap.evaluate", "argmap.edit", "argmap.formats")
OTHER_COMMANDS = tuple(f"argmap.cli.{module}" for module in set(COMMAND_MODULES.values()) if module != "validate")


def run(*args: str) -> tuple[int, str, set[str]]:
    """Run `argmap ARGS` in a fresh interpreter: its exit status, standard output and the modules it imported."""
    result = subprocess.run([sys.executable, "-c", _RUN, *args], capture_output=True, text=True, timeout=120,
                            cwd=ROOT)
    report = json.loads(result.stderr.strip().splitlines()[-1])
    return report["code"], result.stdout, set(report["modules"])


def imported(modules: set[str], packages: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == p or m.startswith(p + ".") for p in packages))


def test_version_imports_no_command_nor_library() -> None:
    code, out, modules = run("--version")
    assert (code, out) == (0, f"argmap {argmap.__version__}\n")
    assert imported(modules, (*HEAVY, "yaml", "argmap.read", "argmap.model", "argmap.graph", *OTHER_COMMANDS,
                              "argmap.cli.validate")) == []
    # The version is the package's own, not read from the installed metadata.
    assert "importlib.metadata" not in modules


def test_validate_imports_only_what_checking_needs(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(MINIMAL_MAP, encoding="utf-8")
    code, out, modules = run("validate", str(path))
    assert code == 0 and out.endswith(": valid (4 nodes, 2 relations)\n"), out
    assert imported(modules, tuple(p for p in HEAVY if p != "pydantic") + OTHER_COMMANDS) == []
    # The formats a valid map's human report does not print, and the hint-only helpers.
    assert imported(modules, ("wcwidth", "slugify", "argmap.diagnostics.sarif", "argmap.diagnostics.github",
                              "argmap.diagnostics.documentation")) == []


def test_a_map_that_names_no_scheme_is_checked_without_reading_the_catalogue() -> None:
    catalogue.cache_clear()
    assert not check_text(MINIMAL_MAP, "map.yaml").diagnostics
    assert catalogue.cache_info().misses == 0
    named = MINIMAL_MAP.replace("supports: [threat-imminent]", "supports: [{to: threat-imminent, scheme: nope}]")
    assert named != MINIMAL_MAP
    assert [d.code for d in check_text(named, "map.yaml").diagnostics] == ["E210"]
    assert catalogue.cache_info().misses == 1


def test_help_still_lists_every_command_in_order() -> None:
    code, out, modules = run("--help")
    assert code == 0
    listed = [line.split()[0] for line in out.split("\nCommands:\n", 1)[1].splitlines()
              if line.startswith("  ") and not line.startswith("   ")]
    assert listed == list(COMMAND_MODULES)
    # Listing a command needs its help text, so help imports them all; the spinner it does not need.
    assert imported(modules, OTHER_COMMANDS) == sorted(OTHER_COMMANDS)
    assert "rich" not in modules


def test_the_command_table_names_every_command_and_the_module_that_registers_it() -> None:
    for module in COMMAND_MODULES.values():
        importlib.import_module(f"argmap.cli.{module}")
    registered = {info.name or typer.main.get_command_name(info.callback.__name__): info.callback.__module__
                  for info in app.registered_commands if info.callback is not None}
    for group in app.registered_groups:
        assert group.name is not None and group.typer_instance is not None
        defined_in = {command.callback.__module__ for command in group.typer_instance.registered_commands
                      if command.callback is not None}
        assert len(defined_in) == 1, defined_in
        registered[group.name] = defined_in.pop()
    assert {name: f"argmap.cli.{module}" for name, module in COMMAND_MODULES.items()} == registered


def test_a_lazily_built_command_is_the_one_typer_builds() -> None:
    for module in COMMAND_MODULES.values():
        importlib.import_module(f"argmap.cli.{module}")
    root = typer.main.get_command(app)
    lazily = typer.main.get_command(app)
    for name in COMMAND_MODULES:
        eager, lazy = root.commands[name], lazily.commands[name]  # type: ignore[attr-defined]
        assert (type(eager), eager.name, eager.help, [p.name for p in eager.params]) == (
            type(lazy), lazy.name, lazy.help, [p.name for p in lazy.params])


def test_the_version_is_written_once() -> None:
    # pyproject.toml reads it from the package (`dynamic`), so the two cannot disagree.
    assert importlib.metadata.version("argmap") == argmap.__version__
    assert 'dynamic = ["version"]' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'version = { attr = "argmap.__version__" }' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize(("args", "message"), [
    (["validate", "--format", "nope", "x.yaml"], "'nope' is not one of"),
    (["explain", "x.yaml", "node", "--depth", "many"], "Input should be a valid integer"),
])
def test_an_option_given_a_bad_value_is_still_refused(args: list[str], message: str) -> None:
    # Options' converters are built only when a value arrives; a value that arrives is still checked.
    result = subprocess.run([sys.executable, "-c", _RUN, *args], capture_output=True, text=True, timeout=120)
    assert json.loads(result.stderr.strip().splitlines()[-1])["code"] == 2
    assert message in " ".join(result.stderr.replace("\u2502", " ").split()), result.stderr



def test_an_option_converter_built_on_demand_answers_as_typer_s_own() -> None:
    from argmap.cli.lazy import defer_coercion
    from argmap.cli.validate import ValidateFormat

    command: Any = typer.main.get_command(app)
    param = next(p for p in command.commands["validate"].params if p.name == "output_format")
    defer_coercion([param])
    stand_in = param._runtime_param
    assert type(stand_in).__name__ == "_CoercionOnDemand"
    assert stand_in.coerce(None, param, None) is None and param._runtime_param is stand_in  # nothing built
    assert stand_in.coerce("sarif", param, None) is ValidateFormat.SARIF
    assert type(param._runtime_param).__name__ != "_CoercionOnDemand"  # the real converter, built once
    assert stand_in.annotation is ValidateFormat
