"""The guide on one page (scripts/finish/single_file.py): one HTML file per language that works
wherever it is opened. Copied alone into an empty folder and opened from file:// in Chromium with
JavaScript off on a 360 px phone: it asks for nothing but itself, every section is there, every
in-page link leads to its target, nothing scrolls sideways, and unconfirmed numbers say so."""

from __future__ import annotations

import io
import itertools
import random
import re
import shutil
from collections import Counter
from pathlib import Path, PurePosixPath

import pytest
from PIL import Image

from scripts import contacts, interface_text
from scripts.checks import input_files
from scripts.finish import gathered_ids, single_file
from scripts.pages import PRINT_PAGE, output_file
from scripts.site_config import languages, load
from tests.axe_check import violations
from tests.html import parse
from tests.project_copy import copy_project, digests, published_site, run

PHONE = {"width": 360, "height": 740}
CONTACTS = f'section[id="{gathered_ids.section_id(PurePosixPath("contacts.md"))}"]'
HOME = f'section[id="{gathered_ids.section_id(PurePosixPath("index.md"))}"]'


def the_file(built_site: Path, language) -> Path:
    return built_site / single_file.site_path_of(language.code)


@pytest.mark.parametrize("language", languages(), ids=lambda language: language.code)
def test_one_small_file_per_language_with_every_guide_and_no_script(built_site: Path, language):
    path = the_file(built_site, language)
    data = path.read_bytes()
    assert len(data) <= single_file.MAX_BYTES, f"{path.name} is {len(data)} bytes"
    html = data.decode("utf-8")
    soup = parse(path)
    assert soup.html["lang"] == language.code and soup.html["dir"] == language.direction
    assert soup.find("script") is None and "<script" not in html.lower()
    assert soup.find("link") is None and soup.find("img", src=re.compile(r"^(?!data:)")) is None
    policy = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert policy == single_file.POLICY
    assert policy.startswith("default-src 'none'; style-src 'unsafe-inline'; img-src data:")
    assert single_file.loads_anything(html) == []
    # Every guide and the contacts, each a section titled as on the site, in the menu's order.
    entries = single_file.entries(language)
    assert [section["id"] for section in soup.select("section.jsg-single__page")] == [
        entry.key for entry in entries
    ]
    keys = {entry.key for entry in entries}
    named = ("index.md", "contacts.md", "report.md", "vehicles.md", "ordnance/landmines.md")
    assert {gathered_ids.section_id(PurePosixPath(page)) for page in named} <= keys
    assert not any(str(entry.page).startswith("leaflets/") for entry in entries)
    for entry in entries:
        site_title = parse(output_file(built_site, entry.page, language)).select_one("article h1")
        section_title = soup.select_one(f'section[id="{entry.key}"] h1')
        assert section_title.get_text(strip=True) == site_title.get_text(strip=True)
    # Nothing of the website's own furniture: the share control, the saved-copy notices.
    assert soup.select(".jsg-share, .jsg-notices, [data-pagefind-body]") == []


@pytest.mark.parametrize("language", languages(), ids=lambda language: language.code)
def test_the_top_says_when_it_was_made_and_where_to_check(built_site: Path, language):
    soup = parse(the_file(built_site, language))
    first = soup.select_one(".md-content__inner > .jsg-single__notice")
    assert first is not None and first.find_previous_sibling() is not None
    assert first.find_previous_sibling()["class"] == ["jsg-single__site"]
    home = load()["site_url"] + language.prefix
    assert first.a["href"] == home
    words = interface_text.text("bundle.notice", language.code).split("{date}")[0].strip()
    assert first.get_text(" ", strip=True).startswith(words)
    assert soup.select_one("nav.jsg-single__contents h2").get_text(strip=True) == interface_text.text(
        "single.contents", language.code
    )


@pytest.mark.parametrize("language", languages(), ids=lambda language: language.code)
def test_unconfirmed_numbers_are_marked_as_on_the_site(built_site: Path, language):
    soup = parse(the_file(built_site, language))
    site_contacts = parse(output_file(built_site, PurePosixPath("contacts.md"), language))
    unverified = [contact for contact in contacts.load() if not contact.is_verified]
    warnings = soup.select(f"{CONTACTS} .jsg-unconfirmed")
    assert len(warnings) == len(site_contacts.select(".jsg-unconfirmed")) == len(unverified)
    title = interface_text.text("contact.unconfirmed.title", language.code)
    assert all(warning.select_one(".admonition-title").get_text(strip=True) == title for warning in warnings)
    numbers = [span.get_text(strip=True) for span in soup.select(f"{CONTACTS} .jsg-phone")]
    assert numbers == [span.get_text(strip=True) for span in site_contacts.select("article .jsg-phone")]
    # No unconfirmed number is a tap-to-call link, in the file as on the site.
    dialled = {link["href"] for link in soup.select("a[href^='tel:']")}
    assert not dialled & {contact.tel_uri for contact in unverified}
    if not contacts.verified_primary(contacts.load()):
        assert soup.select_one(f"{HOME} .jsg-emergency--none") is not None


