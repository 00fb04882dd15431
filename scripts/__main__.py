"""One command-line entry with subcommands: ``python -m scripts <command>``; ``--help`` lists them."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from scripts import build, release_check
from scripts.site_config import ROOT


def command_build(args: argparse.Namespace) -> int:
    """Build the complete site into ``site/`` (or ``--site-dir``)."""
    return build.build(config_file=Path(args.config_file), site_dir=Path(args.site_dir))


def command_serve(args: argparse.Namespace) -> int:
    """Preview with live reload for editors."""
    command = [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", args.address]
    command += ["--config-file", str(args.config_file)]
    return subprocess.run(command, cwd=ROOT, env=build.mkdocs_env(), check=False).returncode


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


def parser() -> argparse.ArgumentParser:
    """The command-line interface; each subcommand is one function above."""
    main = argparse.ArgumentParser(prog="python -m scripts", description=__doc__)
    main.add_argument("--config-file", default=str(ROOT / "mkdocs.yml"))
    commands = main.add_subparsers(dest="command", required=True)

    build_parser = commands.add_parser("build", help=command_build.__doc__)
    build_parser.add_argument("--site-dir", default=str(ROOT / "site"))
    build_parser.set_defaults(func=command_build)

    serve_parser = commands.add_parser("serve", help=command_serve.__doc__)
    serve_parser.add_argument("--address", default="127.0.0.1:8000")
    serve_parser.set_defaults(func=command_serve)

    release_parser = commands.add_parser("release-check", help=command_release_check.__doc__)
    release_parser.add_argument("--contacts", default=str(ROOT / "data" / "contacts.yml"))
    release_parser.set_defaults(func=command_release_check)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
