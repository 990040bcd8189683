"""The viewer page without a browser: what goes into the file, escaping, and the two commands' edges."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import minimal_map, run_cli

from argmap.evaluate.questions import open_questions
from argmap.read.document import check_text
from argmap.serve.svg import embeddable_svg
from argmap.serve.viewer import asset, build_page, script_json

ROOT = Path(__file__).resolve().parent.parent


def test_script_json_cannot_close_the_script_or_open_a_comment() -> None:
    text = "</script><!-- <script> & \u2028\u2029"
    written = script_json({"t": text})
    assert "<" not in written and ">" not in written and "&" not in written
    assert "\u2028" not in written and "\u2029" not in written
    assert json.loads(written) == {"t": text}


def test_assets_never_end_their_own_script_element() -> None:
    for name in ("engine.js", "panzoom.js", "viewer.js"):
        assert "</script" not in asset(name).lower() and "<!--" not in asset(name)


def test_svg_keeps_drawing_and_drops_everything_that_could_run() -> None:
    hostile = (b'<?xml version="1.0"?><!-- a comment with </svg> --><svg xmlns="http://www.w3.org/2000/svg" '
               b'xmlns:xlink="http://www.w3.org/1999/xlink" width="10pt" height="20pt" viewBox="0.00 0.00 10.00 20.00"'
               b' onload="alert(1)"><script>alert(2)</script><g id="node-a" class="node" onclick="alert(3)">'
               b'<a xlink:href="javascript:alert(4)" href="javascript:alert(5)" xlink:title="&lt;b&gt;t&lt;/b&gt;">'
               b'<polygon points="1.234,5.678 -0.04,2" fill="red"/><text x="1.25" font-family="Helvetica,sans-Serif"'
               b' text-anchor="start">&lt;img src=x onerror=alert(6)&gt; 3.14159</text></a>'
               b'<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject></g></svg>')
    svg = embeddable_svg(hostile, 'label "quoted" <here>')
    assert "script" not in svg and "alert(1)" not in svg and "alert(3)" not in svg
    assert "javascript" not in svg and "foreignObject" not in svg and "<!--" not in svg
    assert "&lt;img src=x onerror=alert(6)&gt; 3.14159" in svg  # text stays text, numbers in text untouched
    assert 'xlink:title="&lt;b&gt;t&lt;/b&gt;"' in svg
    assert 'points="1.2,5.7 0,2"' in svg and 'x="1.2"' in svg
    assert 'width="10" height="20" viewBox="0 0 10 20"' in svg
    assert 'aria-label="label &quot;quoted&quot; &lt;here&gt;"' in svg
    assert "font-family" not in svg and "text-anchor" not in svg


def test_page_is_self_contained_and_deterministic() -> None:
    checked = check_text((ROOT / "arguments.yaml").read_text(encoding="utf-8"), "arguments.yaml")
    assert checked.graph is not None
    page = build_page(checked.graph)
    assert page == build_page(checked.graph)
    assert "connect-src 'none'" in page
    # Nothing fetched: no external scripts, styles, images or fonts.
    assert not re.search(r"""<(script|link|img|iframe)[^>]*\s(src|href)=["']?(https?:|//)""", page)
    assert "@import" not in page and "url(" not in page


def test_slots_in_map_text_are_not_filled(tmp_path: Path) -> None:
    text = minimal_map(claims="""
      sly:
        text: "{{script}} {{data}}"
        supports: [threat-imminent]
    """)
    checked = check_text(text, "m.yaml")
    assert checked.graph is not None
    page = build_page(checked.graph)
    assert page.count("ArgmapEngine = api") == 1  # the engine went in once, not into the map's text
    assert "{{script}} {{data}}" in page


def test_render_html_by_suffix_by_format_and_to_stdout(tmp_path: Path) -> None:
    source = tmp_path / "m.yaml"
    source.write_text(minimal_map(), encoding="utf-8")
    by_suffix = run_cli(["render", str(source), "-o", str(tmp_path / "out.html")])
    assert by_suffix.exit_code == 0, by_suffix.output
    assert (tmp_path / "out.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    beside = run_cli(["render", str(source), "--format", "html"])
    assert beside.exit_code == 0 and (tmp_path / "m.html").exists()
    to_stdout = run_cli(["render", str(source), "--format", "html", "-o", "-"])
    assert to_stdout.exit_code == 0 and to_stdout.stdout.startswith("<!DOCTYPE html>")
    clash = run_cli(["render", str(source), "--format", "html", "-o", str(tmp_path / "x.svg")])
    assert clash.exit_code == 2


def test_render_html_presets_what_ifs_and_refuses_unknown_ones(tmp_path: Path) -> None:
    source = tmp_path / "m.yaml"
    source.write_text(minimal_map(), encoding="utf-8")
    result = run_cli(["render", str(source), "-o", str(tmp_path / "w.html"), "--reject", "knefel"])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "w.html").read_text(encoding="utf-8")
    config = json.loads(re.search(r'id="argmap-config">(.*?)</script>', page).group(1))  # type: ignore[union-attr]
    assert config["whatIf"] == {"reject": ["knefel"], "accept": [], "standard": None}
    unknown = run_cli(["render", str(source), "-o", str(tmp_path / "u.html"), "--reject", "nobody"])
    assert unknown.exit_code == 2 and "nobody" in unknown.output
    assert not (tmp_path / "u.html").exists()


