"""Shared fixtures: the seed post, libraries on real SQLite files, the CLI run in-process,
and the optional corpus. The time zone is pinned (days turn at Seoul's midnight), so
statistics and snapshots do not depend on the machine; animations are off."""

from __future__ import annotations

import contextlib
import io
import os
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from reader_tui.cli import main
from reader_tui.library import Library, importing
from reader_tui.post import ParseError, parse

if TYPE_CHECKING:
    from reader_tui.models import Article

os.environ["TZ"] = "Asia/Seoul"
time.tzset()
# Scrolling jumps instead of gliding: what a test checks is where it ends, not the glide.
os.environ["TEXTUAL_ANIMATIONS"] = "none"

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "notes" / "2022-03-15-AIgroup.markdown"

MakeLibrary = Callable[..., Library]


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    """A notes folder holding a copy of the seed post."""
    folder = tmp_path / "notes"
    folder.mkdir(exist_ok=True)
    (folder / SEED.name).write_bytes(SEED.read_bytes())
    return folder


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def make_library(tmp_path: Path) -> Iterator[MakeLibrary]:
    """Makes a library on a real SQLite file with chosen posts imported; each one made is
    closed after the test.

    `make(posts={"2022-01-01-a.md": "---\\ntitle: A\\n---\\n..."}, seed=True,
    db="library.db")`: the posts (and the seed post, unless `seed=False`) are written to
    `tmp_path/notes` and imported."""
    opened: list[Library] = []

    def make(
        posts: Mapping[str, str] | None = None, *, seed: bool = True, db: str = "library.db"
    ) -> Library:
        folder = tmp_path / "notes"
        folder.mkdir(exist_ok=True)
        if seed:
            (folder / SEED.name).write_bytes(SEED.read_bytes())
        for name, text in (posts or {}).items():
            (folder / name).write_text(text, encoding="utf-8")
        library = Library(tmp_path / db)
        opened.append(library)
        importing.import_paths(library, [folder])
        return library

    yield make
    for library in opened:
        library.close()


@pytest.fixture
def seed_library(make_library: MakeLibrary) -> Library:
    """The seed post imported into a real library file."""
    return make_library()


@dataclass(frozen=True)
class Ran:
    """What a command printed and its exit status, as a subprocess would report them."""

    returncode: int
    stdout: str
    stderr: str


def run_cli(*args: str, stdin: str = "") -> Ran:
    """`reader-tui ARGS` in this process (argparse's exits included), output captured."""
    out, err = io.StringIO(), io.StringIO()
    saved_stdin = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exit_:
                code = exit_.code if isinstance(exit_.code, int) else 1
    finally:
        sys.stdin = saved_stdin
    return Ran(code, out.getvalue(), err.getvalue())


def corpus_dir() -> Path | None:
    """The folder `READER_TUI_CORPUS` names, when it is set and exists."""
    value = os.environ.get("READER_TUI_CORPUS")
    if not value:
        return None
    path = Path(value)
    return path if path.is_dir() else None


def external_dir() -> Path | None:
    """`../shared/external` (posts from Jekyll's and python-frontmatter's test suites and
    other Korean study blogs), or `READER_TUI_EXTERNAL`; None when it is not there."""
    value = os.environ.get("READER_TUI_EXTERNAL")
    path = Path(value) if value else ROOT.parent / "shared" / "external"
    return path if path.is_dir() else None


def external_posts() -> list[Path]:
    """Every `.md` and `.markdown` file under `external_dir()` (none without it)."""
    root = external_dir()
    if root is None:
        return []
    return [p for p in root.rglob("*") if p.is_file() and p.suffix in (".md", ".markdown")]


def parsed_posts(paths: list[Path]) -> Iterator[tuple[Path, str, Article]]:
    """Each of `paths` an import takes (UTF-8, front matter it can read), with its text
    and its parse."""
    for path in paths:
        try:
            text = path.read_bytes().decode("utf-8")
            article = parse(text, str(path))
        except (UnicodeDecodeError, ParseError):
            continue  # (refused at import)
        yield path, text, article


def corpus_files() -> list[Path]:
    root = corpus_dir()
    if root is None:
        return []
    return sorted(
        p for p in root.rglob("*") if p.suffix in (".md", ".markdown") and p.name != "README.md"
    )


@contextlib.contextmanager
def write_lock_held(db: Library | Path | str) -> Iterator[None]:
    """Meanwhile another process holds the library's write lock. A `Library` given gives
    up waiting for it at once (50 ms): every write it tries fails as it would then."""
    if isinstance(db, Library):
        db.conn.execute("PRAGMA busy_timeout = 50")
    other = sqlite3.connect(db.path if isinstance(db, Library) else db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()
