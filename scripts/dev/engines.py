"""Zensical canary: build our pages with Zensical in a scratch folder and report what it lacks.

Why: Material for MkDocs reaches end of life on 2027-05-05. Its team's successor, Zensical (0.x),
reads ``mkdocs.yml`` but runs no MkDocs hooks and no mkdocs-static-i18n, builds one language per run
and renders templates with MiniJinja, which cannot call our Python helpers (``jsg.*``). This measures
the gap on our real pages instead of guessing: one Zensical config per language in a temporary
folder, one build each (with our ``overrides/``; when that fails, without the templates that call
``jsg.*``; then with the theme alone), and a comparison of the output with our last build in
``site/`` (only read). A missing feature is a line of the report, not a failure: the command exits 0
once it has reported, 1 only when Zensical is missing or cannot build even a one-page site.
It installs nothing (``requirements-canary.txt`` does). What a move would need: docs-dev/zensical.md.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import yaml

from scripts import safe_yaml, site_config
from scripts.site_config import Language

INSTALL_HINT = "pip install --require-hashes -r requirements-canary.txt"
TIMEOUT = 300  # seconds per build; one language takes about a second on our 2-core machines
HELPERS = "jsg."  # templates that call our Python helpers (scripts/engine/mkdocs/hooks/template_helpers.py)
MARKER = re.compile(r"\{\{\s*[a-z][a-z-]*\s*\}\}")  # our block markers, expanded by content_blocks.py
HASHED = re.compile(r"\.[0-9a-f]{8,}(?=\.)")  # fingerprints in file names: bundle.69c251d7.min.js


class ZensicalUnavailable(Exception):
    """Zensical is not installed, or cannot build even a one-page site."""


# --- Zensical configs -----------------------------------------------------------------------------


class _DataLoader(safe_yaml.SafeLoader):
    """mkdocs.yml as plain data: ``!ENV`` gives its fallback, the slugify tag the mapping form
    Zensical also reads from TOML (``{object, kwds}``). Nothing is imported or called."""


def _fallback(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """``!ENV [NAME, fallback]`` as its fallback (site_url comes from site_config, with SITE_URL)."""
    return loader.construct_sequence(node)[-1] if isinstance(node, yaml.SequenceNode) else None


_DataLoader.add_constructor("!ENV", _fallback)
_DataLoader.add_constructor(
    safe_yaml.CORE + "python/object/apply:pymdownx.slugs.slugify",
    lambda loader, node: {"object": "pymdownx.slugs.slugify", **loader.construct_mapping(node, deep=True)},
)


def read_config(config_file: Path) -> dict[str, Any]:
    """Our mkdocs.yml as data, within safe_yaml's limits."""
    return safe_yaml.load(
        config_file.read_text(encoding="utf-8"), _DataLoader, safe_yaml.STANDARD_TAGS | safe_yaml.MKDOCS_TAGS
    )


def i18n_entry(config: dict[str, Any], code: str) -> dict[str, Any]:
    """A language's own settings under ``plugins > i18n > languages`` (site_name, nav_translations)."""
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            return next(item for item in plugin["i18n"]["languages"] if item["locale"] == code)
    raise LookupError("no i18n plugin in the configuration")


def translate_nav(nav: list, words: dict[str, str]) -> list:
    """The menu with section titles in the language (mkdocs-static-i18n's nav_translations)."""
    translated: list = []
    for item in nav:
        if isinstance(item, dict):
            translated.append(
                {
                    words.get(key, key): translate_nav(value, words) if isinstance(value, list) else value
                    for key, value in item.items()
                }
            )
        else:
            translated.append(item)
    return translated


