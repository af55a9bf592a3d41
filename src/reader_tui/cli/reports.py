"""Commands that read the library: search, statistics, exports."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reader_tui.cli.common import UserError, bounded, open_library, parse_date, shared_options
from reader_tui.library import Library, LibraryError, queries, search
from reader_tui.library.search import SearchError, counted
from reader_tui.terminal import json_text, plain

if TYPE_CHECKING:
    import argparse


def cmd_search(args: argparse.Namespace) -> int:

    with open_library(args.db, create=False, verbose=args.verbose) as library:
        try:
            found = search.search(library, args.query, limit=args.limit)
        except (SearchError, LibraryError) as error:
            raise UserError(str(error)) from None
    hits = found.hits
    if args.json:
        print(json_text({"total": found.total, "hits": [hit.to_json() for hit in hits]}))
        return 0
    if not hits:
        print(f"no matches for {plain(args.query)}")
    elif len(hits) < found.total:
        print(f"{len(hits)} of {found.total} matches (--limit 0 shows them all)")
    else:
        print(counted(found.total, "match", "matches"))
    for hit in hits:
        print(f"{plain(hit.title)}  [{hit.kind}]  {plain(hit.path)}")
        print(f"    {plain(hit.snippet)}")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from reader_tui.review import Review

    with open_library(args.db, create=False, verbose=args.verbose) as library:
        try:
            review = Review.from_settings(library)
            review.sync()
            stats = review.stats(days=args.days)
        except LibraryError as error:
            raise UserError(str(error)) from None
    if args.json:
        print(json_text(stats.to_json()))
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


def check_out(out: Path, library: Library, force: bool) -> None:
    """Refuse an export over the library, over a post in it (even with --force), or over
    any existing file without --force."""
    target = out.expanduser().resolve()
    library_file = Path(library.path).expanduser().resolve()
    if target in (library_file, Path(f"{library_file}-wal"), Path(f"{library_file}-shm")):
        raise UserError(f"{out}: is the library itself; export to another file")
    if queries.article_id_for(library, target) is not None:
        raise UserError(f"{out}: is a post in the library; export to another file")
    if target.exists() and not force:
        raise UserError(f"{out}: exists; give --force to write over it, or another name")


def cmd_export(args: argparse.Namespace) -> int:
    from reader_tui import export

    since = parse_date(args.since)
    only = export.Selection(args.article, since, args.keyword, args.color)
    with open_library(args.db, create=False, verbose=args.verbose) as library:
        articles = export.selected(library, only)
        if not articles and only.describe():
            # Nothing written (not even an empty file over an earlier export).
            raise UserError(
                f"no article in the library matches {only.describe()}: nothing exported"
            )
        if args.out:
            check_out(Path(args.out), library, args.force)
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
        # On a terminal, control characters are shown, not obeyed; a pipe gets the text exact.
        sys.stdout.write(plain(text) if sys.stdout.isatty() else text)
    return 0


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    found = commands.add_parser(
        "search",
        parents=[shared_options()],
        help="search titles, text, highlights and notes",
        description="Search titles, article text, highlights, notes and questions "
        "(Korean inside words: 네이버 finds 네이버는).",
    )
    found.add_argument("query", metavar="QUERY", help="the words to find (all of them)")
    found.add_argument(
        "--limit",
        type=bounded(0, 1_000_000),
        default=20,
        help="at most this many hits (default 20; 0: all of them)",
    )
    found.add_argument("--json", action="store_true", help="print the hits as JSON")
    found.set_defaults(func=cmd_search)

    stats = commands.add_parser(
        "stats",
        parents=[shared_options()],
        help="review statistics",
        description="Reviews per day, cards due ahead, streak and card states.",
    )
    stats.add_argument(
        "--days", type=bounded(1, 3650), default=28, help="how many days back (1-3650, default 28)"
    )
    stats.add_argument("--json", action="store_true", help="print everything as JSON")
    stats.set_defaults(func=cmd_stats)

    out = commands.add_parser(
        "export",
        parents=[shared_options()],
        help="highlights and notes out to other tools",
        description="Highlights and notes as a study digest, JSON, a Readwise CSV or an Anki deck.",
    )
    out.add_argument(
        "--format",
        required=True,
        choices=("md", "json", "csv", "apkg"),
        help="md: a study digest; json: everything; csv: Readwise; apkg: an Anki deck",
    )
    out.add_argument("--out", metavar="PATH", help="the file to write (default stdout)")
    out.add_argument(
        "--force", action="store_true", help="write over an existing --out file (not a post)"
    )
    out.add_argument("--article", metavar="PATH", help="only this post")
    out.add_argument("--since", metavar="DATE", help="only articles dated on or after")
    out.add_argument("--keyword", metavar="WORD", help="only articles with this keyword")
    out.add_argument("--color", metavar="COLOUR", help="only highlights in this colour")
    out.set_defaults(func=cmd_export)
