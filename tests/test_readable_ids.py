"""Ids made from text keep its letters, whatever the script, so an id still says what it names."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import MINIMAL_MAP, run_cli

from argmap.edit.operations import readable_id
from argmap.edit.scaffold import scaffold
from argmap.model import ID_MAX_LENGTH
from argmap.read.document import check_text
from argmap.read.schema import slugify


@pytest.mark.parametrize(("text", "expected"), [
    ("Émile Zola", "emile-zola"),
    ("Knefel: foreign enemies!", "knefel-foreign-enemies"),
    ("Straße nach Köln", "strasse-nach-koln"),
    ("中华人民共和国", "zhong-hua-ren-min-gong-he-guo"),
    ("Угроза неминуема", "ugroza-neminuema"),
    ("Ελλάδα", "ellada"),
    ("***", ""),
])
def test_slugs_keep_the_letters_of_any_script(text: str, expected: str) -> None:
    assert slugify(text) == expected


def test_a_slug_is_always_a_valid_id_and_bounded() -> None:
    for text in ("word " * 100, "ü" * 200, "中" * 200, "x" * 300):
        slug = slugify(text)
        assert 0 < len(slug) <= ID_MAX_LENGTH
        assert check_text(scaffold("Q?", elements=[text]), "m.yaml").errors == []


def test_readable_ids_for_chinese_text_are_words_not_the_fallback() -> None:
    assert readable_id("无人机袭击是否合法", fallback="claim") == "wu-ren-ji-xi-ji-shi"


def test_add_names_a_claim_by_a_person_with_an_accented_name(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("m.yaml").write_text(MINIMAL_MAP, encoding="utf-8")
    result = run_cli(["add", "party", "m.yaml", "--name", "Émile Zola"])
    assert result.exit_code == 0, result.output
    assert "'emile-zola'" in result.stdout
    assert "  emile-zola:\n    name: Émile Zola\n" in Path("m.yaml").read_text(encoding="utf-8")
