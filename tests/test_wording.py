"""The glossary and plain-language checks: what they find, where, and what they leave alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts import glossary, glossary_table, plain_language, reader_text, term_patterns
from scripts.site_config import ROOT


def found(pattern: str, text: str, allowed: tuple[str, ...] = ()) -> list[str]:
    return [words for _, words in term_patterns.find(pattern, term_patterns.fold(text), allowed)]


@pytest.mark.parametrize(
    ("pattern", "text", "expected"),
    [
        ("*العبوات *مرتجل*", "احذر وَالعُبُوّاتِ المرتجلة هنا", ["وَالعُبُوّاتِ المرتجلة"]),  # clitics, vowel marks
        ("يعثر", "قد يُعثَر عليها", ["يُعثَر"]),
        ("minibüs*", "Minibüslerin yanında", ["Minibüslerin"]),  # Turkish ending, capital
        ("istihkam*", "İSTİHKAM ekibi", ["İSTİHKAM"]),  # Turkish dotted capital İ
        ("is found", "It is\n  found here", ["is\n  found"]),  # any run of spaces
        ("wan", "Ji wanê re, ne wan", ["wan"]),  # whole word only
        ("fuse*", "They refuse it", []),  # not inside a longer word
        ("clear*", "Clearing rubble.", ["Clearing"]),
    ],
)
def test_patterns_match_words_as_readers_see_them(pattern: str, text: str, expected: list[str]):
    assert found(pattern, text) == expected


def test_a_word_to_avoid_inside_the_word_to_use_is_not_reported():
    assert found("mermi*", "top mermileri ve mermiler", ("top mermi*",)) == ["mermiler"]
    assert found("gulle*", "gulleya topê", ("gulle* top*",)) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Go 2.5 km away. Then call!", ["Go 2.5 km away.", "Then call!"]),
        ("Where: the street; the side", ["Where:", "the street;", "the side"]),
        ("هل هو مخبأ؟ ابتعد؛ ثم اتصل", ["هل هو مخبأ؟", "ابتعد؛", "ثم اتصل"]),
        ("At 10:30 call", ["At 10:30 call"]),
    ],
)
def test_sentences_end_at_their_marks_but_not_inside_numbers(text: str, expected: list[str]):
    assert reader_text.sentences(text) == expected


def test_markup_is_not_read_but_link_text_and_alt_text_are():
    line = "- See [the ordnance page](ordnance/index.md) ![A shell](../x.svg){ .jsg-pictogram } {{ steps }}"
    assert reader_text.markdown_line(line) == "See the ordnance page  A shell"
    assert reader_text.markdown_line('!!! warning "Not yet confirmed"') == "Not yet confirmed"
    assert reader_text.word_count("Stop — now, 100 m") == 4


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_page_reports_its_file_line_and_the_word_to_use(tmp_path: Path):
    docs = tmp_path / "docs"
    write(
        docs / "en" / "page.md",
        "---\ntitle: Recognise explosive ordnance\n---\n\n# Title\n\n```\nordnance\n```\n\nClear a house.\n",
    )
    arabic = "---\ntitle: ع\n---\n\nلا تدفع لأحد ليُنظّفوا البيت.\n"  # noqa: RUF001
    write(docs / "ar" / "page.md", arabic)
    glossary_file = write(
        tmp_path / "glossary.yml",
        "terms:\n  explosive-item:\n    means: Anything that can explode.\n"
        "    en: {use: explosive item, avoid: [ordnance]}\n    ar: {use: جسم متفجر, avoid: []}\n"
        "    ku: {use: tişt, avoid: []}\n    tr: {use: nesne, avoid: []}\n"
        "  remove-explosives:\n    means: Make a place safe.\n"
        "    en: {use: remove explosive items, avoid: [clear*]}\n"
        "    ar: {use: إزالة المتفجرات, avoid: ['*ينظف*']}\n"
        "    ku: {use: rakirin, avoid: []}\n    tr: {use: çıkar*, avoid: []}\n",
    )
    pieces = list(reader_text.pages(docs))
    rows = [
        str(problem).replace(str(tmp_path) + "/", "")
        for problem in glossary.check(docs, pieces, glossary_file)
    ]
    assert any(
        row.startswith(
            "docs/en/page.md:2: 'ordnance' is not the word we use for this idea — write 'explosive item'"
        )
        for row in rows
    )
    assert any(row.startswith("docs/en/page.md:11: 'Clear'") for row in rows)
    assert any(row.startswith("docs/ar/page.md:5: 'ليُنظّفوا'") for row in rows)
    assert len(rows) == 3  # the code block is not read


def test_data_strings_keep_their_lines(tmp_path: Path):
    data = write(
        tmp_path / "interface.yml",
        'text:\n  a:\n    ar: نص\n    en: It is found.\n  b: {ar: س, en: "Go: now"}\n'
        "source:\n  en: >-\n    folded\n    text\n",
    )
    pieces = list(reader_text.data_pieces(data))
    assert ("en", 4, "It is found.") in [(piece.language, piece.line, piece.text) for piece in pieces]
    assert ("en", 5, "Go: now") in [(piece.language, piece.line, piece.text) for piece in pieces]
    assert ("en", 8, "folded text") in [(piece.language, piece.line, piece.text) for piece in pieces]


def test_sentence_length_and_passives_per_language(tmp_path: Path):
    rules = write(
        tmp_path / "plain.yml",
        "languages:\n"
        + "".join(f"  {code}:\n    max_words: 5\n    avoid: []\n" for code in ("ar", "ku", "tr"))
        + "  en:\n    max_words: 5\n    avoid:\n"
        + "      - {text: is found, use: you may find it, why: a passive}\n",
    )
    pieces = [reader_text.Piece("docs/en/x.md", 7, "en", "One two three four five six. It is found.")]
    rows = [str(problem) for problem in plain_language.check(tmp_path, pieces, rules)]
    assert rows == [
        "docs/en/x.md:7: the sentence 'One two three four five six.' has 6 words; the most for 'en' is 5"
        " — split it into shorter sentences, one instruction each (data/plain-language.yml)",
        "docs/en/x.md:7: 'is found' is a passive — write 'you may find it' instead (data/plain-language.yml)",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("terms:\n  x: [\n", "the glossary is not valid YAML"),
        ("terms:\n  x:\n    means: m\n    en: {use: a}\n", "term 'x' has no 'ar' line"),
        ("terms:\n  x:\n    means: m\n    colour: red\n", "term 'x': unknown field 'colour'"),
        ("terms:\n  x:\n    means: m\n    en: {use: a, avoid: b}\n", "'avoid' must be a list of words"),
        ("terms:\n  x:\n    means: m\n    en: {avoid: [b]}\n", "term 'x' has no word to use"),
        ("words: []\n", "no 'terms:' list"),
    ],
)
def test_a_broken_glossary_is_reported_with_its_line_not_a_traceback(tmp_path: Path, text: str, message: str):
    path = write(tmp_path / "glossary.yml", text)
    _, problems = glossary.parse(path)
    assert any(message in problem.message and problem.line >= 1 for problem in problems), problems


def test_the_guides_show_the_glossary_as_it_is():
    for guide in glossary_table.GUIDES:
        text = guide.read_text(encoding="utf-8")
        assert glossary_table.table(guide) in text
    english = glossary_table.table(ROOT / "CONTRIBUTING.md")
    assert "**explosive item**<br>not: ordnance" in english
    assert "**kamyonet**<br>not: minibüs\\*" in english


def test_the_real_content_passes():
    docs = ROOT / "docs"
    pieces = reader_text.everything(docs)
    assert glossary.check(docs, pieces) == []
    assert plain_language.check(docs, pieces) == []
