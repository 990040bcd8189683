"""Issue 7 §2: output never replaces the input map, nor anything that is not a regular file.

Never let a test replace the real /dev/null: FIFOs are made in tmp_path; /dev/null is only
checked to still be a character device after argmap wrote into it.
"""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest
from conftest import MINIMAL_MAP, run_cli

from argmap.errors import OutputError
from argmap.files import check_output, write_output


@pytest.fixture
def map_file(tmp_path: Path) -> Path:
    path = tmp_path / "m.yaml"
    path.write_text(MINIMAL_MAP, encoding="utf-8")
    return path


def assert_refused(args: list[str], map_path: Path, message: str) -> None:
    result = run_cli(args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert map_path.read_text(encoding="utf-8") == MINIMAL_MAP


def test_render_refuses_to_write_over_its_own_input(map_file: Path) -> None:
    assert_refused(["render", str(map_file), "-o", str(map_file), "-f", "svg"], map_file, "it is the input map")


def test_render_refuses_a_symlink_or_hard_link_to_the_input(map_file: Path, tmp_path: Path) -> None:
    (tmp_path / "sym.svg").symlink_to(map_file)
    os.link(map_file, tmp_path / "hard.svg")
    assert_refused(["render", str(map_file), "-o", str(tmp_path / "sym.svg")], map_file, "it is the input map")
    assert_refused(["render", str(map_file), "-o", str(tmp_path / "hard.svg")], map_file, "it is the input map")
    assert (tmp_path / "sym.svg").is_symlink()


def test_render_refuses_a_default_output_that_is_the_map_itself(tmp_path: Path) -> None:
    # A map named m.svg: the default output, beside the map with the .svg suffix, is the map.
    map_path = tmp_path / "m.svg"
    map_path.write_text(MINIMAL_MAP, encoding="utf-8")
    assert_refused(["render", str(map_path)], map_path, "it is the input map")


def test_watch_refuses_an_output_that_is_the_map(tmp_path: Path) -> None:
    map_path = tmp_path / "m.svg"
    map_path.write_text(MINIMAL_MAP, encoding="utf-8")
    assert_refused(["watch", str(map_path)], map_path, "it is the input map")
    assert_refused(["watch", str(map_path), "-o", str(map_path)], map_path, "it is the input map")


def test_render_refuses_a_folder_as_output(map_file: Path, tmp_path: Path) -> None:
    folder = tmp_path / "out.svg"
    folder.mkdir()
    assert_refused(["render", str(map_file), "-o", str(folder)], map_file, "it is a folder")
    assert folder.is_dir() and not any(folder.iterdir())


def test_schema_refuses_a_folder_as_output(tmp_path: Path) -> None:
    result = run_cli(["schema", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "it is a folder" in result.stderr


def test_render_writes_into_a_fifo_without_replacing_it(map_file: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "out.dot"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = run_cli(["render", str(map_file), "-o", str(fifo)])
    reader.join(timeout=30)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert received and received[0].startswith(b'digraph "argmap"')


def test_render_to_dev_null_leaves_it_a_character_device(map_file: Path) -> None:
    result = run_cli(["render", str(map_file), "-o", os.devnull, "-f", "dot"])
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(Path(os.devnull).stat().st_mode)


def test_render_to_a_folder_that_does_not_exist_is_a_usage_error(map_file: Path, tmp_path: Path) -> None:
    result = run_cli(["render", str(map_file), "-o", str(tmp_path / "nowhere" / "m.svg")])
    assert result.exit_code == 2
    assert "cannot write" in result.stderr


def test_write_output_refuses_by_inode_and_keeps_regular_files_atomic(tmp_path: Path) -> None:
    source = tmp_path / "a.yaml"
    source.write_text("x", encoding="utf-8")
    alias = tmp_path / "b.svg"
    os.link(source, alias)
    with pytest.raises(OutputError):
        check_output(alias, inputs=(str(source),))
    target = tmp_path / "c.svg"
    write_output(target, b"new", inputs=(str(source),))
    assert target.read_bytes() == b"new" and source.read_text(encoding="utf-8") == "x"