@pytest.mark.parametrize("language", languages(), ids=lambda language: language.code)
def test_the_about_page_links_to_it(built_site: Path, language):
    about = output_file(built_site, PurePosixPath("about.md"), language)
    link = parse(about).select_one("article .jsg-download--single a")
    assert link.get_text(strip=True) == interface_text.text("single.download", language.code)
    assert link.has_attr("download")
    assert (about.parent / link["href"]).resolve() == the_file(built_site, language).resolve()


def test_the_same_pages_give_the_same_bytes_and_the_date_is_the_commits(built_site: Path):
    """Made from SOURCE_DATE_EPOCH, never from the day of the build."""
    english = next(language for language in languages() if language.code == "en")
    site_url = load()["site_url"]
    first = single_file.document(built_site, english, 1_764_547_200, site_url)  # 2025-12-01
    assert first == single_file.document(built_site, english, 1_764_547_200, site_url)
    assert "December 1, 2025" in first
    assert "December 2, 2025" in single_file.document(built_site, english, 1_764_633_600, site_url)


@pytest.mark.browser
@pytest.mark.parametrize("language", languages(), ids=lambda language: language.code)
def test_opened_alone_from_files_without_javascript_on_a_phone(
    built_site: Path, browser, tmp_path: Path, language, artifacts: Path
):
    alone = tmp_path / single_file.file_name(language.code)
    shutil.copyfile(the_file(built_site, language), alone)
    assert [path.name for path in tmp_path.iterdir()] == [alone.name], "no other file beside it"
    context = browser.new_context(viewport=PHONE, is_mobile=True, java_script_enabled=False)
    page = context.new_page()
    requests: list[str] = []
    problems: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.goto(alone.as_uri(), wait_until="load")
    assert page.evaluate("document.documentElement.dir") == language.direction
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # Styled from inside the file: the site's link colour and the step boxes.
    colour = page.evaluate("getComputedStyle(document.querySelector('nav.jsg-single__contents a')).color")
    assert colour == "rgb(183, 28, 28)"
    assert page.evaluate("getComputedStyle(document.querySelector('.jsg-step')).display") == "grid"
    # Every section renders, with its pictograms drawn.
    for entry in single_file.entries(language):
        section = page.locator(f'section[id="{entry.key}"]')
        assert section.locator("h1").is_visible(), entry.key
    drawn = page.evaluate(
        "[...document.querySelectorAll('svg.jsg-pictogram, svg.jsg-step__icon')]"
        ".every((svg) => svg.getBoundingClientRect().width > 30 && svg.querySelector('path, circle, rect'))"
    )
    assert drawn
    page.screenshot(path=artifacts / f"single-file-{language.code}.png")
    # Every in-page link has its target, and following it brings the target to the top of the screen
    # (less its scroll margin; on screen, as far as the page can scroll, for the last sections).
    targets = page.evaluate(
        "[...document.querySelectorAll('a[href^=\"#\"]')].map((a) => decodeURIComponent(a.hash.slice(1)))"
    )
    assert len(targets) > 2 * len(single_file.entries(language))
    missing = page.evaluate("(ids) => ids.filter((id) => !document.getElementById(id))", targets)
    assert missing == []
    unreached = page.evaluate(
        """() => {
            const unreached = [];
            for (const link of document.querySelectorAll('a[href^="#"]')) {
                scrollTo(0, 0);
                link.click();
                const target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
                const top = target.getBoundingClientRect().top;
                const margin = parseFloat(getComputedStyle(target).scrollMarginTop) || 0;
                const bottom = scrollY + innerHeight >= document.documentElement.scrollHeight - 1;
                const arrived = decodeURIComponent(location.hash.slice(1)) === target.id;
                if (!arrived || (Math.abs(top - margin) > 2 && !(bottom && top >= 0 && top < innerHeight))) {
                    unreached.push(link.hash + ' ' + top);
                }
            }
            return unreached;
        }"""
    )
    assert unreached == []
    # Links that leave the file go to the website, as plain links (nothing is loaded for them).
    others = page.evaluate("[...document.links].map((a) => a.href).filter((h) => !h.startsWith('file:'))")
    allowed = (load()["site_url"], "https://", "tel:", "mailto:")
    assert all(href.startswith(allowed) for href in others), others
    # Unconfirmed numbers say so, on screen.
    title = interface_text.text("contact.unconfirmed.title", language.code)
    assert page.locator(f"{CONTACTS} .jsg-unconfirmed .admonition-title").first.inner_text() == title
    context.close()
    assert requests == [alone.as_uri()], "only the file itself was loaded"
    assert problems == []


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("language", languages(), ids=lambda language: language.code)
def test_no_axe_violations_in_the_file(built_site: Path, browser, tmp_path: Path, language, scheme: str):
    alone = tmp_path / single_file.file_name(language.code)
    shutil.copyfile(the_file(built_site, language), alone)
    context = browser.new_context(viewport=PHONE, is_mobile=True, color_scheme=scheme)
    page = context.new_page()
    page.goto(alone.as_uri(), wait_until="load")
    found = violations(page)
    context.close()
    assert found == []


