"""`argmap report`: the legal memo in IRAC order, as Pandoc Markdown that pandoc converts cleanly, or HTML.

docs/memo.md is the bundled map's memo; refresh it with
`argmap report arguments.yaml -o docs/memo.md` after changing the map or the memo, and read it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import MINIMAL_MAP, minimal_map, run_cli

from argmap.evaluate.questions import open_questions
from argmap.formats.memo import render_memo
from argmap.formats.prose import Document, Paragraph, Text, to_markdown
from argmap.read.document import check_text

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "arguments.yaml"
PANDOC = shutil.which("pandoc")
needs_pandoc = pytest.mark.skipif(PANDOC is None, reason="pandoc is not installed (apt-get install -y pandoc)")

HOSTILE = "<script>alert(1)</script> *not emphasis* [a link](http://x) $x^2$ @cite `code` -- ... & &amp; \"q\" it's"


def memo_of(text: str, output_format: str = "md") -> str:
    checked = check_text(text, "m.yaml")
    assert checked.graph is not None, checked.diagnostics
    return render_memo(checked.graph, output_format)


def bundled_memo() -> str:
    result = run_cli(["report", str(BUNDLED)])
    assert result.exit_code == 0, result.output
    return result.output


def test_docs_memo_is_what_report_prints_for_the_bundled_map() -> None:
    assert (ROOT / "docs" / "memo.md").read_text(encoding="utf-8") == bundled_memo(), (
        "refresh with: argmap report arguments.yaml -o docs/memo.md")


def test_the_memo_is_in_irac_order_with_a_section_per_element() -> None:
    memo = bundled_memo()
    headings = re.findall(r"^(#+) (.*)$", memo, re.MULTILINE)
    assert [h for level, h in headings if level == "#"] == [
        "Issue", "Rule", "Application", "Conclusion", "Questions the analysis has not answered"]
    assert [h for level, h in headings if level == "##"] == [
        "Element 1: The targets of the strikes pose a threat to US security and interests.",
        "Element 2: That threat to the United States is imminent."]
    assert "so the element is **not established**" in memo
    assert "The answer is **NO**" in memo


def test_every_quote_of_a_reason_is_a_footnote_with_source_locator_and_speaker() -> None:
    memo = bundled_memo()
    notes = dict(re.findall(r"^\[\^(\d+)\]: (.*)$", memo, re.MULTILINE))
    references = set(re.findall(r"\[\^(\d+)\](?!:)", memo))
    assert references == set(notes)
    assert [int(n) for n in notes] == list(range(1, len(notes) + 1))
    knefel = next(n for n in notes.values() if "not imminent threats to the U.S." in n)
    assert knefel.startswith("*Pakistan’s New Terror Crackdown and US Involvement* (2014-06), para. 8;")
    assert "the words or findings of John Knefel, reporting *John Knefel\\'s Rolling Stone article" in knefel


def test_reasons_are_listed_strongest_first() -> None:
    memo = bundled_memo()
    element = memo[memo.index("## Element 2"):memo.index("# Conclusion")]
    against = element[element.index("Reasons against:"):]
    pattern = r"^- .*?; against, weight ([\d.]+)(?:, counting ([\d.]+))?; applies\)"
    weights = [float(counted or weight) for weight, counted in re.findall(pattern, against, re.MULTILINE)]
    assert weights == sorted(weights, reverse=True) and len(weights) == 4


def hostile_map() -> str:
    return minimal_map().replace("text: The IMU is hostile to the United States.",
                                 'text: "' + HOSTILE.replace('"', '\\"') + '"')


def test_map_text_cannot_inject_markup() -> None:
    memo = memo_of(hostile_map())
    assert "<script>" not in memo and "*not emphasis*" not in memo and "[a link]" not in memo
    html = memo_of(hostile_map(), "html")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@needs_pandoc
def test_pandoc_reads_the_map_text_back_exactly(tmp_path: Path) -> None:
    memo = tmp_path / "memo.md"
    memo.write_text(memo_of(hostile_map()), encoding="utf-8")
    plain = subprocess.run([str(PANDOC), str(memo), "-t", "plain", "--wrap=none"], capture_output=True,
                           text=True, check=True, timeout=120).stdout
    assert HOSTILE in plain
    html = subprocess.run([str(PANDOC), str(memo), "-t", "html"], capture_output=True, text=True, check=True,
                          timeout=120).stdout
    assert "<script>" not in html and "<em>not emphasis</em>" not in html
    assert "<a href" not in html.replace('<a href="#fn', "")


@needs_pandoc
@pytest.mark.parametrize("start", ["1. First", "2) Second", "# Not a heading", "- not a list", "+ not a list",
                                   ": no definition", "(@) no example"])
def test_pandoc_reads_block_openers_at_the_start_of_a_line_as_text(tmp_path: Path, start: str) -> None:
    memo = tmp_path / "m.md"
    memo.write_text(to_markdown(Document("t", [Paragraph((Text(start),))])), encoding="utf-8")
    html = subprocess.run([str(PANDOC), str(memo), "-t", "html"], capture_output=True, text=True, check=True,
                          timeout=120).stdout
    assert html.strip().startswith("<p>"), html


@needs_pandoc
@pytest.mark.parametrize(("suffix", "options"), [("docx", []), ("html", []), ("docx", ["--standalone"]),
                                                ("html", ["--standalone"]), ("odt", ["--standalone"])])
def test_pandoc_converts_the_bundled_memo_without_warnings(tmp_path: Path, suffix: str, options: list[str]) -> None:
    memo = tmp_path / "memo.md"
    memo.write_text(bundled_memo(), encoding="utf-8")
    result = subprocess.run([str(PANDOC), *options, "--fail-if-warnings", str(memo), "-o",
                             str(tmp_path / f"memo.{suffix}")], capture_output=True, text=True, timeout=120,
                            check=False)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert (tmp_path / f"memo.{suffix}").stat().st_size > 1000


class _Checker(HTMLParser):
    VOID = frozenset({"meta", "br", "img", "link", "hr", "input"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids += [v for k, v in attrs if k == "id" and v]
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack.pop() == tag, f"unbalanced </{tag}>"


def test_html_memo_is_balanced_with_unique_ids_and_working_footnotes(tmp_path: Path) -> None:
    out = tmp_path / "memo.html"
    result = run_cli(["report", str(BUNDLED), "-o", str(out)])
    assert result.exit_code == 0
    page = out.read_text(encoding="utf-8")
    checker = _Checker()
    checker.feed(page)
    assert checker.stack == []
    assert len(checker.ids) == len(set(checker.ids))
    for target in re.findall(r'href="#([^"]+)"', page):
        assert target in checker.ids
    assert "<script" not in page


def test_cli_refuses_to_overwrite_the_map_and_reports_an_invalid_one(tmp_path: Path) -> None:
    copy = tmp_path / "m.yaml"
    copy.write_text(minimal_map(), encoding="utf-8")
    refused = run_cli(["report", str(copy), "-o", str(copy)])
    assert refused.exit_code == 2 and copy.read_text(encoding="utf-8") == minimal_map()
    broken = tmp_path / "broken.yaml"
    broken.write_text(minimal_map().replace("supports: [threat-imminent]", "supports: [nowhere]"), encoding="utf-8")
    assert run_cli(["report", str(broken)]).exit_code == 1


def test_same_map_same_bytes() -> None:
    assert bundled_memo() == bundled_memo()


def test_a_pivot_search_too_long_for_a_memo_is_named_not_run() -> None:
    checked = check_text(BUNDLED.read_text(encoding="utf-8"), "arguments.yaml", ROOT)
    assert checked.graph is not None
    skipped = render_memo(checked.graph, pivot_work=0)
    assert "Pivots were not searched: on this map the search would visit up to" in skipped
    assert "No single claim, quote, party or source changes the answer" not in skipped
    assert "No single claim, quote, party or source changes the answer" in render_memo(checked.graph)


def test_the_memo_lists_the_open_critical_questions_by_inference_ranked_as_argmap_questions() -> None:
    memo = bundled_memo()
    section = memo.split("# Questions the analysis has not answered\n", 1)[1].split("\n[^", 1)[0]
    checked = check_text(BUNDLED.read_text(encoding="utf-8"), "arguments.yaml")
    assert checked.graph is not None
    ranked = [i for i in open_questions(checked.graph) if i.open]
    headings = re.findall(r"^\*\*(\S+) → (\S+)\*\* \(", section, re.MULTILINE)
    assert headings == [(i.source, i.target) for i in ranked]
    blocks = re.split(r"^\*\*\S+ → \S+\*\* ", section, flags=re.MULTILINE)[1:]
    for inference, block in zip(ranked, blocks, strict=True):
        listed = re.findall(r"^- \*\*(\S+)\*\* \((assumption|exception)\): ", block, re.MULTILINE)
        assert listed == [(q.id, q.type.value) for q in inference.open]
    # Stein's expertise is answered by the article, so only the other questions of his opinion are listed.
    stein = blocks[headings.index(("ev-imu-posts-jihad-west", "imu-declared-hostility-west"))]
    assert "**consistency** (exception)" in stein and "**expertise**" not in stein


def test_an_open_question_that_could_change_the_answer_says_so() -> None:
    text = MINIMAL_MAP.replace("    supports: [imu-hostile]\n", (
        "    by: knefel\n    supports:\n      - to: imu-hostile\n        scheme: expert-opinion\n"
        "        roles: {expert: knefel, field: militant groups}\n"))
    assert text != MINIMAL_MAP
    section = memo_of(text).split("# Questions the analysis has not answered\n", 1)[1]
    assert "6 critical questions on 1 inference are still open" in section
    assert ("**imu-aims → imu-hostile** (Argument from expert opinion; expert: knefel; field: militant groups). "
            "A successful answer to any of these alone would make the answer **NO**.") in section
    assert "No inference in the map names" in memo_of(minimal_map())
