"""One term for each key idea, per language (``data/glossary.yml``), enforced on every page.

Why: a reader who meets two words for one thing thinks they are two things, and a word that also
means something else changes a safety instruction ("clean a house" for "remove explosive items
from a house"; Kurmanji «wan», "them", for a van). The glossary names the one word to use and the
words to avoid; this check finds each avoided word with its file and line and names the word to use.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from scripts import project, safe_yaml
from scripts.checks import reader_text, term_patterns
from scripts.file_cache import until_changed
from scripts.problems import Problem, display_path


def glossary_file() -> Path:
    """The file of the current project (scripts/project.py), looked up each time."""
    return project.current().data("glossary.yml")


TERM_FIELDS = {"means"}
LANGUAGE_FIELDS = {"use", "avoid", "note"}


@dataclass(frozen=True)
class Entry:
    """One term in one language."""

    term: str
    means: str
    use: str
    avoid: tuple[str, ...]
    note: str


STRING = "tag:yaml.org,2002:str"


def node_line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def words_of(node: yaml.Node | None) -> str | None:
    """The text of a scalar written as text (not a number, a yes/no or an empty value), with its
    spaces tidied; None for anything else."""
    if isinstance(node, yaml.ScalarNode) and node.tag == STRING:
        return " ".join(node.value.split())
    return None


def has_letter(words: str) -> bool:
    return any(char.isalpha() for char in words)


def mapping(node: yaml.Node) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    return {key.value: (key, value) for key, value in node.value if isinstance(key, yaml.ScalarNode)}


def parse(path: Path) -> tuple[dict[str, list[Entry]], list[Problem]]:
    """Entries per language, and every problem in the file (each with its line)."""
    where = display_path(path)
    codes = [code for code in sorted(reader_text.language_codes())]
    root, problems = safe_yaml.compose_file(
        path,
        where,
        "the glossary",
        'check the indentation; put text that contains a colon or a # in "double quotes"',
    )
    if problems:
        return {}, problems
    terms = mapping(root).get("terms") if isinstance(root, yaml.MappingNode) else None
    if terms is None or not isinstance(terms[1], yaml.MappingNode):
        return {}, [Problem(where, 1, "no 'terms:' list", "start the file with 'terms:' (see its header)")]
    entries: dict[str, list[Entry]] = {code: [] for code in codes}
    problems: list[Problem] = []
    for key, body in terms[1].value:
        term = str(key.value)
        if words_of(key) is None or not has_letter(term):
            problems.append(
                Problem(
                    where,
                    node_line(key),
                    f"'{term}' is not a term name",
                    "name the term in English words joined by dashes, for example explosive-item",
                )
            )
            continue
        if not isinstance(body, yaml.MappingNode):
            problems.append(
                Problem(
                    where,
                    node_line(key),
                    f"term '{term}' has no fields",
                    "give it means: and a line per language",
                )
            )
            continue
        fields = mapping(body)
        for name, (field_key, _) in fields.items():
            if name not in TERM_FIELDS and name not in codes:
                allowed = ", ".join(sorted(TERM_FIELDS | set(codes)))
                problems.append(
                    Problem(
                        where,
                        node_line(field_key),
                        f"term '{term}': unknown field '{name}'",
                        f"use only: {allowed}",
                    )
                )
        means = fields.get("means")
        means_text = (words_of(means[1]) if means else None) or ""
        if not has_letter(means_text):
            problems.append(
                Problem(
                    where,
                    node_line(key),
                    f"term '{term}' has no 'means'",
                    "say in English what the idea is, for translators",
                )
            )
        for code in codes:
            found = fields.get(code)
            if found is None:
                problems.append(
                    Problem(
                        where,
                        node_line(key),
                        f"term '{term}' has no '{code}' line",
                        f"add '{code}: {{use: …, avoid: […]}}'",
                    )
                )
                continue
            entry, entry_problems = language_entry(term, str(means_text), found[1], where)
            problems += entry_problems
            if entry:
                entries[code].append(entry)
    return entries, problems


def language_entry(term: str, means: str, node: yaml.Node, where: str) -> tuple[Entry | None, list[Problem]]:
    """One language's line of a term: ``{use: …, avoid: […], note: …}``."""
    line = node_line(node)
    if not isinstance(node, yaml.MappingNode):
        return None, [
            Problem(
                where,
                line,
                f"term '{term}': a language line must be {{use: …, avoid: […]}}",
                "see the file's header",
            )
        ]
    fields = mapping(node)
    problems = [
        Problem(where, node_line(key), f"term '{term}': unknown field '{name}'", "use only: use, avoid, note")
        for name, (key, _) in fields.items()
        if name not in LANGUAGE_FIELDS
    ]
    use = fields.get("use")
    use_text = (words_of(use[1]) if use else None) or ""
    if not has_letter(use_text):
        problems.append(
            Problem(
                where,
                node_line(use[1]) if use else line,
                f"term '{term}' has no word to use",
                "write the word after 'use:'",
            )
        )
    avoid: list[str] = []
    if "avoid" in fields:
        value = fields["avoid"][1]
        if not isinstance(value, yaml.SequenceNode):
            problems.append(
                Problem(
                    where,
                    node_line(value),
                    f"term '{term}': 'avoid' must be a list of words",
                    "write avoid: [word, other word]",
                )
            )
        else:
            for item in value.value:
                words = words_of(item)
                if words is None or not has_letter(words):
                    shown = item.value if isinstance(item, yaml.ScalarNode) else "a list"
                    problems.append(
                        Problem(
                            where,
                            node_line(item),
                            f"term '{term}': '{shown}' in 'avoid' is not a word",
                            'write words only, in "double quotes" if they hold a * or a number',
                        )
                    )
                elif use_text and term_patterns.fold_pattern(words) == term_patterns.fold_pattern(use_text):
                    problems.append(
                        Problem(
                            where,
                            node_line(item),
                            f"term '{term}': '{words}' is both the word to use and a word to avoid",
                            "remove it from 'avoid'",
                        )
                    )
                else:
                    avoid.append(words)
    note = fields.get("note")
    note_text = (words_of(note[1]) if note else None) or ""
    if note and not note_text:
        problems.append(
            Problem(where, node_line(note[1]), f"term '{term}': 'note' must be text", 'write note: "…"')
        )
    return Entry(term, means, use_text, tuple(avoid), note_text), problems


