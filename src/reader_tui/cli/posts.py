"""Commands on post files: show one, import them, write back into them, make a new one."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reader_tui.cli.common import (
    UserError,
    load_article,
    open_library,
    parse_date,
    plural,
    read_post,
    shared_options,
)
from reader_tui.library import Library, LibraryError, importing, queries, settings
from reader_tui.terminal import json_text, plain

if TYPE_CHECKING:
    import argparse

    from reader_tui.models import Article, ImportReport


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
        print(json_text(article.to_json()))
    else:
        print("\n".join(summary_lines(article)))
    return 0


def report_lines(report: ImportReport) -> list[str]:
    conflicts = f" ({len(report.conflicts)} in conflict)" if report.conflicts else ""
    lines = [
        f"added {report.added}, updated {report.updated}{conflicts}, unchanged "
        f"{report.unchanged}, moved {report.moved}, missing {report.missing}, rejected "
        f"{len(report.rejected)}, skipped {len(report.skipped)}"
    ]
    lines += [
        f"in conflict: {plain(path)}: its notes changed here and in the post; open it to choose (C)"
        for path in report.conflicts
    ]
    lines += [f"rejected: {plain(path)}: {plain(reason)}" for path, reason in report.rejected]
    lines += [f"skipped: {plain(path)}: {plain(reason)}" for path, reason in report.skipped]
    return lines


def cmd_import(args: argparse.Namespace) -> int:

    with open_library(args.db, verbose=args.verbose) as library:
        try:
            if sys.stderr.isatty() and not args.json:
                report = _import_with_progress(library, args.paths)
            else:
                report = importing.import_paths(library, args.paths)
        except LibraryError as error:
            raise UserError(str(error)) from None
        except KeyboardInterrupt:
            # Each batch of posts is saved whole, and the next import skips what is in.
            print(
                "reader-tui: import stopped: the posts it saved are kept; the same import "
                "again reads the rest",
                file=sys.stderr,
                flush=True,
            )
            return 130
        # An import reads only what changed: before saying all is well, check the file.
        damage = library.check()
        if damage:
            raise UserError(f"{library.path}: {damage}")
    _print_report(report, args.json)
    if args.watch:
        return _keep_watching(args)
    return 1 if report.rejected else 0


def _print_report(report: ImportReport, as_json: bool) -> None:
    if as_json:
        print(json_text(report.to_json()), flush=True)
        return
    lines = report_lines(report)
    print(lines[0], flush=True)
    for line in lines[1:]:
        print(line, file=sys.stderr, flush=True)


def _keep_watching(args: argparse.Namespace) -> int:
    """`import --watch`: import again each time posts under PATHS change, until ctrl+c."""
    import threading

    from reader_tui.watching import post_changes

    stop = threading.Event()
    with open_library(args.db, verbose=args.verbose) as library:

        def again() -> None:
            try:
                report = importing.import_paths(library, args.paths)
            except LibraryError as error:
                print(f"reader-tui: {error}", file=sys.stderr, flush=True)
                return
            if (
                report.added
                or report.updated
                or report.moved
                or report.missing
                or (report.rejected)
            ):
                _print_report(report, args.json)

        def ready() -> None:
            again()  # what changed while the watch was being set up
            if not args.json:
                shown = ", ".join(plain(str(p)) for p in args.paths)
                print(f"watching {shown} (ctrl+c stops)", file=sys.stderr, flush=True)

        try:
            for _batch in post_changes(args.paths, stop, ready=ready):
                again()
        except KeyboardInterrupt:
            stop.set()
    return 0


def _import_with_progress(library: Library, paths: list[str]) -> ImportReport:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(
        TextColumn("importing"), BarColumn(), MofNCompleteColumn(), transient=True
    ) as progress:
        task = progress.add_task("import", total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        return importing.import_paths(library, paths, progress=advance)


def cmd_write_back(args: argparse.Namespace) -> int:
    """Write notes and highlights from the library into the posts (or print the diff)."""
    from reader_tui.writeback import write_back

    if args.auto and args.paths:
        raise UserError(
            "--auto turns automatic write-back on or off for every post; give it without "
            "paths (reader-tui write-back --auto on)"
        )
    with open_library(args.db, create=bool(args.auto), verbose=args.verbose) as library:
        if args.auto:
            settings.save(library, auto_write_back=args.auto == "on")
            print(f"automatic write-back after each save in the app: {args.auto}")
            return 0
        ids: list[int] | None = None
        if args.paths:
            changed = set(queries.articles_with_changes(library))
            ids = []
            for name in args.paths:
                target = Path(name).expanduser().resolve()
                if target.is_dir():
                    inside = [
                        e.id
                        for e in queries.articles(library)
                        if Path(e.path).is_relative_to(target)
                    ]
                    ids += [i for i in inside if i in changed]
                    continue
                article_id = queries.article_id_for(library, target)
                if article_id is None:
                    raise UserError(f"{name}: not in the library (import it first)")
                ids.append(article_id)
        if args.convert_notes and ids is None:
            raise UserError(
                "--convert-notes rewrites the notes of the posts you name: give their paths"
            )
        done, errors = write_back(
            library, ids, dry_run=args.dry_run, convert_notes=args.convert_notes
        )
    if args.dry_run:
        for change in done:
            print(plain(change.diff()), end="")
        print(f"would write {plural(len(done), 'post')}", file=sys.stderr)
    else:
        for change in done:
            print(f"wrote {plain(change.path)}")
        print(f"wrote {plural(len(done), 'post')}")
    for error in errors:
        print(f"reader-tui: {plain(error)}", file=sys.stderr)
    return 1 if errors else 0


def cmd_new(args: argparse.Namespace) -> int:
    """Create a post in the user's convention, import it, and open it for reading."""
    from reader_tui.newpost import NewPostError, clipboard_text, create_post

    if args.source == "-":
        text = sys.stdin.read()
    elif args.source:
        text = read_post(Path(args.source))
    else:
        text = clipboard_text() or ""
    date = parse_date(args.date)
    if not args.again:
        with open_library(args.db, verbose=args.verbose) as library:
            existing = queries.path_for_url(library, args.url.strip())
        if existing:
            raise UserError(
                f"{args.url}: already has a post, {existing}; open it with reader-tui "
                f"{existing} (or give --again to make a second one)"
            )
    if not text.strip():
        print(
            "reader-tui: the post has no article text yet (no --from, and nothing on the "
            "clipboard); paste the article into it",
            file=sys.stderr,
        )
    try:
        path = create_post(args.folder, args.url, args.title, args.topic, text, date, args.slug)
    except NewPostError as error:
        raise UserError(str(error)) from None
    except OSError as error:
        raise UserError(f"{args.folder}: cannot write there ({error.strerror or error})") from None
    print(f"created {plain(str(path))}")
    with open_library(args.db, verbose=args.verbose) as library:
        try:
            importing.import_paths(library, [path])
        except LibraryError as error:
            raise UserError(
                f"{error}. The post is written: reader-tui import {path} reads it, as does "
                "the app when it next refreshes its folder"
            ) from None
        article_id = queries.article_id_for(library, path)
        if not args.no_open:
            from reader_tui.app import ReaderApp
            from reader_tui.cli.running import run_app

            return run_app(ReaderApp(library, open_article=article_id), Path(library.path))
    return 0


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    show = commands.add_parser(
        "show",
        help="print what reader-tui reads in one post",
        description="Print the title, date, link, highlights and notes reader-tui reads in "
        "one post (no library needed).",
    )
    show.add_argument("file", metavar="FILE", help="a .md or .markdown post")
    show.add_argument("--json", action="store_true", help="print the parsed post as JSON")
    show.set_defaults(func=cmd_show)

    imp = commands.add_parser(
        "import",
        parents=[shared_options()],
        help="add or refresh posts in the library",
        description="Add new posts, refresh changed ones, recognise moved ones.",
    )
    imp.add_argument("paths", nargs="+", metavar="PATH", help="folders or posts")
    imp.add_argument("--json", action="store_true", help="print the counts as JSON")
    imp.add_argument(
        "--watch",
        action="store_true",
        help="keep watching PATHS and import each change (ctrl+c stops)",
    )
    imp.set_defaults(func=cmd_import)

    back = commands.add_parser(
        "write-back",
        parents=[shared_options()],
        help="write notes and highlights made in the app into the posts",
        description="Write notes and highlights made in the app into their posts, in the "
        "posts' own convention (a backup of each is kept).",
    )
    back.add_argument(
        "paths", nargs="*", metavar="PATH", help="posts or folders (default: every changed one)"
    )
    back.add_argument("--dry-run", action="store_true", help="print the diff, write nothing")
    back.add_argument(
        "--convert-notes",
        action="store_true",
        help="notes read from another blog's headings (## 🤔 궁금한 점): add a notes block in "
        "your form to the posts named (their headings stay)",
    )
    back.add_argument(
        "--auto",
        choices=("on", "off"),
        help="turn automatic write-back after each save in the app on or off (default off)",
    )
    back.set_defaults(func=cmd_write_back)

    new = commands.add_parser(
        "new",
        parents=[shared_options()],
        help="create a post for an article, in your convention",
        description="Create a post for an article in your front matter and notes convention, "
        "import it and open it.",
    )
    new.add_argument("url", metavar="URL", help="the article's link")
    new.add_argument("--title", required=True, help="the article's title")
    new.add_argument("--topic", help="a word or two for the subtitle (220315Tue TOPIC)")
    new.add_argument("--slug", help="the file name's last part (default: from topic or title)")
    new.add_argument(
        "--from",
        dest="source",
        metavar="FILE|-",
        help="the article's text: a file, or - for stdin (default: the clipboard, if any)",
    )
    new.add_argument("--folder", default="notes", help="the notes folder (default ./notes)")
    new.add_argument("--date", help="the post's date, YYYY-MM-DD (default today)")
    new.add_argument("--no-open", action="store_true", help="do not open the app on it")
    new.add_argument(
        "--again", action="store_true", help="make a post even if the link has one already"
    )
    new.set_defaults(func=cmd_new)