def zensical_config(
    config: dict[str, Any], language: Language, languages: list[Language], site_url: str, hooks: list[str]
) -> dict[str, Any]:
    """One language's config, in the mkdocs.yml format Zensical reads. Left out on purpose: ``watch``
    (Zensical stops when a watched path is missing) and ``strict`` (a warning would stop the build
    before there is output to compare)."""
    entry = i18n_entry(config, language.code)
    theme = {**config.get("theme", {}), "custom_dir": "overrides"}
    theme |= {"language": language.code, "direction": language.direction}
    root_path = site_config.site_path(site_url)
    # What mkdocs-static-i18n's reconfigure_material writes for Material's switcher.
    alternate = [
        {"name": item.name, "link": root_path + item.prefix, "lang": item.code} for item in languages
    ]
    written = {
        "site_name": entry.get("site_name", config["site_name"]),
        "site_description": config.get("site_description"),
        "site_url": site_url + language.prefix,
        "docs_dir": "docs",
        "site_dir": "site",
        "use_directory_urls": config.get("use_directory_urls", True),
        "validation": config.get("validation"),
        "theme": theme,
        "plugins": config.get("plugins", []),
        "hooks": hooks,
        "extra": {**config.get("extra", {}), "alternate": alternate},
        "extra_css": config.get("extra_css", []),
        "markdown_extensions": config.get("markdown_extensions", []),
        "nav": translate_nav(config.get("nav", []), entry.get("nav_translations") or {}),
    }
    return {key: value for key, value in written.items() if value is not None}


@dataclass(frozen=True)
class Variant:
    """Which of our overrides/ files a build gets."""

    label: str
    keeps: Callable[[Path], bool]


def calls_helpers(file: Path) -> bool:
    return file.suffix == ".html" and HELPERS in file.read_text(encoding="utf-8")


VARIANTS = (
    Variant("with overrides/", lambda file: True),
    Variant("overrides/ without templates calling jsg.*", lambda file: not calls_helpers(file)),
    Variant("theme alone (our static files only)", lambda file: file.suffix != ".html"),
)

SENTINEL_HOOK = 'from pathlib import Path\n\nPath(__file__).with_name("hook-ran").touch()\n'


def prepare(
    project: Path,
    root: Path,
    language: Language,
    languages: list[Language],
    variant: Variant,
    config: dict[str, Any],
    site_url: str,
) -> list[str]:
    """A project folder Zensical accepts: docs_dir and site_dir must lie inside it, so the
    language's pages and the shared files of docs/ (pictograms) are copied in. Returns the
    templates of overrides/ left out."""
    docs = root / config.get("docs_dir", "docs")
    codes = {item.code for item in languages}
    shutil.copytree(docs / language.code, project / "docs")
    for shared in docs.iterdir():
        if shared.name not in codes:
            copy = shutil.copytree if shared.is_dir() else shutil.copy2
            copy(shared, project / "docs" / shared.name)
    overrides = root / config.get("theme", {}).get("custom_dir", "overrides")
    left_out = []
    for file in sorted(path for path in overrides.rglob("*") if path.is_file()):
        if not variant.keeps(file):
            left_out += [file.relative_to(overrides).as_posix()] if file.suffix == ".html" else []
            continue
        target = project / "overrides" / file.relative_to(overrides)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(file, target)
    (project / "overrides").mkdir(exist_ok=True)
    # A hook of our own, listed first: if Zensical ran hooks, it would leave a file behind.
    (project / "canary_hook.py").write_text(SENTINEL_HOOK, encoding="utf-8")
    hooks = [str(project / "canary_hook.py"), *(str(root / hook) for hook in config.get("hooks", []))]
    written = zensical_config(config, language, languages, site_url, hooks)
    (project / "mkdocs.yml").write_text(yaml.safe_dump(written, allow_unicode=True), encoding="utf-8")
    return left_out


# --- Running Zensical ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """One Zensical build: its outcome, and Zensical's own words about it."""

    language: str
    variant: str
    built: bool
    detail: str
    hook_ran: bool = False
    log: str = ""


def zensical_version() -> str:
    """The installed Zensical's version; ZensicalUnavailable with how to install it otherwise."""
    if importlib.util.find_spec("zensical") is None:
        raise ZensicalUnavailable(f"Zensical is not installed; install it with: {INSTALL_HINT}")
    return importlib.metadata.version("zensical")


def run_zensical(project: Path, timeout: float) -> tuple[bool, str]:
    """Build ``project``; (built, log). Zensical runs as a program, so its crash is not ours."""
    command = [sys.executable, "-m", "zensical", "build", "--config-file", "mkdocs.yml", "--clean"]
    try:
        done = subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return False, f"stopped after {timeout:.0f} s without finishing"
    log = (done.stdout + "\n" + done.stderr).strip()
    return done.returncode == 0 and (project / "site" / "index.html").is_file(), log


def last_line(log: str) -> str:
    lines = [line.strip() for line in log.splitlines() if line.strip()]
    return lines[-1] if lines else "no output"


