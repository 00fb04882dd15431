"""Build the site strictly into a temporary folder, then swap it in.

Why: a failed build (a broken page, a warning in strict mode) must never leave a half-written
``site/``. The previous site stays byte-identical until a complete new one is ready.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from scripts import engine, project
from scripts.checks import content_check, input_files
from scripts.engine import language_shares
from scripts.engine.mkdocs import markup
from scripts.finish import (
    booklet_pdfs,
    compression,
    final_pages,
    fingerprint,
    gathered_ids,
    leaflet_pdfs,
    offline,
    offline_bundle,
    output_policy,
    published_files,
    published_urls,
    redirects,
    search_index,
    single_file,
    sitemap,
    styles,
    zim_files,
)
from scripts.problems import ALLOW_MISSING_TRANSLATIONS_ENV, BuildStopped
from scripts.serve import serving
from scripts.site_config import default_language, languages, load, site_path


def post_build(site_dir: Path, epoch: int) -> None:
    """Steps on the freshly built site, in order, before it replaces site/ (data flows one way).
    ``epoch`` (SOURCE_DATE_EPOCH) dates everything that carries a date, such as the PDFs.
    Raises BuildStopped when the site must not be published (a printed address that broke).
    Prints how long each step took, so a slow step shows up as the site grows."""
    timings: list[str] = []

    def step(name: str, action: Callable[[], object]) -> object:
        started = time.perf_counter()
        result = action()
        timings.append(f"{name} {time.perf_counter() - started:.1f} s")
        return result

    step("theme markup", lambda: theme_markup(site_dir))
    problems = step("addresses", lambda: redirects.write(site_dir) + published_urls.check(site_dir))
    if problems:
        raise BuildStopped("\n".join(problems))
    step("sitemap", lambda: sitemap.add_x_default(site_dir))
    indexing = search_index.start(site_dir)  # Pagefind reads the pages while the survey does
    try:
        used, hashes = step("survey", lambda: final_pages.survey(site_dir))
    finally:
        step("search", lambda: search_index.finish(indexing, site_dir))
    links = step("styles", lambda: styles.write(site_dir, used))
    renames = step("fingerprints", lambda: fingerprint.fingerprint(site_dir))
    # Inline-script hashes of the finished pages: for each page's policy and for _headers.
    hashes = step("pages", lambda: final_pages.finish(site_dir, links, renames, hashes))
    # Each language's guide on one page, from the finished pages; the output policy reads it next.
    step("one-page guides", lambda: single_file.write(site_dir, epoch))
    # The print pages gather every page too: each id once, each in-page link leading somewhere.
    step("print pages' ids", lambda: gathered_ids.check_print_pages(site_dir))
    # Every published page and SVG read as a browser reads it: before Chromium prints the leaflets
    # from them, and the copies inside the offline zips and ZIM files once those are made.
    step("output policy", lambda: output_policy.enforce(site_dir, copies=False))
    printed = step("PDFs", lambda: leaflet_pdfs.write(site_dir, epoch))
    booklets = step("booklets", lambda: booklet_pdfs.write(site_dir, epoch))
    step("offline copies", lambda: offline_bundle.write(site_dir, epoch))
    icon = renames["assets/images/icon.svg"]
    step("ZIM files", lambda: zim_files.write(site_dir, epoch, icon, hashes))
    step("copies policy", lambda: output_policy.enforce(site_dir, files=False))
    step("offline lists", lambda: offline.write(site_dir, icon=icon))
    step("published files", lambda: published_files.enforce(site_dir))  # the service worker is in place
    step("headers", lambda: serving.write_headers(site_dir, hashes))
    step("compression", lambda: compression.compress(site_dir))
    unchanged = len(leaflet_pdfs.jobs()) - printed
    print(f"Leaflet PDFs: {printed} printed, {unchanged} unchanged (from .cache/leaflets)")
    kept = len(booklet_pdfs.jobs()) - booklets
    print(f"Booklets: {booklets} languages printed, {kept} unchanged (from .cache/booklets)")
    print("After MkDocs: " + ", ".join(timings))


def theme_site(site_dir: Path) -> markup.Site:
    """What the theme-markup step knows of the site in ``site_dir``: its address and languages."""
    url = load()["site_url"] or "/"
    return markup.Site(
        folder=site_dir,
        site_url=url,
        site_path=site_path(url),
        prefixes={language.code: language.prefix for language in languages()},
        default=default_language().code,
    )


def theme_markup(site_dir: Path) -> None:
    """Our changes to the theme's HTML (scripts/engine/mkdocs/markup.py); a pattern that no longer
    matches stops the build, naming the page and the theme version."""
    site = theme_site(site_dir)
    try:
        markup.finish(site, display=lambda path: "site/" + path.relative_to(site_dir).as_posix())
    except markup.MarkupChanged as error:
        raise BuildStopped(str(error)) from None


QUIET_ENV = {"NO_MKDOCS_2_WARNING": "1"}


def mkdocs_env(allow_missing_translations: bool = False) -> dict[str, str]:
    """Environment for MkDocs: Material's end-of-life banner (2027-05-05) silenced; see README.

    With ``allow_missing_translations``, a page missing in one language does not stop the build:
    readers get the Arabic page with a notice (scripts/render/page_steps.py).
    """
    env = {**os.environ, **QUIET_ENV}
    env.setdefault("SOURCE_DATE_EPOCH", last_commit_time())
    if allow_missing_translations:
        env[ALLOW_MISSING_TRANSLATIONS_ENV] = "1"
    return env


def last_commit_time() -> str:
    """Seconds since 1970 of the last commit, for SOURCE_DATE_EPOCH: MkDocs then dates the sitemap
    by the commit, not by the day of the build, so two builds of one commit are byte-identical.
    Outside a git checkout (a copied project in tests), the start of 1970 is as good as any."""
    result = subprocess.run(
        ["git", "log", "-1", "--format=%ct"],
        cwd=project.current().root,
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout.strip() if result.returncode == 0 and result.stdout.strip() else "0"


def engine_command(config_file: Path) -> list[str]:
    """The engine's strict build of ``config_file``, without ``--site-dir`` (language_shares adds it)."""
    return [sys.executable, "-m", engine.CLI_MODULE, "build", "--strict", "--config-file", str(config_file)]


