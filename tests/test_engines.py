"""The Zensical canary's report (scripts/dev/engines.py), on two tiny sites written here: one as our build
makes it, one as Zensical made it when the canary ran. No Zensical is needed."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import yaml

from scripts.dev import engines
from scripts.site_config import ROOT, Language

SITE_URL = "http://127.0.0.1:8000/"
LANGUAGES = [Language("ar", "العربية", True), Language("en", "English", False)]
CONFIG = {
    "hooks": ["scripts/engine/mkdocs/hooks/print_page.py", "scripts/engine/mkdocs/hooks/language_share.py"],
    "plugins": ["search", {"i18n": {"languages": []}}],
}


def ours(prefix: str, lang: str, direction: str, rest: str, body: str) -> str:
    """A page as our build publishes it (minified, unquoted attributes, as minify-html writes them)."""
    alternates = "".join(
        f'<link rel="alternate " href={SITE_URL}{item.prefix}{rest} hreflang={item.code}>'
        for item in LANGUAGES
    )
    up = "../" * (prefix.count("/") + rest.count("/"))
    hrefs = {item.code: up + item.prefix + rest or "./" for item in LANGUAGES}
    switcher = "".join(
        f"<a class=md-select__link href={href} hreflang={code}>{code}</a>" for code, href in hrefs.items()
    )
    return (
        f"<!doctype html><html class=no-js dir={direction} lang={lang}><head>"
        "<meta http-equiv=Content-Security-Policy content=\"default-src 'self'\">"
        f'{alternates}<link rel="alternate " href={SITE_URL}{rest} hreflang=x-default>'
        "<link href=/manifest.ar.webmanifest rel=manifest><style id=jsg-print media=print></style>"
        f"</head><body dir={direction}>{switcher}<div class=jsg-notices></div>"
        f"<article data-pagefind-body>{body}<p class=jsg-reviewed>2026-11-26</p></article></body></html>"
    )


def zensical(lang: str, direction: str, body: str) -> str:
    """A page as Zensical wrote it: extra.alternate's links go to each language's home page."""
    links = "".join(
        f'<link rel="alternate" href="/{item.prefix}" hreflang="{item.code}">'
        f'<a class="md-select__link" href="/{item.prefix}" hreflang="{item.code}">{item.name}</a>'
        for item in LANGUAGES
    )
    return (
        f'<!doctype html><html lang="{lang}" class="no-js"><head>{links}</head>'
        f'<body dir="{direction}"><article>{body}</article></body></html>'
    )


def write(root: Path, pages: dict[str, str], files: tuple[str, ...] = ()) -> engines.Site:
    for name, text in pages.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    for name in files:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x", encoding="utf-8")
    return engines.read_site(root)


def our_site(root: Path) -> engines.Site:
    steps = '<ol class=jsg-steps><li class=jsg-step>Stop</li></ol><img src="/assets/stop.svg" alt="">'
    return write(
        root,
        {
            "index.html": ours("", "ar", "rtl", "", steps),
            "report/index.html": ours("", "ar", "rtl", "report/", "<p>بلّغ</p>"),
            "en/index.html": ours("en/", "en", "ltr", "", steps),
            "en/report/index.html": ours("en/", "en", "ltr", "report/", "<p>Report</p>"),
        },
        ("sw.js", "pagefind/pagefind-entry.json", "assets/stop.svg", "manifest.ar.webmanifest"),
    )


def zensical_site(root: Path) -> engines.Site:
    steps = '<p>{{ steps }}</p><img src="../assets/stop.svg" alt="">'
    return write(
        root,
        {
            "index.html": zensical("ar", "rtl", steps),
            "report/index.html": zensical("ar", "rtl", "<p>بلّغ</p>"),
            "en/index.html": zensical("en", "ltr", steps),
            "en/report/index.html": zensical("en", "ltr", "<p>Report</p>"),
        },
        ("assets/stop.svg", "search.json", "en/search.json"),
    )


RUNS = [
    engines.Run("ar", "with overrides/", False, "failed: RuntimeError: unknown method: manifest_url"),
    engines.Run("ar", "overrides/ without templates calling jsg.*", True, "built 2 pages"),
    engines.Run("en", "overrides/ without templates calling jsg.*", True, "built 2 pages"),
]


def canary_report(tmp_path: Path, compare_with_ours: bool = True) -> list[str]:
    built = zensical_site(tmp_path / "zensical")
    published = our_site(tmp_path / "ours") if compare_with_ours else None
    found = engines.findings("0.0.73", False, RUNS, built, published, CONFIG, LANGUAGES, SITE_URL)
    return engines.report(found)


def test_canary_names_each_feature_zensical_left_out(tmp_path: Path):
    lines = canary_report(tmp_path)
    assert "  ok       <html lang> is the page's language: ar 2/2, en 2/2" in lines
    assert "  missing  <html dir> is the language's direction: ar 0/2, en 0/2" in lines
    assert "  ok       <body dir> is the language's direction: ar 2/2, en 2/2" in lines
    assert "  missing  hreflang: this page in every language and x-default, absolute: ar 0/2, en 0/2" in lines
    # Links to each language's home page are right on the home page only.
    assert "  partial  language switcher leads to this page in each language: ar 1/2, en 1/2" in lines
    assert "  missing  safety steps (.jsg-steps): ar 0/1, en 0/1" in lines
    assert "  partial  no block marker left as text ({{ steps }} ...): ar 1/2, en 1/2" in lines
    assert "  block markers left as text: {{ steps }}" in lines
    assert "  missing  print footer style (#jsg-print): ar 0/2, en 0/2" in lines
    assert "  missing  Content-Security-Policy <meta>: ar 0/2, en 0/2" in lines
    assert "  ok       local links and images lead to a file: ar 2/2, en 2/2" in lines
    assert "  missing  front matter escaped in <title> and <meta description> (a test page): no" in lines


def test_canary_reports_site_files_hooks_and_plugins(tmp_path: Path):
    lines = canary_report(tmp_path)
    assert "  missing  service worker (sw.js): no" in lines
    assert "  missing  Pagefind search index (pagefind/): no" in lines
    assert "  missing  theme's own search index left out (search.json, search_index.json): no" in lines
    assert "  missing  web app manifests (manifest.<lang>.webmanifest): ar 0/1, en 0/0" in lines
    assert "  only in Zensical's output: 2 files, e.g. search.json, en/search.json" in lines
    assert "  (1 of them repeat the default language's files in a language folder)" in lines
    assert "  ar  with overrides/: failed: RuntimeError: unknown method: manifest_url" in lines
    assert any(line.startswith("  Zensical ran hooks in 0 of 3 builds") for line in lines)
    assert "  scripts/engine/mkdocs/hooks/print_page.py: print footer style (#jsg-print): missing" in lines
    assert any(
        line.startswith("  scripts/engine/mkdocs/hooks/language_share.py: splits one MkDocs run")
        for line in lines
    )
    markup = next(
        line for line in lines if line.startswith("  after the engine, scripts/engine/mkdocs/markup.py")
    )
    assert "<html dir> is the language's direction: missing" in markup
    assert "  i18n: not named in Zensical's log" in lines
    assert lines[-1].startswith("Canary done: 2 of 2 languages built (ar, en); ")


def test_without_our_build_the_report_reads_zensical_output_alone(tmp_path: Path):
    lines = canary_report(tmp_path, compare_with_ours=False)
    assert lines[1].startswith("No built site to compare with")
    assert "  missing  <html dir> is the language's direction: ar 0/2, en 0/2" in lines
    # Blocks only some pages have cannot be expected without our build: they are counted.
    assert "  none     safety steps (.jsg-steps): ar 0 pages, en 0 pages" in lines
    assert "  missing  service worker (sw.js): no" in lines


def test_an_image_that_leads_to_no_file_is_reported(tmp_path: Path):
    page = '<!doctype html><html lang="ar"><body dir="rtl"><img src="{}" alt=""></body></html>'
    pages = {
        "index.html": page.format("assets/gone.svg"),
        "report/index.html": page.format("../assets/here.svg"),
    }
    built = write(tmp_path / "zensical", pages, ("assets/here.svg",))
    found = engines.findings("0.0.73", True, RUNS, built, None, CONFIG, LANGUAGES[:1], SITE_URL)
    lines = engines.report(found)
    assert "  partial  local links and images lead to a file: ar 1/2" in lines
    assert "  ok       front matter escaped in <title> and <meta description> (a test page): yes" in lines


def test_each_language_gets_a_config_zensical_reads_without_python_tags():
    config = engines.read_config(ROOT / "mkdocs.yml")
    arabic = next(item for item in engines.site_config.languages() if item.default)
    written = engines.zensical_config(config, arabic, engines.site_config.languages(), SITE_URL, [])
    assert written["theme"]["language"] == "ar"
    assert written["theme"]["direction"] == "rtl"
    assert written["site_name"] == "دليل السلامة في جرابلس"
    assert "تعرّف على الأجسام المتفجرة" in [
        next(iter(item)) for item in written["nav"] if isinstance(item, dict)
    ]
    assert [item["link"] for item in written["extra"]["alternate"]] == ["/", "/ku/", "/tr/", "/en/"]
    assert "watch" not in written and "strict" not in written
    toc = next(
        item["toc"] for item in written["markdown_extensions"] if isinstance(item, dict) and "toc" in item
    )
    assert toc["slugify"] == {"object": "pymdownx.slugs.slugify", "kwds": {"case": "lower"}}
    assert yaml.safe_load(yaml.safe_dump(written, allow_unicode=True)) == written


def test_missing_zensical_is_one_line_and_exit_1(tmp_path: Path, monkeypatch, capsys):
    find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *rest: None if name == "zensical" else find_spec(name, *rest),
    )
    assert engines.main(ROOT / "mkdocs.yml", tmp_path / "site") == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip().splitlines() == [
        "Zensical is not installed; install it with: pip install --require-hashes -r requirements-canary.txt"
    ]
