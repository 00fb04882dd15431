"""Plain language per language (``data/plain-language.yml``): short sentences, everyday words.

Why: many readers read slowly, or have a neighbour read the page aloud. A sentence over the
length set for its language is reported, as is each passive or specialist word on that language's
list, with the plain words to use instead. Every page and data string must pass.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from scripts import reader_text, safe_yaml, term_patterns
from scripts.problems import Problem, display_path
from scripts.site_config import ROOT

PLAIN_FILE = ROOT / "data" / "plain-language.yml"
HINT_LENGTH = "split it into shorter sentences, one instruction each (data/plain-language.yml)"


@dataclass(frozen=True)
class Rules:
    """One language's rules."""

    max_words: int
    avoid: tuple[tuple[str, str, str], ...]  # (words, use instead, why)


def parse(path: Path) -> tuple[dict[str, Rules], list[Problem]]:
    """Rules per language, and every problem in the file."""
    where = display_path(path)
    codes = sorted(reader_text.language_codes())
    try:
        text = path.read_text(encoding="utf-8")
        safe_yaml.scan(text)
        data = safe_yaml.load(text)
    except (OSError, UnicodeDecodeError) as error:
        return {}, [Problem(where, 1, f"the file cannot be read ({error})", "save it as UTF-8 text")]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        return {}, [
            Problem(
                where,
                mark.line + 1 if mark else 1,
                f"the file is not valid YAML ({problem})",
                'put text with a colon in "double quotes"',
            )
        ]
    found = data.get("languages") if isinstance(data, dict) else None
    if not isinstance(found, dict):
        return {}, [Problem(where, 1, "no 'languages:' section", "see the file's header")]
    rules: dict[str, Rules] = {}
    problems: list[Problem] = []
    lines = text.splitlines()

    def line_of(needle: str) -> int:
        return next((number for number, line in enumerate(lines, 1) if line.strip().startswith(needle)), 1)

    for code in codes:
        entry = found.get(code)
        if not isinstance(entry, dict):
            problems.append(
                Problem(where, 1, f"no rules for '{code}'", f"add '{code}:' with max_words and avoid")
            )
            continue
        most = entry.get("max_words")
        if not isinstance(most, int) or isinstance(most, bool) or not 5 <= most <= 60:
            problems.append(
                Problem(
                    where,
                    line_of(f"{code}:"),
                    f"'{code}': max_words must be a whole number from 5 to 60",
                    "write for example max_words: 20",
                )
            )
            continue
        avoid = []
        for item in entry.get("avoid") or []:
            if not isinstance(item, dict) or not str(item.get("text") or "").strip("* "):
                problems.append(
                    Problem(
                        where,
                        line_of(f"{code}:"),
                        f"'{code}': each avoid item needs text, use and why",
                        "write - {text: …, use: …, why: …}",
                    )
                )
                continue
            avoid.append(
                (str(item["text"]), str(item.get("use") or ""), str(item.get("why") or "a word to avoid"))
            )
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
        for sentence in reader_text.sentences(piece.text):
            count = reader_text.word_count(sentence)
            if count > rule.max_words:
                most = f"the most for '{piece.language}' is {rule.max_words}"
                message = f"the sentence '{start_of(sentence)}' has {count} words; {most}"
                problems.append(Problem(piece.file, piece.line, message, HINT_LENGTH))
        folded = term_patterns.fold(piece.text)
        if not term_patterns.any_of(tuple(words for words, _, _ in rule.avoid)).search(folded.folded):
            continue
        for words, use, why in rule.avoid:
            for _, found in term_patterns.find(words, folded):
                hint = (
                    f"write '{use}' instead (data/plain-language.yml)"
                    if use
                    else "say it in everyday words (data/plain-language.yml)"
                )
                problems.append(Problem(piece.file, piece.line, f"'{found}' is {why}", hint))
    return problems


def check(docs_dir: Path, pieces: list[reader_text.Piece], path: Path = PLAIN_FILE) -> list[Problem]:
    rules, problems = parse(path)
    return problems + check_pieces(pieces, rules)
