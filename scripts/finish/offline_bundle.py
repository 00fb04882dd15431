"""Post-build step: one zip per language that works opened from a phone's or a laptop's files.

Why: many residents share files by Bluetooth or USB rather than by link. A zip of one language's
pages, pictograms, styles and leaflet PDFs opens from ``file://`` with no server. Pages are
rewritten for that (``copy_files``, which the ZIM files for Kiwix share): links name ``index.html``
(there is no server to find it), links to anything not in the copy (other languages, the
downloads) point to the website, search is hidden (it needs a server), and every page says when
the copy was made and where to check for newer numbers. Entries are sorted and dated from
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
from scripts.finish.offline import SERVICE_WORKER_SOURCE
from scripts.pages import output_file, source_pages, url_path
from scripts.parallel import workers
from scripts.render import qr
from scripts.site_config import Language, languages, load

FOLDER = "downloads"
SKIPPED_SUFFIXES = {".br", ".gz", ".map"}
ATTRIBUTE = re.compile(r"""\b(href|src)=("[^"]*"|'[^']*'|[^\s>"']+)""")
CSP_META = re.compile(r"<meta http-equiv=Content-Security-Policy [^>]*>")
MANIFEST_LINK = re.compile(r"""<link\b[^>]*\brel=(?:manifest|"manifest")(?=[\s>/])[^>]*>""")
SCRIPT_FILE = re.compile(r"<script\b[^>]*\bsrc=[^>]*>\s*</script>")
ARTICLE = re.compile(r"(<article\b[^>]*>)")


def file_name(language: str) -> str:
    return f"jarablus-safety-guide-{language}.zip"


def site_path_of(language: str) -> str:
    """Where a language's zip is in the site, from the site root."""
    return f"{FOLDER}/{file_name(language)}"


def link_for_files(value: str, page_dir: str, site_url: str, contained: frozenset[str]) -> str:
    """One href/src value of a page at ``page_dir``, made to work in a copy that holds the files
    ``contained`` (site-relative paths): a link to a file or page of the copy becomes relative, and
    names ``index.html`` (there is no server to find it); a link to anything else (another
    language, the downloads) goes to the website. Relative and root-absolute links alike: the
    theme writes the language switcher's links as relative ones."""
    if not value or value.startswith(("http://", "https://", "data:", "mailto:", "tel:", "#")):
        return value
    path, hash_mark, fragment = value.partition("#")
    if path.startswith("/"):
        root = urlsplit(site_url).path or "/"
        target = path.removeprefix(root) if path.startswith(root) else path.lstrip("/")
    else:
        target = posixpath.normpath(posixpath.join(page_dir, path))
        if target.startswith("../"):
            return value  # above the site: the output policy and zimcheck report it
        folder = path.endswith("/") or posixpath.basename(path) in (".", "..")
        target = "" if target == "." else target + ("/" if folder else "")
    file = target + "index.html" if target == "" or target.endswith("/") else target
    if file not in contained:
        return site_url + target + hash_mark + fragment
    return posixpath.relpath(file, page_dir or ".") + hash_mark + fragment


def page_for_files(
    html: str,
    page_dir: str,
    site_url: str,
    notice: str,
    contained: frozenset[str],
    policy: str = "",
    scripts: bool = True,
) -> str:
    """A published page rewritten for a copy: its security policy replaced by ``policy`` (none
    from files: a file:// page has no origin for 'self'), no link to the website's manifest (a
    copy cannot be installed), without ``scripts`` no script file, links as ``link_for_files``
    makes them, marked ``data-jsg-bundle`` (its search is hidden) and with ``notice`` on top."""
    html = CSP_META.sub(lambda _: policy, html)
    html = MANIFEST_LINK.sub("", html)
    if not scripts:
        html = SCRIPT_FILE.sub("", html)

    def rewrite(found: re.Match[str]) -> str:
        value = link_for_files(found.group(2).strip("\"'"), page_dir, site_url, contained)
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


def copy_files(
    site_dir: Path, language: Language, epoch: int, site_url: str, policy: str = "", scripts: bool = True
) -> dict[str, bytes]:
    """Site-relative path -> bytes of every file of one language's offline copy: its pages rewritten
    by ``page_for_files``, the shared assets (pictograms, styles, icons; without ``scripts``, no
    script), and its leaflet PDFs. The zips and the ZIM files (scripts/finish/zim_files.py) hold these."""
    files: dict[str, bytes] = {}
    for path in sorted((site_dir / "assets").rglob("*")):
        relative = path.relative_to(site_dir).as_posix()
        # The service worker's source is moved to the site's root after the copies are made
        # (scripts/finish/offline.py), and no worker runs from a file: it was dead weight in them.
        if relative == SERVICE_WORKER_SOURCE or not path.is_file() or path.suffix in SKIPPED_SUFFIXES:
            continue
        if scripts or path.suffix != ".js":
            files[relative] = path.read_bytes()
    for job in leaflet_pdfs.jobs():
        if job.language == language:
            pdf = job.pdf_file(site_dir)
            files[pdf.relative_to(site_dir).as_posix()] = pdf.read_bytes()
    addresses = {page: url_path(page, language) for page in source_pages(language)}
    contained = frozenset(files) | {address + "index.html" for address in addresses.values()}
    made = dt.datetime.fromtimestamp(epoch, tz=dt.UTC).date()
    said = notice(language.code, made, site_url + language.prefix)
    for page, address in addresses.items():
        html = output_file(site_dir, page, language).read_text(encoding="utf-8")
        rewritten = page_for_files(html, address.rstrip("/"), site_url, said, contained, policy, scripts)
        files[address + "index.html"] = rewritten.encode("utf-8")
    return dict(sorted(files.items()))


def entries(site_dir: Path, language: Language, epoch: int, site_url: str) -> dict[str, bytes]:
    """The zip's files: the copy in one folder, with a start page at its top where the language's
    pages are in a folder of their own."""
    top = f"jarablus-safety-guide-{language.code}/"
    files = {top + name: data for name, data in copy_files(site_dir, language, epoch, site_url).items()}
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
