"""The README's examples are true: the format example validates, and the walkthrough's edits work."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.cli import app
from argmap.read.document import check_text

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def yaml_blocks(section: str, list_indent: int = 0) -> list[str]:
    start = README.index(section)
    following = README.find("\n## ", start + 1)
    body = README[start : following if following != -1 else len(README)]
    blocks = re.findall(r"```yaml\n(.*?)```", body, re.DOTALL)
    # Blocks inside numbered list items carry the list item's indentation in the Markdown.
    prefix = re.compile("^" + " " * list_indent, re.MULTILINE)
    return [prefix.sub("", block) for block in blocks]


def test_format_example_is_a_valid_map() -> None:
    (example,) = yaml_blocks("## The format in one screen")
    checked = check_text(example, "README example", ROOT)
    assert checked.errors == [] and checked.warnings == []


def insert_before_section(text: str, section: str, entry: str) -> str:
    marker = f"\n{section}:\n"
    index = text.index(marker)
    # Insert before the comment banner that introduces the next section, if there is one.
    banner = text.rfind("\n\n", 0, index)
    return text[: banner + 1] + "\n" + entry + text[banner + 1 :]


def test_walkthrough_edits_keep_the_bundled_map_valid() -> None:
    claim, evidence = yaml_blocks("## Adding an argument by hand", list_indent=3)
    original = (ROOT / "arguments.yaml").read_text(encoding="utf-8")
    edited = insert_before_section(original, "evidence", claim)
    edited = insert_before_section(edited, "rebuttals", evidence)
    before = check_text(original, "arguments.yaml", ROOT)
    after = check_text(edited, "arguments.yaml", ROOT)
    assert after.errors == [] and after.warnings == []
    assert after.graph is not None and before.graph is not None
    assert set(after.graph.nodes) - set(before.graph.nodes) == {
        "strikes-followed-karachi",
        "ev-first-strike-since-christmas",
    }


def readme_commands(section: str) -> list[list[str]]:
    """The `argmap ...` commands of a section's shell block, with continuation lines joined."""
    start = README.index(section)
    block = re.search(r"```sh\n(.*?)```", README[start:], re.DOTALL)
    assert block is not None
    joined = block.group(1).replace("\\\n", " ")
    return [shlex.split(line)[1:] for line in joined.splitlines() if line.startswith("argmap ")]


def test_editing_examples_run_in_order_on_a_copy_of_the_map(tmp_path: Path) -> None:
    copy = tmp_path / "arguments.yaml"
    copy.write_bytes((ROOT / "arguments.yaml").read_bytes())
    commands = readme_commands("### Editing: `add`, `link`, `unlink`, `remove`")
    assert len(commands) == 5
    for arguments in commands:
        arguments = [str(copy) if a == "arguments.yaml" else a for a in arguments]
        result = CliRunner().invoke(app, arguments)
        assert result.exit_code == 0, (arguments, result.output)
    # The last two remove what the first two added, leaving the map byte for byte as it was.
    assert copy.read_bytes() == (ROOT / "arguments.yaml").read_bytes()


def test_validate_example_prints_exactly_what_the_readme_shows(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The headline example, verbatim: the file it shows, the command, and every line of output."""
    section = "### `argmap validate PATH...`"
    broken, workflow = yaml_blocks(section)
    assert workflow == "- run: argmap validate --format github .\n"
    start = README.index(section)
    shown = re.search(r"```text\n\$ (argmap [^\n]*)\n(.*?)```", README[start:], re.DOTALL)
    assert shown is not None
    command, output = shown.groups()
    (tmp_path / "broken.yaml").write_text(broken, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, shlex.split(command)[1:])
    assert result.exit_code == 1
    assert result.output == output


def test_the_bundled_map_is_as_large_as_the_readme_says() -> None:
    sentence = re.search(r"It holds (\d+) elements, (\d+) claims, (\d+) pieces of evidence and (\d+)\s+rebuttals",
                         README)
    assert sentence is not None
    checked = check_text((ROOT / "arguments.yaml").read_text(encoding="utf-8"), "arguments.yaml", ROOT)
    assert checked.argument_map is not None
    bundled = checked.argument_map
    counts = (len(bundled.framework.elements), len(bundled.claims), len(bundled.evidence), len(bundled.rebuttals))
    assert tuple(int(n) for n in sentence.groups()) == counts


def test_explain_example_prints_exactly_what_the_readme_shows() -> None:
    # Four backticks: the entry holds a fenced block of its own.
    shown = re.search(r"````text\n\$ (argmap validate --explain [^\n]*)\n(.*?)````", README, re.DOTALL)
    assert shown is not None
    command, output = shown.groups()
    result = CliRunner().invoke(app, shlex.split(command)[1:])
    assert result.exit_code == 0
    assert result.output == output