# Page paths an editor may add (by `new-page` or by hand), next to pages that exist.
AWKWARD_PAGES = [
    "index.md", "home.md", "contents.md", "jsg-contents.md", "ordnance/index.md", "ordnance.md",
    "ordnance/shells.md", "ordnance-shells.md", "ordnance/shells/index.md", "www.jarablus-police.md",
    "www_2e_jarablus-police.md", "www/jarablus-police.md", "Report.md", "report.md", "a b.md",
    "a_20_b.md", "page:x.md", "page/x.md", "x:y.md", "x/y.md", "__drawer.md", "shells/what-to-do.md",
    "ordnance/shells:what-to-do.md", "تقرير.md",
]  # fmt: skip
IDS_IN_PAGES = ["what-to-do", "shells", "contents", "x:y", "page:x", "fn:1", "ماذا-تفعل", ""]
OWN_IDS = ["contents", "jsg-contents", "__drawer", "__search", "__toc", "jsg-print", "jsg-share-title"]


@pytest.mark.unit
def test_no_page_path_gives_an_id_of_another_page_or_of_the_gathering_page():
    """The ids of the guide on one page and of the print page (scripts/finish/gathered_ids.py):
    each page's section id, and each id inside a page, is different from every other."""
    sections = [gathered_ids.section_id(PurePosixPath(page)) for page in AWKWARD_PAGES]
    assert len(set(sections)) == len(AWKWARD_PAGES)
    inner = [gathered_ids.inner_id(section, ident) for section in sections for ident in IDS_IN_PAGES]
    assert len(set(inner)) == len(inner)
    every = [*sections, *inner, *OWN_IDS]
    assert len(set(every)) == len(every), [ident for ident, n in Counter(every).items() if n > 1]
    assert not any(char.isspace() for ident in sections for char in ident)


def gathered(site: Path, language) -> dict[str, Path]:
    return {
        "one file": site / single_file.site_path_of(language.code),
        "print": output_file(site, PRINT_PAGE, language),
    }


def test_pages_named_like_other_ids_get_sections_of_their_own(project_with_new_pages: Path):
    """`new-page contents`, `home` and `ordnance-shells` made the ids of the table of contents, the
    home page and ordnance/shells.md twice over; the table of contents then led to the wrong page.
    The site with those pages is built once for the run (tests/shared_builds.py, NEW_PAGES)."""
    added = ["contents", "home", "ordnance-shells"]
    site = project_with_new_pages / "site"
    for language, kind in itertools.product(languages(), ("one file", "print")):
        file = gathered(site, language)[kind]
        soup = parse(file)
        ids = Counter(element["id"] for element in soup.select("[id]"))
        assert [ident for ident, count in ids.items() if count > 1] == [], file
        contents = soup.select("nav.jsg-single__contents a, nav.jsg-whole-guide__contents a")
        titles = {}
        for link in contents:
            section = soup.find(id=link["href"][1:])
            assert section is not None and section.name == "section", link
            titles[section[gathered_ids.SOURCE]] = section.find(["h1", "h2"]).get_text(strip=True)
        for page in [*(f"{name}.md" for name in added), "ordnance/shells.md", "index.md", "contacts.md"]:
            built = parse(output_file(site, PurePosixPath(page), language)).select_one("article h1")
            assert titles[f"docs/{language.code}/{page}"] == built.get_text(strip=True), (kind, page)
        assert gathered_ids.problems(file.read_text(encoding="utf-8"), kind, "own") == []


