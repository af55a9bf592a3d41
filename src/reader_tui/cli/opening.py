"""Opening the app: on a notes folder, one post, the review or the statistics."""

from __future__ import annotations

import argparse
from pathlib import Path

from reader_tui.cli.common import UserError, bounded, open_library, shared_options
from reader_tui.cli.running import run_app
from reader_tui.library import importing, queries, settings
from reader_tui.models import ReviewFilter


def cmd_open(args: argparse.Namespace) -> int:
    """Open the app on a notes folder (refreshed in the background) or on one post."""
    from reader_tui.app import ReaderApp

    if args.path is None:  # the library as it is, its folders refreshed
        with open_library(args.db, verbose=args.verbose) as library:
            app = ReaderApp(library, refresh=queries.folders(library))
            return run_app(app, Path(library.path))
    target = Path(args.path)
    if not target.exists():
        raise UserError(f"{target}: no such file or folder")
    with open_library(args.db, verbose=args.verbose) as library:
        if target.is_file():
            report = importing.import_paths(library, [target])
            if report.rejected:
                raise UserError("; ".join(f"{p}: {r}" for p, r in report.rejected))
            article_id = queries.article_id_for(library, target)
            # The post is watched while it is open (an editor may change it).
            app = ReaderApp(library, open_article=article_id, refresh=[str(target)])
        else:
            app = ReaderApp(library, refresh=[str(target)], folder=str(target))
        return run_app(app, Path(library.path))


def cmd_review(args: argparse.Namespace) -> int:
    """Open the app on the review screen (after refreshing PATH, if given)."""
    from reader_tui.app import ReaderApp

    with open_library(args.db, create=bool(args.path), verbose=args.verbose) as library:
        # `--new-per-day` is for this review only; `reader-tui config review-new-per-day N`
        # changes the setting.
        if args.cloze:
            settings.save(library, review_cloze=args.cloze == "on")
        article_id = None
        if args.article:
            article_id = queries.article_id_for(library, Path(args.article).resolve())
            if article_id is None:
                raise UserError(f"{args.article}: not in the library (import it first)")
        only = ReviewFilter(article_id, args.keyword, args.color)
        refresh = [args.path] if args.path else []
        app = ReaderApp(
            library,
            refresh=refresh,
            start="review",
            review_filter=only,
            study_now=article_id is not None,  # one article: all its new cards now
            new_per_day=args.new_per_day,
        )
        return run_app(app, Path(library.path))


def opener() -> argparse.ArgumentParser:
    """`reader-tui [PATH] [--db FILE]`: the app, without a command."""
    from reader_tui.cli.common import VersionAction

    parser = argparse.ArgumentParser(prog="reader-tui", parents=[shared_options()])
    parser.add_argument("--version", action=VersionAction)
    parser.add_argument(
        "path",
        nargs="?",
        metavar="PATH",
        help="a notes folder (its articles shown) or one post; none: the whole library",
    )
    parser.set_defaults(func=cmd_open)
    return parser


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    review = commands.add_parser(
        "review",
        parents=[shared_options()],
        help="review highlights and questions that are due",
        description="Open the review screen on the cards due now and today's new ones.",
    )
    review.add_argument("path", nargs="?", metavar="PATH", help="a notes folder to refresh first")
    review.add_argument("--article", metavar="FILE", help="only this post's cards")
    review.add_argument("--keyword", metavar="WORD", help="only articles with this keyword")
    review.add_argument("--color", metavar="COLOUR", help="only highlights in this colour")
    review.add_argument(
        "--new-per-day",
        type=bounded(0, 1000),
        metavar="N",
        help="new cards a day, for this review only (0-1000; the setting: reader-tui config "
        "review-new-per-day N)",
    )
    review.add_argument(
        "--cloze",
        choices=("on", "off"),
        help="also cards with an article's keyword blanked in its highlights (default off)",
    )
    review.set_defaults(func=cmd_review)
