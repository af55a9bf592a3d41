"""The library file: opening it, transactions, and errors a user can act on. No Textual.

A `Library` is one SQLite connection. Each job on it (import, search, queries, edits,
settings, cards) is a module of functions that take the library as their first argument.
SQLite connections belong to the thread that opened them: a worker takes `for_thread()`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader_tui.library.schema import upgrade

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence


class LibraryError(Exception):
    """A problem with the library file the user can act on; the message says what."""


def now() -> str:
    """The moment as the library stores it (UTC, ISO 8601, seconds)."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def explain(error: sqlite3.Error, path: str) -> LibraryError:
    """An SQLite error as one line naming the file and what to do."""
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return LibraryError(
            f"{path}: the library is busy (another reader-tui is writing to it); try again"
        )
    if "full" in text or ("i/o" in text and _no_room(path)):
        # (Full, SQLite may not know it: a WAL index it cannot grow is an I/O error.)
        return LibraryError(f"{path}: the disk is full; free some space and try again")
    if "readonly" in text or "read-only" in text:
        return LibraryError(f"{path}: the library file is read-only; check its permissions")
    if "not a database" in text or "malformed" in text:
        return LibraryError(f"{path}: is not a reader-tui library (or is damaged)")
    if "i/o" in text:
        return LibraryError(f"{path}: the disk gave an error ({error}); check it and try again")
    return LibraryError(f"{path}: {error}")


def _no_room(path: str) -> bool:
    """Whether the library's disk has (next to) no room left."""
    try:
        disk = os.statvfs(os.path.dirname(os.path.abspath(path)))
    except (OSError, AttributeError):  # (no statvfs on Windows)
        return False
    return disk.f_bavail * disk.f_frsize < 1 << 20


class Library:
    """One library file (or `:memory:`), opened and upgraded on creation."""

    def __init__(self, path: str | Path = ":memory:") -> None:
        self.path = str(path)
        self.index_current = False  # the search index checked to be of this version
        # The search index's rows held back to the end of a bulk write (`index.in_bulk`).
        self.index_held: list[tuple[int, str | bytes, str, str]] | None = None
        # The last walk that found every post unchanged: (file state, roots, posts found);
        # a refresh that walks the same while the file is the same compares nothing more.
        self.unchanged_walk: tuple[tuple[int, int], list[str], list[tuple[str, int, int]]] | None
        self.unchanged_walk = None
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self.conn = conn
            conn.execute("PRAGMA busy_timeout = 5000")
            conn.execute("PRAGMA foreign_keys = ON")
            if not conn.execute("PRAGMA page_count").fetchone()[0]:
                # A new file gives back the pages it no longer uses (see
                # `give_back_free_pages`); an existing one keeps the mode it was made with.
                conn.execute("PRAGMA auto_vacuum = INCREMENTAL")
            if self.path != ":memory:":
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")
            problem = upgrade(conn, self.writing)
            if problem is None and self.suspect.exists():  # the last run failed: check
                problem = self.check()
                if problem is None:
                    self.suspect.unlink(missing_ok=True)
        except sqlite3.Error as error:
            self.failed()
            raise explain(error, self.path) from None
        except OSError as error:
            raise LibraryError(
                f"{self.path}: cannot be opened ({error.strerror or error})"
            ) from None
        if problem:
            conn.close()
            raise LibraryError(f"{self.path}: {problem}")

    @property
    def suspect(self) -> Path:
        """A mark beside the library, left by an SQLite error: the next open checks the
        file before trusting it."""
        return Path(f"{self.path}.check")

    def failed(self) -> None:
        """Remember that an SQLite error happened (a full disk, a damaged file)."""
        if self.shared:
            with contextlib.suppress(OSError):
                self.suspect.touch()

    def check(self) -> str | None:
        """Why the file is damaged (SQLite's quick_check), or None when it is sound."""
        try:
            rows = [row[0] for row in self.conn.execute("PRAGMA quick_check(5)")]
        except sqlite3.DatabaseError as error:
            rows = [str(error)]
        if rows == ["ok"]:
            return None
        return (
            f"is damaged ({'; '.join(rows)[:200]}); your posts are safe: move the file aside "
            "and import them into a new library (notes made only in the app are in the "
            "damaged file: ask for help before deleting it)"
        )

    def state(self) -> tuple[int, int]:
        """What changes when the library file does: other connections' commits (SQLite's
        data_version) and this one's changes. The same twice: nothing changed between."""
        conn = self.conn
        return int(conn.execute("PRAGMA data_version").fetchone()[0]), conn.total_changes

    @contextmanager
    def for_thread(self) -> Iterator[Library]:
        """The same library on a connection of its own, for a worker thread, closed after.
        An in-memory library has no second connection: the worker shares this one."""
        if not self.shared:
            yield self
            return
        own = Library(self.path)
        try:
            yield own
        finally:
            own.close()

    @property
    def shared(self) -> bool:
        """Whether other connections can see this library (a file, not `:memory:`)."""
        return self.path != ":memory:"

    def close(self) -> None:
        """Close the connection (a no-op for the copy `for_thread` shares in memory)."""
        self.conn.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def writing(self) -> Iterator[None]:
        """One write transaction; SQLite errors in it become `LibraryError`s."""
        conn = self.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise explain(error, self.path) from None
        try:
            yield
        except sqlite3.Error as error:
            self._roll_back()
            self.failed()
            raise explain(error, self.path) from None
        except BaseException:
            self._roll_back()
            raise
        try:
            conn.execute("COMMIT")
        except sqlite3.Error as error:
            self._roll_back()
            self.failed()
            raise explain(error, self.path) from None

    @contextmanager
    def journals_in_memory(self) -> Iterator[None]:
        """Meanwhile (a big import, begun outside a transaction), SQLite keeps statement
        journals in memory, not in temporary files: an import's search-index writes put
        some 70 MB a thousand posts through them. Only then: one statement of a
        migration may touch the whole file. (SQLite takes the setting at each BEGIN.)"""
        conn = self.conn
        if conn.in_transaction:
            yield
            return
        conn.execute("PRAGMA temp_store = MEMORY")
        try:
            yield
        finally:
            if not conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("PRAGMA temp_store = DEFAULT")

    def _roll_back(self) -> None:
        """Undo the transaction, if SQLite has not already (it rolls back by itself on a
        full disk, and a second ROLLBACK would hide the real error)."""
        if self.conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")

    def rows(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[dict[str, Any]]:
        """Rows of a query as dicts; errors explained."""
        cursor = self._query(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def tuples(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[Any]:
        """Rows of a query as tuples (many rows, fewer objects); errors explained."""
        return self._query(sql, params).fetchall()

    def _query(self, sql: str, params: Sequence[Any] | dict[str, Any]) -> sqlite3.Cursor:
        try:
            return self.conn.execute(sql, params)
        except sqlite3.Error as error:
            raise explain(error, self.path) from None

    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def give_back_free_pages(self) -> None:
        """Give the pages the file no longer uses back to the disk (after an import: the
        search index's merges leave some). A no-op for a file made before this mode; a
        library busy with another writer keeps them until the next import."""
        if self.conn.in_transaction:  # a script would commit it first: not here
            return
        with contextlib.suppress(sqlite3.OperationalError):
            # A script: Python's sqlite3 would step this pragma once, freeing one page.
            self.conn.executescript("PRAGMA incremental_vacuum;")
