"""Translation parity: every source page exists in every language, with the same structure.

Why: a translation that drops a heading, a pictogram or a contact block silently removes safety
advice for the readers of that language. Compared with the source page (English): the number of
section headings, the pictures in order, and the block markers ({{ steps }}, {{ contacts }}, …).
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from scripts.checks.rendered_page import RenderedPage, render
from scripts.problems import MISSING_TRANSLATION, Problem, display_path
from scripts.render.blocks import MARKER
from scripts.site_config import languages
from scripts.translation_status import source_language


def shape(page: RenderedPage) -> dict[str, object]:
    """What must match between a translation and its source."""
    return {
        "'##' headings": len(page.all("h2")),
        "'###' headings": len(page.all("h3")),
        "pictures": [PurePosixPath(img.attrs.get("src", "")).name for img in page.all("img")],
        "blocks": MARKER.findall(page.body),
    }


def check(docs_dir: Path, rendered: dict[Path, RenderedPage]) -> list[Problem]:
    """Missing translations and structural differences, for every page and language."""
    source = source_language()
    source_dir = docs_dir / source
    problems: list[Problem] = []
    for source_path in sorted(source_dir.rglob("*.md")):
        page = PurePosixPath(source_path.relative_to(source_dir).as_posix())
        expected = shape(rendered.get(source_path) or render(source_path))
        for language in languages():
            if language.code == source:
                continue
            translated = docs_dir / language.code / page
            where = display_path(translated)
            if not translated.exists():
                problems.append(
                    Problem(
                        where,
                        1,
                        f"the {language.name} translation of docs/{source}/{page} is missing",
                        f"copy docs/{source}/{page} to {where}, translate it, then run "
                        f"'python -m scripts stamp {where}'",
                        rule=MISSING_TRANSLATION,
                    )
                )
                continue
            actual = shape(rendered.get(translated) or render(translated))
            for what, value in expected.items():
                if actual[what] != value:
                    problems.append(
                        Problem(
                            where,
                            1,
                            f"{what} differ from docs/{source}/{page}: {actual[what]} here, {value} there",
                            "keep the same sections, pictures and {{ blocks }} as the source page",
                        )
                    )
    for language in languages():
        folder = docs_dir / language.code
        for extra in sorted(folder.rglob("*.md")):
            if not (source_dir / extra.relative_to(folder)).exists():
                problems.append(
                    Problem(
                        display_path(extra),
                        1,
                        f"this page has no source page docs/{source}/{extra.relative_to(folder).as_posix()}",
                        "add the English page first, or move this file to the right name",
                    )
                )
    return problems
