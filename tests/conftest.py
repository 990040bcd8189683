"""Shared test helpers: a small valid map to build on, and a way to run the CLI.

`MINIMAL_MAP` is valid and clean (no errors, no warnings). `minimal_map()` adds
entries to its sections, so a test writes only what it is about:

    text = minimal_map(claims='''
      extra:
        text: An extra claim.
        supports: [nowhere]
    ''')

Each keyword's text is dedented and indented under its section; sections the
base map lacks (`rebuttals`) are created. `where(text, needle)` gives the
`line:column` of a needle, so tests can assert exact positions without
counting lines by hand.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from argmap.cli import app
from argmap.diagnostics.report import format_human
from argmap.read.document import CheckedMap, check_bytes, check_text

MINIMAL_MAP = """\
argmap: 1
question:
  id: strikes-lawful
  text: May the president order the strikes without Congress?
framework:
  rule: "Rule: strikes are lawful if the targets pose an imminent threat to the US."
  asserted_by: obama-lawyers
  elements:
    threat-imminent:
      text: The threat to the United States is imminent.
parties:
  obama-lawyers:
    name: President Obama's lawyers
  knefel:
    name: John Knefel
sources:
  crackdown:
    title: Pakistan's New Terror Crackdown and US Involvement
    kind: commentary
    date: "2014-06"
claims:
  imu-hostile:
    text: The IMU is hostile to the United States.
    by: knefel
    supports: [threat-imminent]
evidence:
  imu-aims:
    quote: The IMU has long had ties to al-Qaeda.
    source: crackdown
    locator: para. 9
    supports: [imu-hostile]
"""

SECTIONS = ("parties", "sources", "claims", "evidence", "rebuttals")


def minimal_map(**sections: str) -> str:
    """MINIMAL_MAP with extra entries appended to the named sections (see the module docstring)."""
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        raise ValueError(f"unknown sections: {sorted(unknown)}")
    lines = MINIMAL_MAP.splitlines(keepends=True)
    for section in SECTIONS:
        extra = sections.get(section)
        if not extra:
            continue
        block = textwrap.indent(textwrap.dedent(extra).strip("\n") + "\n", "  ")
        header = f"{section}:\n"
        if header not in lines:
            lines.append(header)
            lines.append(block)
            continue
        # Insert after the section's last line: before the next top-level key, or at the end.
        start = lines.index(header) + 1
        end = next((i for i in range(start, len(lines)) if lines[i][:1] not in (" ", "")), len(lines))
        lines.insert(end, block)
    return "".join(lines)


def where(text: str, needle: str, occurrence: int = 1) -> str:
    """`line:column` (1-based) of the `occurrence`-th appearance of `needle` in `text`."""
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return f"{line}:{column}"


def report(content: str | bytes, name: str = "m.yaml", base: Path | None = None) -> str:
    """The human report for a map given as text or bytes, without source context, as the CLI prints it."""
    return format_human(_check(content, name, base).diagnostics)


def _check(content: str | bytes, name: str = "m.yaml", base: Path | None = None) -> CheckedMap:
    return check_bytes(content, name, base) if isinstance(content, bytes) else check_text(content, name, base)


def codes(content: str | bytes) -> list[str]:
    """The diagnostic codes for a map, in report order."""
    return [d.code for d in _check(content).diagnostics]


def run_cli(args: Sequence[str], *, input: str | bytes | None = None,
            env: dict[str, str] | None = None) -> Result:
    """Run `argmap ARGS` in-process; exceptions propagate so a test sees any traceback."""
    return CliRunner().invoke(app, list(args), input=input, env=env, catch_exceptions=False)


@pytest.fixture
def write_map(tmp_path: Path) -> Callable[..., Path]:
    """Write text (or bytes) to a file in a temporary folder and return its path."""

    def write(content: str | bytes, name: str = "map.yaml") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write


@pytest.fixture(autouse=True)
def _colour_as_on_a_plain_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """FORCE_COLOR in the environment running the suite (some CI systems set it) would colour every
    report; tests that are about colour set it themselves."""
    monkeypatch.delenv("FORCE_COLOR", raising=False)
