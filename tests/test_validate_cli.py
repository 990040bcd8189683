"""`argmap validate` on the command line: output, exit codes, JSON, --strict, stdin, colour,
unreadable files, hostile input, and the internal-error path.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import MINIMAL_MAP, minimal_map, run_cli

import argmap.cli
import argmap.cli.validate
import argmap.read.document
from argmap.cli.common import EXIT_INTERNAL, use_colour

WriteMap = Callable[..., Path]

BAD = MINIMAL_MAP.replace("supports: [imu-hostile]", "supports: [imu-hostile, nowhere]").replace(
    "kind: commentary", "kind: comentary"
)
@pytest.fixture(autouse=True)
def _in_temporary_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Each test runs in its own folder, so that relative names in messages are predictable."""
    monkeypatch.chdir(tmp_path)


WARNS = minimal_map(claims="bare: {text: A claim nobody backs., supports: [threat-imminent]}")


def test_valid_file(write_map: WriteMap) -> None:
    path = write_map(MINIMAL_MAP)
    result = run_cli(["validate", str(path)])
    assert result.exit_code == 0
    assert result.stdout == f"{path}: valid (4 nodes, 2 relations)\n"
    assert result.stderr == ""


def test_problems_as_file_line_column_code_message(write_map: WriteMap, tmp_path: Path) -> None:
    write_map(BAD, "bad.yaml")
    result = run_cli(["validate", "--no-context", "bad.yaml"])
    assert result.exit_code == 1
    # A format error (E1xx) does not hide the reference error (E2xx) elsewhere in the file.
    assert result.stdout == (
        "bad.yaml:19:11: E104 'kind' must be one of report, commentary, government-statement, news, book,"
        " other; got 'comentary'\n"
        "  hint: did you mean 'commentary'?\n"
        "bad.yaml:31:29: E201 'nowhere' is not defined\n"
        "  hint: supports must name an element or a claim or a rebuttal defined in this file\n"
        "bad.yaml: 2 errors\n"
    )


def test_graph_problems_after_schema_problems_are_fixed(write_map: WriteMap, tmp_path: Path) -> None:
    write_map(BAD.replace("kind: comentary", "kind: commentary"), "bad.yaml")
    result = run_cli(["validate", "--no-context", "bad.yaml"])
    assert result.exit_code == 1
    assert result.stdout == (
        "bad.yaml:31:29: E201 'nowhere' is not defined\n"
        "  hint: supports must name an element or a claim or a rebuttal defined in this file\n"
        "bad.yaml: 1 error\n"
    )


def test_context_shows_the_line_and_a_caret(write_map: WriteMap, tmp_path: Path) -> None:
    write_map(BAD, "bad.yaml")
    result = run_cli(["validate", "bad.yaml"])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[:5] == [
        "bad.yaml:19:11: E104 'kind' must be one of report, commentary, government-statement, news, book,"
        " other; got 'comentary'",
        "   |",
        "19 |     kind: comentary",
        "   |           ^^^^^^^^^",
        "  hint: did you mean 'commentary'?",
    ]


def test_several_files_at_once(write_map: WriteMap, tmp_path: Path) -> None:
    write_map(MINIMAL_MAP, "good.yaml")
    write_map(WARNS, "warns.yaml")
    write_map("argmap: 1\nquestion: [\n", "broken.yaml")
    result = run_cli(["validate", "--no-context", "good.yaml", "warns.yaml", "broken.yaml"])
    assert result.exit_code == 1
    assert result.stdout == (
        "good.yaml: valid (4 nodes, 2 relations)\n"
        "warns.yaml:26:3: W302 claim 'bare' has no evidence beneath it\n"
        "  hint: add evidence that quotes a source and `supports:` this claim\n"
        "warns.yaml: 1 warning\n"
        "broken.yaml:2:12: E003 did not find expected node content (while parsing a flow node)\n"
        "broken.yaml: 1 error\n"
    )