@until_changed(lambda path=None: [path or glossary_file()])
def load(path: Path | None = None) -> tuple[dict[str, list[Entry]], tuple[Problem, ...]]:
    path = glossary_file() if path is None else path
    entries, problems = parse(path)
    return entries, tuple(problems)


def check_pieces(pieces: list[reader_text.Piece], entries: dict[str, list[Entry]]) -> list[Problem]:
    """Each avoided word in the reader text, with the word to use."""
    problems = []
    every = {code: tuple(word for entry in found for word in entry.avoid) for code, found in entries.items()}
    for piece in pieces:
        folded = term_patterns.fold(piece.text)
        if not term_patterns.any_of(every.get(piece.language, ())).search(folded.folded):
            continue
        for entry in entries.get(piece.language, []):
            for avoid in entry.avoid:
                for offset, words in term_patterns.find(avoid, folded, (entry.use,)):
                    use = entry.use.replace("*", "…")
                    hint = f"write '{use}' instead (data/glossary.yml, {entry.term}: {entry.means})"
                    if entry.note:
                        hint += f" {entry.note}"
                    problems.append(
                        Problem(
                            piece.file,
                            piece.line_at(offset),
                            f"'{' '.join(words.split())}' is not the word we use for this idea",
                            hint,
                        )
                    )
    return problems


def check(docs_dir: Path, pieces: list[reader_text.Piece], path: Path | None = None) -> list[Problem]:
    """Problems in the glossary itself, then its words to avoid in every page and data string."""
    path = glossary_file() if path is None else path
    entries, problems = parse(path)
    return problems + check_pieces(pieces, entries)
