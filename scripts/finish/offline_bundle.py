"""Post-build step: one zip per language that works opened from a phone's or a laptop's files.

Why: many residents share files by Bluetooth or USB rather than by link. A zip of one language's
pages, pictograms, styles and leaflet PDFs opens from ``file://`` with no server. Pages are
rewritten for that: links name ``index.html`` (there is no server to find it), addresses in other
languages point to the website, search is hidden (it needs a server), and every page says when the
copy was made and where to check for newer numbers. Entries are sorted and dated from
SOURCE_DATE_EPOCH, so a rebuild gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import re
import zipfile
from concurrent.futures import ProcessPoolExecutor
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

from scripts import interface_text
from scripts.dates import format_date
from scripts.finish import leaflet_pdfs
from scripts.pages import output_file, source_pages, url_path
from scripts.parallel import workers
from scripts.render import qr
from scripts.site_config import Language, languages, load

FOLDER = "downloads"
SKIPPED_SUFFIXES = {".br", ".gz", ".map"}
ATTRIBUTE = re.compile(r"""\b(href|src)=("[^"]*"|'[^']*'|[^\s>"']+)""")
CSP_META = re.compile(r"<meta http-equiv=Content-Security-Policy [^>]*>")
ARTICLE = re.compile(r"(<article\b[^>]*>)")


def file_name(language: str) -> str:
    return f"jarablus-safety-guide-{language}.zip"


def site_path_of(language: str) -> str:
    """Where a language's zip is in the site, from the site root."""
    return f"{FOLDER}/{file_name(language)}"


def in_copy(relative: str, language: Language) -> bool:
    """Whether a site-relative path is in this language's copy (its pages, or the shared assets)."""
    if relative.startswith("assets/"):
        return True
    if language.prefix:
        return relative.startswith(language.prefix)
    others = tuple(other.prefix for other in languages() if other.prefix)
    return not relative.startswith(others) and (relative == "" or relative.endswith("/"))


def link_for_files(value: str, page_dir: str, language: Language, site_url: str) -> str:
    """One href/src value, made to work from files: directory links get index.html; root-absolute
    links stay inside the copy when they are in its language, and go to the website otherwise."""
    if value.startswith(("http://", "https://", "data:", "mailto:", "tel:", "#")):
        return value
    path, hash_mark, fragment = value.partition("#")
    if path.startswith("/"):
        root = urlsplit(site_url).path or "/"
        relative = path.removeprefix(root) if path.startswith(root) else path.lstrip("/")
        if not in_copy(relative, language):
            return site_url + relative + hash_mark + fragment
        path = posixpath.relpath(relative or ".", page_dir or ".")
        if relative == "" or relative.endswith("/"):
            path += "/"
    elif path and posixpath.normpath(posixpath.join(page_dir or ".", path)).startswith(FOLDER + "/"):
        # The downloads (this zip, the guide on one page) are not inside the copy: the website's.
        return site_url + posixpath.normpath(posixpath.join(page_dir or ".", path)) + hash_mark + fragment
    if path == "" and hash_mark:
        return value
    if path in ("", ".", "..") or path.endswith("/"):
        path = "index.html" if path in ("", ".", "./") else path.rstrip("/") + "/index.html"
    return path + hash_mark + fragment


def page_for_files(html: str, page_dir: str, language: Language, site_url: str, notice: str) -> str:
    html = CSP_META.sub("", html)

    def rewrite(found: re.Match[str]) -> str:
        value = link_for_files(found.group(2).strip("\"'"), page_dir, language, site_url)
        return f'{found.group(1)}="{escape(value)}"'

    html = ATTRIBUTE.sub(rewrite, html)
    html = html.replace("<html ", "<html data-jsg-bundle ", 1)
    return ARTICLE.sub(lambda found: found.group(1) + notice, html, count=1)


def notice(language: str, made: dt.date, home: str) -> str:
    text = escape(interface_text.text("bundle.notice", language)).format(
        date=escape(format_date(made, language)),
        url=f'<a href="{escape(home)}" dir="ltr">{escape(qr.short_url(home))}</a>',
    )
    return f'<div class="admonition warning jsg-bundle-notice" data-pagefind-ignore><p>{text}</p></div>'


def entries(site_dir: Path, language: Language, epoch: int, site_url: str) -> dict[str, bytes]:
    top = f"jarablus-safety-guide-{language.code}/"
    made = dt.datetime.fromtimestamp(epoch, tz=dt.UTC).date()
    home = site_url + language.prefix
    said = notice(language.code, made, home)
    files: dict[str, bytes] = {}
    for page in source_pages(language):
        address = url_path(page, language)
        html = output_file(site_dir, page, language).read_text(encoding="utf-8")
        rewritten = page_for_files(html, address.rstrip("/"), language, site_url, said)
        files[top + address + "index.html"] = rewritten.encode("utf-8")
    for path in sorted((site_dir / "assets").rglob("*")):
        if path.is_file() and path.suffix not in SKIPPED_SUFFIXES:
            files[top + path.relative_to(site_dir).as_posix()] = path.read_bytes()
    for job in leaflet_pdfs.jobs():
        if job.language == language:
            pdf = job.pdf_file(site_dir)
            files[top + pdf.relative_to(site_dir).as_posix()] = pdf.read_bytes()
    if language.prefix:
        start = (
            f'<!doctype html><html lang="{language.code}" dir="{language.direction}"><meta charset="utf-8">'
            f'<meta http-equiv="refresh" content="0; url={language.prefix}index.html">'
            f"<title>{escape(interface_text.text('app.short_name', language.code))}</title>"
            f'<a href="{language.prefix}index.html">{escape(language.name)}</a></html>\n'
        )
        files[top + "index.html"] = start.encode("utf-8")
    return files


def write_zip(target: Path, files: dict[str, bytes], epoch: int) -> None:
    moment = dt.datetime.fromtimestamp(max(epoch, 315532800), tz=dt.UTC)  # zip dates start in 1980
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=moment.timetuple()[:6])
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, files[name], compresslevel=6)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(buffer.getvalue())


def write_language(site_dir: Path, language: Language, epoch: int, site_url: str) -> Path:
    target = site_dir / site_path_of(language.code)
    write_zip(target, entries(site_dir, language, epoch, site_url), epoch)
    return target


def write(site_dir: Path, epoch: int) -> list[Path]:
    """One zip per language, the languages shared among the processor cores (on a big site each
    zip holds thousands of rewritten pages)."""
    site_url = load()["site_url"]
    every = languages()
    count = len(every)
    with ProcessPoolExecutor(max_workers=min(workers(), count)) as pool:
        return list(pool.map(write_language, [site_dir] * count, every, [epoch] * count, [site_url] * count))
