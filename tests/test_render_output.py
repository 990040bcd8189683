"""Output that fits where it goes: SVG fitted to its window, PDF on real paper, PNG at a chosen
width or DPI, and a spinner on a terminal (never in a pipe)."""

from __future__ import annotations

import io
import os
import pty
import re
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from argmap.cli import app

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "arguments.yaml"
A4, LETTER = (595.0, 842.0), (612.0, 792.0)
runner = CliRunner()


def rendered(tmp_path: Path, name: str, *options: str) -> bytes:
    output = tmp_path / name
    result = runner.invoke(app, ["render", str(BUNDLED), "-o", str(output), *options])
    assert result.exit_code == 0, result.output
    return output.read_bytes()


def png_size(png: bytes) -> tuple[int, int]:
    assert png.startswith(b"\x89PNG")
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in PdfReader(io.BytesIO(pdf)).pages]


def test_svg_fills_its_window_and_scales_by_its_viewbox(tmp_path: Path) -> None:
    svg = rendered(tmp_path, "map.svg").decode("utf-8")
    root = re.search(r"<svg [^>]*>", svg)
    assert root
    assert 'width="100%" height="100%"' in root.group(0)
    assert re.search(r'viewBox="0.00 0.00 [0-9.]+ [0-9.]+"', root.group(0))


@pytest.mark.parametrize("width", [900, 1800, 320])
def test_png_at_a_chosen_width(tmp_path: Path, width: int) -> None:
    assert png_size(rendered(tmp_path, "map.png", "--width", str(width)))[0] == width


def test_png_at_a_chosen_dpi_scales_with_it(tmp_path: Path) -> None:
    normal = png_size(rendered(tmp_path, "a.png"))
    double = png_size(rendered(tmp_path, "b.png", "--dpi", "192"))
    assert abs(double[0] - 2 * normal[0]) <= 4 and abs(double[1] - 2 * normal[1]) <= 4


def test_pdf_is_one_a4_page_by_default_turned_to_the_drawing(tmp_path: Path) -> None:
    assert page_sizes(rendered(tmp_path, "overview.pdf")) == [A4]  # taller than wide: portrait
    assert page_sizes(rendered(tmp_path, "full.pdf", "--detail", "full")) == [A4[::-1]]  # landscape


def test_pdf_on_letter_paper(tmp_path: Path) -> None:
    assert page_sizes(rendered(tmp_path, "map.pdf", "--paper", "letter")) == [LETTER]


def test_pdf_tiled_as_a_poster_covers_the_drawing_at_full_size(tmp_path: Path) -> None:
    one_page = rendered(tmp_path, "one.pdf", "--detail", "full")
    poster = rendered(tmp_path, "poster.pdf", "--detail", "full", "--tile")
    sizes = page_sizes(poster)
    assert len(sizes) > 12 and set(sizes) == {A4[::-1]}
    # The drawing is stored once and shown on every sheet, so the poster stays small.
    assert len(poster) < 2 * len(one_page)
    assert rendered(tmp_path, "again.pdf", "--detail", "full", "--tile") == poster


@pytest.mark.parametrize(("options", "message"), [
    (["-o", "m.svg", "--width", "900"], "--width applies to PNG output, not SVG"),
    (["-o", "m.pdf", "--dpi", "300"], "--dpi applies to PNG output, not PDF"),
    (["-o", "m.png", "--width", "900", "--dpi", "300"], "give --width or --dpi, not both"),
    (["-o", "m.png", "--tile"], "--tile applies to PDF output, not PNG"),
    (["-o", "m.svg", "--paper", "letter"], "--paper applies to PDF output, not SVG"),
])
def test_size_options_for_the_wrong_format_are_usage_errors(tmp_path: Path, options: list[str],
                                                            message: str) -> None:
    options = [str(tmp_path / o) if o.startswith("m.") else o for o in options]
    result = runner.invoke(app, ["render", str(BUNDLED), *options])
    assert result.exit_code == 2
    assert message in result.output
    assert not list(tmp_path.iterdir())


def run_argmap(tmp_path: Path, *, terminal: bool) -> bytes:
    """Run `argmap render --status` in a child process, stderr on a pseudo-terminal or a pipe."""
    command = [sys.executable, "-m", "argmap", "render", str(BUNDLED), "--status", "-o", str(tmp_path / "m.svg")]
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "80"}
    env.pop("NO_COLOR", None)
    if not terminal:
        done = subprocess.run(command, capture_output=True, env=env, timeout=120, check=True)
        return done.stderr
    controller, child = pty.openpty()
    try:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=child,
                                   env=env)
        os.close(child)
        chunks = []
        while True:
            try:
                chunk = os.read(controller, 4096)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert process.wait(timeout=120) == 0
    finally:
        os.close(controller)
    return b"".join(chunks)


def test_progress_shows_on_a_terminal_and_stays_out_of_pipes(tmp_path: Path) -> None:
    piped = run_argmap(tmp_path, terminal=False)
    assert piped.decode() == f"wrote {tmp_path / 'm.svg'}\n"
    on_terminal = run_argmap(tmp_path, terminal=True).decode("utf-8", "replace")
    assert "Finding the pivots" in on_terminal and "Drawing the SVG" in on_terminal
    assert f"wrote {tmp_path / 'm.svg'}" in on_terminal
