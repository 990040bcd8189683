"""Issue 7 §3: inputs that are not regular files, sources' text files, write errors, broken pipes.

The write-error and broken-pipe tests run `python -m argmap` as a real process: what they check
(the interpreter's last flush, the exit status the shell sees) happens outside the CLI runner.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MINIMAL_MAP, minimal_map, run_cli

from argmap.read.document import check_file

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "arguments.yaml"
QUOTE = "The IMU has long had ties to al-Qaeda."


def argmap_process(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "argmap", *args], cwd=ROOT, timeout=60,  # type: ignore[call-overload]
                          check=False, **kwargs)


# --- inputs that are not regular files ---------------------------------------------------------


def test_a_fifo_is_refused_at_once_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "f.yaml"
    os.mkfifo(fifo)
    done = argmap_process(["validate", str(fifo)], capture_output=True)  # the timeout catches a hang
    assert done.returncode == 2
    assert done.stderr.decode() == f"{fifo}:1:1: E001 cannot read file: not a regular file (a FIFO)\n"


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_a_device_is_refused(device: str) -> None:
    result = run_cli(["validate", device])
    assert result.exit_code == 2
    assert result.stderr == f"{device}:1:1: E001 cannot read file: not a regular file (a device)\n"


def test_standard_input_is_still_read() -> None:
    result = run_cli(["validate", "-"], input=MINIMAL_MAP)
    assert result.exit_code == 0, result.output


# --- sources' text files ---------------------------------------------------------------------------


def map_with_source_file(file: str) -> str:
    return MINIMAL_MAP.replace('    date: "2014-06"\n', f'    date: "2014-06"\n    file: {file}\n')


def test_a_source_file_that_is_a_device_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(map_with_source_file("/dev/zero"), encoding="utf-8")
    checked = check_file(str(path), sources_root=Path("/"))  # even where the folder rule allows it
    [note] = [d for d in checked.diagnostics if d.code == "I304"]
    assert note.message == ("cannot read '/dev/zero' (not a regular file (a device)); "
                            "quotes from 'crackdown' are not checked")


def test_a_source_file_outside_the_sources_root_is_not_read(tmp_path: Path) -> None:
    project = tmp_path / "deep" / "project"
    project.mkdir(parents=True)
    (tmp_path / "secret.txt").write_text(QUOTE, encoding="utf-8")
    path = project / "m.yaml"
    path.write_text(map_with_source_file("../../secret.txt"), encoding="utf-8")
    result = run_cli(["validate", str(path)])
    assert result.exit_code == 0
    assert "I304 cannot read '../../secret.txt' (outside " in result.stdout
    assert "--sources-root" in result.stdout
    # Named explicitly, the folder is read, and the quote is checked against it.
    assert "I304" not in run_cli(["validate", "--sources-root", str(tmp_path), str(path)]).stdout


def test_sources_beside_the_project_are_read_and_checked(tmp_path: Path) -> None:
    # The bundled map's layout: the map in a project folder, the texts in ../shared/sources/.
    (tmp_path / "shared" / "sources").mkdir(parents=True)
    (tmp_path / "shared" / "sources" / "c.txt").write_text("Something else entirely.", encoding="utf-8")
    (tmp_path / "project").mkdir()
    path = tmp_path / "project" / "m.yaml"
    path.write_text(map_with_source_file("../shared/sources/c.txt"), encoding="utf-8")
    codes = [d.code for d in check_file(str(path)).diagnostics]
    assert codes == ["W303"]  # read and checked: the quote is not in it


def test_a_source_file_larger_than_the_cap_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("argmap.read.document.MAX_SOURCE_BYTES", 10)
    (tmp_path / "big.txt").write_text(QUOTE, encoding="utf-8")
    path = tmp_path / "m.yaml"
    path.write_text(map_with_source_file("big.txt"), encoding="utf-8")
    [note] = [d for d in check_file(str(path)).diagnostics if d.code == "I304"]
    assert "(larger than 10 bytes)" in note.message


@pytest.mark.skipif(not (ROOT.parent / "shared" / "sources").is_dir(), reason="the source texts are not here")
def test_the_bundled_map_still_checks_its_quotes() -> None:
    checked = check_file(str(BUNDLED))
    assert [d.code for d in checked.diagnostics] == []
    result = argmap_process(["validate", "--strict", "arguments.yaml"], capture_output=True)
    assert result.returncode == 0 and b"I304" not in result.stdout


# --- write errors and broken pipes ----------------------------------------------------------------


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [
    ["validate", "arguments.yaml"],
    ["validate", "--format", "json", "arguments.yaml"],
    ["evaluate", "arguments.yaml"],
    ["explain", "arguments.yaml", "threat-imminent"],
    ["schema"],
    ["render", "arguments.yaml", "-o", "-", "-f", "dot"],
])
def test_a_full_disk_on_standard_output_is_a_clear_error_not_a_bug(args: list[str]) -> None:
    with Path("/dev/full").open("wb") as full:
        done = argmap_process(args, stdout=full, stderr=subprocess.PIPE)
    stderr = done.stderr.decode()
    assert done.returncode == 2, stderr
    assert stderr == "argmap: cannot write the output: No space left on device\n"


@pytest.mark.parametrize("args", [
    ["validate", "--format", "json", "arguments.yaml"],
    ["evaluate", "arguments.yaml", "--format", "json"],
    ["schema"],
    ["render", "arguments.yaml", "-o", "-", "-f", "dot"],
])
def test_a_closed_pipe_ends_the_command_quietly(args: list[str]) -> None:
    # As `argmap ... | head -c1`: the reader is gone before argmap writes.
    reader, writer = os.pipe()
    os.close(reader)
    try:
        done = argmap_process(args, stdout=writer, stderr=subprocess.PIPE)
    finally:
        os.close(writer)
    assert done.stderr == b""
    assert done.returncode == 141


def test_map_problems_and_usage_errors_follow_the_readme_table(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(minimal_map(claims="bad:\n  text: X\n  supports: [nowhere]\n"), encoding="utf-8")
    assert run_cli(["validate", str(path)]).exit_code == 1
    assert run_cli(["render", str(path)]).exit_code == 1
    assert run_cli(["validate", str(tmp_path / "missing.yaml")]).exit_code == 2
    assert run_cli(["new", str(path), "--question", "Q?"]).exit_code == 2
