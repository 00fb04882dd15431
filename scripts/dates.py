"""Dates in the reader's language (Babel), with Western digits in every language.

Why: "last reviewed" and "last checked" dates tell readers how fresh safety advice is; they must
read naturally in each language. Arabic uses the Syrian month names (تشرين الثاني) through the
``ar_SY`` locale, mapped in ``mkdocs.yml`` under ``extra.date_locales``.
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date as babel_format_date

from scripts.site_config import load


def babel_locale(language: str) -> str:
    """The Babel locale for a site language (the code itself unless mkdocs.yml maps it)."""
    return (load().get("extra") or {}).get("date_locales", {}).get(language, language)


def format_date(date: dt.date, language: str) -> str:
    """A long date such as '26 November 2026' in the page's language."""
    return babel_format_date(date, format="long", locale=babel_locale(language))