def run_engine(config_file: Path, site_dir: Path, allow_missing_translations: bool = False) -> int:
    """Run the engine's ``build --strict`` in child processes, the languages shared among the cores
    (scripts/engine/language_shares.py); their messages go to the editor.

    Never add ``--quiet``: it lowers the log level so far that strict mode no longer sees warnings
    and a broken link builds "successfully" (tests/test_language_shares.py guards this with a menu
    entry for a missing page, which only MkDocs finds).
    """
    command = engine_command(config_file)
    env = {**mkdocs_env(allow_missing_translations), content_check.CHECKED_ENV: "1"}
    return language_shares.build(command, site_dir, config_file.parent, env)


def make_readable(site: Path) -> None:
    """Folders 0755, files 0644: the staging folder comes from ``mkdtemp`` (0700), and a web server's
    unprivileged worker (nginx's ``www-data``/``nobody``) would answer 403/404 for every address."""
    site.chmod(0o755)
    for path in site.rglob("*"):
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() else 0o644)


def swap_in(new_site: Path, site_dir: Path) -> None:
    """Replace ``site_dir`` by ``new_site`` with two renames on the same file system."""
    make_readable(new_site)
    old_site = None
    if site_dir.exists():
        old_site = Path(tempfile.mkdtemp(prefix=".site-old-", dir=site_dir.parent))
        old_site.rmdir()
        site_dir.rename(old_site)
    new_site.rename(site_dir)
    if old_site is not None:
        shutil.rmtree(old_site)


def build(
    config_file: Path | None = None,
    site_dir: Path | None = None,
    allow_missing_translations: bool = False,
) -> int:
    """Build the whole site; return 0 on success, non-zero (and ``site_dir`` untouched) on failure."""
    with project.using(config_file) as chosen:
        return build_project(chosen, site_dir, allow_missing_translations)


def build_project(chosen: project.Project, site_dir: Path | None, allow_missing_translations: bool) -> int:
    """``build`` for the project in use."""
    config_file = chosen.config_file
    site_dir = (chosen.site_dir if site_dir is None else site_dir).resolve()
    try:
        engine.engine()
    except engine.EngineUnknown as error:
        print(f"{error}\nBuild failed: {site_dir} was left as it was.", file=sys.stderr)
        return 2
    # Before MkDocs' own loader reads the configuration, and before any cache is trusted.
    if unsafe := input_files.committed_build_files(chosen.root) + input_files.check_config(config_file):
        print("\n".join(map(str, unsafe)), f"\nBuild failed: {site_dir} was left as it was.", file=sys.stderr)
        return 1
    # Stage 1, the check: every problem of the content and data, before the engine starts.
    if problems := content_check.blocking(chosen.docs_dir, allow_missing_translations):
        print(
            content_check.stop_message(problems),
            f"\nBuild failed: {site_dir} was left as it was.",
            file=sys.stderr,
        )
        return 1
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-build-", dir=site_dir.parent))
    try:
        status = run_engine(config_file.resolve(), staging, allow_missing_translations)
        if status != 0:
            print(
                f"Build failed: {site_dir} was left as it was. Fix the problems above and run it again.",
                file=sys.stderr,
            )
            return status
        try:
            post_build(staging, int(mkdocs_env()["SOURCE_DATE_EPOCH"]))
        except BuildStopped as error:
            print(f"{error}\nBuild failed: {site_dir} was left as it was.", file=sys.stderr)
            return 1
        swap_in(staging, site_dir)
        print(f"Site written to {site_dir}")
        return 0
    finally:
        if staging.exists():
            shutil.rmtree(staging)
