"""Benchmark: our site against a plain Material + mkdocs-static-i18n build of the same docs/, and
against a bare HTML page of the same text (the floor), with Lighthouse's mobile profile.

Why a script and not a timed test: speed depends on the machine; targets are read from printed
figures (README, "Benchmark"). Run: ``make benchmark`` (needs Node.js and npm, and Chromium).
Lighthouse is installed, pinned, into .benchmark/ on first use.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

from scripts import build, chromium, engine
from scripts.dev import rebuild_times
from scripts.serve.static_server import running
from scripts.site_config import ROOT, i18n_languages, languages, load

WORK = ROOT / ".benchmark"
LIGHTHOUSE_VERSION = "12.8.2"
CHROME = os.environ.get("CHROME_PATH") or chromium.find() or "/usr/bin/chromium"
CHROME_FLAGS = " ".join(["--headless=new", *chromium.ARGS])
PAGES = {"home": "", "guide": "report/", "contacts": "contacts/"}
RUNS = int(os.environ.get("JSG_BENCHMARK_RUNS", "3"))  # per page and side; the median is printed
ARTICLE = re.compile(r"<article[^>]*>(.*?)</article>", re.DOTALL)


def lighthouse() -> Path:
    """The pinned Lighthouse CLI, installed into .benchmark/ if missing."""
    binary = WORK / "node_modules/.bin/lighthouse"
    if not binary.exists():
        WORK.mkdir(exist_ok=True)
        subprocess.run(
            [
                "npm",
                "install",
                "--prefix",
                str(WORK),
                "--no-audit",
                "--no-fund",
                f"lighthouse@{LIGHTHOUSE_VERSION}",
            ],
            check=True,
        )
    return binary


def reference_config(
    docs_dir: Path = ROOT / "docs", nav: list | None = None, name: str = "reference"
) -> Path:
    """mkdocs.yml for the reference: same docs, languages and extensions; no hooks and no overrides
    except our Kurmanji theme strings, without which Material cannot build a `ku` page at all.
    ``nav``: the same menu as ours where it matters (the scaling run); Material's own otherwise."""
    strings = WORK / "reference-overrides/partials/languages"
    strings.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "overrides/partials/languages/ku.html", strings / "ku.html")
    ours = load()
    extensions = [
        entry for entry in ours["markdown_extensions"] if entry != "toc" and not isinstance(entry, dict)
    ]
    config = {
        "site_name": ours["site_name"],
        "site_url": "http://127.0.0.1:8000/",
        "docs_dir": str(docs_dir),
        "theme": {"name": "material", "language": "ar", "custom_dir": str(WORK / "reference-overrides")},
        "plugins": ["search", {"i18n": {"docs_structure": "folder", "languages": i18n_languages(ours)}}],
        "markdown_extensions": [*extensions, "toc"],
    }
    if nav is not None:
        config["nav"] = nav
    path = WORK / f"{name}.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def build_reference() -> tuple[Path, float]:
    site = WORK / "reference"
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            engine.CLI_MODULE,
            "build",
            "-q",
            "-f",
            str(reference_config()),
            "-d",
            str(site),
        ],
        check=True,
        env=build.mkdocs_env(),
    )
    return site, time.perf_counter() - started


def build_ours() -> tuple[Path, float]:
    site = WORK / "ours"
    started = time.perf_counter()
    if build.build(site_dir=site) != 0:
        raise SystemExit("our build failed")
    return site, time.perf_counter() - started


def build_bare(ours: Path) -> Path:
    """Bare HTML pages with the same text as ours: no CSS, no script, no pictures."""
    bare = WORK / "bare"
    shutil.rmtree(bare, ignore_errors=True)
    for prefix in (language.prefix for language in languages()):
        for page in PAGES.values():
            html = (ours / prefix / page / "index.html").read_text(encoding="utf-8")
            article = re.sub(r"<img[^>]*>", "", ARTICLE.search(html).group(1))
            head = re.search(r"<html[^>]*>", html).group(0)
            target = bare / prefix / page / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(
                f'<!doctype html>{head}<meta charset="utf-8">'
                '<meta name="viewport" content="width=device-width,initial-scale=1">'
                f"<title>Bare</title><main>{article}</main></html>",
                encoding="utf-8",
            )
    return bare