def messages(log: str) -> str:
    """Zensical's messages about our pages: its log without the start and end lines."""
    routine = ("Build started", "Build finished", "No issues found")
    return "; ".join(
        line.strip() for line in log.splitlines() if line.strip() and not line.startswith(routine)
    )


# A title and a description as an editor might write them: markup and quotes must stay text.
PROBE_PAGE = (
    '---\ntitle: Canary</title><i id="canary-unescaped"></i>\ndescription: Say "HOT"\n---\n\n# Canary\n'
)
PROBE_LABEL = "front matter escaped in <title> and <meta description> (a test page)"


def preflight(work: Path, timeout: float) -> bool:
    """Zensical must build a one-page site before our pages say anything about it. The page's
    front matter holds markup and quotes; True when the built page kept them as text."""
    project = work / "preflight"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "index.md").write_text(PROBE_PAGE, encoding="utf-8")
    (project / "mkdocs.yml").write_text("site_name: Canary\n", encoding="utf-8")
    built, log = run_zensical(project, timeout)
    if not built:
        raise ZensicalUnavailable(
            f"Zensical cannot build a one-page site: {last_line(log)}; reinstall: {INSTALL_HINT}"
        )
    page = read_page((project / "site" / "index.html").read_text(encoding="utf-8"))
    return "canary-unescaped" not in page.ids and page.description == 'Say "HOT"'


def build_all(
    root: Path, config: dict[str, Any], languages: list[Language], site_url: str, work: Path, timeout: float
) -> tuple[list[Run], Path]:
    """Every language, each in its own Zensical run; the outputs put together as we publish them
    (the default language at the root, the others under /<code>/)."""
    combined = work / "site"
    runs: list[Run] = []
    for language in languages:
        for number, variant in enumerate(VARIANTS):
            project = work / language.code / str(number)
            left_out = prepare(project, root, language, languages, variant, config, site_url)
            built, log = run_zensical(project, timeout)
            pages = len(list((project / "site").rglob("*.html"))) if built else 0
            detail = f"built {pages} pages" if built else f"failed: {last_line(log)}"
            label = variant.label + (f" (left out: {', '.join(left_out)})" if left_out else "")
            runs.append(Run(language.code, label, built, detail, (project / "hook-ran").exists(), log))
            if built:
                shutil.copytree(project / "site", combined / language.prefix, dirs_exist_ok=True)
                break
    return runs, combined


# --- Reading a built site ---------------------------------------------------------------------------


@dataclass
class Page:
    """What one HTML page tells a browser, a crawler and a screen reader about our features."""

    lang: str | None = None
    html_dir: str | None = None
    body_dir: str | None = None
    alternates: dict[str, str] = field(default_factory=dict)  # <link rel=alternate>: hreflang -> href
    switcher: dict[str, str] = field(default_factory=dict)  # language menu: hreflang -> href
    classes: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    attributes: set[str] = field(default_factory=set)
    description: str | None = None
    csp: bool = False
    manifest: bool = False
    markers: set[str] = field(default_factory=set)
    references: list[str] = field(default_factory=list)


class _PageReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        page, classes, rel = self.page, values.get("class", "").split(), values.get("rel", "").lower().split()
        page.classes.update(classes)
        page.attributes.update(values)
        if "id" in values:
            page.ids.add(values["id"])
        if tag == "html":
            page.lang, page.html_dir = values.get("lang"), values.get("dir")
        elif tag == "body":
            page.body_dir = values.get("dir")
        elif tag == "link" and "alternate" in rel and "hreflang" in values:
            page.alternates[values["hreflang"]] = values.get("href", "")
        elif tag == "a" and "md-select__link" in classes and "hreflang" in values:
            page.switcher[values["hreflang"]] = values.get("href", "")
        elif tag == "meta" and values.get("http-equiv", "").lower() == "content-security-policy":
            page.csp = True
        elif tag == "meta" and values.get("name") == "description":
            page.description = values.get("content")
        page.manifest |= tag == "link" and "manifest" in rel
        if tag in ("a", "img", "link", "script", "source"):
            page.references += [values[name] for name in ("href", "src") if values.get(name)]

    def handle_data(self, data: str) -> None:
        self.page.markers.update(MARKER.findall(data))


def read_page(html: str) -> Page:
    reader = _PageReader()
    reader.feed(html)
    reader.close()
    return reader.page


