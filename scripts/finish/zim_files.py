"""Post-build step: one ZIM file per language, for Kiwix readers.

Why: Kiwix (on phones and computers, and kiwix-serve on a local network) reads ZIM files with no
internet, and lists each one in its library by title, language and picture. A ZIM file is one file
to pass on, like the offline zip (scripts/finish/offline_bundle.py), and it holds the same copy
(``offline_bundle.copy_files``): every page of the language, links made relative (Kiwix serves a
book under a path of its own: kiwix-serve 3.3 at ``/<book>/``, later ones at ``/content/<book>/``),
links to other languages and to the downloads pointing to the website, the pictograms, styles and
icons, the leaflet PDFs, and on every page when the copy was made. Unlike the zip's pages, these have
no script file of ours: it would register the website's service worker and run search, and Kiwix
has its own search. Each page carries ``security_headers.reader_policy`` (no worker, no other host).

Metadata, as openZIM's conventions ask (https://wiki.openzim.org/wiki/Metadata): Name
``jarablus-safety-guide_<lang>_all`` (``{project}_{language}_{selection}``), Title (the site's
name in the language), Description (the home page's title) and LongDescription (its
description), Language (ISO 639-3: ara, kmr, tur, eng; scripts/site_config.py), Creator and
Publisher (the site's name in mkdocs.yml), Date (SOURCE_DATE_EPOCH), Tags, Source (the website
in that language), Scraper, and the 48x48 PNG illustration drawn from our icon
(scripts/finish/icon_png.py). The home page is the main page. The file is named by its Name,
without the month the convention adds: its address stays the same from one release to the next.

Full-text indexing is off: Kiwix still suggests pages by title (libzim's title index), and a guide
of two dozen pages a language needs no more. Reproducible: entries go in sorted, and
scripts/finish/zim_format.py sets the identifiers libzim draws from the clock and adds what older
readers need. Two builds of one commit give identical bytes (tests/test_reproducible.py).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import os
import re
import sys
import tempfile
import unicodedata
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from importlib import metadata as package_metadata
from pathlib import Path, PurePosixPath

from libzim.writer import Creator, Hint, Item, StringProvider

from scripts.finish import icon_png, offline, offline_bundle, security_headers, zim_format
from scripts.parallel import workers
from scripts.problems import BuildStopped
from scripts.site_config import Language, languages, load

MIMETYPES = {
    ".html": "text/html",
    ".css": "text/css",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".pdf": "application/pdf",
}
COMPRESSED = {".html", ".css", ".svg"}
TAGS = "safety;_category:other;_ftindex:no;_pictures:yes;_videos:no;_details:yes"
# openZIM's limits (https://wiki.openzim.org/wiki/Metadata), in characters a reader sees.
LIMITS = {"Title": 30, "Description": 80, "LongDescription": 4000}
TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)
DESCRIPTION = re.compile(r"""<meta content=("[^"]*"|[^\s>]+) name=description>""")


def name(language: str) -> str:
    """The book's Name metadata (openZIM: ``{project}_{language}_{selection}``)."""
    return f"jarablus-safety-guide_{language}_all"


def site_path_of(language: str) -> str:
    """Where a language's ZIM file is in the site, from the site root."""
    return f"{offline_bundle.FOLDER}/{name(language)}.zim"


def visible_length(text: str) -> int:
    """Characters a reader sees: Arabic vowel marks and other combining marks do not count."""
    return sum(1 for character in unicodedata.normalize("NFC", text) if not unicodedata.combining(character))


def page_title(page: str, site_name: str) -> str:
    """A page's title as the site prints it, without the site's name after it."""
    found = TITLE.search(page)
    title = html.unescape(found.group(1)).strip() if found else ""
    return title.removesuffix(f" - {site_name}").strip()


def book_metadata(home: str, language: Language, epoch: int, site_url: str) -> dict[str, str]:
    """The book's metadata, from mkdocs.yml and the language's home page (``home``, its HTML).
    Raises BuildStopped, naming the file to shorten, when a text is longer than openZIM allows."""
    site_name = offline.site_names()[language.code]
    described = DESCRIPTION.search(home)
    version = package_metadata.version("libzim")
    values = {
        "Name": name(language.code),
        "Title": site_name,
        "Description": page_title(home, site_name),
        "LongDescription": html.unescape(described.group(1).strip('"')) if described else "",
        "Language": language.iso_639_3,
        "Creator": load()["site_name"],
        "Publisher": load()["site_name"],
        "Date": dt.datetime.fromtimestamp(epoch, tz=dt.UTC).date().isoformat(),
        "Tags": TAGS,
        "Source": site_url + language.prefix,
        "Scraper": f"Jarablus Safety Guide build (scripts/finish/zim_files.py, python-libzim {version})",
    }
    sources = {
        "Title": "mkdocs.yml (site_name)",
        "Description": f"docs/{language.code}/index.md (title)",
        "LongDescription": f"docs/{language.code}/index.md (description)",
    }
    problems = [
        f"{sources[key]}: the ZIM file's {key} in {language.code} has {visible_length(values[key])} "
        f"characters; Kiwix shows at most {limit} — shorten it"
        for key, limit in LIMITS.items()
        if visible_length(values[key]) > limit
    ]
    problems += [f"the ZIM file's {key} in {language.code} is empty" for key in LIMITS if not values[key]]
    if problems:
        raise BuildStopped("\n".join(problems))
    return values


