"""Import and refresh: walk folders, read what changed, add, update, move, mark missing.

Folders are walked; unchanged files (same mtime and size) are not read. Each batch of
files is one transaction, so an interrupted import leaves the library consistent and the
next one finishes the job. A changed post is merged into what the app made
(`library.sync`). No Textual.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from itertools import filterfalse
from typing import TYPE_CHECKING, Any

from reader_tui.library import index, settings
from reader_tui.library.connection import Library, now
from reader_tui.library.reading import TRIPS as READ_TRIPS
from reader_tui.library.reading import Asked, NewRows, Read, read_all, read_post
from reader_tui.library.records import (
    insert_highlight_rows,
    insert_questions,
    write_extra_rows,
    write_keywords,
)
from reader_tui.library.sync import article_columns, file_columns, stored_mtime, sync_article
from reader_tui.library.walk import shown_path, walk
from reader_tui.models import ImportReport
from reader_tui.post.conventions import names_from

if TYPE_CHECKING:
    from pathlib import Path

    from reader_tui.models import Article

BATCH = 200  # files per transaction during an import
TRIPS = (*READ_TRIPS, sqlite3.IntegrityError)
"""What a post no check foresaw may raise: it is refused with its reason, the rest go on."""

ProgressCallback = Callable[[int, int], None]


@dataclass(slots=True)
class _Seen:
    """A file met during an import walk."""

    path: str
    mtime: int  # nanoseconds
    size: int
    row: dict[str, Any] | None = None
    named: bool = False  # given by name, not found in a folder: read even without front matter


@dataclass(slots=True)
class _Tally:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    moved: int = 0
    missing: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)

    def copy(self) -> _Tally:
        return replace(
            self,
            rejected=list(self.rejected),
            skipped=list(self.skipped),
            conflicts=list(self.conflicts),
        )

    def report(self) -> ImportReport:
        return ImportReport(
            self.added,
            self.updated,
            self.unchanged,
            self.moved,
            self.missing,
            tuple(self.rejected),
            tuple(self.skipped),
            tuple(self.conflicts),
        )


def import_paths(
    library: Library,
    paths: Iterable[str | Path],
    progress: ProgressCallback | None = None,
    workers: int | None = None,
    stop: Callable[[], bool] | None = None,
    parsed: tuple[str, Article] | None = None,
) -> ImportReport:
    """Add new posts, refresh changed ones, recognise moved ones, mark missing ones.

    Folders are walked; unchanged files (same mtime and size) are not read. Each
    batch of files is one transaction, so an interrupted import leaves the library
    consistent and the next one finishes the job. Files are read and parsed in worker
    processes on every core when there are many (`workers`: how many; 1: none).
    `stop`: asked before each batch; when it says so, the import ends there (the app
    quitting does not wait for the rest of a big first import).
    `parsed`: a post's text and its parse, which the caller has (write-back: the text it
    just wrote), taken for the file of its path when that file holds that text.
    """
    tally = _Tally()
    started = now()
    gathered = walk(paths)
    roots, found, named = gathered.roots, gathered.found, gathered.named
    tally.rejected += gathered.rejected
    tally.skipped += gathered.skipped
    if roots and library.unchanged_walk == (library.state(), roots, found):
        # The walk found what the last one did, which found every post unchanged, and
        # the library file has not changed since: nothing to compare (lists compared
        # item by item, no hashing: a third of a refresh of 10,000 posts).
        tally.unchanged = len(found)
        return tally.report()
    chosen = settings.load(library)
    max_bytes = chosen.max_post_mb * 1024 * 1024
    names = names_from(chosen.notes_headings)
    # Only what tells a file unchanged, for every row: this is the whole cost of a refresh.
    # (path, mtime_ns, size) as the walk makes them (each post once), looked up in a set:
    # a refresh of 10,000 unchanged posts is the walk and one pass over what it found.
    # With no folder to walk (one post named, as when the app opens it), only the
    # named rows matter.
    fresh, missing = stored_files(library, None if roots else named)
    changed = sorted(filterfalse(fresh.__contains__, found))
    tally.unchanged = len(found) - len(changed)  # not read: mtime and size say the same
    # The paths are needed only when something changed or went away.
    known: set[str] = set()
    seen: set[str] = set()
    if changed or tally.unchanged < len(fresh) + len(missing):
        known = {path for path, _, _ in fresh} | missing
        seen = {path for path, _, _ in found}
    todo = [
        _Seen(key, mtime, size, _known(library, key) if key in known else None, named=key in named)
        for key, mtime, size in changed
    ]
    # Rows under the walked folders (or named directly) whose file was not met.
    gone_by_hash: dict[str, list[dict[str, Any]]] = {}
    prefixes = tuple(root.rstrip(os.sep) + os.sep for root in roots)
    for key in known - seen:
        if key in named or (prefixes and key.startswith(prefixes)):
            row = _known(library, key)
            if row is not None:
                gone_by_hash.setdefault(row["content_hash"], []).append(row)

    asked = [
        Asked(
            item.path,
            item.size,
            item.row["content_hash"] if item.row else None,
            item.named,
            max_bytes,
            names,
            chosen.write_answers,
            _parsed(item.path, parsed),
        )
        for item in todo
    ]
    reads = read_all(asked, workers)
    # (A batch's statement journals in memory: see `Library.journals_in_memory`.)
    with library.journals_in_memory() if len(todo) >= BATCH else nullcontext():
        for first in range(0, len(todo), BATCH):
            if stop is not None and stop():
                break
            items = todo[first : first + BATCH]
            got = [next(reads) for _ in items]
            before = (tally.copy(), {key: list(rows) for key, rows in gone_by_hash.items()})
            try:
                with library.writing(), index.in_bulk(library):
                    for n, (item, read) in enumerate(zip(items, got, strict=True)):
                        try:
                            _import_one(library, item, read, gone_by_hash, tally)
                        except TRIPS as error:
                            raise _TrippedError from error
                        if progress:
                            progress(first + n + 1, len(todo))
            except _TrippedError:
                # A post tripped over something no check foresaw: the batch again, each post
                # in a savepoint of its own. (Not always: a savepoint per post makes the
                # search index write its pending rows out for each one.)
                tally, gone_by_hash = before
                with library.writing(), index.in_bulk(library):
                    for item, read in zip(items, got, strict=True):
                        with _alone(library, item.path, tally):
                            _import_one(library, item, read, gone_by_hash, tally)
    reads.close()  # (stopped: the worker processes end now)
    if not todo and not gone_by_hash and not tally.rejected and not tally.skipped:
        # Nothing to write, and nothing worth a line in the log: every file unchanged.
        if roots:
            library.unchanged_walk = (library.state(), roots, found)
        return tally.report()
    with library.writing():
        for rows in gone_by_hash.values():
            for row in rows:
                if row["status"] != "missing" and not os.path.exists(row["path"]):
                    library.conn.execute(
                        "UPDATE articles SET status = 'missing', updated_at = ? WHERE id = ?",
                        (now(), row["id"]),
                    )
                    tally.missing += 1
        report = tally.report()
        library.conn.execute(
            "INSERT INTO import_log (started_at, finished_at, roots, added, updated, "
            "unchanged, moved, missing, rejected, rejected_files) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                started,
                now(),
                json.dumps(roots + sorted(named), ensure_ascii=False),
                report.added,
                report.updated,
                report.unchanged,
                report.moved,
                report.missing,
                len(report.rejected),
                json.dumps([list(r) for r in report.rejected], ensure_ascii=False),
            ),
        )
    library.give_back_free_pages()
    return report


def _parsed(path: str, parsed: tuple[str, Article] | None) -> tuple[str, Article] | None:
    """`parsed`, if it is of the post at `path`."""
    return parsed if parsed is not None and parsed[1].path == path else None


def stored_files(
    library: Library, named: Iterable[str] | None = None
) -> tuple[set[tuple[str, int, int]], set[str]]:
    """(path, mtime_ns, size) of every post the library has read (only those `named`, if
    given), and the paths of those it could not."""
    conn = library.conn
    scope = () if named is None else tuple(sorted(named))
    only = "" if named is None else f" AND path IN ({', '.join('?' for _ in scope)})"
    fresh = set(
        conn.execute(
            f"SELECT path, mtime_ns, size FROM articles WHERE status = 'ok'{only}", scope
        ).fetchall()
    )
    missing = {
        row[0]
        for row in conn.execute(f"SELECT path FROM articles WHERE status != 'ok'{only}", scope)
    }
    return fresh, missing


def _known(library: Library, path: str) -> dict[str, Any] | None:
    rows = library.rows(
        "SELECT path, mtime_ns, size, status, id, content_hash FROM articles WHERE path = ?",
        (path,),
    )
    return rows[0] if rows else None


@contextmanager
def _alone(library: Library, path: str, tally: _Tally) -> Iterator[None]:
    """One post's import in a savepoint of its own: a post that trips over something no
    check foresaw is refused with its reason, and leaves no half-written rows; the rest of
    the batch goes on. (A full disk or a locked file still stops the whole import.)"""
    conn = library.conn
    conn.execute("SAVEPOINT post")
    try:
        yield
    except TRIPS as error:
        conn.execute("ROLLBACK TO post")
        reason = f"could not be imported ({type(error).__name__}: {error}); please report it"
        tally.rejected.append((shown_path(path), reason))
    conn.execute("RELEASE post")


class _TrippedError(Exception):
    """A post tripped: do its batch again, a savepoint per post."""


def _import_one(
    library: Library,
    item: _Seen,
    read: Read | Exception,
    gone_by_hash: dict[str, list[dict[str, Any]]],
    tally: _Tally,
) -> None:
    if isinstance(read, Exception):
        raise read
    # Read again inside the write lock: another import may have added it meanwhile.
    row = item.row or _known(library, item.path)
    known = row["content_hash"] if row else None
    if known != read.asked.known_hash:  # read for another row than the one found now
        read = read_post(replace(read.asked, known_hash=known))
    if read.outcome == "refused":
        tally.rejected.append((item.path, read.reason))
        return
    if read.outcome == "skipped":
        tally.skipped.append((item.path, read.reason))
        return
    if row is not None and read.outcome == "same":
        library.conn.execute(
            "UPDATE articles SET mtime_ns = ?, size = ?, status = 'ok' WHERE id = ?",
            (stored_mtime(item.mtime), item.size, row["id"]),
        )
        tally.unchanged += 1
        return
    if row is None:
        twins = gone_by_hash.get(read.digest)
        if twins:
            twin = twins.pop(0)
            library.conn.execute(
                "UPDATE articles SET path = ?, mtime_ns = ?, size = ?, status = 'ok', "
                "updated_at = ? WHERE id = ?",
                (item.path, stored_mtime(item.mtime), item.size, now(), twin["id"]),
            )
            tally.moved += 1
            return
        assert read.new is not None
        _add_article(library, item, read.new)
        tally.added += 1
        return
    columns = _columns(item, read)
    assert read.article is not None
    if sync_article(library, row["id"], columns, read.text, read.article):
        tally.conflicts.append(item.path)
    tally.updated += 1


def _columns(item: _Seen, read: Read) -> dict[str, Any]:
    assert read.article is not None
    return article_columns(
        item.path, item.mtime, item.size, read.digest, read.article, read.text, read.packed
    )


def _add_article(library: Library, item: _Seen, new: NewRows) -> None:
    """Store a new post's rows, as its reading made them."""
    columns = file_columns(item.path, item.mtime, item.size) | new.columns
    columns["imported_at"] = columns["updated_at"]
    names = ", ".join(f'"{name}"' for name in columns)
    marks = ", ".join("?" for _ in columns)
    cursor = library.conn.execute(
        f"INSERT INTO articles ({names}) VALUES ({marks})", tuple(columns.values())
    )
    article_id = int(cursor.lastrowid or 0)
    insert_highlight_rows(library, article_id, new.highlights, "file")
    # A new row: nothing of it to replace.
    write_keywords(library, article_id, new.keywords, fresh=True)
    write_extra_rows(library, article_id, new.extras, fresh=True)
    question_ids = iter(insert_questions(library, article_id, new.questions))
    docs = [
        (kind, next(question_ids) if kind == "question" else ref, row)
        for kind, ref, row in new.index
    ]
    index.index_cut(library, article_id, docs)