@dataclass(frozen=True)
class Site:
    root: Path
    pages: dict[str, Page]  # path under root ("en/report/index.html") -> what it says
    files: frozenset[str]


def read_site(root: Path) -> Site:
    files = frozenset(path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file())
    pages = {
        name: read_page((root / name).read_text(encoding="utf-8", errors="replace"))
        for name in sorted(files)
        if name.endswith(".html")
    }
    return Site(root, pages, files)


# --- Comparing -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Where:
    """A page's place: its language, the rest of its address ("report/"), and the site's address."""

    language: Language
    rest: str
    languages: tuple[Language, ...]
    site_url: str

    def url(self, language: Language) -> str:
        return self.site_url + language.prefix + self.rest

    @property
    def own_url(self) -> str:
        return self.url(self.language)


def where(name: str, languages: list[Language], site_url: str) -> Where:
    first, _, rest = name.partition("/")
    language = next((item for item in languages if not item.default and item.code == first), None)
    if language is None:
        language, rest = default_of(languages), name
    rest = rest.removesuffix("index.html")
    return Where(language, rest, tuple(languages), site_url)


def default_of(languages: list[Language]) -> Language:
    return next(item for item in languages if item.default)


def same_page_everywhere(links: dict[str, str], place: Where, absolute: bool) -> bool:
    wanted = {item.code: place.url(item) for item in place.languages}
    if absolute:
        wanted["x-default"] = place.url(default_of(list(place.languages)))
        return links == wanted
    resolved = {code: urlsplit(urljoin(place.own_url, href)).path for code, href in links.items()}
    return resolved == {code: urlsplit(url).path for code, url in wanted.items()}


def file_exists(site: Site, address: str, site_url: str) -> bool:
    path = urlsplit(address).path.removeprefix(urlsplit(site_url).path)
    if path == "" or path.endswith("/"):
        path += "index.html"
    return path in site.files or f"{path}/index.html" in site.files


def links_resolve(page: Page, place: Where, site: Site) -> bool:
    local = [ref for ref in page.references if not urlsplit(ref).scheme and not ref.startswith(("#", "//"))]
    return all(file_exists(site, urljoin(place.own_url, ref), place.site_url) for ref in local)


@dataclass(frozen=True)
class Feature:
    """Something our pages have; ``everywhere``: every page should, so it is counted even without
    our build to compare with."""

    label: str
    source: str
    test: Callable[[Page, Where, Site], bool]
    everywhere: bool = True


def has_class(name: str) -> Callable[[Page, Where, Site], bool]:
    return lambda page, place, site: name in page.classes


POST_BUILD = "after the engine: "
BLOCKS = "scripts/render/page_steps.py (hook content_blocks.py)"
PAGE_FEATURES = (
    Feature(
        "<html lang> is the page's language",
        "theme.language, set per language by mkdocs-static-i18n",
        lambda page, place, site: page.lang == place.language.code,
    ),
    Feature(
        "<html dir> is the language's direction",
        POST_BUILD + "scripts/engine/mkdocs/markup.py",
        lambda page, place, site: page.html_dir == place.language.direction,
    ),
    Feature(
        "<body dir> is the language's direction",
        "the theme",
        lambda page, place, site: page.body_dir == place.language.direction,
    ),
    Feature(
        "hreflang alternates in <head> (any address)",
        POST_BUILD + "scripts/engine/mkdocs/markup.py",
        lambda page, place, site: bool(page.alternates),
    ),
    Feature(
        "hreflang: this page in every language and x-default, absolute",
        POST_BUILD + "scripts/engine/mkdocs/markup.py",
        lambda page, place, site: same_page_everywhere(page.alternates, place, absolute=True),
    ),
    Feature(
        "language switcher",
        "mkdocs-static-i18n (reconfigure_material)",
        lambda page, place, site: bool(page.switcher),
    ),
    Feature(
        "language switcher leads to this page in each language",
        "mkdocs-static-i18n",
        lambda page, place, site: same_page_everywhere(page.switcher, place, absolute=False),
    ),
    Feature("content notices (.jsg-notices)", "overrides/main.html, jsg.text", has_class("jsg-notices")),
    Feature(
        "web app manifest link",
        "overrides/main.html, jsg.manifest_url",
        lambda page, place, site: page.manifest,
    ),
    Feature("last reviewed date (.jsg-reviewed)", BLOCKS, has_class("jsg-reviewed")),
    Feature(
        "no block marker left as text ({{ steps }} ...)", BLOCKS, lambda page, place, site: not page.markers
    ),
    Feature("safety steps (.jsg-steps)", BLOCKS, has_class("jsg-steps"), everywhere=False),
    Feature("emergency numbers (.jsg-emergency)", BLOCKS, has_class("jsg-emergency"), everywhere=False),
    Feature("contacts block (.jsg-contacts)", BLOCKS, has_class("jsg-contacts"), everywhere=False),
    Feature(
        "translation notes (.jsg-translation-note)",
        "scripts/render/page_steps.py (hook translation_notices.py)",
        has_class("jsg-translation-note"),
        everywhere=False,
    ),
    Feature(
        "print footer style (#jsg-print)",
        "scripts/render/page_steps.py (hook print_page.py)",
        lambda page, place, site: "jsg-print" in page.ids,
    ),
    Feature(
        "Pagefind's part of the page (data-pagefind-body)",
        POST_BUILD + "scripts/engine/mkdocs/markup.py",
        lambda page, place, site: "data-pagefind-body" in page.attributes,
    ),
    Feature(
        "Content-Security-Policy <meta>",
        "scripts/finish/final_pages.py, after the engine",
        lambda page, place, site: page.csp,
    ),
    Feature("local links and images lead to a file", "MkDocs' link checks (strict)", links_resolve),
)


