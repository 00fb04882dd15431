"""Post-build: the last changes to every built page, made in one pass over the files.

Why: four steps used to read and write every page in turn (all in scripts/finish/): dropping the
links to Material's stylesheets (styles.py), fingerprinted asset names (fingerprint.py), minifying
(compression.py) and the security policy (security_headers.py). On a big site that is most of
the time after MkDocs (python -m scripts scaling). Now one read-only pass, ``survey``, learns what
the stylesheet step needs and which inline scripts the pages run, and one pass, ``finish``,
rewrites each page once, on every core: and puts into it the rules it uses (page_styles.py), with
a policy that allows exactly its own styles.
"""

from __future__ import annotations

import re
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path

from scripts.finish import (
    allowed_inline_scripts,
    compression,
    fingerprint,
    page_styles,
    security_headers,
    styles,
)
from scripts.parallel import chunks, workers


def survey_pages(pages: list[Path]) -> tuple[styles.Used, set[str]]:
    """What these pages use that a stylesheet rule can name, and the hashes of their inline scripts."""
    used = styles.Used()
    hashes: set[str] = set()
    for page in pages:
        html = page.read_text(encoding="utf-8")
        used.add(styles.scan_html(html))
        hashes |= security_headers.page_script_hashes(html)
    return used, hashes


def survey(site_dir: Path) -> tuple[styles.Used, list[str]]:
    """Read every page once, changing nothing (Pagefind may be reading them at the same time)."""
    used, hashes = styles.Used(), set()
    groups = chunks(sorted(site_dir.rglob("*.html")))
    with ProcessPoolExecutor(max_workers=workers()) as pool:
        for found, scripts in pool.map(survey_pages, groups):
            used.add(found)
            hashes |= scripts
    # Only reviewed scripts get into the policy; any other stops the build (scripts/finish/output_policy.py).
    return used, allowed_inline_scripts.only_allowed(hashes)


def finish_pages(
    pages: list[Path],
    links: re.Pattern[str],
    renames: dict[str, str],
    hashes: list[str],
    stylesheet: str,
    at_run_time: styles.Used,
) -> set[str]:
    """Rewrite each page once; return the hashes of the inline scripts the pages now hold."""
    rename = fingerprint.renamer(renames)
    own_styles = page_styles.PageStyles(stylesheet, at_run_time)
    found: set[str] = set()
    for page in pages:
        html = own_styles.inline(rename(links.sub("", page.read_text(encoding="utf-8"))), page)
        html = compression.minify(html)
        found |= security_headers.page_script_hashes(html)
        meta = security_headers.meta_policy(hashes, page_styles.own_style_hashes(html))
        page.write_text(security_headers.with_meta_policy(html, meta, page), encoding="utf-8")
    return found


def finish(
    site_dir: Path,
    links: re.Pattern[str],
    renames: dict[str, str],
    hashes: list[str],
    at_run_time: styles.Used,
) -> list[str]:
    """Every page without Material's stylesheet links, with fingerprinted names, its own rules in
    place of our stylesheet's link, minified, and with the policy for ``hashes`` (the survey's) and
    its own styles. ``at_run_time``: what our script may add (styles.at_run_time, read before the
    fingerprints renamed it). Returns the hashes of the finished pages' scripts that
    scripts/finish/allowed_inline_scripts.py lists: never the hash of a script found but not listed.

    Renaming or minifying could in theory change an inline script (one that names an asset of ours);
    then the pages get the policy again, for the scripts they really hold.
    """
    groups = chunks(sorted(site_dir.rglob("*.html")))
    found: set[str] = set()
    ours = renames.get(styles.OURS)  # (a site without our stylesheet: pages keep their styles)
    stylesheet = (site_dir / ours).read_text(encoding="utf-8") if ours else ""
    work = partial(
        finish_pages,
        links=links,
        renames=renames,
        hashes=hashes,
        stylesheet=stylesheet,
        at_run_time=at_run_time,
    )
    with ProcessPoolExecutor(max_workers=workers()) as pool:
        for scripts in pool.map(work, groups):
            found |= scripts
    final = allowed_inline_scripts.only_allowed(found)
    if final != hashes:
        before, after = security_headers.script_source(hashes), security_headers.script_source(final)
        for page in sorted(site_dir.rglob("*.html")):
            html = page.read_text(encoding="utf-8")
            page.write_text(html.replace(before, after, 1), encoding="utf-8")
    return final
