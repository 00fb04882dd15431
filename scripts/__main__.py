"""One command-line entry with subcommands: ``python -m scripts <command>``; ``--help`` lists them."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import subprocess
import sys
from pathlib import Path

from scripts import (
    build,
    engine,
    github_report,
    new_page,
    pr_report,
    project,
    screenshots,
    site_config,
    starters,
    translation_page,
    translation_status,
)
from scripts.checks import content_check, glossary, glossary_table, input_files, plain_language, release_check
from scripts.finish import published_urls, redirects
from scripts.problems import display_path
from scripts.serve import serving, static_server
from scripts.site_config import ROOT


def command_check(args: argparse.Namespace) -> int:
    """Check all content and data; print every problem as file:line: what — how to fix it."""
    with github_report.output_without_commands():  # what the checks themselves print
        problems = content_check.check_all()
    github_report.print_problems(problems)  # on GitHub also on the diff and in the job summary
    errors = [problem for problem in problems if problem.severity == "error"]
    if errors:
        print(f"\n{len(errors)} problem(s) to fix before this can be published.", file=sys.stderr)
        return 1
    print("Content check passed." if not problems else "Content check passed, with warnings.")
    return 0


def command_build(args: argparse.Namespace) -> int:
    """Build the complete site into ``site/`` (or ``--site-dir``)."""
    return build.build(
        config_file=Path(args.config_file),
        site_dir=Path(args.site_dir),
        allow_missing_translations=args.allow_missing_translations,
    )


def command_serve(args: argparse.Namespace) -> int:
    """Preview with live reload for editors."""
    if unsafe := input_files.check_config(Path(args.config_file)):  # before the engine's loader reads it
        print("\n".join(map(str, unsafe)), file=sys.stderr)
        return 1
    command = [sys.executable, "-m", engine.CLI_MODULE, "serve", "--livereload", "-a", args.address]
    command += ["--config-file", str(args.config_file)]
    return subprocess.run(command, cwd=project.current().root, env=build.mkdocs_env(), check=False).returncode


def command_preview(args: argparse.Namespace) -> int:
    """Serve the built site/ as the host will (search and per-language 404 pages included)."""
    host, _, port = args.address.partition(":")
    server = static_server.make_server(Path(args.site_dir), host, int(port or 8000))
    print(f"Serving {args.site_dir} at http://{args.address}/ (Ctrl+C to stop)")
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
    return 0


def command_scaling(args: argparse.Namespace) -> int:
    """Build a generated 1,000-page x 4-language site, ours and the reference; print times and sizes."""
    from scripts.dev import scaling

    return scaling.main()


def command_benchmark(args: argparse.Namespace) -> int:
    """Lighthouse figures for our site, a plain Material build and bare HTML (README, Benchmark)."""
    from scripts.dev import benchmark

    return benchmark.build_times() if args.build_times else benchmark.main()


def command_engines(args: argparse.Namespace) -> int:
    """Zensical canary: build with Zensical in a scratch folder; report what it lacks (exit 0)."""
    from scripts.dev import engines

    return engines.main(Path(args.config_file), Path(args.site_dir), timeout=args.timeout)


def command_serving(args: argparse.Namespace) -> int:
    """Write serving/nginx.conf (cache rules, security headers, not-found pages) for the built site."""
    target = project.current().root / serving.NGINX_FILE.relative_to(ROOT)  # the project's own
    try:
        serving.write_nginx(Path(args.site_dir), target)
    except redirects.RedirectsRefused as error:  # data/redirects.yml failed its check: nothing written
        print(error, file=sys.stderr)
        return 1
    print(f"Wrote {display_path(target)}")
    return 0


def command_urls(args: argparse.Namespace) -> int:
    """Add the addresses of new pages to data/published-urls.yml (printed addresses never go away)."""
    added = published_urls.add_current()
    for address in added:
        print(f"added {address}")
    print(f"{len(added)} address(es) added to {display_path(published_urls.registry_file())}")
    return 0


def command_release_check(args: argparse.Namespace) -> int:
    """Fail unless the site may be published (a verified primary emergency number, none stale)."""
    problems = release_check.check(Path(args.contacts))
    for problem in problems:
        print(problem, file=sys.stderr)
    errors = [problem for problem in problems if problem.severity == "error"]
    if errors:
        print(f"Release check failed: {len(errors)} problem(s).", file=sys.stderr)
        return 1
    print("Release check passed.")
    return 0


def command_translations(args: argparse.Namespace) -> int:
    """Print which translations are missing, outdated or not yet reviewed."""
    statuses = translation_status.report()
    print(translation_status.table(statuses))
    if args.html:
        Path(args.html).write_text(translation_page.page(statuses), encoding="utf-8")
        print(f"Wrote {args.html}")
    failing = set()
    if args.fail_on_missing:
        failing.add(translation_status.MISSING)
    if args.fail_on_outdated:
        failing.add(translation_status.OUTDATED)
    bad = [status for status in statuses if failing & set(status.states)]
    for status in bad:
        print(f"docs/{status.language}/{status.page}: {status.label}", file=sys.stderr)
    return 1 if bad else 0


def command_new_page(args: argparse.Namespace) -> int:
    """Add a page in every language from a starter (how-to, item, leaflet), to the menu and the
    published addresses; the site builds right after."""
    try:
        made = new_page.plan(args.path, args.title, args.kind, args.description, dt.date.today())
    except (new_page.Refused, starters.StarterError) as refused:
        print(refused, file=sys.stderr)
        return 1
    added, problems = new_page.written_or_undone(made)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(
            "\nnew-page: nothing was written — the new page would not pass the content check "
            "(above). Change the title or description and run new-page again.",
            file=sys.stderr,
        )
        return 1
    for path in made.files:
        print(f"wrote {display_path(path)}")
    for address in added:
        print(f"added {address} to {display_path(published_urls.registry_file())}")
    print(
        "Next: write the English page from a named source, replacing every draft line; then the "
        "translations, and stamp each (python -m scripts stamp docs/<lang>/...)."
    )
    return 0


def command_pr_report(args: argparse.Namespace) -> int:
    """Compare this change with its base (contacts first, pages per language, translations,
    addresses, 360 px screenshots); Markdown for the job summary, saved with the screenshots."""
    try:
        report = pr_report.make(args.base)
    except pr_report.ReportError as error:
        print(error, file=sys.stderr)
        return 1
    out = Path(args.out)
    site = Path(args.site_dir)
    if not args.screenshots:
        report.screenshot_note = "Screenshots were not asked for (--no-screenshots)."
    elif not (site / "index.html").exists():
        report.screenshot_note = (
            f"No screenshots: {display_path(site)} is not built (run `make build` first)."
        )
    else:
        made = screenshots.take(site, report.pages.pages(), site_config.languages(), out / "screenshots")
        report.screenshots = [path.name for path in made]
    text = pr_report.markdown(report)
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.md").write_text(text, encoding="utf-8")
    print(text)  # main() fences this off on GitHub: page names come from editors
    github_report.write_summary(text)  # only where GitHub gave this step a summary
    return 0


def command_glossary(args: argparse.Namespace) -> int:
    """Rewrite the glossary table in CONTRIBUTING.md and CONTRIBUTING.ar.md from data/glossary.yml."""
    problems = (
        glossary.parse(glossary.glossary_file())[1] + plain_language.parse(plain_language.plain_file())[1]
    )
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        print("Fix these first: the tables were not changed.", file=sys.stderr)
        return 1
    try:
        changed = glossary_table.write()
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    for guide in changed:
        print(f"Updated {display_path(guide)}")
    if not changed:
        print("The glossary tables are up to date.")
    return 0


def command_stamp(args: argparse.Namespace) -> int:
    """Record that translations match their source page as it is now (after updating them)."""
    docs = project.current().docs_dir
    for file in args.files:
        if not Path(file).resolve().is_relative_to(docs.resolve()):
            print(
                f"{file}: not a page under {display_path(docs)}/ — name a translated page there",
                file=sys.stderr,
            )
            return 1
        translation_status.stamp(Path(file))
        print(f"{file}: translation recorded against the current source")
    return 0


def parser() -> argparse.ArgumentParser:
    """The command-line interface; each subcommand is one function above."""
    main = argparse.ArgumentParser(prog="python -m scripts", description=__doc__)
    main.add_argument(
        "--config-file",
        default=str(ROOT / "mkdocs.yml"),
        help="the project: a checkout of this repository (docs/, data/, overrides/, scripts/)",
    )
    commands = main.add_subparsers(dest="command", required=True)

    check_parser = commands.add_parser("check", help=command_check.__doc__)
    check_parser.set_defaults(func=command_check)

    build_parser = commands.add_parser("build", help=command_build.__doc__)
    build_parser.add_argument("--site-dir", help="default: site/ beside the configuration file")
    build_parser.add_argument(
        "--allow-missing-translations",
        action="store_true",
        help="build even if a page is missing in a language (readers get the Arabic page and a notice)",
    )
    build_parser.set_defaults(func=command_build)

    serve_parser = commands.add_parser("serve", help=command_serve.__doc__)
    serve_parser.add_argument("--address", default="127.0.0.1:8000")
    serve_parser.set_defaults(func=command_serve)

    preview_parser = commands.add_parser("preview", help=command_preview.__doc__)
    preview_parser.add_argument("--address", default="127.0.0.1:8000")
    preview_parser.add_argument("--site-dir", help="default: site/ beside the configuration file")
    preview_parser.set_defaults(func=command_preview)

    translations_parser = commands.add_parser("translations", help=command_translations.__doc__)
    translations_parser.add_argument("--fail-on-missing", action="store_true")
    translations_parser.add_argument("--fail-on-outdated", action="store_true")
    translations_parser.add_argument(
        "--html", help="also write the table as an HTML page for reviewers, here"
    )
    translations_parser.set_defaults(func=command_translations)

    glossary_parser = commands.add_parser("glossary", help=command_glossary.__doc__)
    glossary_parser.set_defaults(func=command_glossary)

    new_page_parser = commands.add_parser("new-page", help=command_new_page.__doc__)
    new_page_parser.add_argument(
        "path", help="the page inside each language folder, e.g. ordnance/thermobaric.md"
    )
    new_page_parser.add_argument("--title", required=True, help="the English title")
    new_page_parser.add_argument(
        "--kind", default="howto", help="starter: howto, item or leaflet (data/starters.yml)"
    )
    new_page_parser.add_argument("--description", help="the English description (default: a draft line)")
    new_page_parser.set_defaults(func=command_new_page)

    report_parser = commands.add_parser("pr-report", help=command_pr_report.__doc__)
    report_parser.add_argument("--base", required=True, help="the branch or commit the change goes into")
    report_parser.add_argument("--site-dir", help="the built site to photograph (default: site/)")
    report_parser.add_argument("--out", default="pr-report", help="folder for report.md and the screenshots")
    report_parser.add_argument("--no-screenshots", dest="screenshots", action="store_false")
    report_parser.set_defaults(func=command_pr_report)

    stamp_parser = commands.add_parser("stamp", help=command_stamp.__doc__)
    stamp_parser.add_argument("files", nargs="+", help="translated pages, e.g. docs/ku/report.md")
    stamp_parser.set_defaults(func=command_stamp)

    scaling_parser = commands.add_parser("scaling", help=command_scaling.__doc__)
    scaling_parser.set_defaults(func=command_scaling)
    benchmark_parser = commands.add_parser("benchmark", help=command_benchmark.__doc__)
    benchmark_parser.add_argument(
        "--build-times",
        action="store_true",
        help="only build times: ours and the plain build, three times each, then the wait after a one-word "
        "change in the preview and in the full build (a few minutes; no Lighthouse, no npm)",
    )
    benchmark_parser.set_defaults(func=command_benchmark)

    engines_parser = commands.add_parser("engines", help=command_engines.__doc__)
    engines_parser.add_argument("--site-dir", help="our build to compare (default: site/)")
    engines_parser.add_argument("--timeout", type=float, default=300, help="seconds per Zensical build")
    engines_parser.set_defaults(func=command_engines)

    serving_parser = commands.add_parser("serving", help=command_serving.__doc__)
    serving_parser.add_argument("--site-dir", help="default: site/ beside the configuration file")
    serving_parser.set_defaults(func=command_serving)

    urls_parser = commands.add_parser("urls", help=command_urls.__doc__)
    urls_parser.set_defaults(func=command_urls)
    release_parser = commands.add_parser("release-check", help=command_release_check.__doc__)
    release_parser.add_argument("--contacts", help="default: data/contacts.yml of the project")
    release_parser.set_defaults(func=command_release_check)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    chosen = project.use(args.config_file)  # every module and child process reads this project
    for name in ("site_dir",):
        if hasattr(args, name) and getattr(args, name) is None:
            setattr(args, name, str(chosen.site_dir))
    if hasattr(args, "contacts") and args.contacts is None:
        args.contacts = str(chosen.data("contacts.yml"))
    if args.func is command_check:  # it prints its own workflow commands, the rest fenced off
        return args.func(args)
    with github_report.output_without_commands():
        return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
