"""The command line: the only code that reads argv, the environment and paths.

`main` builds one parser; each module adds its group of commands (`posts`: show, import,
write-back, new; `reports`: search, stats, export; `opening`: the app and review).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sqlite3
import sys
from typing import TYPE_CHECKING

from reader_tui.cli import backups, config, opening, posts, reports
from reader_tui.cli.common import UserError, library_path
from reader_tui.terminal import plain

if TYPE_CHECKING:
    from collections.abc import Sequence

COMMANDS = (
    "show",
    "import",
    "search",
    "review",
    "stats",
    "write-back",
    "new",
    "export",
    "config",
    "backups",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader-tui",
        description="Read, highlight and review your reading notes.",
        epilog="reader-tui [PATH] [--db FILE] opens the app on a notes folder (default ./notes)"
        " or on one post.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    posts.add_commands(commands)
    reports.add_commands(commands)
    opening.add_commands(commands)
    config.add_commands(commands)
    backups.add_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command (or the app); returns the exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (args_list[0] not in COMMANDS and args_list[0] not in ("-h", "--help")):
        args = opening.opener().parse_args(args_list)
    else:
        args = build_parser().parse_args(args_list)
    try:
        result: int = args.func(args)
    except UserError as error:
        print(f"reader-tui: {plain(str(error))}", file=sys.stderr)
        return 1
    except sqlite3.Error as error:
        # A library problem the library did not foresee: still one line, never a traceback.
        where = library_path(getattr(args, "db", None))
        print(f"reader-tui: {plain(f'{where}: {error}')}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader of the output went away (`| head`): stop quietly, as other tools do.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 128 + signal.SIGPIPE
    except KeyboardInterrupt:
        return 130
    return result