@dataclass(frozen=True)
class FileFeature:
    label: str
    source: str
    test: Callable[[Site, Language], bool]
    per_language: bool = False


def matches(pattern: str) -> Callable[[Site, Language], bool]:
    return lambda site, language: any(Path(name).match(pattern) for name in site.files)


FILE_FEATURES = (
    FileFeature(
        "not-found page in the language (<prefix>404.html)",
        "scripts/engine/mkdocs/hooks/not_found.py",
        lambda site, language: (
            getattr(site.pages.get(language.prefix + "404.html"), "lang", None) == language.code
        ),
        per_language=True,
    ),
    FileFeature(
        "theme's own search index left out (search.json, search_index.json)",
        "scripts/engine/mkdocs/hooks/no_lunr_index.py",
        lambda site, language: (
            not any(Path(name).name in ("search.json", "search_index.json") for name in site.files)
        ),
    ),
    FileFeature(
        "Pagefind search index (pagefind/)",
        POST_BUILD + "scripts/finish/search_index.py",
        matches("pagefind/pagefind-entry.json"),
    ),
    FileFeature(
        "service worker (sw.js)",
        POST_BUILD + "scripts/finish/offline.py",
        lambda site, language: "sw.js" in site.files,
    ),
    FileFeature(
        "web app manifests (manifest.<lang>.webmanifest)",
        POST_BUILD + "scripts/finish/offline.py",
        lambda site, language: f"manifest.{language.code}.webmanifest" in site.files,
        per_language=True,
    ),
    FileFeature(
        "offline copies (downloads/*.zip)",
        POST_BUILD + "scripts/finish/offline_bundle.py",
        matches("downloads/*.zip"),
    ),
    FileFeature(
        "the guide on one page (downloads/*.html)",
        POST_BUILD + "scripts/finish/single_file.py",
        matches("downloads/*.html"),
    ),
    FileFeature("leaflet PDFs (*.pdf)", POST_BUILD + "scripts/finish/leaflet_pdfs.py", matches("*.pdf")),
    FileFeature(
        "host headers (_headers)",
        POST_BUILD + "scripts/serve/serving.py",
        lambda site, language: "_headers" in site.files,
    ),
    FileFeature("precompressed copies (*.br)", POST_BUILD + "scripts/finish/compression.py", matches("*.br")),
)

# Hooks whose work shows in no page: what the canary can say about each.
HOOK_NOTES = {
    "language_share.py": "splits one MkDocs run into language shares; Zensical builds one language per run",
    "content_check.py": "stops the build on content problems; would become `python -m scripts check` "
    "before Zensical",
    "template_helpers.py": "gives templates jsg.*; see the builds above",
    "project.py": "points our code at the configuration the engine loaded; with Zensical the "
    "command line would say it (--config-file)",
}
EXTRA_FILES = 6  # examples named of the files only Zensical writes


