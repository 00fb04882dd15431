"""The glossary as translators see it: a table in CONTRIBUTING, written from ``data/glossary.yml``.

Why: translators read CONTRIBUTING, not YAML. The table is generated between two marker lines so
it cannot drift from the file the check enforces: ``python -m scripts glossary`` rewrites it, and
the content check reports a table that differs from the glossary.
"""

from __future__ import annotations

from pathlib import Path

from scripts import project
from scripts.checks import glossary, plain_language
from scripts.problems import Problem, display_path
from scripts.site_config import languages

START = "<!-- glossary: written by `python -m scripts glossary` from data/glossary.yml; do not edit -->"
END = "<!-- end of glossary -->"

GUIDE_NAMES = ("CONTRIBUTING.md", "CONTRIBUTING.ar.md")


def glossary_guides() -> tuple[Path, ...]:
    """The editors' guides of the current project, which carry the generated glossary table."""
    return tuple(project.current().root / name for name in GUIDE_NAMES)


AVOID_LABEL = {"CONTRIBUTING.md": "not", "CONTRIBUTING.ar.md": "لا"}
HEADER = {
    "CONTRIBUTING.md": ("Idea", "Most words in a sentence"),
    "CONTRIBUTING.ar.md": ("الفكرة", "أقصى عدد كلمات في الجملة"),
}


def cell(text: str) -> str:
    return text.replace("|", "\\|").replace("*", "\\*")


def table(
    guide: Path,
    glossary_file: Path | None = None,
    plain_file: Path | None = None,
) -> str:
    """The generated section for one guide (English or Arabic labels)."""
    glossary_file = glossary.glossary_file() if glossary_file is None else glossary_file
    plain_file = plain_language.plain_file() if plain_file is None else plain_file
    entries, _ = glossary.parse(glossary_file)
    rules, _ = plain_language.parse(plain_file)
    codes = [language.code for language in languages()]
    idea, most = HEADER.get(guide.name, HEADER["CONTRIBUTING.md"])
    avoid = AVOID_LABEL.get(guide.name, "not")
    rows = [f"| {idea} | " + " | ".join(codes) + " |", "|---" * (len(codes) + 1) + "|"]
    by_term: dict[str, dict[str, glossary.Entry]] = {}
    for code in codes:
        for entry in entries.get(code, []):
            by_term.setdefault(entry.term, {})[code] = entry
    for found in by_term.values():
        means = next(iter(found.values())).means
        cells = []
        for code in codes:
            entry = found.get(code)
            if entry is None:
                cells.append("")
                continue
            words = f"**{cell(entry.use)}**"
            if entry.avoid:
                words += f"<br>{avoid}: " + ", ".join(cell(word) for word in entry.avoid)
            cells.append(words)
        rows.append(f"| {cell(means)} | " + " | ".join(cells) + " |")
    limits = ", ".join(f"{code} {rules[code].max_words}" for code in codes if code in rules)
    return "\n".join([START, "", *rows, "", f"{most}: {limits}.", "", END])


def section_span(text: str) -> tuple[int, int] | None:
    start, end = text.find(START), text.find(END)
    if start < 0 or end < start:
        return None
    return start, end + len(END)


def write(guides: tuple[Path, ...] | None = None) -> list[Path]:
    """Rewrite the table in each guide; returns the guides that changed."""
    changed = []
    for guide in glossary_guides() if guides is None else guides:
        text = guide.read_text(encoding="utf-8")
        span = section_span(text)
        if span is None:
            raise ValueError(f"{display_path(guide)}: no glossary markers ({START} … {END})")
        new = text[: span[0]] + table(guide) + text[span[1] :]
        if new != text:
            guide.write_text(new, encoding="utf-8")
            changed.append(guide)
    return changed


def check(
    guides: tuple[Path, ...] | None = None,
    glossary_file: Path | None = None,
    plain_file: Path | None = None,
) -> list[Problem]:
    """A guide whose table is missing or differs from data/glossary.yml."""
    guides = glossary_guides() if guides is None else guides
    glossary_file = glossary.glossary_file() if glossary_file is None else glossary_file
    plain_file = plain_language.plain_file() if plain_file is None else plain_file
    problems = []
    for guide in guides:
        if not guide.is_file():
            continue
        text = guide.read_text(encoding="utf-8")
        span = section_span(text)
        if span is None:
            problems.append(
                Problem(
                    display_path(guide),
                    1,
                    "the glossary table is missing",
                    "put back its two marker lines, then run `python -m scripts glossary`",
                )
            )
        elif text[span[0] : span[1]] != table(guide, glossary_file, plain_file):
            line = text.count("\n", 0, span[0]) + 1
            problems.append(
                Problem(
                    display_path(guide),
                    line,
                    "the glossary table is out of date",
                    "run `python -m scripts glossary`",
                )
            )
    return problems
