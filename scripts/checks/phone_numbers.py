"""The one phone-number matcher: what in a text a reader could take for a phone number.

Why one: the page check (content_check), the data and template check (stray_numbers), the
split-by-markup check (text_tricks) and the check of the published site (output_policy) must agree
on what a number is, or a number one of them misses reaches readers through the road it guards.

Two rules, both on the text with every character read as a reader reads it (``digit_text``):
libphonenumber (regions SY and TR: a number valid there, written in any of its usual forms), and
any run of 8 or more digits with spaces, dots, dashes, slashes or brackets between them, because
libphonenumber skips a number that other digits run into ("(2018) 0538 862 61 77") and numbers of
other countries. Digits of any script count (Arabic-Indic, Eastern Arabic-Indic, full-width…), and
so does any kind of space or dash (no-break and thin spaces, the minus sign, full-width hyphen).
Dates are not numbers: ISO dates, day.month.year dates and year ranges are left out of the digit
runs (libphonenumber has its own rules for them).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import phonenumbers

REGIONS = ("SY", "TR")
# At least 8 digits, separated by nothing or by spaces, dots, dashes, slashes or brackets (on the
# text as digit_text gives it). Never across a line break: two lines are two things a reader sees.
DIGIT_RUN = re.compile(r"\d(?:[ .\-()/]*\d){7,}")
DATES = re.compile(
    r"(?<!\d)(?:"
    r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?"  # ISO date (and time)
    r"|(?:0?[1-9]|[12]\d|3[01])[./-](?:0?[1-9]|1[0-2])[./-](?:19|20)\d\d"  # 16.04.2018, 16/4/2018
    r"|(?:19|20)\d\d/(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])"  # 2018/04/16
    r"|(?:19|20)\d\d ?[-/] ?(?:19|20)\d\d"  # 2016-2018, 2016 \u2013 2018 (a dash is read as '-')
    r")(?!\d)"
)
# No number libphonenumber accepts as valid has fewer digits, counting the country code (the
# shortest numbering plans, +290 and +683, have 4-digit numbers): a text with fewer is skipped.
FEWEST_DIGITS = 7
LINE_BREAKS = {"\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"}


def digit_text(text: str) -> str:
    """The text with each character as the matchers need it, and of the same length (so a match's
    place is its place in the original): every decimal digit as 0-9, every space (no-break, thin,
    tab…) as ' ', every dash and minus as '-', an invisible format character or combining mark as
    ' ' (it splits a number for a machine, not for a reader), full-width punctuation and
    superscript or circled digits as their ASCII form."""
    return "".join(map(reader_char, text))


def reader_char(char: str) -> str:
    if char.isascii():
        return "\n" if char in LINE_BREAKS else " " if char == "\t" else char
    if char.isdecimal():
        return str(unicodedata.digit(char))
    if char in LINE_BREAKS:
        return "\n"
    category = unicodedata.category(char)
    # Spaces, invisible format characters and combining marks (a grapheme joiner or variation
    # selector between digits, a red team's) split a number for a machine, not for a reader.
    if category in ("Zs", "Cf", "Mn", "Me"):
        return " "
    if category == "Pd" or char == "\u2212":
        return "-"
    if char in "\u00b7\u2027\u30fb\u066b\u06d4":  # middle dots, Arabic decimal separator, full stop
        return "."
    folded = unicodedata.normalize("NFKC", char)
    return folded if len(folded) == 1 and folded.isascii() else char


def ascii_digits(text: str) -> str:
    """Every decimal digit (Arabic-Indic, Persian, full-width…) as 0 to 9; the rest unchanged."""
    return "".join(str(unicodedata.digit(char)) if char.isdecimal() else char for char in text)


def only_digits(text: str) -> str:
    """The digits of a number, as ASCII, in order: how two spellings of one number are compared."""
    return "".join(char for char in ascii_digits(text) if char.isascii() and char.isdigit())


@dataclass(frozen=True)
class Number:
    """One phone-like number found in a text."""

    raw: str  # as written in the text
    start: int
    end: int
    digits: str  # its digits, ASCII
    # libphonenumber's reading (country code, national number), None for a bare run of digits.
    parsed: tuple[int, int] | None


def find(text: str) -> list[Number]:
    """Every phone-like number in the text, in order: libphonenumber's matches, and each run of 8 or
    more digits that is not exactly one of them (a run that holds a match and more digits is a
    number of its own: what a reader would dial)."""
    # isnumeric, not isdecimal: superscript and circled digits are folded to 0-9 below (NFKC), and
    # a red team's ⁰⁵³⁸ ¹¹¹ ²² ³³ was let through by a count that did not see them.
    if sum(char.isnumeric() for char in text) < FEWEST_DIGITS:
        return []
    read = digit_text(text)
    dates = [date.span() for date in DATES.finditer(read)]
    found: dict[tuple[int, int], Number] = {}
    for region in REGIONS:
        for match in phonenumbers.PhoneNumberMatcher(read, region):
            if any(start <= match.start and match.end <= end for start, end in dates):
                continue  # 16.04.2018 is a valid Syrian number, and a date
            if (match.start, match.end) not in found:
                found[(match.start, match.end)] = Number(
                    text[match.start : match.end],
                    match.start,
                    match.end,
                    only_digits(match.raw_string),
                    (match.number.country_code, match.number.national_number),
                )
    matched = list(found.values())
    without_dates = "".join(
        " " * (end - start) if index % 2 else read[start:end]
        for index, (start, end) in enumerate(spans_between(dates, len(read)))
    )
    for run in DIGIT_RUN.finditer(without_dates):
        digits = only_digits(run.group(0))
        inside = [item for item in matched if run.start() <= item.start and item.end <= run.end()]
        if inside and "".join(item.digits for item in inside) == digits:
            continue  # libphonenumber's match, or matches, and nothing more
        if any(item.start <= run.start() and run.end() <= item.end for item in matched):
            continue  # part of a match already found (a number with a '+' before its digits)
        start = run.start() - 1 if run.start() and read[run.start() - 1] == "+" else run.start()
        found.setdefault((start, run.end()), Number(text[start : run.end()], start, run.end(), digits, None))
    return sorted(found.values(), key=lambda item: (item.start, item.end))


def spans_between(spans: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """The text cut at the given (sorted, disjoint) spans: outside, span, outside, span, …, outside."""
    cuts, position = [], 0
    for start, end in spans:
        cuts += [(position, start), (start, end)]
        position = end
    return [*cuts, (position, length)]


def forms(number: phonenumbers.PhoneNumber) -> frozenset[str]:
    """The digit strings a reader may see for one number: international (with or without 00),
    national with its trunk prefix, and the national number alone."""
    international = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    found = {only_digits(international), "00" + only_digits(international), only_digits(national)}
    found.add(str(number.national_number))
    return frozenset(item for item in found if item)


def known(number: Number, allowed: frozenset[str]) -> bool:
    """Whether a number found is one of ``allowed`` (digit strings, as ``forms`` gives them)."""
    return number.digits in allowed