# --- exit codes and --strict ---------------------------------------------------------------------


def test_warnings_pass_without_strict_and_fail_with_it(write_map: WriteMap) -> None:
    path = write_map(WARNS)
    assert run_cli(["validate", str(path)]).exit_code == 0
    assert run_cli(["validate", "--strict", str(path)]).exit_code == 1


def test_strict_on_a_clean_file(write_map: WriteMap) -> None:
    assert run_cli(["validate", "--strict", str(write_map(MINIMAL_MAP))]).exit_code == 0


def test_notes_never_fail_even_under_strict(write_map: WriteMap) -> None:
    text = MINIMAL_MAP.replace('    date: "2014-06"\n', '    date: "2014-06"\n    file: nowhere.txt\n')
    path = write_map(text)
    result = run_cli(["validate", "--strict", "--no-context", str(path)])
    assert result.exit_code == 0
    assert f"{path}:21:11: I304 cannot read 'nowhere.txt'; quotes from 'crackdown' are not checked" in (
        result.stdout
    )


def test_usage_errors_exit_2() -> None:
    assert run_cli(["validate"]).exit_code == 2
    assert run_cli(["validate", "--format", "xml", "x.yaml"]).exit_code == 2
    assert run_cli(["validate", "--no-such-option", "x.yaml"]).exit_code == 2


# --- JSON ----------------------------------------------------------------------------------------


def test_json_output_shape(write_map: WriteMap, tmp_path: Path) -> None:
    write_map(BAD.replace("kind: comentary", "kind: commentary"), "bad.yaml")
    write_map(MINIMAL_MAP, "good.yaml")
    result = run_cli(["validate", "--format", "json", "bad.yaml", "good.yaml"])
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {
        "files": [
            {
                "file": "bad.yaml",
                "valid": False,
                "errors": 1,
                "warnings": 0,
                "diagnostics": [
                    {
                        "file": "bad.yaml",
                        "line": 31,
                        "column": 29,
                        "end_line": 31,
                        "end_column": 36,
                        "code": "E201",
                        "severity": "error",
                        "message": "'nowhere' is not defined",
                        "hint": "supports must name an element or a claim or a rebuttal defined in this file",
                        "related": [],
                    }
                ],
            },
            {"file": "good.yaml", "valid": True, "errors": 0, "warnings": 0, "diagnostics": []},
        ]
    }


def test_json_with_strict_and_warnings(write_map: WriteMap) -> None:
    path = write_map(WARNS)
    lenient = json.loads(run_cli(["validate", "-f", "json", str(path)]).stdout)
    strict = run_cli(["validate", "-f", "json", "--strict", str(path)])
    assert lenient["files"][0]["valid"] is True
    assert strict.exit_code == 1
    assert json.loads(strict.stdout)["files"][0] == {
        "file": str(path),
        "valid": False,
        "errors": 0,
        "warnings": 1,
        "diagnostics": [
            {
                "file": str(path),
                "line": 26,
                "column": 3,
                "end_line": 26,
                "end_column": 7,
                "code": "W302",
                "severity": "warning",
                "message": "claim 'bare' has no evidence beneath it",
                "hint": "add evidence that quotes a source and `supports:` this claim",
                "related": [],
            }
        ],
    }


def test_json_includes_unreadable_files(tmp_path: Path) -> None:
    result = run_cli(["validate", "--format", "json", "missing.yaml"])
    assert result.exit_code == 2
    assert json.loads(result.stdout) == {
        "files": [
            {
                "file": "missing.yaml",
                "valid": False,
                "errors": 1,
                "warnings": 0,
                "diagnostics": [
                    {
                        "file": "missing.yaml",
                        "line": 1,
                        "column": 1,
                        "end_line": 1,
                        "end_column": 1,
                        "code": "E001",
                        "severity": "error",
                        "message": "cannot read file: No such file or directory",
                        "hint": None,
                        "related": [],
                    }
                ],
            }
        ]
    }


