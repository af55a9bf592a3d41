"""Command line: the only code that reads argv, the environment and paths."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from reader_tui.models import Article
from reader_tui.parsing import ParseError, parse
from reader_tui.terminal import plain


class UserError(Exception):
    """A problem the user can fix; printed as one line, never as a traceback."""


def read_post(path: Path) -> str:
    """The decoded text of a post, or a `UserError` naming the file and the reason."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UserError(f"{path}: is a folder, not a post (give a .md or .markdown file)") from None
    except PermissionError:
        raise UserError(f"{path}: permission denied (check the file's permissions)") from None
    except OSError as error:
        raise UserError(f"{path}: cannot be read ({error.strerror or error})") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise UserError(
            f"{path}: not UTF-8 text (byte {error.start}); save it as UTF-8 and try again"
        ) from None


def load_article(path: Path) -> Article:
    """Read and parse one post; errors name the file."""
    text = read_post(path)
    try:
        return parse(text, str(path))
    except ParseError as error:
        raise UserError(f"{path}: {error}") from None


def summary_lines(article: Article) -> list[str]:
    """A readable summary of a parsed post, for `reader-tui show`."""
    out = [plain(article.title or "(untitled)")]
    if article.subtitle:
        out.append(plain(article.subtitle))
    out.append(f"date: {article.date.isoformat() if article.date else '-'}")
    if article.source_url:
        out.append(f"link: {plain(article.source_url)}")
    if article.tags or article.categories:
        out.append(f"categories: {plain(', '.join(article.categories)) or '-'}")
        out.append(f"tags: {plain(', '.join(article.tags)) or '-'}")
    out.append("")
    out.append(f"highlights ({len(article.highlights)}):")
    for h in article.highlights:
        text = " ".join(h.text.split())
        out.append(f"  [{plain(h.color)}] {plain(text[:100])}{'…' if len(text) > 100 else ''}")
    out.append("")
    out.append(f"keywords: {plain(' '.join('#' + k for k in article.keywords)) or '-'}")
    out.append(f"summary: {plain(article.summary) or '-'}")
    if article.questions:
        out.append("questions:")
        out.extend(f"  - {plain(q)}" for q in article.questions)
    else:
        out.append("questions: -")
    for section in article.extra_sections:
        out.append(f"other section: {plain(section.title)}")
    for warning in article.warnings:
        out.append(f"warning: {plain(warning)}")
    return out


def cmd_show(args: argparse.Namespace) -> int:
    article = load_article(Path(args.file))
    if args.json:
        print(json.dumps(article.to_json(), ensure_ascii=False, indent=2))
    else:
        print("\n".join(summary_lines(article)))
    return 0


def post_files(folder: Path) -> list[Path]:
    """The posts under `folder`: `*.md` and `*.markdown`, hidden folders skipped."""
    found = []
    for path in folder.rglob("*"):
        relative = path.relative_to(folder).parts
        if any(part.startswith(".") for part in relative):
            continue
        if path.suffix in (".md", ".markdown") and path.is_file():
            found.append(path)
    return sorted(found)


def cmd_open(args: argparse.Namespace) -> int:
    """List the posts in a folder, newest first (the app screens come later)."""
    target = Path(args.path)
    if target.is_file():
        print("\n".join(summary_lines(load_article(target))))
        return 0
    if not target.is_dir():
        raise UserError(f"{target}: no such file or folder")
    rows, problems = [], []
    for path in post_files(target):
        try:
            article = load_article(path)
        except UserError as error:
            problems.append(str(error))
            continue
        date = article.date.isoformat() if article.date else "----------"
        rows.append(
            (
                date,
                f"{date}  {len(article.highlights):3d} highlights  "
                f"{len(article.questions)} questions  {plain(article.title or path.name)}",
            )
        )
    for _, line in sorted(rows, reverse=True):
        print(line)
    print(f"{len(rows)} posts in {target}")
    for problem in problems:
        print(f"reader-tui: {problem}", file=sys.stderr)
    return 1 if problems else 0


COMMANDS = ("show",)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader-tui",
        description="Read, highlight and review your reading notes.",
        epilog="reader-tui PATH lists the posts in a folder (or shows one post).",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    show = commands.add_parser("show", help="print what reader-tui reads in one post")
    show.add_argument("file", metavar="FILE", help="a .md or .markdown post")
    show.add_argument("--json", action="store_true", help="print the parsed post as JSON")
    show.set_defaults(func=cmd_show)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if argv and argv[0] not in COMMANDS and not argv[0].startswith("-"):
        args = argparse.Namespace(command="open", path=argv[0], func=cmd_open)
    else:
        args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    try:
        result: int = args.func(args)
    except UserError as error:
        print(f"reader-tui: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return result


if __name__ == "__main__":
    sys.exit(main())
