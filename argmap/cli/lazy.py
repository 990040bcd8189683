"""Start-up: what every command would otherwise pay before it does anything.

Commands: each command's module pulls in the library it drives (pydantic's model, the evaluator,
Graphviz, the server), and importing all of them took most of every command's start-up. The root
group's commands are therefore a mapping that imports a command's module the first time the
command is looked up: to run it, or to list it (`argmap --help`, shell completion, a mistyped
name's suggestions), which looks them all up, in the order `COMMAND_MODULES` gives.

Options: typer converts each option's value with a pydantic TypeAdapter that it builds before it
looks at the value, even for an option not given (None), which needs no conversion: for
`argmap --version` that was pydantic's import and three adapters, half the command's time.
`defer_coercion` builds an option's adapter only once it has a value to convert.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator, Mapping, MutableMapping
from typing import Any

import typer
import typer.main

try:
    from typer._coercion import build_runtime_param as _build_converter
except ImportError:  # pragma: no cover - another typer release: see `defer_coercion`
    _build_converter = None  # type: ignore[assignment]

COMMAND_MODULES: Mapping[str, str] = {
    "validate": "validate",
    "render": "render",
    "evaluate": "evaluate",
    "explain": "evaluate",
    "link": "edit",
    "unlink": "edit",
    "remove": "edit",
    "schema": "authoring",
    "new": "authoring",
    "watch": "authoring",
    "lsp": "lsp",
    "export": "interchange",
    "import": "interchange",
    "formats": "interchange",
    "serve": "serve",
    "questions": "questions",
    "diff": "diff",
    "report": "report",
    "add": "edit",
}
"""Every command of `argmap`, in the order help lists them, and the module (in `argmap.cli`)
that registers it on the app; tests/test_startup.py checks it against the modules themselves."""


class LazyCommands(MutableMapping[str, Any]):
    """A group's commands by name: each built from its typer registration on first lookup."""

    def __init__(self, app: typer.Typer, loaded: Mapping[str, Any]) -> None:
        self._app = app
        # The documented order first; any command already registered and built keeps its object.
        self._commands: dict[str, Any] = dict.fromkeys(COMMAND_MODULES)
        self._commands.update(loaded)

    def __getitem__(self, name: str) -> Any:
        command = self._commands[name]
        if command is None:
            command = self._commands[name] = self._build(name)
        return command

    def __setitem__(self, name: str, command: Any) -> None:
        self._commands[name] = command

    def __delitem__(self, name: str) -> None:
        del self._commands[name]

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._commands))

    def __len__(self) -> int:
        return len(self._commands)

    def _build(self, name: str) -> Any:
        """Import the command's module, which registers it on the app, and build it as typer would."""
        importlib.import_module(f"argmap.cli.{COMMAND_MODULES[name]}")
        app = self._app
        for info in app.registered_commands:
            if info.callback is not None and (info.name or typer.main.get_command_name(info.callback.__name__)) == name:
                return typer.main.get_command_from_info(
                    info, pretty_exceptions_short=app.pretty_exceptions_short, rich_markup_mode=app.rich_markup_mode)
        for group in app.registered_groups:
            if group.name == name:
                return typer.main.get_group_from_info(
                    group, pretty_exceptions_short=app.pretty_exceptions_short,
                    rich_markup_mode=app.rich_markup_mode, suggest_commands=app.suggest_commands)
        raise LookupError(f"argmap.cli.{COMMAND_MODULES[name]} registers no command {name!r}")


class _CoercionOnDemand:
    """Stands in for a typer parameter's converter until a value needs one."""

    def __init__(self, parameter: Any) -> None:
        self._parameter = parameter

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        if value is None:
            # What typer's converter answers for a missing value, without building the adapter.
            return () if param.multiple or param.nargs == -1 else None
        return self._converter().coerce(value, param=param, ctx=ctx)

    def __getattr__(self, name: str) -> Any:
        # Anything else typer asks of its converter is answered by the real one.
        if name.startswith("__") or name == "_parameter":
            raise AttributeError(name)
        return getattr(self._converter(), name)

    def _converter(self) -> Any:
        converter = _build_converter(self._parameter.type_descriptor)
        self._parameter._runtime_param = converter
        return converter


def defer_coercion(params: Iterable[Any]) -> None:
    """Give each typer parameter whose converter is not built yet one that is built on demand.

    This leans on typer's internals (pinned in constraints.txt); a typer without them leaves its
    parameters as they are, which costs time but changes nothing else."""
    if _build_converter is None:
        return
    for param in params:
        if hasattr(param, "type_descriptor") and getattr(param, "_runtime_param", False) is None:
            param._runtime_param = _CoercionOnDemand(param)