def test_json_keeps_non_ascii_text(write_map: WriteMap) -> None:
    path = write_map(MINIMAL_MAP.replace("supports: [imu-hostile]", "supports: [imu-hostile, café]"))
    record = json.loads(run_cli(["validate", "-f", "json", str(path)]).stdout)["files"][0]["diagnostics"][0]
    assert record["message"] == "invalid id 'café'"


# --- standard input ------------------------------------------------------------------------------


def test_stdin_valid() -> None:
    result = run_cli(["validate", "-"], input=MINIMAL_MAP)
    assert result.exit_code == 0
    assert result.stdout == "-: valid (4 nodes, 2 relations)\n"


def test_stdin_with_problems() -> None:
    result = run_cli(["validate", "--no-context", "-"], input=BAD)
    assert result.exit_code == 1
    assert result.stdout.startswith("-:19:11: E104 'kind' must be one of")


def test_stdin_invalid_utf8() -> None:
    result = run_cli(["validate", "-"], input=b"argmap: 1\n\xff\n")
    assert result.exit_code == 1
    assert result.stdout == (
        "-:2:1: E002 the file is not valid UTF-8 (byte 0xff)\n"
        "  hint: save the file with UTF-8 encoding\n"
        "-: 1 error\n"
    )


# --- unreadable files ----------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    result = run_cli(["validate", "missing.yaml"])
    assert result.exit_code == 2
    assert result.stderr == "missing.yaml:1:1: E001 cannot read file: No such file or directory\n"
    assert result.stdout == ""


