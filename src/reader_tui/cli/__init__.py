"""The command line: the only code that reads argv, the environment and paths.

`main` builds one parser; each module adds its group of commands (`posts`: show, import,
write-back, new; `reports`: search, stats, export; `opening`: the app and review;
`config`; `backups`). Options shared by the commands (`--db`, `--verbose`) are taken
before or after the command.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import gc
import os
import signal
import sqlite3
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reader_tui.cli import opening
from reader_tui.cli.common import UserError, VersionAction, library_path
from reader_tui.library.connection import LibraryError
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
EXAMPLES = """examples:
  reader-tui notes/                     read and study the posts in notes/
  reader-tui                            the library as it is (its folders refreshed)
  reader-tui import ~/blog/_posts       add a blog's posts to the library
  reader-tui search 네이버              find a word in titles, text, highlights, notes
  reader-tui review                     the cards due today
  reader-tui COMMAND --help             more on one command
"""


COMMAND_EXAMPLES = {
    "show": ["reader-tui show notes/2022-03-15-AIgroup.markdown", "reader-tui show POST --json"],
    "import": ["reader-tui import notes/ ~/blog/_posts", "reader-tui import POST --json"],
    "search": ["reader-tui search 네이버", 'reader-tui search "초거대 AI" --limit 5 --json'],
    "review": ["reader-tui review", "reader-tui review notes/ --keyword AI"],
    "stats": ["reader-tui stats", "reader-tui stats --days 90 --json"],
    "write-back": ["reader-tui write-back --dry-run", "reader-tui write-back --auto on"],
    "new": ["reader-tui new https://e.com/news --title '국내 AI' --topic AIgroup --from -"],
    "export": ["reader-tui export --format md", "reader-tui export --format apkg --out a.apkg"],
    "config": ["reader-tui config", "reader-tui config max-post-mb 20"],
    "backups": ["reader-tui backups POST", "reader-tui backups POST --restore 2"],
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader-tui",
        description="Read, highlight and review your reading notes (Jekyll posts).",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    # The commands' modules are imported only to run one: opening the app needs none.
    from reader_tui.cli import backups, config, posts, reports

    parser.add_argument("--version", action=VersionAction)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    posts.add_commands(commands)
    reports.add_commands(commands)
    opening.add_commands(commands)
    config.add_commands(commands)
    backups.add_commands(commands)
    for name, page in commands.choices.items():
        page.epilog = "examples:\n" + "\n".join(f"  {line}" for line in COMMAND_EXAMPLES[name])
        page.formatter_class = argparse.RawDescriptionHelpFormatter
    return parser


def arranged(args: list[str]) -> list[str]:
    """`args` with the shared options given before the command moved after it (argparse
    reads them there), so `reader-tui --db lib.db search 네이버` works too."""
    moved: list[str] = []
    rest = list(args)
    while (rest and rest[0] in ("--db", "-v", "--verbose")) or (
        rest and rest[0].startswith("--db=")
    ):
        option = rest.pop(0)
        moved.append(option)
        if option == "--db" and rest:
            moved.append(rest.pop(0))
    if rest and rest[0] == "search":
        rest = ["search", *query_last(rest[1:])]
    if rest and rest[0] in COMMANDS:
        return [rest[0], *moved, *rest[1:]]
    return [*moved, *rest]


def query_last(args: list[str]) -> list[str]:
    """`search`'s arguments with a query that starts with `-` (`-네이버`) put after `--`, so
    it is not taken for an option."""
    taking_value = {"--limit", "--db"}
    known = taking_value | {"--json", "-v", "--verbose", "-h", "--help", "--"}
    index = 0
    while index < len(args):
        word = args[index]
        if word in taking_value:
            index += 2
            continue
        if word.startswith("-") and word.split("=")[0] not in known:
            return [*args[:index], *args[index + 1 :], "--", word]
        index += 1
    return args


def first_word(args: list[str]) -> str | None:
    """The first argument that is neither an option nor an option's value."""
    taking_value = False
    for word in args:
        if taking_value:
            taking_value = False
        elif word in ("--db", "--limit", "--days", "--format", "--out"):
            taking_value = True
        elif not word.startswith("-"):
            return word
    return None


def mistyped(word: str) -> str | None:
    """The command `word` was probably meant to be, when it is no command and no path."""
    if word.startswith("-") or word in COMMANDS or Path(word).exists():
        return None
    close = difflib.get_close_matches(word, COMMANDS, n=1, cutoff=0.6)
    return close[0] if close else None


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command (or the app); returns the exit status."""
    if "_ARGCOMPLETE" in os.environ:  # the shell asks for completions (see the README)
        import argcomplete

        argcomplete.autocomplete(build_parser())
    args_list = arranged(list(sys.argv[1:] if argv is None else argv))
    first = first_word(args_list)
    if first is not None and first not in COMMANDS:
        meant = mistyped(first)
        if meant:
            print(
                f"reader-tui: {plain(first)} is not a command, nor a file or folder; "
                f"did you mean {meant}? (reader-tui --help lists the commands)",
                file=sys.stderr,
            )
            return 2
    if args_list and args_list[0] in ("--version", "-h", "--help"):
        args = build_parser().parse_args(args_list)
    elif not args_list or args_list[0] not in COMMANDS:
        args = opening.opener().parse_args(args_list)
    else:
        args = build_parser().parse_args(args_list)
    try:
        result: int = args.func(args)
    except (UserError, LibraryError) as error:
        # (A library error names the library and what to do: busy, read-only, full.)
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


def run() -> None:
    """The `reader-tui` command and `python -m reader_tui`: `main`, then exit with its
    status. What is alive then is frozen first: the collector's last pass as Python exits
    would otherwise walk the whole app (the app thaws what it froze when it ends, for a
    process that runs another; this one will not)."""
    status = main()
    gc.freeze()
    sys.exit(status)
