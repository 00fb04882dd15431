"""The glossary and plain-language checks: what they find, where, and what they leave alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.checks import glossary, glossary_table, plain_language, reader_text, term_patterns
from scripts.site_config import ROOT
from tests.project_copy import copy_project, run


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
    for guide in glossary_table.glossary_guides():
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


def glossary_file(tmp_path: Path, **lines: str) -> Path:
    """A one-term glossary; ``lines`` gives a language's line (the others use a harmless word)."""
    body = "".join(f"    {code}: {lines.get(code, '{use: zzz}')}\n" for code in ("ar", "ku", "tr", "en"))
    return write(tmp_path / "glossary.yml", f"terms:\n  idea:\n    means: An idea.\n{body}")


def reported(tmp_path: Path, page: str, language: str = "en", **lines: str) -> list[str]:
    docs = tmp_path / "docs"
    write(docs / language / "page.md", page)
    problems = glossary.check(docs, list(reader_text.pages(docs)), glossary_file(tmp_path, **lines))
    return [f"{problem.line}: {problem.message.split(' is ')[0]}" for problem in problems]


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("Call the security\nforces now.\n", ["1: 'security forces'"]),  # a phrase over a line break
        ("Call the security\\\nforces.\n", ["1: 'security forces'"]),  # a hard line break
        ("- One item\n  about security\n  forces.\n", ["2: 'security forces'"]),  # list continuation
        ("---\ndescription: >-\n  Go away from\n  security forces.\n---\n", ["3: 'security forces'"]),
        ('See [x](report.md "security forces").\n', ["1: 'security forces'"]),  # a link title
        ('![Drawing](a.svg "security forces")\n', ["1: 'security forces'"]),  # an image title
        ('<span title="security forces">x</span>\n', ["1: 'security forces'"]),
        ('<img alt="security forces" src="a.svg">\n', ["1: 'security forces'"]),
        ("security <b>for</b>ces\n", ["1: 'security forces'"]),  # a tag inside a word
        ("security &#102;orces\n", ["1: 'security forces'"]),  # an entity
        (  # a soft hyphen and a direction mark inside a word
            "security for\u00adces and secu\u200erity forces\n",
            ["1: 'security for\u00adces'", "1: 'secu\u200erity forces'"],
        ),
        ("| Cell | security forces |\n|---|---|\n| a | b |\n", ["1: 'security forces'"]),  # a table cell
        ("Text[^security] here.\n\n[^security]: A note.\n", []),  # a footnote's label is not read
        ("## Heading { #security-forces }\n\n[security forces]: report.md\n", []),  # labels, anchors
    ],
)
def test_words_are_found_where_markdown_puts_them(tmp_path: Path, page: str, expected: list[str]):
    assert reported(tmp_path, page, en="{use: police, avoid: [security force*]}") == expected


@pytest.mark.parametrize(
    ("language", "line", "text"),
    [
        ("ku", "{use: motor*, avoid: [motorsîklet*]}", "Motorsîklet li vir e."),  # inside the word to use
        ("tr", "{use: çıkar*, avoid: [arındır*]}", "ARINDIRIN."),  # dotless capital I
        ("tr", "{use: misket bomba*, avoid: [salkım bomba*]}", "SALKIM BOMBASI."),
        ("ar", '{use: "جسم متفجر", avoid: ["*ذخيرة*"]}', "الذخيره هنا."),  # ha for ta marbuta
        ("ar", '{use: "جسم متفجر", avoid: ["*ذخائر*"]}', "\ufe8d\ufedf\ufeac\ufea8\ufe8e\ufe8b\ufead هنا."),
        ("ar", '{use: "جسم متفجر", avoid: ["*ذخائر*"]}', "الذخ\u200cائر هنا."),  # noqa: RUF001 (a zero-width non-joiner)
        ("ar", '{use: "قنبلة ثانية", avoid: ["*ثانوي*"]}', "ثانوى"),  # alef maqsura for ya
    ],
)
def test_spellings_a_reader_reads_as_the_same_word(tmp_path: Path, language: str, line: str, text: str):
    assert len(reported(tmp_path, f"{text}\n", language, **{language: line})) == 1


def test_sentences_follow_markdown_paragraphs_not_source_lines(tmp_path: Path):
    rules = write(
        tmp_path / "plain.yml",
        "languages:\n" + "".join(f"  {code}:\n    max_words: 10\n" for code in ("ar", "ku", "tr", "en")),
    )
    docs = tmp_path / "docs"
    ten = " ".join(["word"] * 10)
    write(
        docs / "en" / "page.md",
        f"{ten}\n{ten}\nend.\n\n"  # one sentence over three lines: reported at its first line
        f"Say it, e.g. {ten}.\n\n"  # "e.g." does not end a sentence
        f"See example.org/a.b for {' '.join(['x'] * 8)}.\n\n"  # nor does a dot in an address
        "| one two three four five six | one two three four five six |\n|---|---|\n",  # cells apart
    )
    problems = plain_language.check(docs, list(reader_text.pages(docs)), rules)
    assert [(problem.line, problem.message.split(";")[0].split("' has ")[-1]) for problem in problems] == [
        (1, "21 words"),
        (5, "13 words"),
        (7, "11 words"),
    ]


