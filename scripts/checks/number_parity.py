"""Numbers agree across languages: every number of a translation is a number of its source.

Why: a distance, a time or a count is a safety fact. The Arabic page saying 60 m where the English
source says 600 m sends readers into danger, and no structure check sees it. Each translation is
compared with its source (English, ``extra.source_language``): block by block (paragraph, list
item, heading, table cell) where both pages have the same blocks, which they have today, else the
whole page. The titles and descriptions of the front matter, and every translated string of the
data files (``{ar: …, en: …}``), are compared the same way.

What a number is, whatever the script: a run of decimal digits of any digit system (Latin 0-9,
Arabic-Indic U+0660-0669, Eastern Arabic-Indic U+06F0-06F9, any other Unicode decimal digit), so
600 in any of them is one number; unit words around it (``600 m``, ``600m``, ``600 metre``) do not
count. Thousands may be grouped with ``,`` ``.`` the Arabic thousands sign U+066C or a (no-break,
thin) space followed by exactly three digits (``1,000`` = ``1.000`` = ``1 000``); the Arabic decimal
sign U+066B and a last group of other than three digits make a decimal (``1.5`` = ``1,5``); dates
and versions (``26.11.2026``) are their parts.
So ``6 00`` is the numbers 6 and 0, not 600. Not counted: the numbering of ordered lists (Markdown
``1.`` renders as a list, not text), addresses of links and pictures, HTML comments, and the dates
and hashes of the front matter. Numbers written as words are not seen.

Hand-written: Babel and ICU parse one number in one known locale; this needs every number inside
running text of four languages, compared as a multiset.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import yaml

from scripts import safe_yaml
from scripts.checks.rendered_page import RenderedPage, converter, render
from scripts.problems import Problem, display_path, line_of
from scripts.site_config import languages
from scripts.translation_status import source_language

GROUPING_SPACE = " \u00a0\u202f\u2009"
# \d is any Unicode decimal digit (category Nd) in a str pattern.
NUMBER = re.compile(rf"\d+(?:[.,\u066b\u066c]\d+|[{GROUPING_SPACE}]\d{{3}}(?!\d))*")
SEPARATOR = re.compile(rf"[.,\u066b\u066c{GROUPING_SPACE}]")
BLOCKS = frozenset(
    {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "pre", "figcaption"}
)
SPOKEN = ("alt", "title", "aria-label")  # attributes that readers see or hear
FRONT_MATTER_TEXT = ("title", "description")
HINT = (
    "write the same numbers as the source (600, ٦٠٠ and ۶۰۰ are the same number); "
    "if the source changed, update the translation from it"
)


def latin(digits: str) -> str:
    """Digits of any system as Latin digits (character by character: ``int()`` refuses very long
    numbers, and a page may hold any)."""
    return "".join(str(unicodedata.decimal(digit)) for digit in digits)


def integer(digits: str) -> str:
    """Digits of any system as a Latin integer without leading zeros."""
    return latin(digits).lstrip("0") or "0"


def numbers(text: str) -> list[str]:
    """Every number in ``text``, written the same way whatever digits and grouping were used."""
    found = []
    for match in NUMBER.finditer(text):
        groups = SEPARATOR.split(match.group())
        separators = SEPARATOR.findall(match.group())
        if len(groups) == 1 or ("\u066b" not in separators and all(len(group) == 3 for group in groups[1:])):
            found.append(integer("".join(groups)))
        elif separators[-1] in ".,\u066b" and all(len(group) == 3 for group in groups[1:-1]):
            decimals = latin(groups[-1])
            found.append(f"{integer(''.join(groups[:-1]))}.{decimals}")
        else:
            found += [integer(group) for group in groups]
    return found


@dataclass
class Block:
    tag: str
    text: str = ""
    line: int = 1


@dataclass
class BlockCollector(HTMLParser):
    """The text of each block of a rendered page (an item's text goes to its innermost block)."""

    blocks: list[Block] = field(default_factory=list)
    open: list[Block] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCKS:
            block = Block(tag)
            self.blocks.append(block)
            self.open.append(block)
        spoken = " ".join(value or "" for name, value in attrs if name in SPOKEN)
        if spoken:
            self.text(f" {spoken} ")

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index].tag == tag:
                del self.open[index:]
                break

    def handle_data(self, data: str) -> None:
        self.text(data)

    def text(self, data: str) -> None:
        if not self.open:
            self.blocks.append(Block("text"))
            self.open.append(self.blocks[-1])
            self.blocks[-1].text += data
            self.open.pop()
            return
        self.open[-1].text += data


WORD = re.compile(r"[^\W\d_]{2,}|\d+")


def page_blocks(page: RenderedPage) -> list[Block]:
    """The page's blocks with text, each with the line of the file it starts on (found in order:
    the first line from the block before it that holds the block's first three words, else its
    first word; rendering keeps no lines, and Markdown's markup sits between words, not in them)."""
    collector = BlockCollector()
    collector.feed(page.html or converter().reset().convert(page.body))
    collector.close()
    rows = page.source.splitlines()
    line = page.offset + 1
    blocks = [block for block in collector.blocks if block.text.strip()]
    for block in blocks:
        words = WORD.findall(block.text)[:3]
        for needles in (words, words[:1]) if words else ():
            found = next(
                (
                    number
                    for number in range(line, len(rows) + 1)
                    if all(needle in rows[number - 1] for needle in needles)
                ),
                None,
            )
            if found is not None:
                line = found
                break
        block.line = line
    return blocks