@dataclass(frozen=True)
class Line:
    """One feature: how many pages have it per language, against how many should."""

    label: str
    source: str
    counts: dict[str, tuple[int, int | None]]  # language -> (found, expected or None when unknown)

    @property
    def status(self) -> str:
        known = [(found, expected) for found, expected in self.counts.values() if expected is not None]
        if not known:
            return "seen" if any(found for found, _ in self.counts.values()) else "none"
        if all(expected == 0 for _, expected in known):
            return "n/a"
        if all(found >= expected for found, expected in known):
            return "ok"
        return "missing" if all(found == 0 for found, _ in known) else "partial"


def normalised(name: str) -> str:
    return HASHED.sub("", name)


def compare(zensical: Site, ours: Site | None, languages: list[Language], site_url: str) -> list[Line]:
    """Every feature of PAGE_FEATURES and FILE_FEATURES, counted per language."""
    placed = {name: where(name, languages, site_url) for name in zensical.pages}
    our_placed = {name: where(name, languages, site_url) for name in (ours.pages if ours else {})}
    lines = []
    for feature in PAGE_FEATURES:
        counts: dict[str, tuple[int, int | None]] = {}
        for language in languages:
            names = [
                name
                for name, place in placed.items()
                if place.language == language and not name.endswith("404.html")
            ]
            found = sum(feature.test(zensical.pages[name], placed[name], zensical) for name in names)
            if ours is not None:
                expected: int | None = sum(
                    feature.test(ours.pages[name], place, ours)
                    for name, place in our_placed.items()
                    if place.language == language and not name.endswith("404.html")
                )
            else:
                expected = len(names) if feature.everywhere else None
            counts[language.code] = (found, expected)
        lines.append(Line(feature.label, feature.source, counts))
    for item in FILE_FEATURES:
        chosen = languages if item.per_language else [default_of(languages)]
        counts = {}
        for language in chosen:
            expected = int(item.test(ours, language)) if ours is not None else 1
            counts[language.code if item.per_language else "site"] = (
                int(item.test(zensical, language)),
                expected,
            )
        lines.append(Line(item.label, item.source, counts))
    return lines


def only_in_zensical(zensical: Site, ours: Site | None) -> list[str]:
    """Files Zensical writes that we do not publish (fingerprints ignored), top-level ones first."""
    if ours is None:
        return []
    extra = {normalised(name) for name in zensical.files} - {normalised(name) for name in ours.files}
    return sorted(extra, key=lambda name: (name.count("/"), name))


def copies(names: list[str], site: Site, languages: list[Language]) -> int:
    """How many of ``names`` repeat, under a language's folder, a file of the default language."""
    prefixes = tuple(language.prefix for language in languages if not language.default)
    everything = {normalised(file) for file in site.files}
    return sum(name.startswith(prefixes) and name.split("/", 1)[1] in everything for name in names)


@dataclass(frozen=True)
class Findings:
    """Everything the report says, worked out from the builds and the two sites."""

    version: str
    runs: list[Run]
    lines: list[Line]
    compared_with: Path | None
    markers: set[str]
    extra: list[str]
    extra_copies: int
    hooks: list[str]
    plugins: list[str]


def findings(
    version: str,
    escaped: bool,
    runs: list[Run],
    zensical: Site,
    ours: Site | None,
    config: dict[str, Any],
    languages: list[Language],
    site_url: str,
) -> Findings:
    extra = only_in_zensical(zensical, ours)
    plugins = [
        plugin if isinstance(plugin, str) else next(iter(plugin)) for plugin in config.get("plugins", [])
    ]
    probe = Line(PROBE_LABEL, "scripts/engine/mkdocs/hooks/safe_meta.py", {"test page": (int(escaped), 1)})
    return Findings(
        version,
        runs,
        [*compare(zensical, ours, languages, site_url), probe],
        ours.root if ours else None,
        set().union(*(page.markers for page in zensical.pages.values())),
        extra,
        copies(extra, zensical, languages),
        list(config.get("hooks", [])),
        plugins,
    )


def format_line(line: Line) -> list[str]:
    def count(found: int, expected: int | None) -> str:
        return f"{found}/{expected}" if expected is not None else f"{found} pages"

    counts = ", ".join(f"{code} {count(*numbers)}" for code, numbers in line.counts.items())
    if len(line.counts) == 1 and set(line.counts) <= {"site", "test page"}:
        counts = "yes" if next(iter(line.counts.values()))[0] else "no"
    return [f"  {line.status:<8} {line.label}: {counts}", f"           from {line.source}"]


