"""Data loaders read a file again once it changed (scripts/file_cache.py): the preview's
long-lived process shows an edit at once, and a file that did not change is read once."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts import interface_text
from scripts.file_cache import until_changed
from scripts.render import page_steps

pytestmark = pytest.mark.unit


def test_a_result_lasts_until_its_file_changes(tmp_path: Path):
    path = tmp_path / "words.yml"
    path.write_text("one", encoding="utf-8")
    reads = []

    @until_changed(lambda target: [target])
    def read(target: Path) -> str:
        reads.append(target)
        return target.read_text(encoding="utf-8")

    assert read(path) == read(path) == "one"
    assert len(reads) == 1
    path.write_text("two", encoding="utf-8")
    assert read(path) == "two"
    assert len(reads) == 2
    path.unlink()
    with pytest.raises(FileNotFoundError):
        read(path)
    path.write_text("back", encoding="utf-8")
    assert read(path) == "back"


def test_the_interface_words_are_read_again_after_an_edit(tmp_path: Path):
    path = tmp_path / "interface.yml"
    path.write_text('page.last_reviewed:\n  en: "Last reviewed"\n', encoding="utf-8")
    assert interface_text.load(path)["page.last_reviewed"]["en"] == "Last reviewed"
    path.write_text('page.last_reviewed:\n  en: "Checked on"\n', encoding="utf-8")
    assert interface_text.load(path)["page.last_reviewed"]["en"] == "Checked on"


@pytest.mark.parametrize(
    ("url", "page", "expected"),
    [
        ("assets/x.svg", "ku/about/", "../../assets/x.svg"),
        ("", "about/", ".."),
        ("ku/", "ku/", "./"),
        ("x.zip", "", "x.zip"),
        ("en/report/", "ku/ordnance/fuzes/", "../../../en/report/"),
        ("a", "b/c.html", "../a"),
        ("../../x", "a/", "../x"),
    ],
)
def test_links_between_pages_are_written_as_the_engine_writes_them(url, page, expected):
    assert page_steps.relative_url(url, page) == expected