def test_directory(tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    # A folder stands for the maps it holds (tests/test_validate_ci.py); this one holds none.
    result = run_cli(["validate", "folder"])
    assert result.exit_code == 2
    assert result.stderr == "argmap: warning: no argmap map in folder\n"


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root reads any file")
def test_permission_denied(write_map: WriteMap, tmp_path: Path) -> None:
    path = write_map(MINIMAL_MAP, "locked.yaml")
    path.chmod(0)
    result = run_cli(["validate", "locked.yaml"])
    assert result.exit_code == 2
    assert result.stderr == "locked.yaml:1:1: E001 cannot read file: Permission denied\n"


def test_unreadable_file_simulated(write_map: WriteMap, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_map(MINIMAL_MAP)
    real_open = os.open

    def refuse(name: str | os.PathLike[str], *args: int) -> int:
        if Path(name) == path:
            raise PermissionError(13, "Permission denied")
        return real_open(name, *args)

    monkeypatch.setattr(os, "open", refuse)
    result = run_cli(["validate", str(path)])
    assert result.exit_code == 2
    assert result.stderr == f"{path}:1:1: E001 cannot read file: Permission denied\n"


def test_oversized_file_is_refused_like_an_unreadable_one(write_map: WriteMap,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(argmap.read.document, "MAX_FILE_BYTES", 100)
    write_map(MINIMAL_MAP, "big.yaml")
    result = run_cli(["validate", "big.yaml"])
    assert result.exit_code == 2
    assert result.stderr.startswith("big.yaml:1:1: E001 the file is larger than ")
    stdin = run_cli(["validate", "-"], input=MINIMAL_MAP)
    assert stdin.exit_code == 2
    assert stdin.stderr.startswith("-:1:1: E001 the file is larger than ")


def test_unreadable_among_readable_files_exits_2_but_checks_the_rest(write_map: WriteMap,
                                                                      tmp_path: Path) -> None:
    write_map(MINIMAL_MAP, "good.yaml")
    result = run_cli(["validate", "missing.yaml", "good.yaml"])
    assert result.exit_code == 2
    assert result.stdout == "good.yaml: valid (4 nodes, 2 relations)\n"
    assert "missing.yaml:1:1: E001" in result.stderr


# --- colour ----------------------------------------------------------------------------------------


class _Terminal:
    def isatty(self) -> bool:
        return True


def test_use_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert use_colour(_Terminal()) is True
    assert use_colour(object()) is False
    monkeypatch.setenv("NO_COLOR", "1")
    assert use_colour(_Terminal()) is False


def test_no_escape_codes_when_not_a_terminal(write_map: WriteMap, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    result = run_cli(["validate", str(write_map(BAD))])
    assert result.exit_code == 1
    assert "\x1b" not in result.output


def _run_in_terminal(args: list[str], env: dict[str, str]) -> str:
    """Run `python -m argmap ARGS` with a pseudo-terminal as stdout; return what it printed."""
    pty = pytest.importorskip("pty")
    controller, terminal = pty.openpty()
    try:
        process = subprocess.run([sys.executable, "-m", "argmap", *args], stdout=terminal,
                                 stderr=subprocess.PIPE, env=env, timeout=60, check=False)
    finally:
        os.close(terminal)
    chunks = []
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(controller)
    assert process.returncode == 1, process.stderr
    return b"".join(chunks).decode()


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_colour_on_a_terminal_unless_no_color(write_map: WriteMap) -> None:
    path = str(write_map(BAD))
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    coloured = _run_in_terminal(["validate", path], env)
    assert "\x1b[" in coloured
    plain = _run_in_terminal(["validate", path], {**env, "NO_COLOR": "1"})
    assert "\x1b" not in plain
    assert "E104 'kind' must be one of" in plain


# --- hostile and broken input through the CLI: never a traceback -----------------------------------

BILLION_LAUGHS = "\n".join(
    ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
)

HOSTILE: dict[str, tuple[bytes, str]] = {
    "empty": (b"", "E004"),
    "comments": (b"# nothing\n# here\n", "E004"),
    "list": (b"- a\n- b\n", "E004"),
    "scalar": (b"just text\n", "E004"),
    "python-tag": (b'!!python/object/apply:os.system ["touch /tmp/argmap-pwned"]\n', "E007"),
    "billion-laughs": (BILLION_LAUGHS.encode(), "E009"),
    "recursive-alias": (b"a: &a [*a]\n", "E009"),
    "deep-brackets": (b"[" * 100_000, "E009"),
    "deep-mappings": ("".join(" " * i + f"k{i}:\n" for i in range(1000)).encode(), "E009"),
    "invalid-utf8": (b"argmap: 1\nx: \xc3\x28\n", "E002"),
    "tabs": (b"argmap: 1\nquestion:\n\tid: q\n", "E003"),
    "multi-document": (b"argmap: 1\n---\nargmap: 1\n", "E005"),
    "non-string-keys": (b"argmap: 1\n[a]: b\n", "E008"),
    "nul-bytes": (b"argmap: 1\nx: a\x00b\n", "E003"),
    "utf16": ("argmap: 1\n".encode("utf-16"), "E002"),
    "lone-surrogate": (b"argmap: 1\nx: \xed\xa0\x80\n", "E002"),
    "escaped-surrogate": (b'argmap: 1\nx: "\\ud800"\n', "E003"),
    "huge-number": (b"argmap: " + b"9" * 5000 + b"\n", "E105"),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_input_gets_a_diagnostic_not_a_traceback(name: str, write_map: WriteMap) -> None:
    content, code = HOSTILE[name]
    path = write_map(content)
    result = run_cli(["validate", "--no-context", str(path)])
    assert result.exit_code in (1, 2)
    assert "Traceback" not in result.output
    assert f"{path}:" in result.stdout
    assert f" {code} " in result.stdout
    assert not Path("/tmp/argmap-pwned").exists()


def test_bom_is_accepted_by_the_cli(write_map: WriteMap) -> None:
    path = write_map(b"\xef\xbb\xbf" + MINIMAL_MAP.encode())
    assert run_cli(["validate", str(path)]).exit_code == 0


def test_huge_label_through_the_cli(write_map: WriteMap) -> None:
    text = MINIMAL_MAP.replace("The IMU is hostile to the United States.", "x" * 1_000_000)
    result = run_cli(["validate", str(write_map(text))])
    assert result.exit_code == 0


def test_huge_line_in_context_is_shortened(write_map: WriteMap) -> None:
    text = MINIMAL_MAP.replace("text: The IMU is hostile to the United States.", "txt: " + "x" * 100_000)
    result = run_cli(["validate", str(write_map(text))])
    assert result.exit_code == 1
    assert max(len(line) for line in result.stdout.splitlines()) < 200


# --- the internal-error path -----------------------------------------------------------------------


def test_internal_error_exits_70_with_a_short_message(monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str],
                                                      write_map: WriteMap) -> None:
    def explode(*args: object) -> object:
        raise RuntimeError("injected failure")

    monkeypatch.setattr(argmap.cli.validate, "check_file", explode)
    monkeypatch.setattr(sys, "argv", ["argmap", "validate", str(write_map(MINIMAL_MAP))])
    with pytest.raises(SystemExit) as exit_info:
        argmap.cli.main()
    assert exit_info.value.code == EXIT_INTERNAL == 70
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    assert captured.err.startswith("argmap: internal error: RuntimeError: injected failure\n")
    assert "report" in captured.err
    assert len(captured.err.splitlines()) <= 3


def test_internal_error_in_a_real_process(write_map: WriteMap) -> None:
    path = write_map(MINIMAL_MAP)
    inject = (
        "import sys, argmap.read.validate, argmap.read.document\n"
        "def boom(*args): raise ValueError('deep inside')\n"
        "argmap.read.document.check_graph = boom\n"
        "from argmap.cli import main\n"
        f"sys.argv = ['argmap', 'validate', {str(path)!r}]\n"
        "main()\n"
    )
    process = subprocess.run([sys.executable, "-c", inject], capture_output=True, text=True,
                             timeout=60, check=False)
    assert process.returncode == 70
    assert "Traceback" not in process.stderr + process.stdout
    assert "argmap: internal error: ValueError: deep inside" in process.stderr


def test_python_dash_m_and_version() -> None:
    process = subprocess.run([sys.executable, "-m", "argmap", "--version"], capture_output=True,
                             text=True, timeout=60, check=False)
    assert process.returncode == 0
    assert process.stdout.startswith("argmap ")


def test_the_caret_stays_under_the_problem_on_a_long_line(write_map: Callable[..., Path]) -> None:
    text = minimal_map(claims=f"""
        long: {{text: '{"x" * 150}', supports: [nowhere]}}
    """)
    path = write_map(text)
    result = run_cli(["validate", str(path)])
    lines = result.stdout.splitlines()
    header = next(i for i, line in enumerate(lines) if "E201 'nowhere' is not defined" in line)
    excerpt, caret = lines[header + 2], lines[header + 3]
    column = caret.index("^")
    assert excerpt[column:].startswith("nowhere]")
    assert excerpt.split("| ", 1)[1].startswith("…")


def test_python_m_argmap_without_its_dependencies_says_what_to_install() -> None:
    """A source checkout run before `pip install .` gets a sentence, not a traceback."""
    hide_typer = (
        "import sys, runpy\n"
        "class Hide:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'typer':\n"
        "            raise ModuleNotFoundError(\"No module named 'typer'\", name='typer')\n"
        "sys.meta_path.insert(0, Hide())\n"
        "sys.argv = ['argmap', '--version']\n"
        "runpy.run_module('argmap', run_name='__main__')\n"
    )
    result = subprocess.run([sys.executable, "-c", hide_typer], capture_output=True, text=True,
                            cwd=Path(__file__).resolve().parent.parent, timeout=60, check=False)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "the module 'typer' that argmap needs is not installed" in result.stderr
    assert "python -m pip install ." in result.stderr
