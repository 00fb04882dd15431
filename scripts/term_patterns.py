"""Find words and phrases in text the way a reader sees them, in four languages.

Why: the glossary and the plain-language lists name words to avoid. Turkish, Kurmanji and Arabic
add endings (and Arabic joins و، ف، ب، ل، ك، ال to the front), Arabic may carry vowel marks or not,
and Turkish capitals fold differently (İ). One small pattern syntax covers this: ``*`` at the end
of a word means "with any ending", at the start "with anything before it"; words are separated
by any run of spaces. Written by hand: no maintained library matches inflected words from a
translator's short list without a full morphological dictionary per language.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

# Arabic vowel marks (harakat), the superscript alef and the tatweel: not part of a word's spelling.
IGNORED = re.compile("[\u064b-\u065f\u0670\u0640]")
LETTERS = r"[^\W\d_]"


@dataclass(frozen=True)
class Text:
    """Text folded for matching, with the offset of each folded character in the original."""

    original: str
    folded: str
    offsets: tuple[int, ...] | None  # None: folding kept every character in place

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original text's span for a span of the folded text."""
        if self.offsets is None:
            return start, end
        last = self.offsets[end - 1] + 1 if end > start else self.offsets[start]
        return self.offsets[start], last


def fold_char(char: str) -> str:
    """One character as the matcher compares it: lower case, Turkish İ as i, no vowel marks."""
    if IGNORED.match(char):
        return ""
    if char == "İ":
        return "i"
    return unicodedata.normalize("NFC", char).lower()


@cache
def fold(text: str) -> Text:
    """The whole text folded, keeping where each folded character came from."""
    text = unicodedata.normalize("NFC", text)
    if "İ" not in text and not IGNORED.search(text):
        lowered = text.lower()
        if len(lowered) == len(text):
            return Text(text, lowered, None)
    folded: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        for piece in fold_char(char):
            folded.append(piece)
            offsets.append(index)
    offsets.append(len(text))
    return Text(text, "".join(folded), tuple(offsets))


def fold_pattern(pattern: str) -> str:
    return "".join(fold_char(char) for char in unicodedata.normalize("NFC", pattern))


@cache
def compile_pattern(pattern: str) -> re.Pattern[str]:
    """A pattern (``top mermi*``, ``*العبوات``) as a regular expression over folded text."""
    parts = []
    for word in fold_pattern(pattern).split():
        prefix = f"{LETTERS}*" if word.startswith("*") else ""
        suffix = f"{LETTERS}*" if word.endswith("*") and len(word) > 1 else ""
        core = re.escape(word.strip("*"))
        parts.append(prefix + core + suffix)
    return re.compile(rf"(?<!{LETTERS})" + r"\s+".join(parts) + rf"(?!{LETTERS})")


@cache
def any_of(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """One expression for many patterns: most texts contain none, and one search says so."""
    usable = [compile_pattern(pattern).pattern for pattern in patterns if pattern.strip("* \t")]
    return re.compile("|".join(f"(?:{pattern})" for pattern in usable) or r"(?!)")


def spans(pattern: str, text: Text) -> list[tuple[int, int]]:
    """Spans of the folded text where the pattern matches."""
    if not pattern.strip("* \t"):
        return []
    return [match.span() for match in compile_pattern(pattern).finditer(text.folded)]


def find(avoid: str, text: Text, allowed: tuple[str, ...] = ()) -> list[tuple[int, str]]:
    """(offset in the original, the words as written) for each match of ``avoid`` that does not
    lie inside a match of one of the ``allowed`` patterns (the word to use contains it)."""
    matches = spans(avoid, text)
    if not matches:
        return []
    inside = [span for pattern in allowed for span in spans(pattern, text)]
    found = []
    for start, end in matches:
        if any(outer_start <= start and end <= outer_end for outer_start, outer_end in inside):
            continue
        first, last = text.span(start, end)
        found.append((first, text.original[first:last]))
    return found
