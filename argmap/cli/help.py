"""`--help` in plain, stable text, whatever typer's own help renderer does this release.

typer's renderer changes between minor releases (recent ones print `<bool>`, `<str>`,
`<list[str]>` and `{FILE...}...`, and fold long choice lists mid-word in a boxed table).
argmap's help is part of its interface, so it is written here, from the parameters' plain
attributes, in the classic layout: usage, description, arguments, options, commands.
Text wraps at spaces only, never inside a word or at a hyphen (`clear-and-convincing`);
a long list of choices is named in the option's help instead of beside its name.
"""

from __future__ import annotations

import inspect
import textwrap
from collections.abc import Callable, Sequence
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from .lazy import defer_coercion


class ArgmapCommand(TyperCommand):
    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        defer_coercion(self.get_params(ctx))
        return list(super().parse_args(ctx, args))

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return _usage_pieces(self, ctx)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        _write_help(self, ctx, formatter)


class ArgmapGroup(TyperGroup):
    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return [*_usage_pieces(self, ctx), "COMMAND [ARGS]..."]

    def format_help(self, ctx: Any, formatter: Any) -> None:
        _write_help(self, ctx, formatter)
        _write_commands(self, ctx, formatter)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        # typer leaves printing the help for a bare `argmap` to its own renderer; print ours.
        if not args and self.no_args_is_help and not ctx.resilient_parsing:
            typer.echo(ctx.get_help(), err=True)
            ctx.exit(2)
        defer_coercion(self.get_params(ctx))
        return list(super().parse_args(ctx, args))


class ArgmapTyper(typer.Typer):
    """A `typer.Typer` whose commands and groups print argmap's help."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("cls", ArgmapGroup)
        super().__init__(*args, **kwargs)

    def command(self, *args: Any, **kwargs: Any) -> Callable[[Any], Any]:
        kwargs.setdefault("cls", ArgmapCommand)
        return super().command(*args, **kwargs)


_LONGEST_CHOICE_LIST = 30
"""Longer `[a|b|c]` lists would push the option's help off the line: they go into the help."""


def _write_help(command: Any, ctx: Any, formatter: Any) -> None:
    params = [param for param in command.get_params(ctx) if not getattr(param, "hidden", False)]
    arguments = [param for param in params if param.param_type_name == "argument"]
    options = [param for param in params if param.param_type_name == "option"]
    command.format_usage(ctx, formatter)
    if command.help:
        for paragraph in inspect.cleandoc(command.help).split("\n\n"):
            formatter.write_paragraph()
            _write_wrapped(formatter, paragraph.replace("\b\n", ""), indent=2)
    if arguments:
        _write_section(formatter, "Arguments", [(_argument_name(param), _help_text(param)) for param in arguments])
    if options:
        _write_section(formatter, "Options", [(_option_names(param), _help_text(param)) for param in options])


def _usage_pieces(command: Any, ctx: Any) -> list[str]:
    arguments = [param for param in command.get_params(ctx) if param.param_type_name == "argument"]
    return ["[OPTIONS]", *(_usage_piece(argument) for argument in arguments)]


def _write_commands(group: Any, ctx: Any, formatter: Any) -> None:
    rows = []
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if command is not None and not command.hidden:
            summary = command.short_help or inspect.cleandoc(command.help or "").split("\n\n")[0]
            rows.append((name, " ".join(summary.split())))
    if rows:
        _write_section(formatter, "Commands", rows)


def _write_section(formatter: Any, title: str, rows: list[tuple[str, str]]) -> None:
    """A heading, then each term with its text beside it (or below it, if the term is long)."""
    formatter.write_paragraph()
    formatter.write(f"{title}:\n")
    indent = 2
    column = min(max(len(term) for term, _ in rows), _LONGEST_CHOICE_LIST) + indent + 2
    for term, text in rows:
        lines = _wrap(text, formatter.width - column)
        if indent + len(term) + 2 > column or not lines:
            formatter.write(" " * indent + term + "\n")
        else:
            formatter.write(" " * indent + term.ljust(column - indent) + lines.pop(0) + "\n")
        for line in lines:
            formatter.write(" " * column + line + "\n")


def _write_wrapped(formatter: Any, text: str, *, indent: int) -> None:
    for line in _wrap(" ".join(text.split()), formatter.width - indent):
        formatter.write(" " * indent + line + "\n")


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, max(width, 20), break_on_hyphens=False, break_long_words=False)


def _argument_name(argument: Any) -> str:
    name = str(argument.metavar or argument.name.upper())
    if argument.nargs != 1 and not name.endswith("..."):
        name += "..."
    return name


def _usage_piece(argument: Any) -> str:
    name = _argument_name(argument)
    return name if argument.required else f"[{name}]"


def _option_names(option: Any) -> str:
    # Short names first, as in `-f, --format`.
    names = ", ".join(sorted(option.opts, key=lambda name: (name.startswith("--"), name)))
    if option.secondary_opts:
        names += " / " + ", ".join(option.secondary_opts)
    metavar = _option_metavar(option)
    return f"{names} {metavar}" if metavar else names


def _option_metavar(option: Any) -> str | None:
    if getattr(option, "is_flag", False) or getattr(option, "count", False):
        return None
    if option.metavar:
        return str(option.metavar)
    choices = _choices(option)
    if choices and len("|".join(choices)) + 2 <= _LONGEST_CHOICE_LIST:
        return "[" + "|".join(choices) + "]"
    python_type = _python_type(option)
    if python_type is int:
        return "INTEGER"
    if python_type is float:
        return "NUMBER"
    long_names = [name for name in option.opts if name.startswith("--")]
    return (long_names[0][2:] if long_names else str(option.name)).upper()


def _choices(param: Any) -> list[str] | None:
    # typer >= 0.2x describes types in `type_descriptor`; older releases in a click `type`.
    for holder in (getattr(param, "type_descriptor", None), getattr(param, "type", None)):
        choices: Sequence[Any] | None = getattr(holder, "choices", None)
        if choices:
            return [str(getattr(choice, "value", choice)) for choice in choices]
    return None


def _python_type(param: Any) -> Any:
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is not None:
        return getattr(descriptor, "annotation", None)
    return {"integer": int, "integer range": int, "float": float, "float range": float}.get(
        getattr(getattr(param, "type", None), "name", ""))


def _help_text(param: Any) -> str:
    text = " ".join(str(getattr(param, "help", None) or "").split())
    choices = _choices(param)
    if choices and param.param_type_name == "option" and not (_option_metavar(param) or "").startswith("["):
        text += f" One of: {', '.join(choices)}."
    extras = []
    default = _shown_default(param)
    if default is not None:
        extras.append(f"default: {default}")
    if param.required:
        extras.append("required")
    return f"{text}  [{'; '.join(extras)}]".strip() if extras else text


def _shown_default(param: Any) -> str | None:
    if param.param_type_name != "option" or getattr(param, "is_flag", False):
        return None
    if getattr(param, "show_default", True) is False:
        return None
    default = param.default
    if default is None or default in ((), []) or callable(default):
        return None
    return str(getattr(default, "value", default))
