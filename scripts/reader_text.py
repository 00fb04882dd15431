"""The words readers read, per file, language and line: pages and the data files' strings.

Why: the glossary and plain-language checks judge words, not markup. A link's address, a
``{{ block }}`` name, a code block or a picture's file name are not read; a link's text, a
picture's alt text, a box title and the page's title and description are. Each piece keeps the
line it stands on, so an editor is told ``file:line``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from scripts import safe_yaml
from scripts.problems import display_path
from scripts.site_config import languages

FRONT_MATTER_FIELDS = ("title", "description")
# Strings of these data files are read by readers (contact cards, steps, notices, leaflets).
DATA_FILES = ("interface.yml", "contacts.yml")

IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
BLOCK = re.compile(r"\{\{[^}]*\}\}")
ATTRIBUTES = re.compile(r"\{[:.#][^}]*\}|\{\s*\.[^}]*\}")
TAG = re.compile(r"<[^>]*>")
ADMONITION = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s*\S+(?:\s+\"([^\"]*)\")?\s*$")
MARKERS = re.compile(r"^\s*(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s*)*")
EMPHASIS = re.compile(r"\*\*|__|(?<!\w)[*_](?!\s)|`")
FENCE_LINE = re.compile(r"^\s*(```|~~~)")
# A sentence ends at . ! ? ؟ ; ؛ or :, but not at a dot or colon between digits (2.5, 10:30).
SENTENCE_END = re.compile(r"[.:!?؟;؛]")


@dataclass(frozen=True)
class Piece:
    """One run of text a reader reads (a line, a title, a data string), where it stands."""

    file: str
    line: int
    language: str
    text: str


def language_codes() -> set[str]:
    return {language.code for language in languages()}


def markdown_line(line: str) -> str:
    """The words of one Markdown line, markup removed (link and image text kept)."""
    admonition = ADMONITION.match(line)
    if admonition:
        return admonition.group(1) or ""
    line = IMAGE.sub(lambda match: " " + match.group(1) + " ", line)
    line = LINK.sub(lambda match: match.group(1), line)
    line = BLOCK.sub(" ", line)
    line = ATTRIBUTES.sub(" ", line)
    line = TAG.sub(" ", line)
    line = MARKERS.sub("", line, count=1)
    return EMPHASIS.sub("", line).strip()


def page_pieces(path: Path, language: str) -> Iterator[Piece]:
    """Every line a reader reads on a page: front matter title and description, then the body."""
    where = display_path(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    number = 0
    if lines and lines[0].strip() == "---":
        for number in range(1, len(lines)):
            line = lines[number]
            if line.strip() == "---":
                break
            key, _, value = line.partition(":")
            if key in FRONT_MATTER_FIELDS and value.strip():
                yield Piece(where, number + 1, language, value.strip().strip("\"'"))
        number += 1
    in_code = in_comment = False
    for index in range(number, len(lines)):
        line = lines[index]
        if FENCE_LINE.match(line):
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
        words = markdown_line(line)
        if words:
            yield Piece(where, index + 1, language, words)


def page_language(path: Path, docs_dir: Path) -> str | None:
    """The language of a page: the first folder under docs/."""
    parts = path.resolve().relative_to(docs_dir.resolve()).parts
    return parts[0] if len(parts) > 1 and parts[0] in language_codes() else None


def pages(docs_dir: Path) -> Iterator[Piece]:
    for path in sorted(docs_dir.rglob("*.md")):
        language = page_language(path, docs_dir)
        if language:
            yield from page_pieces(path, language)


def data_pieces(path: Path) -> Iterator[Piece]:
    """Every ``{ar: …, ku: …, tr: …, en: …}`` string of a data file, at its own line.
    Unreadable files yield nothing: their own checks report them."""
    codes = language_codes()
    where = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
        safe_yaml.scan(text)
        root = yaml.compose(text, Loader=safe_yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return
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
                    line = value.start_mark.line + 1 + (1 if value.style in (">", "|") else 0)
                    yield Piece(where, line, key.value, " ".join(value.value.split()))
                else:
                    stack.append(value)


def data(data_dir: Path) -> Iterator[Piece]:
    for name in DATA_FILES:
        yield from data_pieces(data_dir / name)


def everything(docs_dir: Path) -> list[Piece]:
    """All reader text of the project whose docs/ folder is ``docs_dir``."""
    return [*pages(docs_dir), *data(docs_dir.resolve().parent / "data")]


def sentences(text: str) -> list[str]:
    """A piece's sentences (each list item, heading or data string is at least one)."""
    found, start = [], 0
    for match in SENTENCE_END.finditer(text):
        before, after = text[match.start() - 1 : match.start()], text[match.end() : match.end() + 1]
        if match.group() in ".:" and before.isdigit() and after.isdigit():
            continue
        found.append(text[start : match.end()])
        start = match.end()
    found.append(text[start:])
    return [sentence.strip() for sentence in found if sentence.strip()]


def word_count(sentence: str) -> int:
    """Words: runs between spaces that hold a letter or a digit (a dash alone is not a word)."""
    return sum(1 for token in sentence.split() if any(char.isalnum() for char in token))
