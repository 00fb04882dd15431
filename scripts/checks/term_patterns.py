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

# Not part of a word's spelling: Arabic vowel marks (harakat), the superscript alef and the tatweel;
# and the invisible characters that can sit inside a word (soft hyphen, zero-width space, joiner and
# non-joiner, direction marks, word joiner, byte order mark), which a reader never sees.
IGNORED = re.compile("[\u064b-\u065f\u0670\u0640\u00ad\u200b-\u200f\u2060\ufeff]")
LETTERS = r"[^\W\d_]"
# Letters written two ways for one word: Turkish dotless i and I (an editor without a Turkish
# keyboard types I for the dotted capital, and "ARINDIRIN" lower-cases to "arindirin"), Arabic
# final alef maqsura and ta marbuta (often written ya and ha), and the Persian ya and kaf that a
# Persian keyboard types for the Arabic ones.
SAME_LETTER = str.maketrans(
    {"\u0131": "i", "\u0649": "\u064a", "\u0629": "\u0647", "\u06cc": "\u064a", "\u06a9": "\u0643"}
)
# Arabic presentation forms (the shapes a PDF copy or an old encoder leaves) read as letters.
PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]")
# Characters folded one by one (the rest of a text is lower-cased at once).
FOLDED_APART = re.compile(f"[İI]|{IGNORED.pattern}|{PRESENTATION_FORMS.pattern}")


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
    if char in "İI":
        return "i"
    if PRESENTATION_FORMS.match(char):
        char = unicodedata.normalize("NFKC", char)
    return unicodedata.normalize("NFC", char).lower().translate(SAME_LETTER)


@cache
def fold(text: str) -> Text:
    """The whole text folded, keeping where each folded character came from."""
    text = unicodedata.normalize("NFC", text)
    if not FOLDED_APART.search(text):
        lowered = text.lower().translate(SAME_LETTER)
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
    """(offset in the original, the words as written) for each match of ``avoid`` that lies
    inside a longer match of one of the ``allowed`` patterns: "mermi" in "top mermisi" is part of
    the word to use, but "motorsîklet" is the word to avoid even though "motor*" matches it too."""
    matches = spans(avoid, text)
    if not matches:
        return []
    inside = [span for pattern in allowed for span in spans(pattern, text)]
    found = []
    for start, end in matches:
        if any(
            outer_start <= start and end <= outer_end and (outer_start, outer_end) != (start, end)
            for outer_start, outer_end in inside
        ):
            continue
        first, last = text.span(start, end)
        found.append((first, text.original[first:last]))
    return found