class Entry(Item):
    """One file of the book: its path, type, bytes and (for a page) title."""

    def __init__(self, path: str, data: bytes, title: str) -> None:
        super().__init__()
        suffix = PurePosixPath(path).suffix
        if suffix not in MIMETYPES:
            raise BuildStopped(f"{path}: the ZIM files hold no files of this kind ({', '.join(MIMETYPES)})")
        self.path, self.data, self.title, self.suffix = path, data, title, suffix

    def get_path(self) -> str:
        return self.path

    def get_title(self) -> str:
        return self.title

    def get_mimetype(self) -> str:
        return MIMETYPES[self.suffix]

    def get_contentprovider(self) -> StringProvider:
        return StringProvider(self.data)

    def get_hints(self) -> dict[Hint, int]:
        return {
            Hint.FRONT_ARTICLE: int(self.suffix == ".html"),
            Hint.COMPRESS: int(self.suffix in COMPRESSED),
        }


@contextlib.contextmanager
def quiet_stdout() -> Iterator[None]:
    """libzim prints its steps ("Detect dangling redirects", "ZIM file is ready!") to standard output
    whatever its verbosity; the build's output stays our own. Used in the worker processes only."""
    sys.stdout.flush()
    saved = os.dup(1)
    with Path(os.devnull).open("wb") as null:
        os.dup2(null.fileno(), 1)
    try:
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def write_language(
    site_dir: Path, language: Language, epoch: int, site_url: str, policy: str, illustration: bytes
) -> Path:
    """One language's ZIM file, written by libzim into a scratch folder, then finished
    (scripts/finish/zim_format.py) into site/downloads/."""
    files = offline_bundle.copy_files(site_dir, language, epoch, site_url, policy=policy, scripts=False)
    main = language.prefix + "index.html"
    site_name = offline.site_names()[language.code]
    values = book_metadata(files[main].decode("utf-8"), language, epoch, site_url)
    target = site_dir / site_path_of(language.code)
    with tempfile.TemporaryDirectory(prefix="jsg-zim-") as scratch:
        written = Path(scratch) / target.name
        creator = Creator(written).config_verbose(False).config_nbworkers(1)
        creator.config_indexing(False, language.iso_639_3)
        with quiet_stdout(), creator:
            creator.set_mainpath(main)
            for path, data in files.items():
                title = page_title(data.decode("utf-8"), site_name) if path.endswith(".html") else ""
                creator.add_item(Entry(path, data, title))
            for key, value in values.items():
                creator.add_metadata(key, value)
            creator.add_illustration(48, illustration)
        try:
            finished = zim_format.finish(written.read_bytes())
        except zim_format.ZimFormatError as error:
            raise BuildStopped(
                f"{target.name}: libzim wrote a file this build cannot finish ({error}); "
                "check scripts/finish/zim_format.py against the libzim in requirements.txt"
            ) from None
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(finished)
    return target


def write(site_dir: Path, epoch: int, icon: str, hashes: list[str]) -> list[Path]:
    """One ZIM file per language, the languages shared among the processor cores. ``icon`` is the
    site path of the fingerprinted icon SVG; ``hashes`` are the listed inline scripts' hashes."""
    illustration = icon_png.png((site_dir / icon).read_bytes(), 48)
    policy = security_headers.reader_policy(hashes)
    site_url = load()["site_url"]
    every = languages()
    for language in every:
        try:
            language.iso_639_3  # noqa: B018 - a missing code stops the build here, in one line
        except KeyError as error:
            raise BuildStopped(str(error.args[0])) from None
    count = len(every)
    arguments = ([site_dir] * count, every, [epoch] * count, [site_url] * count)
    with ProcessPoolExecutor(max_workers=min(workers(), count)) as pool:
        return list(pool.map(write_language, *arguments, [policy] * count, [illustration] * count))