def report(found: Findings) -> list[str]:
    """The plain report, one finding a line."""
    page_labels = {feature.label for feature in PAGE_FEATURES} | {PROBE_LABEL}
    out = [f"Zensical canary: zensical {found.version}, built in a temporary folder (site/ is only read)."]
    out.append(
        f"Compared with our build in {found.compared_with}."
        if found.compared_with
        else "No built site to compare with (make build): Zensical's output alone; "
        "'n pages' counts what only some pages have."
    )
    out += [
        "",
        "Builds: one Zensical run per language, its config written from mkdocs.yml with theme.language,",
        "theme.direction and extra.alternate (the switcher mkdocs-static-i18n would set); a failed build",
        "is tried again with less of overrides/:",
    ]
    for run in found.runs:
        out.append(f"  {run.language}  {run.variant}: {run.detail}")
        if run.built and messages(run.log):
            out.append(f"      Zensical said: {messages(run.log)[:300]}")
    out += [
        "",
        "Pages (pages with it / pages of our build with it, or without our build every page; no 404s):",
    ]
    for line in found.lines:
        out += format_line(line) if line.label in page_labels else []
    if found.markers:
        out.append(f"  block markers left as text: {', '.join(sorted(found.markers))}")
    out += ["", "Site files (those made 'after the engine' come from scripts/build.py, not run here):"]
    for line in found.lines:
        out += format_line(line) if line.label not in page_labels else []
    if found.extra:
        shown = ", ".join(found.extra[:EXTRA_FILES]) + (", ..." if len(found.extra) > EXTRA_FILES else "")
        out.append(f"  only in Zensical's output: {len(found.extra)} files, e.g. {shown}")
        out.append(
            f"  ({found.extra_copies} of them repeat the default language's files in a language folder)"
        )
    ran = sum(run.hook_ran for run in found.runs)
    out += [
        "",
        "Hooks listed in mkdocs.yml:",
        f"  Zensical ran hooks in {ran} of {len(found.runs)} builds "
        "(a test hook, listed first, leaves a file when it is imported).",
    ]
    for hook in found.hooks:
        name = Path(hook).name
        seen = [f"{line.label}: {line.status}" for line in found.lines if name in line.source]
        out.append(f"  {hook}: {'; '.join(seen) or HOOK_NOTES.get(name, 'no check here yet')}")
    markup = [f"{line.label}: {line.status}" for line in found.lines if "markup.py" in line.source]
    out.append(
        "  after the engine, scripts/engine/mkdocs/markup.py (not run on Zensical's pages): "
        + "; ".join(markup)
    )
    logs = "\n".join(run.log for run in found.runs).lower()
    out += [
        "",
        "Plugins listed in mkdocs.yml (passed to Zensical as written; its logs searched for each name):",
    ]
    for plugin in found.plugins:
        out.append(f"  {plugin}: {'named' if plugin.lower() in logs else 'not named'} in Zensical's log")
    built = sorted({run.language for run in found.runs if run.built})
    statuses = [line.status for line in found.lines]
    out += [
        "",
        f"Canary done: {len(built)} of {len({run.language for run in found.runs})} languages built "
        f"({', '.join(built) or 'none'}); {statuses.count('missing')} features missing, "
        f"{statuses.count('partial')} partial, {statuses.count('ok')} ok.",
    ]
    return out


def main(config_file: Path, site_dir: Path, timeout: float = TIMEOUT) -> int:
    """``python -m scripts engines``: print the canary report; 1 with one line if Zensical cannot run."""
    root = config_file.resolve().parent
    try:
        version = zensical_version()
        with tempfile.TemporaryDirectory(prefix="jsg-zensical-") as folder:
            work = Path(folder)
            escaped = preflight(work, timeout)
            config, languages = read_config(config_file), site_config.languages(config_file)
            site_url = site_config.load(config_file)["site_url"].rstrip("/") + "/"
            runs, combined = build_all(root, config, languages, site_url, work, timeout)
            zensical = read_site(combined) if combined.is_dir() else Site(combined, {}, frozenset())
            ours = read_site(site_dir) if (site_dir / "index.html").is_file() else None
            text = report(findings(version, escaped, runs, zensical, ours, config, languages, site_url))
    except ZensicalUnavailable as error:
        print(error, file=sys.stderr)
        return 1
    print("\n".join(text))
    return 0
