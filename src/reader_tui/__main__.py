"""Command line: the only code that reads argv, the environment and paths."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from reader_tui.models import Article, ImportReport
from reader_tui.parsing import ParseError, parse
from reader_tui.terminal import plain

if TYPE_CHECKING:
    from reader_tui.store import Store

DB_ENV = "READER_TUI_DB"


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


def cmd_open(args: argparse.Namespace) -> int:
    """Open the app on a notes folder (refreshed in the background) or on one post."""
    from reader_tui.app import ReaderApp

    target = Path(args.path)
    if not target.exists():
        raise UserError(f"{target}: no such file or folder")
    store = open_store(args.db)
    try:
        if target.is_file():
            report = store.import_paths([target])
            if report.rejected:
                raise UserError("; ".join(f"{p}: {r}" for p, r in report.rejected))
            article_id = store.article_id_for(target)
            ReaderApp(store, open_article=article_id).run()
        else:
            ReaderApp(store, refresh=[str(target)]).run()
    finally:
        store.close()
    return 0


def library_path(option: str | None) -> Path:
    """Where the library lives: --db, else $READER_TUI_DB, else the user data folder."""
    if option:
        return Path(option).expanduser()
    if os.environ.get(DB_ENV):
        return Path(os.environ[DB_ENV]).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("reader-tui")) / "library.db"


def open_store(option: str | None) -> Store:
    from reader_tui.store import Store, StoreError

    try:
        return Store(library_path(option))
    except StoreError as error:
        raise UserError(str(error)) from None


def report_lines(report: ImportReport) -> list[str]:
    lines = [
        f"added {report.added}, updated {report.updated}, unchanged {report.unchanged}, "
        f"moved {report.moved}, missing {report.missing}, rejected {len(report.rejected)}"
    ]
    lines += [f"rejected: {plain(path)}: {plain(reason)}" for path, reason in report.rejected]
    return lines


def cmd_import(args: argparse.Namespace) -> int:
    from reader_tui.store import StoreError

    with open_store(args.db) as store:
        try:
            if sys.stderr.isatty() and not args.json:
                report = _import_with_progress(store, args.paths)
            else:
                report = store.import_paths(args.paths)
        except StoreError as error:
            raise UserError(str(error)) from None
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        lines = report_lines(report)
        print(lines[0])
        for line in lines[1:]:
            print(line, file=sys.stderr)
    return 1 if report.rejected else 0


def _import_with_progress(store: Store, paths: list[str]) -> ImportReport:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(
        TextColumn("importing"), BarColumn(), MofNCompleteColumn(), transient=True
    ) as progress:
        task = progress.add_task("import", total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        return store.import_paths(paths, progress=advance)


def cmd_search(args: argparse.Namespace) -> int:
    from reader_tui.store import SearchError, StoreError

    with open_store(args.db) as store:
        try:
            hits = store.search(args.query, limit=args.limit)
        except (SearchError, StoreError) as error:
            raise UserError(str(error)) from None
    if args.json:
        print(json.dumps([hit.to_json() for hit in hits], ensure_ascii=False, indent=2))
        return 0
    if not hits:
        print(f"no matches for {plain(args.query)}")
    for hit in hits:
        print(f"{plain(hit.title)}  [{hit.kind}]  {plain(hit.path)}")
        print(f"    {plain(hit.snippet)}")
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    """Open the app on the review screen (after refreshing PATH, if given)."""
    from reader_tui.app import ReaderApp
    from reader_tui.screens.review import ReviewFilter

    with open_store(args.db) as store:
        from reader_tui.review import CLOZE_SETTING, NEW_PER_DAY_SETTING

        if args.new_per_day is not None:
            if args.new_per_day < 0:
                raise UserError(f"--new-per-day {args.new_per_day}: give 0 or more")
            store.set_setting(NEW_PER_DAY_SETTING, str(args.new_per_day))
        if args.cloze:
            store.set_setting(CLOZE_SETTING, args.cloze)
        article_id = None
        if args.article:
            article_id = store.article_id_for(Path(args.article).resolve())
            if article_id is None:
                raise UserError(f"{args.article}: not in the library (import it first)")
        only = ReviewFilter(article_id, args.keyword, args.color)
        refresh = [args.path] if args.path else []
        ReaderApp(store, refresh=refresh, start="review", review_filter=only).run()
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from reader_tui.review import Review
    from reader_tui.store import StoreError

    with open_store(args.db) as store:
        try:
            review = Review.from_settings(store)
            review.sync()
            stats = review.stats(days=args.days)
        except StoreError as error:
            raise UserError(str(error)) from None
    if args.json:
        print(json.dumps(stats.to_json(), ensure_ascii=False, indent=2))
        return 0
    states = ", ".join(f"{n} {name}" for name, n in stats.by_state.items())
    print(f"cards: {states}, {stats.retired} retired")
    print(f"streak: {stats.streak} days")
    reviews = sum(n for _, n in stats.reviews_per_day)
    print(f"reviews in the last {args.days} days: {reviews}")
    due_today = stats.due_per_day[0][1] if stats.due_per_day else 0
    print(
        f"due today: {due_today}, in the next {len(stats.due_per_day)} days: "
        f"{sum(n for _, n in stats.due_per_day)}"
    )
    return 0


def cmd_write_back(args: argparse.Namespace) -> int:
    """Write notes and highlights from the library into the posts (or print the diff)."""
    from reader_tui.writeback import AUTO, write_back

    with open_store(args.db) as store:
        if args.auto:
            store.set_setting(AUTO, args.auto)
            print(f"automatic write-back after each save in the app: {args.auto}")
            return 0
        ids: list[int] | None = None
        if args.paths:
            changed = set(store.articles_with_changes())
            ids = []
            for name in args.paths:
                target = Path(name).expanduser().resolve()
                if target.is_dir():
                    inside = [e.id for e in store.articles() if Path(e.path).is_relative_to(target)]
                    ids += [i for i in inside if i in changed]
                    continue
                article_id = store.article_id_for(target)
                if article_id is None:
                    raise UserError(f"{name}: not in the library (import it first)")
                ids.append(article_id)
        done, errors = write_back(store, ids, dry_run=args.dry_run)
    if args.dry_run:
        for change in done:
            print(plain(change.diff()), end="")
        print(f"would write {len(done)} post{'s' if len(done) != 1 else ''}", file=sys.stderr)
    else:
        for change in done:
            print(f"wrote {plain(change.path)}")
        print(f"wrote {len(done)} post{'s' if len(done) != 1 else ''}")
    for error in errors:
        print(f"reader-tui: {plain(error)}", file=sys.stderr)
    return 1 if errors else 0


def parse_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        raise UserError(f"{value}: not a date (YYYY-MM-DD)") from None


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
    try:
        path = create_post(args.folder, args.url, args.title, args.topic, text, date, args.slug)
    except NewPostError as error:
        raise UserError(str(error)) from None
    except OSError as error:
        raise UserError(f"{args.folder}: cannot write there ({error.strerror or error})") from None
    print(f"created {plain(str(path))}")
    with open_store(args.db) as store:
        store.import_paths([path])
        article_id = store.article_id_for(path)
        if not args.no_open:
            from reader_tui.app import ReaderApp

            ReaderApp(store, open_article=article_id).run()
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from reader_tui import export

    since = parse_date(args.since)
    only = export.Selection(args.article, since, args.keyword, args.color)
    with open_store(args.db) as store:
        articles = export.selected(store, only)
    if args.format == "apkg":
        if not args.out:
            raise UserError("an Anki deck is a file: give --out DECK.apkg")
        try:
            cards = export.write_anki(articles, args.out)
        except OSError as error:
            raise UserError(f"{args.out}: cannot be written ({error.strerror or error})") from None
        print(f"wrote {cards} cards from {len(articles)} articles to {plain(args.out)}")
        return 0
    render = {
        "md": export.to_markdown,
        "json": export.to_json,
        "csv": export.to_readwise_csv,
    }[args.format]
    text = render(articles)
    if args.out:
        try:
            Path(args.out).write_text(text, encoding="utf-8")
        except OSError as error:
            raise UserError(f"{args.out}: cannot be written ({error.strerror or error})") from None
        print(f"wrote {len(articles)} articles to {plain(args.out)}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


COMMANDS = ("show", "import", "search", "review", "stats", "write-back", "new", "export")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader-tui",
        description="Read, highlight and review your reading notes.",
        epilog="reader-tui [PATH] [--db FILE] opens the app on a notes folder (default ./notes)"
        " or on one post.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    show = commands.add_parser("show", help="print what reader-tui reads in one post")
    show.add_argument("file", metavar="FILE", help="a .md or .markdown post")
    show.add_argument("--json", action="store_true", help="print the parsed post as JSON")
    show.set_defaults(func=cmd_show)

    db_help = f"the library file (default: ${DB_ENV}, else the user data folder)"
    imp = commands.add_parser("import", help="add or refresh posts in the library")
    imp.add_argument("paths", nargs="+", metavar="PATH", help="folders or posts")
    imp.add_argument("--json", action="store_true", help="print the counts as JSON")
    imp.add_argument("--db", metavar="PATH", help=db_help)
    imp.set_defaults(func=cmd_import)

    search = commands.add_parser("search", help="search titles, text, highlights and notes")
    search.add_argument("query", metavar="QUERY")
    search.add_argument("--limit", type=int, default=20, help="at most this many hits")
    search.add_argument("--json", action="store_true", help="print the hits as JSON")
    search.add_argument("--db", metavar="PATH", help=db_help)
    search.set_defaults(func=cmd_search)

    review = commands.add_parser("review", help="review highlights and questions that are due")
    review.add_argument("path", nargs="?", metavar="PATH", help="a notes folder to refresh first")
    review.add_argument("--article", metavar="FILE", help="only this post's cards")
    review.add_argument("--keyword", metavar="WORD", help="only articles with this keyword")
    review.add_argument("--color", metavar="COLOUR", help="only highlights in this colour")
    review.add_argument(
        "--new-per-day", type=int, metavar="N", help="new cards a day from now on (default 10)"
    )
    review.add_argument(
        "--cloze",
        choices=("on", "off"),
        help="also cards with an article's keyword blanked in its highlights (default off)",
    )
    review.add_argument("--db", metavar="PATH", help=db_help)
    review.set_defaults(func=cmd_review)

    stats = commands.add_parser("stats", help="review statistics")
    stats.add_argument("--days", type=int, default=28, help="how many days back (default 28)")
    stats.add_argument("--json", action="store_true", help="print everything as JSON")
    stats.add_argument("--db", metavar="PATH", help=db_help)
    stats.set_defaults(func=cmd_stats)

    back = commands.add_parser(
        "write-back", help="write notes and highlights made in the app into the posts"
    )
    back.add_argument(
        "paths", nargs="*", metavar="PATH", help="posts or folders (default: every changed one)"
    )
    back.add_argument("--dry-run", action="store_true", help="print the diff, write nothing")
    back.add_argument(
        "--auto",
        choices=("on", "off"),
        help="turn automatic write-back after each save in the app on or off (default off)",
    )
    back.add_argument("--db", metavar="PATH", help=db_help)
    back.set_defaults(func=cmd_write_back)

    new = commands.add_parser("new", help="create a post for an article, in your convention")
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
    new.add_argument("--db", metavar="PATH", help=db_help)
    new.set_defaults(func=cmd_new)

    out = commands.add_parser("export", help="highlights and notes out to other tools")
    out.add_argument(
        "--format",
        required=True,
        choices=("md", "json", "csv", "apkg"),
        help="md: a study digest; json: everything; csv: Readwise; apkg: an Anki deck",
    )
    out.add_argument("--out", metavar="PATH", help="the file to write (default stdout)")
    out.add_argument("--article", metavar="PATH", help="only this post")
    out.add_argument("--since", metavar="DATE", help="only articles dated on or after")
    out.add_argument("--keyword", metavar="WORD", help="only articles with this keyword")
    out.add_argument("--color", metavar="COLOUR", help="only highlights in this colour")
    out.add_argument("--db", metavar="PATH", help=db_help)
    out.set_defaults(func=cmd_export)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help")):
        opener = argparse.ArgumentParser(prog="reader-tui", parents=[], add_help=False)
        opener.add_argument("path", nargs="?", default="notes")
        opener.add_argument("--db", metavar="PATH")
        args = opener.parse_args(argv)
        args.command, args.func = "open", cmd_open
    else:
        args = parser.parse_args(argv)
    try:
        result: int = args.func(args)
    except UserError as error:
        print(f"reader-tui: {error}", file=sys.stderr)
        return 1
    except sqlite3.Error as error:
        # A library problem the store did not foresee: still one line, never a traceback.
        where = library_path(getattr(args, "db", None))
        print(f"reader-tui: {where}: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return result


if __name__ == "__main__":
    sys.exit(main())
