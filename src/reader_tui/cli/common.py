"""What every command shares: the library's location, reading a post, user errors."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reader_tui.library import Library, LibraryError, settings

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from reader_tui.models import Article

DB_ENV = "READER_TUI_DB"


class UserError(Exception):
    """A problem the user can fix; printed as one line, never as a traceback."""


def reader_version() -> str:
    # Here, not at the top: importlib.metadata takes longer to import than the app's
    # first screen takes to draw, and only --version needs it.
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("reader-tui")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown"


class VersionAction(argparse.Action):
    """`--version`: the installed version, looked up only when asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS) -> None:
        super().__init__(
            option_strings, dest, nargs=0, default=argparse.SUPPRESS, help="show the version"
        )

    def __call__(self, parser: argparse.ArgumentParser, *_args: object, **_kwargs: object) -> None:
        print(f"reader-tui {reader_version()}")  # on stdout, as argparse's own does
        parser.exit()


def shared_options() -> argparse.ArgumentParser:
    """The parent parser of the commands that use the library (`--db`, `--verbose`)."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--db",
        metavar="PATH",
        help=f"the library file (default: ${DB_ENV}, else the user data folder)",
    )
    parent.add_argument(
        "-v", "--verbose", action="store_true", help="say which library is used, and how big"
    )
    return parent


def library_path(option: str | None) -> Path:
    """Where the library lives: --db, else $READER_TUI_DB, else the user data folder."""
    if option:
        return Path(option).expanduser()
    if os.environ.get(DB_ENV):
        return Path(os.environ[DB_ENV]).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("reader-tui")) / "library.db"


def open_library(option: str | None, *, create: bool = True, verbose: bool = False) -> Library:
    """The library `--db` (or its default) names; a `UserError` if it cannot be opened, or
    (for a command that only reads, `create=False`) if there is none yet."""
    path = library_path(option)
    if not create and not path.exists():
        raise UserError(
            f"{path}: no library here yet, so nothing to read; import your posts first "
            f"(reader-tui import notes/{'' if option is None else f' --db {option}'})"
        )
    try:
        library = Library(path)
    except LibraryError as error:
        raise UserError(str(error)) from None
    if verbose:
        (count,) = library.conn.execute("SELECT count(*) FROM articles").fetchone()
        state = "empty: import a folder of posts" if not count else plural(count, "article")
        print(f"library: {path} ({state})", file=sys.stderr)
    return library


def read_post(path: Path, max_mb: int = settings.MAX_POST_MB) -> str:
    """The decoded text of a post, or a `UserError` naming the file and the reason.
    Only a regular file is read (a FIFO would hang, /dev/zero never end), up to `max_mb`."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(info.st_mode):
            raise UserError(f"{path}: not a regular file (a pipe, socket or device); give a post")
        if info.st_size > max_mb * 1024 * 1024:
            raise UserError(
                f"{path}: {info.st_size / 1024 / 1024:.1f} MB, more than the {max_mb} MB "
                "reader-tui reads"
            )
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
    from reader_tui.post import ParseError, parse  # (YAML: not for opening the app)

    text = read_post(path)
    try:
        return parse(text, str(path))
    except ParseError as error:
        raise UserError(f"{path}: {error}") from None


def parse_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        raise UserError(f"{value}: not a date (YYYY-MM-DD)") from None


def bounded(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from `low` to `high` (a clear usage error else)."""

    def number(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value} is not from {low} to {high}")
        return value

    number.__name__ = "number"  # what argparse names in its message
    return number


def plural(count: int, noun: str) -> str:
    """`1 post`, `2 posts`."""
    return f"{count} {noun}{'' if count == 1 else 's'}"