def difference(here: list[str], there: list[str]) -> str | None:
    """How two multisets of numbers differ, in words; None when they agree."""
    extra, missing = Counter(here) - Counter(there), Counter(there) - Counter(here)
    if not extra and not missing:
        return None
    return (
        f"{', '.join(extra.elements()) or 'nothing'} here, {', '.join(missing.elements()) or 'nothing'} there"
    )


def compare_pages(
    translated: RenderedPage, source: RenderedPage, where: str, source_where: str
) -> list[Problem]:
    """Block by block when the two pages have the same blocks, else the whole page."""
    mine, theirs = page_blocks(translated), page_blocks(source)
    problems = []
    if [block.tag for block in mine] == [block.tag for block in theirs]:
        for block, other in zip(mine, theirs, strict=True):
            differs = difference(numbers(block.text), numbers(other.text))
            if differs:
                problems.append(
                    Problem(
                        where, block.line, f"numbers differ from {source_where}:{other.line}: {differs}", HINT
                    )
                )
        return problems
    differs = difference(
        [number for block in mine for number in numbers(block.text)],
        [number for block in theirs for number in numbers(block.text)],
    )
    if differs:
        problems.append(
            Problem(where, translated.offset + 1, f"numbers differ from {source_where}: {differs}", HINT)
        )
    return problems


def compare_front_matter(path: Path, source_path: Path, where: str, source_where: str) -> list[Problem]:
    """The title and description carry numbers too (a page called "Keep 600 m away")."""
    problems = []
    mine, theirs = front_matter_text(path), front_matter_text(source_path)
    text = path.read_text(encoding="utf-8")
    for name in FRONT_MATTER_TEXT:
        differs = difference(numbers(mine.get(name, "")), numbers(theirs.get(name, "")))
        if differs:
            problems.append(
                Problem(
                    where,
                    line_of(text, f"{name}:"),
                    f"numbers in '{name}' differ from {source_where}: {differs}",
                    HINT,
                )
            )
    return problems


def front_matter_text(path: Path) -> dict[str, str]:
    """Title and description as text, read from the YAML nodes (no values are built, so a bad date
    cannot stop this check); an unreadable front matter is reported by front_matter.py."""
    from scripts.front_matter import FENCE

    match = FENCE.match(path.read_text(encoding="utf-8"))
    try:
        if match:
            safe_yaml.scan(match.group(1))
        root = yaml.compose(match.group(1), Loader=safe_yaml.SafeLoader) if match else None
    except yaml.YAMLError:
        return {}
    if not isinstance(root, yaml.MappingNode):
        return {}
    return {
        key.value: value.value
        for key, value in root.value
        if isinstance(key, yaml.ScalarNode)
        and key.value in FRONT_MATTER_TEXT
        and isinstance(value, yaml.ScalarNode)
    }


def check_pages(docs_dir: Path, rendered: dict[Path, RenderedPage]) -> list[Problem]:
    """Every translated page against its source page."""
    source = source_language()
    source_dir = docs_dir / source
    problems: list[Problem] = []
    for source_path in sorted(source_dir.rglob("*.md")):
        relative = source_path.relative_to(source_dir)
        source_where = display_path(source_path)
        source_page = rendered.get(source_path) or render(source_path)
        for language in languages():
            translated = docs_dir / language.code / relative
            if language.code == source or not translated.exists():
                continue  # a missing translation is parity's
            where = display_path(translated)
            page = rendered.get(translated) or render(translated)
            problems += compare_pages(page, source_page, where, source_where)
            problems += compare_front_matter(translated, source_path, where, source_where)
    return problems


def check_data(paths: list[Path]) -> list[Problem]:
    """Every ``{ar: …, ku: …, tr: …, en: …}`` string group of the data files: each language's
    numbers against the source language's. Unreadable files are reported by their own checks."""
    codes = {language.code for language in languages()}
    source = source_language()
    problems = []
    for path in paths:
        where = display_path(path)
        try:
            text = path.read_text(encoding="utf-8")
            safe_yaml.scan(text)
            root = yaml.compose(text, Loader=safe_yaml.SafeLoader)
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        stack = [root] if root is not None else []
        while stack:
            node = stack.pop()
            if isinstance(node, yaml.SequenceNode):
                stack += node.value
            elif isinstance(node, yaml.MappingNode):
                texts = {
                    key.value: value
                    for key, value in node.value
                    if isinstance(key, yaml.ScalarNode) and isinstance(value, yaml.ScalarNode)
                }
                if source in texts and set(texts) <= codes and len(texts) > 1:
                    problems += compare_group(texts, source, where)
                stack += [value for _, value in node.value]
    return problems


def compare_group(texts: dict[str, yaml.ScalarNode], source: str, where: str) -> list[Problem]:
    """One string in every language: each translation's numbers against the source's."""
    problems = []
    source_line = texts[source].start_mark.line + 1
    for code, value in sorted(texts.items()):
        differs = difference(numbers(value.value), numbers(texts[source].value))
        if code != source and differs:
            message = f"numbers in '{code}' differ from '{source}' on line {source_line}: {differs}"
            problems.append(Problem(where, value.start_mark.line + 1, message, HINT))
    return problems
