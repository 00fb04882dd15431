"""Scaling run: a generated site of 1,000 pages in each of the four languages, built by our build and
by the plain Material + mkdocs-static-i18n reference; prints build times and search index sizes.

Why: the guide will grow. This shows whether our build (hooks, content check, Pagefind, minifying,
compressing, PDFs, offline copies) stays close to the plain theme's as it does (target: within
1.2x), and what a reader's search download costs per language. Pages are made from our real pages'
text (links and pictures taken out, so every generated page is valid), numbered to be distinct.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

from scripts import build, engine
from scripts.dev import benchmark
from scripts.dev.project_copy import copy_project
from scripts.pages import docs_folder, source_pages
from scripts.site_config import ROOT, languages, load
from scripts.translation_status import source_hash, source_language, split

WORK = benchmark.WORK / "scaling"
PAGES_PER_LANGUAGE = int(os.environ.get("JSG_SCALING_PAGES", "1000"))
LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)(\{[^}]*\})?")
BLOCK = re.compile(r"^\{\{[^}]*\}\}\s*$", re.MULTILINE)


def plain_body(body: str) -> str:
    """A page body with no links, pictures or blocks: text that is valid anywhere."""
    return BLOCK.sub("", LINK.sub(lambda found: found.group(1), body))


def generate(project: Path) -> list[str]:
    """Write the generated pages into the copied project; return their paths for the menu."""
    real = [page for page in source_pages(languages()[0]) if page.parts[0] != "leaflets"]
    count = PAGES_PER_LANGUAGE - len(source_pages(languages()[0]))
    source_code = source_language()
    ordered = sorted(languages(), key=lambda language: language.code != source_code)
    names = []
    for number in range(1, count + 1):
        template = real[number % len(real)]
        name = f"generated/page-{number:04d}.md"
        names.append(name)
        for language in ordered:
            meta, body = split((docs_folder() / language.code / template).read_text(encoding="utf-8"))
            front = {
                "title": f"{meta['title']} ({number})",
                "description": meta["description"],
                "last_reviewed": meta["last_reviewed"],
            }
            target = project / "docs" / language.code / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if language.code != source_code:
                front["translation"] = {
                    "from": source_code,
                    "reviewed": False,
                    "source_hash": source_hash(project / "docs" / source_code / name),
                }
            heading = f"# {front['title']}\n"
            text = re.sub(r"^# .*\n", heading, plain_body(body), count=1, flags=re.MULTILINE)
            target.write_text("---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n" + text, "utf-8")
    return names


def make_project() -> tuple[Path, list]:
    project = WORK / "project"
    shutil.rmtree(WORK, ignore_errors=True)
    copy_project(project)
    names = generate(project)
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    menu = "  - Generated:\n" + "".join(f"      - {name}\n" for name in names)
    config = config.replace("  - about.md\n", "  - about.md\n" + menu)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    nav = [*load()["nav"], {"Generated": names}]
    return project, nav


# What our build says about where its time went: MkDocs' own time, then each step after it.
STEP_TIMES = re.compile(
    r"^(?:INFO\s+-\s+)?(Documentation built in .*|After MkDocs: .*|Leaflet PDFs: .*)$", re.MULTILINE
)


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr[-3000:]}")
    for line in STEP_TIMES.findall(result.stdout + result.stderr):
        print(f"    {line}")
    return time.perf_counter() - started


def size(paths: list[Path]) -> tuple[int, int]:
    """(bytes, gzip bytes) of some files together."""
    raw = sum(path.stat().st_size for path in paths)
    packed = sum(len(gzip.compress(path.read_bytes(), 9)) for path in paths)
    return raw, packed


def main() -> int:
    project, nav = make_project()
    pages = sum(1 for _ in (project / "docs").rglob("*.md"))
    print(f"Generated {pages} pages ({PAGES_PER_LANGUAGE} per language) in {project}")
    env = {**build.mkdocs_env(), build.leaflet_pdfs.CACHE_ENV: str(WORK / "pdf-cache")}
    ours = WORK / "site-ours"
    command = [sys.executable, "-m", "scripts", "build", "--site-dir", str(ours)]
    cold = timed(command, project, env)
    warm = timed(command, project, env)
    reference = WORK / "site-reference"
    config = benchmark.reference_config(project / "docs", nav, name="scaling-reference")
    reference_seconds = timed(
        [sys.executable, "-m", engine.CLI_MODULE, "build", "-q", "-f", str(config), "-d", str(reference)],
        ROOT,
        env,
    )
    print(f"\nBuild time (4 x {PAGES_PER_LANGUAGE} pages):")
    print(f"  reference (Material + static-i18n, lunr search): {reference_seconds:7.1f} s")
    print(
        f"  ours, first build (PDFs printed):                {cold:7.1f} s  ({cold / reference_seconds:.2f}x)"
    )
    print(
        f"  ours, again (PDFs unchanged):                    {warm:7.1f} s  ({warm / reference_seconds:.2f}x)"
    )
    print("\nSearch index per language (what a reader's browser may download):")
    lunr = size([reference / "search" / "search_index.json"])
    print(f"  reference: one index, all languages, every first view: {lunr[0]:,} B ({lunr[1]:,} B gzip)")
    for language in languages():
        files = [
            path
            for path in (ours / "pagefind").rglob("*")
            if path.is_file()
            and path.suffix in {".pf_index", ".pf_meta"}
            and f"{language.code}_" in path.name
        ]
        raw, packed = size(files)
        print(
            f"  ours, {language.code}: {raw:,} B ({packed:,} B gzip), {len(files)} files, only when searching"
        )
    print(
        f"\nSite size: ours {du(ours):,} B, reference {du(reference):,} B (ours: .br/.gz twins, PDFs, zips)"
    )
    return 0


def du(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


if __name__ == "__main__":
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    raise SystemExit(main())