@pytest.mark.parametrize(
    ("page", "added", "says"),
    [
        (
            "docs/en/children.md",
            "Keep away.\n{: #same }\n\nTell an adult.\n{: #same }\n",
            "site/downloads/jarablus-safety-guide-en.html: the id 'same' (here 'page:children:same') is "
            "there 2 times (from docs/en/children.md)",
        ),
        (
            "docs/en/print.md",
            "Read it in order.\n{: #page:children }\n",
            "site/en/print/index.html: the id 'page:children' is there 2 times (from docs/en/children.md, "
            "docs/en/print.md)",
        ),
    ],
    ids=["twice-in-one-page", "print-page-takes-a-chapters-id"],
)
def test_an_id_used_twice_on_a_gathering_page_stops_the_build(
    tmp_path: Path, page: str, added: str, says: str
):
    project = copy_project(tmp_path / "project")
    source = project / page
    source.write_text(source.read_text(encoding="utf-8") + "\n" + added, encoding="utf-8")
    previous = published_site(tmp_path / "site")
    before = digests(previous)
    result = run(project, "build", "--site-dir", str(previous))
    assert result.returncode != 0
    assert says in result.stderr
    assert "Traceback" not in result.stderr
    assert digests(previous) == before


def test_a_link_leading_nowhere_in_a_gathering_page_is_found(built_site: Path):
    """The content check and the engine stop a link to a missing heading in a page; this is the
    build's last look, for a link our rewriting would break: a real file, one section's id taken
    away, and the table of contents' link to it (and any other page's) leads nowhere."""
    english = next(language for language in languages() if language.code == "en")
    for kind, file in gathered(built_site, english).items():
        assert gathered_ids.problems(file.read_text(encoding="utf-8"), kind, "its own part") == []
        soup = parse(file)
        section = soup.find("section", attrs={gathered_ids.SOURCE: "docs/en/contacts.md"})
        ident = section["id"]
        del section["id"]
        found = gathered_ids.problems(str(soup), kind, "its own part")
        assert f"{kind}: the link '#{ident}' in its own part leads nowhere on this page" in "\n".join(found)
        assert all(f"the link '#{ident}' in " in line for line in found), found


def test_a_file_over_its_limit_stops_the_build_naming_its_biggest_picture(tmp_path: Path):
    """One photo under the per-image limit, on the children page in every language, made every
    file about 370 KB and the build passed."""
    project = copy_project(tmp_path / "project")
    noise = random.Random(1).randbytes(256 * 256 * 3)  # does not compress: about 193 KB as a PNG
    out = io.BytesIO()
    Image.frombytes("RGB", (256, 256), noise).save(out, "PNG")
    photo = project / "docs/assets/pictures/children-photo.png"
    photo.parent.mkdir(parents=True)
    photo.write_bytes(out.getvalue())
    assert single_file.MAX_BYTES / 2 < photo.stat().st_size < input_files.MAX_IMAGE_BYTES
    for language in languages():
        page = project / f"docs/{language.code}/children.md"
        page.write_text(
            page.read_text(encoding="utf-8") + "\n![Photo](../assets/pictures/children-photo.png)\n",
            encoding="utf-8",
        )
    previous = published_site(tmp_path / "site")
    before = digests(previous)
    result = run(project, "build", "--site-dir", str(previous))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert digests(previous) == before
    for language in languages():
        start = f"site/{single_file.site_path_of(language.code)}: the guide on one page in "
        line = next(line for line in result.stderr.splitlines() if line.startswith(start))
        size = int(re.search(r"\(([\d,]+) bytes\), more than its limit", line).group(1).replace(",", ""))
        assert size > single_file.MAX_BYTES
        assert f"its limit of {single_file.MAX_BYTES // 1024} KB ({single_file.MAX_BYTES:,} bytes)" in line
        kilobytes = round(photo.stat().st_size / 1024)
        biggest = f"Its biggest pictures: docs/assets/pictures/children-photo.png ({kilobytes} KB as a file"
        assert biggest in line and f"on docs/{language.code}/children.md)" in line
        assert "make the biggest picture smaller" in line
