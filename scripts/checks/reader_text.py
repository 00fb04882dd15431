"""The words readers read, per file, language and line: pages, the menu and the data files' strings.

Why: the glossary and plain-language checks judge words, not markup. A link's address, a
``{{ block }}`` name, a fenced code block or a picture's file name are not read; a link's text
and title, a picture's alt text and title, an HTML ``title``/``alt``/``aria-label``, a box title,
the menu's section names and the page's title and description are. Markdown joins the lines of a
paragraph or list item into one run of text, so a piece is a whole paragraph, list item, heading
or table cell, not a source line: a sentence wrapped over three lines is still one sentence, and
"security\\nforces" is still "security forces". Each piece keeps where each of its source lines
starts, so an editor is told the ``file:line`` of the word itself.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from scripts import safe_yaml
from scripts.problems import display_path
from scripts.site_config import languages
from scripts.translation_status import source_language

FRONT_MATTER_FIELDS = ("title", "description")
# Strings of these data files are read by readers (contact cards, steps, notices, leaflets).
DATA_FILES = ("interface.yml", "contacts.yml")
CONFIG_FILE = "mkdocs.yml"

TITLE = r"""(?:\s+(?:"([^"]*)"|'([^']*)'|\(([^)]*)\)))?"""
IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?[^)\s>]*>?" + TITLE + r"\s*\)")
LINK = re.compile(r"\[([^\]]*)\]\(\s*<?[^)\s>]*>?" + TITLE + r"\s*\)")
REFERENCE_LINK = re.compile(r"(!?)\[([^\]]*)\]\[[^\]]*\]")
FOOTNOTE_REFERENCE = re.compile(r"\[\^[^\]]*\]")
REFERENCE_DEFINITION = re.compile(r"^\s{0,3}\[(?!\^)[^\]]+\]:\s*\S+" + TITLE + r"\s*$")
FOOTNOTE_DEFINITION = re.compile(r"^\s{0,3}\[\^[^\]]+\]:\s?(.*)$")
ABBREVIATION = re.compile(r"^\s{0,3}\*\[[^\]]+\]:\s?(.*)$")
BLOCK = re.compile(r"\{\{[^}]*\}\}|\{%[^%]*%\}")
ATTRIBUTES = re.compile(r"\{\s*[:.#][^}]*\}")
TAG = re.compile(r"<(/?)([A-Za-z][\w-]*)?[^>]*>")
READ_ATTRIBUTE = re.compile(r"""\b(?:title|alt|aria-label)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
# Inline tags join the text around them ("ord<b>nance</b>" is one word); other tags separate.
INLINE_TAGS = {
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q",
    "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr",
}  # fmt: skip
ADMONITION = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s*[\w-]+(?:\s+[\w-]+)*(?:\s+\"([^\"]*)\")?\s*$")
HEADING = re.compile(r"^\s{0,3}#{1,6}(?:\s|$)")
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
MARKERS = re.compile(r"^\s*(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s*)*")
QUOTE = re.compile(r"^\s*>\s?")
EMPHASIS = re.compile(r"\*\*|__|~~|==|(?<!\w)[*_](?!\s)|(?<!\s)[*_](?!\w)|`")
FENCE_LINE = re.compile(r"^\s*(```|~~~)")
HTML_BLOCK = re.compile(r"^\s{0,3}</?[A-Za-z][\w-]*(?:\s[^>]*)?/?>\s*$")
TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
CELL = re.compile(r"(?<!\\)\|")
# A sentence ends at . ! ? ؟ ; ؛ or : followed by a space or the end (not 2.5, 10:30, a web
# address, or the inside of "e.g.").
SENTENCE_END = re.compile(r"[.:!?؟;؛…]+(?=[\s\"'\u201d\u2019»)\]]|$)")
ABBREVIATED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")


@dataclass(frozen=True)
class Piece:
    """One run of text a reader reads (a paragraph, a heading, a title, a data string), where it
    stands: ``line`` is its first line, ``breaks`` where in ``text`` each later source line
    begins."""

    file: str
    line: int
    language: str
    text: str
    breaks: tuple[tuple[int, int], ...] = ()  # (offset in text, source line), in order

    def line_at(self, offset: int) -> int:
        """The source line of the character at ``offset`` in ``text``."""
        index = bisect_right([start for start, _ in self.breaks], offset)
        return self.breaks[index - 1][1] if index else self.line


def language_codes() -> set[str]:
    return {language.code for language in languages()}


def titled(text: str, *titles: str | None) -> str:
    return " ".join(part for part in (text, *titles) if part)


def tag(match: re.Match[str]) -> str:
    """A tag's read attributes (title, alt, aria-label) stay; the tag goes."""
    read = " ".join(value for pair in READ_ATTRIBUTE.findall(match.group()) for value in pair if value)
    name = (match.group(2) or "").lower()
    join = "" if name in INLINE_TAGS and not read else " "
    return f"{join}{read}{join}" if read else join


def markdown_line(line: str) -> str:
    """The words of one Markdown line, markup removed (link and image text and titles kept)."""
    admonition = ADMONITION.match(line)
    if admonition:
        return admonition.group(1) or ""
    definition = REFERENCE_DEFINITION.match(line)
    if definition:
        return " ".join(part for part in definition.groups() if part)
    for pattern in (FOOTNOTE_DEFINITION, ABBREVIATION):
        found = pattern.match(line)
        if found:
            line = found.group(1)
    line = IMAGE.sub(lambda match: " " + titled(match.group(1), *match.groups()[1:]) + " ", line)
    line = LINK.sub(lambda match: titled(match.group(1), *match.groups()[1:]), line)
    line = REFERENCE_LINK.sub(lambda match: match.group(2), line)
    line = FOOTNOTE_REFERENCE.sub("", line)
    line = BLOCK.sub(" ", line)
    line = ATTRIBUTES.sub(" ", line)
    line = TAG.sub(tag, line)
    line = MARKERS.sub("", line, count=1)
    line = EMPHASIS.sub("", line)
    line = line.removesuffix("\\")
    return html.unescape(line).strip()


def table_lines(lines: list[str]) -> set[int]:
    """Indexes of the lines that are rows of a table (a header, a separator, then rows)."""
    rows: set[int] = set()
    for index, line in enumerate(lines):
        if index and "|" in line and TABLE_SEPARATOR.match(line) and "|" in lines[index - 1]:
            rows.update((index - 1, index))
            following = index + 1
            while following < len(lines) and "|" in lines[following] and lines[following].strip():
                rows.add(following)
                following += 1
    return rows


class Paragraphs:
    """Collects the lines of one paragraph or list item into one piece."""

    def __init__(self, where: str, language: str) -> None:
        self.where, self.language = where, language
        self.parts: list[tuple[int, str]] = []

    def add(self, number: int, words: str) -> None:
        if words:
            self.parts.append((number, words))

    def flush(self) -> Iterator[Piece]:
        if not self.parts:
            return
        (first, text), breaks = self.parts[0], []
        for number, words in self.parts[1:]:
            text += " "
            breaks.append((len(text), number))
            text += words
        self.parts = []
        yield Piece(self.where, first, self.language, text, tuple(breaks))


def front_matter(lines: list[str], where: str, language: str) -> tuple[list[Piece], int]:
    """The reader-facing fields of the front matter, and the index of the body's first line."""
    if not lines or lines[0].strip() != "---":
        return [], 0
    end = next((index for index in range(1, len(lines)) if lines[index].strip() == "---"), None)
    if end is None:
        return [], 0
    pieces = []
    try:
        root = yaml.compose("\n".join(lines[1:end]), Loader=safe_yaml.SafeLoader)
    except yaml.YAMLError:
        root = None  # the front matter check reports it; read it line by line meanwhile
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if key.value in FRONT_MATTER_FIELDS and isinstance(value, yaml.ScalarNode):
                block = 1 if value.style in (">", "|") else 0
                line = value.start_mark.line + 2 + block
                pieces.append(Piece(where, line, language, " ".join(str(value.value).split())))
    else:
        for number in range(1, end):
            key, _, value = lines[number].partition(":")
            if key.strip() in FRONT_MATTER_FIELDS and value.strip():
                pieces.append(Piece(where, number + 1, language, value.strip().strip("\"'")))
    return pieces, end + 1


def page_pieces(path: Path, language: str) -> Iterator[Piece]:
    """Every paragraph, item, heading, cell and title a reader reads on a page."""
    where = display_path(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    pieces, start = front_matter(lines, where, language)
    yield from pieces
    tables = table_lines(lines)
    paragraph = Paragraphs(where, language)
    in_code = in_comment = False
    for index in range(start, len(lines)):
        number, line = index + 1, lines[index]
        if FENCE_LINE.match(line):
            yield from paragraph.flush()
            in_code = not in_code
            continue
        if in_code:
            continue
        if in_comment:
            if "-->" not in line:
                continue
            line, in_comment = line.split("-->", 1)[1], False
        line = re.sub(r"<!--.*?-->", " ", line)
        if "<!--" in line:
            line, in_comment = line.split("<!--", 1)[0], True
        line = QUOTE.sub("", line)
        if index in tables:
            yield from paragraph.flush()
            if not TABLE_SEPARATOR.match(line):
                for cell in CELL.split(line.strip().strip("|")):
                    words = markdown_line(cell.replace("\\|", "|"))
                    if words:
                        yield Piece(where, number, language, words)
            continue
        if not line.strip():
            yield from paragraph.flush()
            continue
        alone = HEADING.match(line) or ADMONITION.match(line) or HTML_BLOCK.match(line)
        alone = alone or REFERENCE_DEFINITION.match(line) or ABBREVIATION.match(line)
        if alone or LIST_ITEM.match(line) or FOOTNOTE_DEFINITION.match(line):
            yield from paragraph.flush()
        paragraph.add(number, markdown_line(line))
        if alone:
            yield from paragraph.flush()
    yield from paragraph.flush()


def page_language(path: Path, docs_dir: Path) -> str | None:
    """The language of a page: the first folder under docs/."""
    parts = path.resolve().relative_to(docs_dir.resolve()).parts
    return parts[0] if len(parts) > 1 and parts[0] in language_codes() else None


def pages(docs_dir: Path) -> Iterator[Piece]:
    for path in sorted(docs_dir.rglob("*.md")):
        language = page_language(path, docs_dir)
        if language:
            yield from page_pieces(path, language)


def compose(path: Path) -> yaml.Node | None:
    """A data file's node tree, or None when unreadable (its own checks report it)."""
    try:
        text = path.read_text(encoding="utf-8")
        safe_yaml.scan(text, safe_yaml.MKDOCS_TAGS | safe_yaml.STANDARD_TAGS)
        return yaml.compose(text, Loader=safe_yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None


def scalar_piece(where: str, language: str, node: yaml.ScalarNode) -> Piece:
    line = node.start_mark.line + 1 + (1 if node.style in (">", "|") else 0)
    return Piece(where, line, language, " ".join(str(node.value).split()))


def data_pieces(path: Path) -> Iterator[Piece]:
    """Every ``{ar: …, ku: …, tr: …, en: …}`` string of a data file, at its own line."""
    codes = language_codes()
    where = display_path(path)
    root = compose(path)
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.SequenceNode):
            stack += reversed(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if (
                    isinstance(key, yaml.ScalarNode)
                    and key.value in codes
                    and isinstance(value, yaml.ScalarNode)
                ):
                    yield scalar_piece(where, key.value, value)
                else:
                    stack.append(value)


def mapping(node: yaml.Node | None) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(key.value): value for key, value in node.value if isinstance(key, yaml.ScalarNode)}


def config_pieces(path: Path) -> Iterator[Piece]:
    """The menu's words in ``mkdocs.yml``: each section name of ``nav`` (read as the pages'
    source language), and each language's ``nav_translations`` and ``site_name``."""
    where = display_path(path)
    root = compose(path)
    source = source_language()
    stack = [mapping(root).get("nav")]
    while stack and source:
        node = stack.pop()
        if isinstance(node, yaml.SequenceNode):
            stack += node.value
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and isinstance(value, yaml.SequenceNode):
                    yield scalar_piece(where, source, key)
                stack.append(value)
    for plugin in getattr(mapping(root).get("plugins"), "value", []):
        for entries in mapping(plugin).values():
            for language in getattr(mapping(entries).get("languages"), "value", []):
                fields = mapping(language)
                code = getattr(fields.get("locale"), "value", None)
                if code not in language_codes():
                    continue
                if isinstance(fields.get("site_name"), yaml.ScalarNode):
                    yield scalar_piece(where, code, fields["site_name"])
                for _, value in getattr(fields.get("nav_translations"), "value", []):
                    if isinstance(value, yaml.ScalarNode):
                        yield scalar_piece(where, code, value)


def data(data_dir: Path) -> Iterator[Piece]:
    for name in DATA_FILES:
        yield from data_pieces(data_dir / name)


def everything(docs_dir: Path) -> list[Piece]:
    """All reader text of the project whose docs/ folder is ``docs_dir``."""
    root = docs_dir.resolve().parent
    return [*pages(docs_dir), *data(root / "data"), *config_pieces(root / CONFIG_FILE)]


def sentence_spans(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) for each of a piece's sentences."""
    found, start = [], 0
    for match in SENTENCE_END.finditer(text):
        before = text[: match.start()].split()
        if match.group() == "." and before and ABBREVIATED.fullmatch(before[-1]):
            continue  # "e.g." or "i.e.": an abbreviation, not the end of the sentence
        found.append((start, text[start : match.end()]))
        start = match.end()
    found.append((start, text[start:]))
    spans = []
    for offset, sentence in found:
        if sentence.strip():
            spans.append((offset + len(sentence) - len(sentence.lstrip()), sentence.strip()))
    return spans


def sentences(text: str) -> list[str]:
    """A piece's sentences (each list item, heading or data string is at least one)."""
    return [sentence for _, sentence in sentence_spans(text)]


def word_count(sentence: str) -> int:
    """Words: runs between spaces that hold a letter or a digit (a dash alone is not a word)."""
    return sum(1 for token in sentence.split() if any(char.isalnum() for char in token))