def test_the_menu_is_read(tmp_path: Path):
    config = write(
        tmp_path / "mkdocs.yml",
        "nav:\n  - index.md\n  - Security forces:\n      - a.md\n"
        "plugins:\n  - i18n:\n      languages:\n        - locale: tr\n          nav_translations:\n"
        "            Security forces: Emniyet güçleri\n",
    )
    pieces = [(piece.line, piece.language, piece.text) for piece in reader_text.config_pieces(config)]
    assert pieces == [(3, "en", "Security forces"), (10, "tr", "Emniyet güçleri")]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{use: null}", "has no word to use"),
        ("{use: 42}", "has no word to use"),
        ("{use: car, avoid: [123]}", "'123' in 'avoid' is not a word"),
        ("{use: car, avoid: ['*']}", "'*' in 'avoid' is not a word"),
        ("{use: car, avoid: ['.']}", "'.' in 'avoid' is not a word"),
        ("{use: car, avoid: [null]}", "in 'avoid' is not a word"),
        ("{use: car, avoid: [Car]}", "'Car' is both the word to use and a word to avoid"),
        ("{use: car, note: [a]}", "'note' must be text"),
    ],
)
def test_a_glossary_value_that_is_not_words_is_reported(tmp_path: Path, line: str, message: str):
    _, problems = glossary.parse(glossary_file(tmp_path, en=line))
    assert any(message in problem.message and problem.line == 7 for problem in problems), problems


def test_a_term_name_must_be_words(tmp_path: Path):
    path = write(tmp_path / "glossary.yml", "terms:\n  42:\n    means: m\n")
    assert [problem.message for problem in glossary.parse(path)[1]] == ["'42' is not a term name"]


PLAIN_START = "languages:\n" + "".join(f"  {code}:\n    max_words: 20\n" for code in ("ar", "ku", "tr"))
PASSIVE = "      - {text: is found, use: find it, why: a passive}\n"


@pytest.mark.parametrize(
    ("english", "message"),
    [
        ("  en:\n    max_words: 20\n  fr:\n    max_words: 20\n", "'fr' is not a language of the site"),
        ("  en:\n    max_words: 20\n    max_word: 3\n", "'en': unknown field 'max_word'"),
        (
            "  en:\n    max_words: 20\n    avoid:\n" + PASSIVE + "      - {text: is seen, use: see}\n",
            "no 'why'",
        ),
        (
            "  en:\n    max_words: 20\n    avoid:\n" + PASSIVE + "      - {text: 5, use: b, why: c}\n",
            "no 'text'",
        ),
        (
            "  en:\n    max_words: 20\n    avoid:\n"
            + PASSIVE
            + "      - {text: Is  found, use: b, why: c}\n",
            "twice",
        ),
        (
            "  en:\n    max_words: 20\n    avoid:\n"
            + PASSIVE
            + "      - {text: a, use: b, why: c, how: d}\n",
            "'how'",
        ),
    ],
)
def test_a_broken_plain_language_file_is_reported_at_the_line(tmp_path: Path, english: str, message: str):
    """The problem stands on the file's last line, where the test puts the broken part."""
    path = write(tmp_path / "plain.yml", PLAIN_START + english)
    problems = plain_language.parse(path)[1]
    last = (PLAIN_START + english).count("\n")
    assert [(problem.line, message in problem.message) for problem in problems] in (
        [(last, True)],
        [(last - 1, True)],  # a language's name stands one line above its first rule
    ), problems


@pytest.mark.parametrize(
    ("file", "text"),
    [("glossary.yml", "terms:\n  x: [\n"), ("plain-language.yml", "languages: {en: {max_words: '20'}}\n")],
)
def test_the_table_is_not_rewritten_from_broken_data(tmp_path: Path, file: str, text: str):
    project = copy_project(tmp_path / "project")
    guides = {name: (project / name).read_bytes() for name in ("CONTRIBUTING.md", "CONTRIBUTING.ar.md")}
    (project / "data" / file).write_text(text, encoding="utf-8")
    result = run(project, "glossary")
    assert result.returncode == 1
    assert f"data/{file}:" in result.stderr and "Traceback" not in result.stderr
    assert {name: (project / name).read_bytes() for name in guides} == guides