def measure(url: str, runs: int = RUNS) -> dict[str, float]:
    """The median of ``runs`` Lighthouse runs (by LCP): one run's simulated LCP varies by about
    20 % here, and Lighthouse's own advice is to take the median of several."""
    runs = sorted((measure_once(url) for _ in range(runs)), key=lambda row: row["lcp_ms"])
    return runs[len(runs) // 2]


def measure_once(url: str) -> dict[str, float]:
    """One Lighthouse run (mobile preset, simulated slow 4G): the figures the targets are about.
    A run that fails to record (Lighthouse's NO_NAVSTART, now and then) is run again, up to twice."""
    output = WORK / "lighthouse.json"
    for attempt in range(3):
        result = subprocess.run(
            [
                str(lighthouse()),
                url,
                "--quiet",
                "--only-categories=performance,accessibility",
                "--output=json",
                f"--output-path={output}",
                f"--chrome-flags={CHROME_FLAGS}",
            ],
            check=attempt == 2,
            env={**os.environ, "CHROME_PATH": CHROME},
        )
        if result.returncode == 0:
            break
    report = json.loads(output.read_text(encoding="utf-8"))
    audits = report["audits"]
    requests = audits["network-requests"]["details"]["items"]
    own_host = url.split("/")[2]
    return {
        "score": round(report["categories"]["performance"]["score"] * 100),
        "a11y": round(report["categories"]["accessibility"]["score"] * 100),
        "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
        "bytes": round(audits["total-byte-weight"]["numericValue"]),
        "requests": len(requests),
        "other_hosts": sum(
            1 for item in requests if item["url"].startswith("http") and own_host not in item["url"]
        ),
    }


# Targets (issue 23) on every measured page: README "Benchmark" and docs-dev/benchmarks.md.
LCP_OVER_BARE = 1.15  # our LCP at most this times the bare page's
PERFORMANCE = 100
FIRST_VIEW_BYTES = 25_000  # 25 KB, in Lighthouse's count of bytes transferred
OTHER_HOSTS = 0


def misses(row: dict[str, float], bare: dict[str, float]) -> list[str]:
    """The targets one page of ours misses, each with the measured gap."""
    found = []
    if row["lcp_ms"] > LCP_OVER_BARE * bare["lcp_ms"]:
        found.append(f"LCP {row['lcp_ms'] / bare['lcp_ms']:.2f}x bare (target <= {LCP_OVER_BARE})")
    if row["score"] < PERFORMANCE:
        found.append(f"Performance {row['score']} (target {PERFORMANCE})")
    if row["bytes"] > FIRST_VIEW_BYTES:
        found.append(f"{row['bytes'] / 1000:.1f} KB (target <= {FIRST_VIEW_BYTES / 1000:.0f} KB)")
    if row["other_hosts"] > OTHER_HOSTS:
        found.append(f"{row['other_hosts']} request(s) to another host")
    return found


def build_times(runs: int = 3) -> int:
    """Issue 23's build targets: our build against the plain one, each ``runs`` times, one after
    the other, with the caches as they are (run `make build` once before, for warm caches); then
    the wait after a one-word change, in the preview and in the full build (rebuild_times.py)."""
    WORK.mkdir(exist_ok=True)
    ours, plain = [], []
    for _ in range(runs):
        ours.append(build_ours()[1])
        plain.append(build_reference()[1])
    ratio = statistics.median(ours) / statistics.median(plain)
    listed = {
        name: ", ".join(f"{seconds:.1f}" for seconds in times)
        for name, times in (("ours", ours), ("plain", plain))
    }
    print(
        f"Build time: ours {listed['ours']} s; plain {listed['plain']} s; medians {ratio:.2f}x (target <= 2x)"
    )
    return rebuild_times.main()


def main() -> int:
    WORK.mkdir(exist_ok=True)
    lighthouse()
    ours, ours_seconds = build_ours()
    reference, reference_seconds = build_reference()
    bare = build_bare(ours)
    print(
        f"Build time: ours {ours_seconds:.1f} s, reference {reference_seconds:.1f} s "
        f"({ours_seconds / reference_seconds:.2f}x; PDF and QR caches as they were)"
    )
    header = f"{'page':<10}{'lang':<6}{'side':<11}{'perf':>5}{'a11y':>5}{'LCP ms':>8}{'bytes':>9}{'reqs':>6}"
    header += f"{'other hosts':>13}"
    print(header)
    print("-" * len(header))
    missed: dict[str, list[str]] = {}
    with (
        running(ours) as (ours_url, _),
        running(reference) as (reference_url, _),
        running(bare) as (bare_url, _),
    ):
        for language, prefix in ((item.code, item.prefix) for item in languages()):
            for name, page in PAGES.items():
                rows = {
                    "ours": measure(ours_url + prefix + page),
                    "reference": measure(reference_url + prefix + page),
                    "bare": measure(bare_url + prefix + page, runs=1),  # no CSS, no script: steady
                }
                for side, row in rows.items():
                    print(
                        f"{name:<10}{language:<6}{side:<11}{row['score']:>5}{row['a11y']:>5}{row['lcp_ms']:>8}"
                        f"{row['bytes']:>9}{row['requests']:>6}{row['other_hosts']:>13}"
                    )
                lcp = rows["ours"]["lcp_ms"] / rows["reference"]["lcp_ms"]
                floor = rows["ours"]["lcp_ms"] / rows["bare"]["lcp_ms"]
                weight = rows["ours"]["bytes"] / rows["reference"]["bytes"]
                print(
                    f"{'':<16}ratios: LCP ours/bare {floor:.2f} (target <= {LCP_OVER_BARE}), "
                    f"ours/reference {lcp:.2f}; bytes {rows['ours']['bytes'] / 1000:.1f} KB "
                    f"(target <= {FIRST_VIEW_BYTES / 1000:.0f} KB), ours/reference {weight:.2f}"
                )
                if found := misses(rows["ours"], rows["bare"]):
                    missed[f"{name} {language}"] = found
    pages = len(languages()) * len(PAGES)
    print(f"Targets met on {pages - len(missed)} of {pages} pages.")
    for page, found in missed.items():
        print(f"  {page}: " + "; ".join(found))
    return 0