@pytest.mark.parametrize(("args", "code", "message"), [
    (["-"], 2, "not standard input"),
    (["missing.yaml"], 2, "no such file"),
])
def test_serve_refuses_what_it_cannot_watch(args: list[str], code: int, message: str) -> None:
    result = run_cli(["serve", *args])
    assert result.exit_code == code
    assert message in result.output


def test_serve_refuses_an_invalid_map_at_start_with_its_diagnostics(tmp_path: Path) -> None:
    source = tmp_path / "bad.yaml"
    source.write_text("argmap: 1\nquestion: [\n", encoding="utf-8")
    result = run_cli(["serve", str(source)])
    assert result.exit_code == 1
    assert re.search(r"bad\.yaml:\d+:\d+: E003", result.output)


def test_readme_viewer_examples_run(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("### `argmap render FILE --format html`")
    block = re.search(r"```sh\n(.*?)```", readme[start:], re.DOTALL)
    assert block is not None
    commands = [line.split()[1:] for line in block.group(1).splitlines() if line.startswith("argmap ")]
    assert len(commands) == 2
    for arguments in commands:
        arguments = [str(tmp_path / a) if a == "map.html" else str(ROOT / a) if a == "arguments.yaml" else a
                     for a in arguments]
        result = run_cli(arguments)
        assert result.exit_code == 0, result.output
        assert (tmp_path / "map.html").stat().st_size < 600_000  # "about 500 KB"
    # The serve example is the command tests/test_viewer_browser.py runs against a copy of the map.
    start = readme.index("### `argmap serve FILE`")
    block = re.search(r"```sh\n(.*?)```", readme[start:], re.DOTALL)
    assert block is not None and block.group(1).strip() == "argmap serve arguments.yaml"


def test_hostile_question_text_is_escaped_in_title_heading_svg_and_json() -> None:
    hostile = "</title></script><script>alert(1)</script><!-- \u2028 {{engine}}"
    text = minimal_map().replace("May the president order the strikes without Congress?", json.dumps(hostile))
    checked = check_text(text, "m.yaml")
    assert checked.graph is not None and checked.graph.question.text == hostile
    page = build_page(checked.graph)
    assert "<script>alert(1)" not in page and "</title></script>" not in page
    assert page.count("<script") == 5 and page.count("</script>") == 5  # config, data, engine, pan-zoom, viewer
    assert "&lt;/title&gt;&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!--" in page


def test_levels_too_large_to_lay_out_are_left_out_and_said(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import argmap.draw.render as render_module

    monkeypatch.setattr(render_module, "MAX_LAYOUT_NODES", 60)  # the bundled overview fits, claims and full do not
    out = tmp_path / "map.html"
    result = run_cli(["render", str(ROOT / "arguments.yaml"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "the page leaves out the claims level" in result.output
    assert "the page leaves out the full level" in result.output
    config = json.loads(re.search(r'id="argmap-config">(.*?)</script>', out.read_text(encoding="utf-8"))
                        .group(1))  # type: ignore[union-attr]
    assert [level for level, _ in config["levels"]] == ["overview"]
    assert [level for level, _ in config["unavailable"]] == ["claims", "full"]
    monkeypatch.setattr(render_module, "MAX_LAYOUT_NODES", 5)  # nothing fits: the command says so and fails
    refused = run_cli(["render", str(ROOT / "arguments.yaml"), "-o", str(tmp_path / "none.html")])
    assert refused.exit_code == 1 and "more than Graphviz can lay out" in refused.output
    assert not (tmp_path / "none.html").exists()


def test_page_data_carries_each_schemes_critical_questions_as_the_library_finds_them() -> None:
    checked = check_text((ROOT / "arguments.yaml").read_text(encoding="utf-8"), "arguments.yaml")
    assert checked.graph is not None
    embedded = re.search(r'id="argmap-data">(.*?)</script>', build_page(checked.graph), re.S)
    assert embedded is not None
    data = json.loads(embedded.group(1))
    shown = {(i["from"], i["to"]): i for i in data["questions"]}
    found = open_questions(checked.graph)
    assert found and set(shown) == {(i.source, i.target) for i in found}
    for inference in found:
        entry = shown[(inference.source, inference.target)]
        assert entry["scheme"] == inference.scheme and entry["effect"] == inference.effect.value
        assert {q["id"] for q in entry["questions"] if q["answered_by"] is None} == {q.id for q in inference.open}
        assert {(q["id"], q["answered_by"], q["upholds"]) for q in entry["questions"] if q["answered_by"]} == {
            (a.id, a.by, a.upholds) for a in inference.answered}
    # Stein's report as expert opinion: his expertise is answered by the article's credential, the
    # agreement of other experts is still open.
    stein = shown[("ev-imu-posts-jihad-west", "imu-declared-hostility-west")]
    by_id = {q["id"]: q for q in stein["questions"]}
    assert stein["scheme"] == "expert-opinion"
    assert by_id["expertise"] == {"id": "expertise", "type": "assumption", "answered_by": "ev-imu-posts-jihad-west",
                                  "upholds": True, "text": by_id["expertise"]["text"]}
    assert by_id["consistency"]["type"] == "exception" and by_id["consistency"]["answered_by"] is None
