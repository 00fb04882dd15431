"""One small stylesheet per page (scripts/finish/styles.py) and no Material script (overrides/main.html):
the trimmed stylesheet must style every element exactly as Material's full one would, and what
Material's script did for us (search screen, keyboard, menus) must still work."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scripts.engine.mkdocs import theme
from scripts.finish import styles
from scripts.site_config import ROOT
from tests.browser_waits import wait_until
from tests.html import parse

MATERIAL_STYLES = theme.STYLESHEETS
USED = styles.Used(
    classes={"md-typeset", "md-nav"},
    ids={"__search"},
    elements={"html", "body", "p", "a"},
    attributes={"data-md-toggle": {"search"}},
)


def purged(css: str, read_elsewhere: frozenset[str] = frozenset()) -> str:
    return styles.purge(css, USED, set(read_elsewhere))


def test_rules_for_classes_elements_and_ids_the_site_uses_are_kept():
    css = ".md-typeset p{color:red}.md-nav>a{margin:0}#__search{top:0}[dir=rtl] .md-typeset{left:0}"
    assert purged(css) == css


def test_rules_naming_anything_the_site_lacks_go_and_mixed_lists_keep_their_used_part():
    css = ".md-typeset table{color:red}.md-tabs{margin:0}#__palette{top:0}.md-nav,.md-tabs a{left:0}"
    assert purged(css) == ".md-nav{left:0}"


def test_states_negations_and_attribute_presence_never_drop_a_rule():
    css = (
        '.md-nav:hover:not(.md-tabs){color:red}body[data-md-scrolllock]{position:fixed}a::before{content:""}'
    )
    assert purged(css) == css


def test_material_attribute_values_must_occur_on_the_site():
    css = "[data-md-toggle=search]:checked~.md-typeset{top:0}[data-md-toggle=drawer]:checked~.md-nav{left:0}"
    assert purged(css) == "[data-md-toggle=search]:checked~.md-typeset{top:0}"


def test_media_queries_keep_used_rules_and_empty_ones_go():
    css = "@media screen and (min-width:60em){.md-nav{top:0}.md-tabs{top:1px}}@media print{.md-tabs{top:0}}"
    assert purged(css) == "@media screen and (min-width:60em){.md-nav{top:0}}"


def test_custom_properties_nothing_reads_go_even_when_only_read_by_another_that_goes():
    css = ":root{--a:1px;--b:var(--c);--c:2px;--d:3px}.md-tabs{top:var(--d)}.md-nav{top:var(--a)}"
    assert purged(css) == ":root{--a:1px}.md-nav{top:var(--a)}"
    assert purged(css, frozenset({"--b"})) == ":root{--a:1px;--b:var(--c);--c:2px}.md-nav{top:var(--a)}"


def test_important_and_keyframes_survive():
    css = ".md-nav{top:0!important}@keyframes spin{0%{top:0}to{top:1px}}"
    assert purged(css) == css


def test_scanning_a_page_finds_classes_ids_elements_and_material_attributes():
    found = styles.scan_html(
        '<div class="md-nav  md-typeset" id=__drawer data-md-toggle=drawer style="top:var(--x)">'
        "<p>a</p></div>"
    )
    assert found.classes == {"md-nav", "md-typeset"}
    assert found.ids == {"__drawer"}
    assert found.elements == {"div", "p"}
    assert found.attributes == {"data-md-toggle": {"drawer"}}
    assert found.variables == {"--x"}


def test_every_page_loads_one_stylesheet_and_one_script_both_ours(built_site: Path):
    stylesheet = re.compile(r"assets/stylesheets/site\.[0-9a-f]{8}\.css$")
    script = re.compile(r"assets/javascripts/site\.[0-9a-f]{8}\.js$")
    for page in built_site.rglob("*.html"):
        soup = parse(page)
        if soup.find("meta", attrs={"http-equiv": "refresh"}):
            continue  # a moved page's forwarding stub
        if page.parent.name == "downloads":
            continue  # the guide on one page: styles inside it, no script (tests/test_single_file.py)
        sheets = [link["href"] for link in soup.find_all("link", rel="stylesheet")]
        scripts = [tag["src"] for tag in soup.find_all("script", src=True)]
        assert len(sheets) == 1 and stylesheet.search(sheets[0]), f"{page}: {sheets}"
        assert len(scripts) == 1 and script.search(scripts[0]), f"{page}: {scripts}"
    assert not list(built_site.glob("assets/javascripts/bundle.*"))
    assert not list(built_site.rglob("*.map"))
    css = next(built_site.glob("assets/stylesheets/site.*.css")).read_text(encoding="utf-8")
    assert css.startswith('@charset "UTF-8";\n/* Material for MkDocs, (c) Martin Donath, MIT License')
    assert (ROOT / "overrides/assets/stylesheets/site.css").read_text(encoding="utf-8") in css


# Every property the stylesheets set, computed for every element and its ::before/::after, keyed
# by position. Only those can differ between two stylesheets: every other property is inherited or
# initial in both, and a layout value that follows (a box's height) differs on the element whose
# declared property does. Reading those 160 of Chromium's 514 keeps the test quick. The reading is
# kept in the page (window.__jsgStyles): the second returns only what differs from the first, so
# the megabytes of values never cross to Python.
NAMES = """() => {
  const names = new Set();
  const walk = (rules) => {
    for (const rule of rules) {
      if (rule.style) for (let i = 0; i < rule.style.length; i++) names.add(rule.style[i]);
      if (rule.cssRules) walk(rule.cssRules);
    }
  };
  for (const sheet of document.styleSheets) walk(sheet.cssRules);
  window.__jsgNames = [...names].filter((name) => !name.startsWith('--')).sort();
  return window.__jsgNames.length;
}"""
COMPUTED = """() => {
  const all = {}, names = window.__jsgNames;
  const read = (style) => {
    let text = '';
    for (const name of names) text += name + ':' + style.getPropertyValue(name) + ';';
    return text;
  };
  document.querySelectorAll('*').forEach((el, index) => {
    const key = index + ' ' + el.tagName + '.' + el.className;
    all[key] = read(getComputedStyle(el));
    for (const pseudo of ['::before', '::after']) {
      const style = getComputedStyle(el, pseudo);
      if (style.content !== 'none') all[key + pseudo] = read(style);
    }
  });
  return all;
}"""
REMEMBER = "() => { window.__jsgStyles = (" + COMPUTED + ")(); }"
DIFFERENCES = (
    """() => {
  const before = window.__jsgStyles, now = ("""
    + COMPUTED
    + """)(), differ = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(now)]))
    if (before[key] !== now[key]) differ[key] = [before[key] ?? null, now[key] ?? null];
  return differ;
}"""
)
SCREENS = {  # viewport width → the states read at it
    360: ("closed", "search", "drawer"),
    1280: ("closed", "search"),
}
HEIGHTS = {360: 740, 1280: 800}


# Let the page come to rest before reading it: fonts loaded, two frames painted, and every
# running CSS transition or animation jumped to its end (so no value is read half-way).
SETTLE = """async () => {
  await document.fonts.ready;
  for (let frame = 0; frame < 2; frame++) await new Promise((done) => requestAnimationFrame(done));
  document.getAnimations().forEach((animation) => animation.finish());
  await new Promise((done) => requestAnimationFrame(done));
}"""
# Beside the page's stylesheet, the full one (a second <link> to the same file with "?full",
# answered by the test's route), loaded but applying to no medium until USE switches.
ADD_FULL = """async () => {
  const ours = document.querySelector('link[rel=stylesheet][href*="assets/stylesheets/site."]');
  const full = ours.cloneNode();
  full.href = ours.href + '?full';
  full.media = 'not all';
  full.dataset.jsgFull = '';
  const loaded = new Promise((done, fail) => { full.onload = done; full.onerror = fail; });
  ours.after(full);
  await loaded;
}"""
# Which stylesheet styles the page: the trimmed one (false) or the full one (true), never both.
USE = """full => {
  const ours = document.querySelector('link[rel=stylesheet]:not([data-jsg-full])');
  ours.media = full ? 'not all' : 'all';
  document.querySelector('link[data-jsg-full]').media = full ? 'all' : 'not all';
}"""


def style_differences(browser, address: str, width: int, full_css: str) -> dict[str, dict]:
    """What the full stylesheet styles differently from the trimmed one, in every state read at
    this width, as ``{"<state>: <element>": {property: (trimmed, full)}}``.

    Both readings of a state come from the same page load, after it has come to rest: two separate
    loads could differ in timing (fonts, transitions, layout) and make the comparison flaky. The
    states are the menu's and search's own toggles, set without events, as a tap leaves them."""
    viewport = {"width": width, "height": HEIGHTS[width]}
    context = browser.new_context(viewport=viewport, service_workers="block", reduced_motion="reduce")
    page = context.new_page()
    answered = []

    def answer_full(route) -> None:
        answered.append(route.request.url)
        route.fulfill(body=full_css, content_type="text/css")

    page.route(re.compile(r".*/assets/stylesheets/site\.[0-9a-f]{8}\.css\?full$"), answer_full)
    page.goto(address, wait_until="load")
    page.evaluate(ADD_FULL)
    assert len(answered) == 1, "the full stylesheet was not the one added"
    assert page.evaluate(NAMES) > 100, "the stylesheets' properties were not read"
    found = {}
    for state in SCREENS[width]:
        toggles = {name: name == state for name in ("search", "drawer")}
        page.evaluate(
            "toggles => { for (const [name, on] of Object.entries(toggles))"
            " document.getElementById('__' + name).checked = on; }",
            toggles,
        )
        page.evaluate(USE, False)
        page.evaluate(SETTLE)
        page.evaluate(REMEMBER)
        page.evaluate(USE, True)
        page.evaluate(SETTLE)
        for key, (ours, theirs) in page.evaluate(DIFFERENCES).items():
            mine = dict(item.split(":", 1) for item in (ours or "").split(";") if ":" in item)
            full = dict(item.split(":", 1) for item in (theirs or "").split(";") if ":" in item)
            found[f"{state}: {key}"] = {
                name: (mine.get(name), full.get(name))
                for name in sorted(mine.keys() | full.keys())
                if mine.get(name) != full.get(name)
            } or {"(present)": (ours is not None, theirs is not None)}
    context.close()
    return found


@pytest.mark.browser
@pytest.mark.parametrize("prefix", ["", "ku/"], ids=["ar", "ku"])
def test_trimmed_stylesheet_styles_every_element_as_materials_full_one(browser, site_server: str, prefix):
    full_css = "".join(
        next(MATERIAL_STYLES.glob(pattern)).read_text(encoding="utf-8")
        for pattern in ("main.*.min.css", "palette.*.min.css")
    ) + (ROOT / "overrides/assets/stylesheets/site.css").read_text(encoding="utf-8")
    different = {}
    for address in ["", "report/", "contacts/", "leaflets/vehicle/", "no-such-page/"]:
        for width in SCREENS:
            found = style_differences(browser, site_server + prefix + address, width, full_css)
            different.update({f"{prefix}{address} {width}px {key}": value for key, value in found.items()})
    assert different == {}


# site.js marks the result list with the query it answers (a function: the pages' policy forbids eval).
ANSWERED = "query => document.querySelector('[data-jsg-search-results]').dataset.query === query"


@pytest.fixture
def page_at(browser):
    contexts = []

    def open_page(viewport: dict):
        context = browser.new_context(viewport=viewport, service_workers="block")
        contexts.append(context)
        page = context.new_page()
        page.problems = []
        page.on("pageerror", lambda error: page.problems.append(str(error)))
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.mark.browser
def test_phone_search_screen_shows_the_field_and_results_and_escape_closes_it(page_at, site_server: str):
    page = page_at({"width": 360, "height": 740})
    page.goto(site_server + "report/")
    page.evaluate("window.scrollTo(0, 400)")
    page.click("label.md-header__button[for=__search]")
    page.type("input[data-jsg-search-input]", "لغم")
    wait_until(page, ANSWERED, timeout=30, arg="لغم")
    # What the reader sees in the middle of the screen belongs to the search screen, not the page.
    assert page.evaluate("document.elementFromPoint(180, 24).matches('.md-search__input')")
    assert page.evaluate("!!document.elementFromPoint(180, 150).closest('.md-search-result__list')")
    page.keyboard.press("Escape")
    assert not page.is_checked("#__search")
    assert page.evaluate("scrollY") == 400, "closing search returns the reader to where they were"
    assert page.problems == []


@pytest.mark.browser
def test_wide_screen_search_field_opens_results_and_enter_goes_to_the_first(page_at, site_server: str):
    page = page_at({"width": 1280, "height": 800})
    page.goto(site_server + "en/")
    page.click("input[data-jsg-search-input]")
    assert page.is_checked("#__search")
    page.keyboard.type("mine")
    wait_until(page, ANSWERED, timeout=30, arg="mine")
    first = page.get_attribute("[data-jsg-search-results] a[href]", "href")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(first.split("#")[0]) + ".*"))
    assert page.problems == []


@pytest.mark.browser
@pytest.mark.parametrize("prefix", ["", "en/"], ids=["ar", "en"])
def test_menu_sections_open_with_the_keyboard_and_escape_closes_the_menu(page_at, site_server: str, prefix):
    page = page_at({"width": 360, "height": 740})
    page.goto(site_server + prefix + "report/")
    page.click("label.md-header__button[for=__drawer]")
    section = page.locator("label.md-nav__link[tabindex='0']").first
    toggle = section.get_attribute("for")
    assert not page.is_checked(f"[id='{toggle}']")
    # The drawer slides in: until the label is shown, focus() does nothing and Enter goes to the
    # page (failed once in a full run). Focus it once it is visible, and see that it has focus.
    section.wait_for(state="visible")
    section.focus()
    wait_until(page, "document.activeElement.matches(\"label.md-nav__link[tabindex='0']\")")
    page.keyboard.press("Enter")
    assert page.is_checked(f"[id='{toggle}']")
    page.keyboard.press("Escape")
    assert not page.is_checked("#__drawer")
    assert page.problems == []
