"""Plain language per language (``data/plain-language.yml``): short sentences, everyday words.

Why: many readers read slowly, or have a neighbour read the page aloud. A sentence over the
length set for its language is reported, as is each passive or specialist word on that language's
list, with the plain words to use instead. Every page and data string must pass.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from scripts import project, safe_yaml
from scripts.checks import glossary, reader_text, term_patterns
from scripts.problems import Problem, display_path


def plain_file() -> Path:
    """The file of the current project (scripts/project.py), looked up each time."""
    return project.current().data("plain-language.yml")


HINT_LENGTH = "split it into shorter sentences, one instruction each (data/plain-language.yml)"


@dataclass(frozen=True)
class Rules:
    """One language's rules."""

    max_words: int
    avoid: tuple[tuple[str, str, str], ...]  # (words, use instead, why)


LANGUAGE_FIELDS = {"max_words", "avoid"}
ITEM_ORDER = ("text", "use", "why")
ITEM_FIELDS = set(ITEM_ORDER)


def parse(path: Path) -> tuple[dict[str, Rules], list[Problem]]:
    """Rules per language, and every problem in the file, each at its own line."""
    where = display_path(path)
    codes = sorted(reader_text.language_codes())
    root, problems = safe_yaml.compose_file(
        path, where, "the file", 'put text with a colon in "double quotes"'
    )
    if problems:
        return {}, problems
    found = glossary.mapping(root).get("languages") if isinstance(root, yaml.MappingNode) else None
    if found is None or not isinstance(found[1], yaml.MappingNode):
        return {}, [Problem(where, 1, "no 'languages:' section", "see the file's header")]
    rules: dict[str, Rules] = {}
    problems: list[Problem] = []

    def add(node: yaml.Node, message: str, hint: str) -> None:
        problems.append(Problem(where, glossary.node_line(node), message, hint))

    entries = glossary.mapping(found[1])
    for name, (key, _) in entries.items():
        if name not in codes:
            add(key, f"'{name}' is not a language of the site", f"use only: {', '.join(codes)}")
    for code in codes:
        if code not in entries:
            add(found[0], f"no rules for '{code}'", f"add '{code}:' with max_words and avoid")
            continue
        key, body = entries[code]
        if not isinstance(body, yaml.MappingNode):
            add(key, f"'{code}': its rules must be max_words and avoid", "see the file's header")
            continue
        fields = glossary.mapping(body)
        for name, (field_key, _) in fields.items():
            if name not in LANGUAGE_FIELDS:
                add(field_key, f"'{code}': unknown field '{name}'", "use only: max_words, avoid")
        most_node = fields.get("max_words", (key, None))[1]
        whole = isinstance(most_node, yaml.ScalarNode) and most_node.tag.endswith(":int")
        most = int(most_node.value) if whole and most_node.value.isdigit() else None
        if most is None or not 5 <= most <= 60:
            add(
                most_node or key,
                f"'{code}': max_words must be a whole number from 5 to 60",
                "write for example max_words: 20",
            )
            continue
        avoid, seen = [], set()
        items = fields.get("avoid", (key, None))[1]
        if items is not None and not isinstance(items, yaml.SequenceNode):
            add(items, f"'{code}': 'avoid' must be a list", "write - {text: …, use: …, why: …} lines")
            items = None
        for item in items.value if items is not None else []:
            item_fields = glossary.mapping(item) if isinstance(item, yaml.MappingNode) else {}
            values = {name: glossary.words_of(node) for name, (_, node) in item_fields.items()}
            unknown = sorted(set(item_fields) - ITEM_FIELDS)
            if unknown:
                add(
                    item,
                    f"'{code}': unknown field '{unknown[0]}' in an avoid item",
                    "use only: text, use, why",
                )
            missing = [
                name for name in ("text", "use", "why") if not glossary.has_letter(values.get(name) or "")
            ]
            if missing:
                add(
                    item,
                    f"'{code}': an avoid item has no '{missing[0]}' (each needs text, use and why, as words)",
                    "write - {text: …, use: …, why: …}",
                )
                continue
            folded = term_patterns.fold_pattern(values["text"])
            if folded in seen:
                add(item, f"'{code}': '{values['text']}' is listed twice", "keep one")
                continue
            seen.add(folded)
            avoid.append((values["text"], values["use"], values["why"]))
        rules[code] = Rules(most, tuple(avoid))
    return rules, problems


def start_of(sentence: str, words: int = 6) -> str:
    parts = sentence.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def check_pieces(pieces: list[reader_text.Piece], rules: dict[str, Rules]) -> list[Problem]:
    problems = []
    for piece in pieces:
        rule = rules.get(piece.language)
        if rule is None:
            continue
        for offset, sentence in reader_text.sentence_spans(piece.text):
            count = reader_text.word_count(sentence)
            if count > rule.max_words:
                most = f"the most for '{piece.language}' is {rule.max_words}"
                message = f"the sentence '{start_of(sentence)}' has {count} words; {most}"
                problems.append(Problem(piece.file, piece.line_at(offset), message, HINT_LENGTH))
        folded = term_patterns.fold(piece.text)
        if not term_patterns.any_of(tuple(words for words, _, _ in rule.avoid)).search(folded.folded):
            continue
        for words, use, why in rule.avoid:
            for offset, found in term_patterns.find(words, folded):
                hint = (
                    f"write '{use}' instead (data/plain-language.yml)"
                    if use
                    else "say it in everyday words (data/plain-language.yml)"
                )
                shown = " ".join(found.split())
                problems.append(Problem(piece.file, piece.line_at(offset), f"'{shown}' is {why}", hint))
    return problems


def check(docs_dir: Path, pieces: list[reader_text.Piece], path: Path | None = None) -> list[Problem]:
    path = plain_file() if path is None else path
    rules, problems = parse(path)
    return problems + check_pieces(pieces, rules)
