"""Our Kurmanji theme strings are complete and really translated."""

from __future__ import annotations

import re
from pathlib import Path

from scripts.engine.mkdocs import theme
from scripts.site_config import ROOT

ENTRY = re.compile(r'^\s*"([a-z.]+)": "(.*)",?$', re.MULTILINE)
MATERIAL_LANGUAGES = theme.THEME_LANGUAGES
OURS = ROOT / "overrides/partials/languages/ku.html"
# Keys that are settings for the search engine or codes, not words a reader sees.
NOT_WORDS = {"language", "direction", "search.config.lang", "search.config.pipeline"}
NOT_WORDS |= {"search.config.separator"}


def strings(path: Path) -> dict[str, str]:
    return dict(ENTRY.findall(path.read_text(encoding="utf-8")))


def test_kurmanji_has_every_key_material_uses():
    english = strings(MATERIAL_LANGUAGES / "en.html")
    kurmanji = strings(OURS)
    missing = sorted(set(english) - set(kurmanji))
    assert not missing, f"{OURS.name} lacks: {missing}"


def test_kurmanji_strings_are_not_english_copies():
    english = strings(MATERIAL_LANGUAGES / "en.html")
    kurmanji = strings(OURS)
    copied = [key for key in english if key not in NOT_WORDS and kurmanji[key] == english[key]]
    assert not copied, f"not translated in {OURS.name}: {copied}"


def test_kurmanji_is_latin_script_left_to_right():
    kurmanji = strings(OURS)
    assert kurmanji["language"] == "ku"
    assert kurmanji["direction"] == "ltr"
    assert not re.search(r"[\u0600-\u06ff]", "".join(kurmanji.values()))
