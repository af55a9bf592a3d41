"""The library in one SQLite file: import, refresh, queries, edits and search. No Textual.

Tables are plain (`articles`, `highlights`, `keywords`, `questions`, `extra_sections`,
`import_log`, `search_docs`) so the file reads well in other tools. The search index
`search_fts` is an FTS5 table over Korean-aware grams (see `grams.py`); it stores no copy
of the text (the posts' bodies are in `articles.body_zlib` once), so rows are removed from it
by giving back the grams they were indexed with: every write that touches indexed text
goes through `_reindexing`, which unindexes an article before the change and indexes it
after.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader_tui import grams
from reader_tui.inline import HTML_TAG
from reader_tui.models import (
    Article,
    Conflict,
    ExtraSection,
    Highlight,
    ImportReport,
    LibraryEntry,
    Question,
    SearchHit,
    StoredArticle,
    StoredHighlight,
)
from reader_tui.parsing import (
    EditError,
    ParseError,
    add_highlight,
    normalize_keywords,
    normalize_text,
    parse,
)

if TYPE_CHECKING:
    import sqlite_utils

SCHEMA_VERSION = 4
GRAMS_MODE: grams.Mode = "bigram"
ANCHOR = 32  # characters of context kept before and after a highlight
BATCH = 200  # files per transaction during an import
POST_SUFFIXES = (".md", ".markdown")
SECTIONS = ("keywords", "summary", "questions")


class StoreError(Exception):
    """A problem with the library file the user can act on; the message says what."""


class SearchError(ValueError):
    """A query that cannot be searched; the message says why."""


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _explain(error: sqlite3.Error, path: str) -> StoreError:
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return StoreError(
            f"{path}: the library is busy (another reader-tui is writing to it); try again"
        )
    if "full" in text:
        return StoreError(f"{path}: the disk is full; free some space and try again")
    if "readonly" in text or "read-only" in text:
        return StoreError(f"{path}: the library file is read-only; check its permissions")
    if "not a database" in text or "malformed" in text:
        return StoreError(f"{path}: is not a reader-tui library (or is damaged)")
    return StoreError(f"{path}: {error}")


# --------------------------------------------------------------------------------------
# Schema
# --------------------------------------------------------------------------------------


def _migrate_1(db: sqlite_utils.Database) -> None:
    db.execute(
        """
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL UNIQUE,
            content_hash TEXT NOT NULL,
            mtime_ns INTEGER NOT NULL,
            size INTEGER NOT NULL,
            title TEXT NOT NULL DEFAULT '',
            subtitle TEXT NOT NULL DEFAULT '',
            date TEXT,
            subtitle_date TEXT,
            categories TEXT NOT NULL DEFAULT '[]',
            tags TEXT NOT NULL DEFAULT '[]',
            front_matter TEXT NOT NULL DEFAULT '{}',
            source_url TEXT,
            summary TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'ok',
            notes_base TEXT NOT NULL DEFAULT '{}',
            conflict TEXT,
            warnings TEXT NOT NULL DEFAULT '[]',
            imported_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            -- last, so that reading the other columns never walks the text's pages
            body_zlib BLOB NOT NULL  -- the article's text (zlib), for search and snippets
        )
        """
    )
    db.execute("CREATE INDEX articles_content_hash ON articles(content_hash)")
    # A refresh reads only this index, never the table; the library list only the next.
    db.execute("CREATE INDEX articles_refresh ON articles(status, path, mtime_ns, size)")
    db.execute("CREATE INDEX articles_listing ON articles(date, title, id, path, status, conflict)")
    db.execute("CREATE INDEX articles_date ON articles(date)")
    db.execute(
        """
        CREATE TABLE highlights (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            color TEXT NOT NULL,
            text TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            quote TEXT,  -- the source between the tags, when it differs from `text`
            prefix TEXT NOT NULL,
            suffix TEXT NOT NULL,
            origin TEXT NOT NULL DEFAULT 'file',
            status TEXT NOT NULL DEFAULT 'active',
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX highlights_article ON highlights(article_id, start)")
    db.execute(
        """
        CREATE TABLE keywords (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            keyword TEXT NOT NULL,
            PRIMARY KEY (article_id, position)
        )
        """
    )
    db.execute("CREATE INDEX keywords_keyword ON keywords(keyword)")
    db.execute(
        """
        CREATE TABLE questions (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            text TEXT NOT NULL,
            answer TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'open'
        )
        """
    )
    db.execute("CREATE INDEX questions_article ON questions(article_id, position)")
    db.execute(
        """
        CREATE TABLE extra_sections (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            title TEXT NOT NULL,
            text TEXT NOT NULL,
            PRIMARY KEY (article_id, position)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE import_log (
            id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            roots TEXT NOT NULL,
            added INTEGER NOT NULL DEFAULT 0,
            updated INTEGER NOT NULL DEFAULT 0,
            unchanged INTEGER NOT NULL DEFAULT 0,
            moved INTEGER NOT NULL DEFAULT 0,
            missing INTEGER NOT NULL DEFAULT 0,
            rejected INTEGER NOT NULL DEFAULT 0,
            rejected_files TEXT NOT NULL DEFAULT '[]'
        )
        """
    )
    db.execute(
        """
        CREATE TABLE search_docs (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            ref_id INTEGER
        )
        """
    )
    db.execute("CREATE INDEX search_docs_article ON search_docs(article_id)")
    db.execute("CREATE VIRTUAL TABLE search_fts USING fts5(grams, content='')")
    # For other tools (sqlite-utils search, Datasette's search box): word search over the
    # small tables, in the layout and with the triggers sqlite-utils' enable_fts makes
    # (written out here because enable_fts commits, and a migration is one transaction).
    for table, columns in FTS_TABLES.items():
        _word_search(db, table, columns)


FTS_TABLES = {
    "articles": ("title", "subtitle"),
    "highlights": ("text", "note"),
    "questions": ("text", "answer"),
}


def _word_search(db: sqlite_utils.Database, table: str, columns: Sequence[str]) -> None:
    cols = ", ".join(f'"{c}"' for c in columns)
    new = ", ".join(f'new."{c}"' for c in columns)
    old = ", ".join(f'old."{c}"' for c in columns)
    fts = f'"{table}_fts"'
    db.execute(f'CREATE VIRTUAL TABLE {fts} USING FTS5 ({cols}, content="{table}")')
    db.execute(
        f'CREATE TRIGGER "{table}_ai" AFTER INSERT ON "{table}" BEGIN '
        f"INSERT INTO {fts} (rowid, {cols}) VALUES (new.rowid, {new}); END"
    )
    db.execute(
        f'CREATE TRIGGER "{table}_ad" AFTER DELETE ON "{table}" BEGIN '
        f"INSERT INTO {fts} ({fts}, rowid, {cols}) VALUES('delete', old.rowid, {old}); END"
    )
    db.execute(
        f'CREATE TRIGGER "{table}_au" AFTER UPDATE ON "{table}" BEGIN '
        f"INSERT INTO {fts} ({fts}, rowid, {cols}) VALUES('delete', old.rowid, {old}); "
        f"INSERT INTO {fts} (rowid, {cols}) VALUES (new.rowid, {new}); END"
    )


def _migrate_2(db: sqlite_utils.Database) -> None:
    """The library list in the index's own order (newest first, then title), so its first
    page is read without sorting every article."""
    db.execute("DROP INDEX articles_listing")
    db.execute(
        "CREATE INDEX articles_listing ON articles(date DESC, title, id, path, status, conflict)"
    )


def _migrate_3(db: sqlite_utils.Database) -> None:
    """Review cards (one per highlight, question, or keyword blanked in a highlight) and
    every review ever made. Cards are never deleted: one whose passage or question is
    gone is retired, with its history."""
    db.execute(
        """
        CREATE TABLE cards (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,  -- highlight | question | cloze
            article_id INTEGER NOT NULL,
            highlight_id INTEGER,
            question_id INTEGER,
            keyword TEXT,  -- cloze: the keyword blanked
            state INTEGER NOT NULL DEFAULT 0,  -- 0 new, then fsrs.State: 1 learning ...
            step INTEGER,
            stability REAL,
            difficulty REAL,
            due TEXT,  -- UTC, ISO 8601
            last_review TEXT,
            introduced TEXT,  -- first review: counts toward that day's new cards
            retired TEXT,
            retired_why TEXT,  -- user | gone
            created TEXT NOT NULL
        )
        """
    )
    db.execute(
        "CREATE UNIQUE INDEX cards_target ON cards(kind, coalesce(highlight_id, 0), "
        "coalesce(question_id, 0), coalesce(keyword, ''))"
    )
    db.execute("CREATE INDEX cards_due ON cards(retired, state, due)")
    db.execute("CREATE INDEX cards_article ON cards(article_id)")
    db.execute(
        """
        CREATE TABLE review_log (
            id INTEGER PRIMARY KEY,
            card_id INTEGER NOT NULL REFERENCES cards(id),
            rating INTEGER NOT NULL,  -- 1 again, 2 hard, 3 good, 4 easy
            reviewed TEXT NOT NULL,
            duration_ms INTEGER,
            state INTEGER NOT NULL,  -- after the review
            due TEXT NOT NULL  -- after the review
        )
        """
    )
    db.execute("CREATE INDEX review_log_card ON review_log(card_id)")
    db.execute("CREATE INDEX review_log_reviewed ON review_log(reviewed)")


def _migrate_4(db: sqlite_utils.Database) -> None:
    """The user's settings (automatic write-back, ...), as text."""
    db.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


MIGRATIONS: tuple[Callable[[sqlite_utils.Database], None], ...] = (
    _migrate_1,
    _migrate_2,
    _migrate_3,
    _migrate_4,
)


# --------------------------------------------------------------------------------------
# Anchors
# --------------------------------------------------------------------------------------


def _pack(text: str) -> bytes:
    return zlib.compress(text.encode("utf-8"), 6)


def _unpack(data: bytes | None) -> str:
    return zlib.decompress(data).decode("utf-8") if data else ""


def _anchor(text: str, start: int, end: int) -> tuple[str, str, str]:
    return text[start:end], text[max(0, start - ANCHOR) : start], text[end : end + ANCHOR]


def _anchor_row(text: str, start: int, end: int, visible: str) -> tuple[str | None, str, str]:
    """(quote, prefix, suffix) as stored: the quote only when it is not the visible text."""
    quote, prefix, suffix = _anchor(text, start, end)
    return (None if quote == visible else quote), prefix, suffix


def _quote(row: dict[str, Any]) -> str:
    return str(row["quote"] if row["quote"] is not None else row["text"])


def _common_suffix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def relocate(text: str, quote: str, prefix: str, suffix: str, hint: int) -> int | None:
    """Where `quote` now starts in `text`: the occurrence whose surroundings best match
    the remembered prefix and suffix (nearest to `hint` on a tie), or None."""
    if not quote:
        return None
    best: tuple[int, int] | None = None
    best_at: int | None = None
    at = text.find(quote)
    while at >= 0:
        score = _common_suffix(text[max(0, at - len(prefix)) : at], prefix) + _common_prefix(
            text[at + len(quote) : at + len(quote) + len(suffix)], suffix
        )
        key = (score, -abs(at - hint))
        if best is None or key > best:
            best, best_at = key, at
        at = text.find(quote, at + 1)
    return best_at


# --------------------------------------------------------------------------------------
# Text for the search index and snippets
# --------------------------------------------------------------------------------------


def plain(markdown: str) -> str:
    """Markdown as a reader sees it, roughly: tags gone, whitespace collapsed."""
    if "<" in markdown:
        markdown = HTML_TAG.sub("", markdown)
    for marker in ("**", "__", "`", "\\"):
        if marker in markdown:
            markdown = markdown.replace(marker, "")
    return " ".join(markdown.split())


def _around(body: str, terms: Sequence[str], reach: int = 200) -> str:
    """The plain text of `body` near the first of `terms` (a whole body costs too much)."""
    lower = body.lower()
    for term in terms:
        at = lower.find(term)
        if at >= 0:
            return plain(body[max(0, at - reach) : at + reach])
    return plain(body[: reach * 2])


def snippet(text: str, terms: Sequence[str], width: int = 36) -> str:
    """A window of `text` around the first of `terms` found, the match marked «like so»."""
    flat = " ".join(text.split())
    lower = flat.lower()
    for term in terms:
        at = lower.find(term)
        if at >= 0:
            break
    else:
        return flat[: width * 2] + ("…" if len(flat) > width * 2 else "")
    end = at + len(term)
    # extend the mark over the rest of the query's words that follow
    for term in terms[1:]:
        nxt = lower.find(term, end)
        if 0 <= nxt - end <= 2:
            end = nxt + len(term)
    left = max(0, at - width)
    right = min(len(flat), end + width)
    return (
        ("…" if left > 0 else "")
        + flat[left:at]
        + "«"
        + flat[at:end]
        + "»"
        + flat[end:right]
        + ("…" if right < len(flat) else "")
    )


# --------------------------------------------------------------------------------------
# The store
# --------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Seen:
    """A file met during an import walk."""

    path: str
    mtime: int  # nanoseconds
    size: int
    row: dict[str, Any] | None = None
    data: bytes | None = None
    digest: str | None = None


@dataclass(slots=True)
class _Tally:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    moved: int = 0
    missing: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)

    def report(self) -> ImportReport:
        return ImportReport(
            self.added, self.updated, self.unchanged, self.moved, self.missing, tuple(self.rejected)
        )


ProgressCallback = Callable[[int, int], None]


class Store:
    """The library: one SQLite file (or `:memory:`), opened and upgraded on creation."""

    def __init__(self, path: str | Path = ":memory:") -> None:
        self.path = str(path)
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self._conn = conn
            conn.execute("PRAGMA busy_timeout = 5000")
            conn.execute("PRAGMA foreign_keys = ON")
            if self.path != ":memory:":
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")
            if 0 < conn.execute("PRAGMA user_version").fetchone()[0] <= SCHEMA_VERSION:
                self._check_layout()  # before upgrading a file that is not ours
            self._migrate()
        except sqlite3.Error as error:
            raise _explain(error, self.path) from None
        except OSError as error:
            raise StoreError(f"{self.path}: cannot be opened ({error.strerror or error})") from None

    @property
    def conn(self) -> sqlite3.Connection:
        return self._conn

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- plumbing --------------------------------------------------------------------

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise _explain(error, self.path) from None
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        try:
            self.conn.execute("COMMIT")
        except sqlite3.Error as error:
            self.conn.execute("ROLLBACK")
            raise _explain(error, self.path) from None

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """A transaction whose SQLite errors become `StoreError`s."""
        try:
            with self._transaction():
                yield
        except sqlite3.Error as error:
            raise _explain(error, self.path) from None

    def writing(self) -> AbstractContextManager[None]:
        """A write transaction, for the modules that share the library file (review)."""
        return self._writing()

    def _migrate(self) -> None:
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: made by a newer reader-tui (schema {version}); upgrade reader-tui"
            )
        if version == SCHEMA_VERSION:
            return
        import sqlite_utils  # only to create or upgrade the tables: opening is faster

        db = sqlite_utils.Database(self.conn)
        for number in range(version, SCHEMA_VERSION):
            with self._transaction():
                MIGRATIONS[number](db)
                self.conn.execute(f"PRAGMA user_version = {number + 1}")

    def _check_layout(self) -> None:
        """Refuse, with a clear message, a file whose tables are not the ones expected."""
        columns = {row[1] for row in self.conn.execute("PRAGMA table_info(articles)")}
        if not {"mtime_ns", "body_zlib"} <= columns:
            raise StoreError(
                f"{self.path}: was made by a development version of reader-tui with another "
                "layout; move it aside and import your posts again (they stay where they are)"
            )

    def _rows(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[dict[str, Any]]:
        try:
            cursor = self.conn.execute(sql, params)
        except sqlite3.Error as error:
            raise _explain(error, self.path) from None
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    # -- import ----------------------------------------------------------------------

    def import_paths(
        self, paths: Iterable[str | Path], progress: ProgressCallback | None = None
    ) -> ImportReport:
        """Add new posts, refresh changed ones, recognise moved ones, mark missing ones.

        Folders are walked; unchanged files (same mtime and size) are not read. Each
        batch of files is one transaction, so an interrupted import leaves the library
        consistent and the next one finishes the job.
        """
        tally = _Tally()
        started = _now()
        roots: list[str] = []
        found: list[tuple[str, int, int]] = []
        named: set[str] = set()
        for raw in paths:
            path = Path(raw).expanduser().resolve()
            try:
                if path.is_dir():
                    roots.append(str(path))
                    found.extend(walk_posts(str(path)))
                elif path.is_file():
                    st = path.stat()
                    named.add(str(path))
                    found.append((str(path), st.st_mtime_ns, st.st_size))
                else:
                    tally.rejected.append((str(raw), "no such file or folder"))
            except OSError as error:
                tally.rejected.append((str(raw), f"cannot be read ({error.strerror or error})"))
        # Only what tells a file unchanged, for every row: this is the whole cost of a refresh.
        # (path, mtime_ns, size) as the walk makes them, compared as sets in C: a refresh
        # of 10,000 unchanged posts is the walk, this query, and two set operations.
        # With no folder to walk (one post named, as when the app opens it), only the
        # named rows matter.
        only = "" if roots else f" AND path IN ({', '.join('?' for _ in named)})"
        scope = () if roots else tuple(sorted(named))
        fresh = set(
            self.conn.execute(
                f"SELECT path, mtime_ns, size FROM articles WHERE status = 'ok'{only}", scope
            ).fetchall()
        )
        missing = {
            row[0]
            for row in self.conn.execute(
                f"SELECT path FROM articles WHERE status != 'ok'{only}", scope
            )
        }
        walked = set(found)
        tally.unchanged = len(walked & fresh)  # not read: mtime and size say they are the same
        changed = sorted(walked - fresh)
        # The paths are needed only when something changed or went away.
        known: set[str] = set()
        seen: set[str] = set()
        if changed or tally.unchanged < len(fresh) + len(missing):
            known = {path for path, _, _ in fresh} | missing
            seen = {path for path, _, _ in walked}
        todo = [
            _Seen(key, mtime, size, self._known(key) if key in known else None)
            for key, mtime, size in changed
        ]
        # Rows under the walked folders (or named directly) whose file was not met.
        gone_by_hash: dict[str, list[dict[str, Any]]] = {}
        prefixes = tuple(root.rstrip(os.sep) + os.sep for root in roots)
        for key in known - seen:
            if key in named or (prefixes and key.startswith(prefixes)):
                row = self._known(key)
                if row is not None:
                    gone_by_hash.setdefault(row["content_hash"], []).append(row)

        done = 0
        for index in range(0, len(todo), BATCH):
            with self._writing():
                for item in todo[index : index + BATCH]:
                    self._import_one(item, gone_by_hash, tally)
                    done += 1
                    if progress:
                        progress(done, len(todo))
        if not todo and not gone_by_hash and not tally.rejected:
            # Nothing to write, and nothing worth a line in the log: every file unchanged.
            return tally.report()
        with self._writing():
            for rows in gone_by_hash.values():
                for row in rows:
                    if row["status"] != "missing" and not os.path.exists(row["path"]):
                        self.conn.execute(
                            "UPDATE articles SET status = 'missing', updated_at = ? WHERE id = ?",
                            (_now(), row["id"]),
                        )
                        tally.missing += 1
            report = tally.report()
            self.conn.execute(
                "INSERT INTO import_log (started_at, finished_at, roots, added, updated, "
                "unchanged, moved, missing, rejected, rejected_files) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    started,
                    _now(),
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
        return report

    def _known(self, path: str) -> dict[str, Any] | None:
        rows = self._rows(
            "SELECT path, mtime_ns, size, status, id, content_hash FROM articles WHERE path = ?",
            (path,),
        )
        return rows[0] if rows else None

    def _import_one(
        self, item: _Seen, gone_by_hash: dict[str, list[dict[str, Any]]], tally: _Tally
    ) -> None:
        row = item.row
        try:
            data = Path(item.path).read_bytes()
        except OSError as error:
            tally.rejected.append((item.path, f"cannot be read ({error.strerror or error})"))
            return
        digest = hashlib.sha256(data).hexdigest()
        if row is not None and row["content_hash"] == digest:
            self.conn.execute(
                "UPDATE articles SET mtime_ns = ?, size = ?, status = 'ok' WHERE id = ?",
                (item.mtime, item.size, row["id"]),
            )
            tally.unchanged += 1
            return
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            tally.rejected.append(
                (item.path, f"not UTF-8 text (byte {error.start}); save it as UTF-8")
            )
            return
        try:
            article = parse(text, item.path)
        except ParseError as error:
            tally.rejected.append((item.path, str(error)))
            return
        if row is None:
            twins = gone_by_hash.get(digest)
            if twins:
                twin = twins.pop(0)
                self.conn.execute(
                    "UPDATE articles SET path = ?, mtime_ns = ?, size = ?, status = 'ok', "
                    "updated_at = ? WHERE id = ?",
                    (item.path, item.mtime, item.size, _now(), twin["id"]),
                )
                tally.moved += 1
                return
            self._add_article(item, digest, text, article)
            tally.added += 1
            return
        self._sync_article(row["id"], item, digest, text, article)
        tally.updated += 1

    def _article_columns(
        self, item: _Seen, digest: str, article: Article, text: str
    ) -> dict[str, Any]:
        body = text[article.source.body_start : article.source.article_end]
        return {
            "path": item.path,
            "content_hash": digest,
            "mtime_ns": item.mtime,
            "size": item.size,
            "title": article.title,
            "subtitle": article.subtitle,
            "date": article.date.isoformat() if article.date else None,
            "subtitle_date": article.subtitle_date.isoformat() if article.subtitle_date else None,
            "categories": json.dumps(list(article.categories), ensure_ascii=False),
            "tags": json.dumps(list(article.tags), ensure_ascii=False),
            "front_matter": json.dumps(article.front_matter, ensure_ascii=False),
            "source_url": article.source_url,
            "body_zlib": _pack(body.strip("\n")),
            "status": "ok",
            "warnings": json.dumps(list(article.warnings), ensure_ascii=False),
            "updated_at": _now(),
        }

    @staticmethod
    def _file_notes(article: Article) -> dict[str, Any]:
        return {
            "keywords": list(article.keywords),
            "summary": article.summary,
            "questions": list(article.questions),
        }

    def _add_article(self, item: _Seen, digest: str, text: str, article: Article) -> None:
        columns = self._article_columns(item, digest, article, text)
        columns |= {
            "summary": article.summary,
            "notes_base": json.dumps(self._file_notes(article), ensure_ascii=False),
            "imported_at": _now(),
        }
        names = ", ".join(f'"{name}"' for name in columns)
        marks = ", ".join("?" for _ in columns)
        cursor = self.conn.execute(
            f"INSERT INTO articles ({names}) VALUES ({marks})", tuple(columns.values())
        )
        article_id = int(cursor.lastrowid or 0)
        self._insert_highlights(article_id, text, article.highlights, "file")
        self.conn.executemany(
            "INSERT INTO keywords (article_id, position, keyword) VALUES (?, ?, ?)",
            [(article_id, n, keyword) for n, keyword in enumerate(article.keywords)],
        )
        self.conn.executemany(
            "INSERT INTO questions (article_id, position, text) VALUES (?, ?, ?)",
            [(article_id, n, question) for n, question in enumerate(article.questions)],
        )
        self.conn.executemany(
            "INSERT INTO extra_sections (article_id, position, title, text) VALUES (?, ?, ?, ?)",
            [(article_id, n, e.title, e.text) for n, e in enumerate(article.extra_sections)],
        )
        self._index(article_id)

    def _insert_highlights(
        self, article_id: int, text: str, highlights: Sequence[Highlight], origin: str
    ) -> list[int]:
        """Store highlights of `text` with their anchors; returns their ids."""
        now = _now()
        ids = []
        for h in highlights:
            cursor = self.conn.execute(
                'INSERT INTO highlights (article_id, color, text, start, "end", quote, prefix, '
                "suffix, origin, status, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?)",
                (
                    article_id,
                    h.color,
                    h.text,
                    h.start,
                    h.end,
                    *_anchor_row(text, h.start, h.end, h.text),
                    origin,
                    now,
                    now,
                ),
            )
            ids.append(int(cursor.lastrowid or 0))
        return ids

    def _write_keywords(self, article_id: int, keywords: Sequence[str]) -> None:
        self.conn.execute("DELETE FROM keywords WHERE article_id = ?", (article_id,))
        self.conn.executemany(
            "INSERT INTO keywords (article_id, position, keyword) VALUES (?, ?, ?)",
            [(article_id, n, keyword) for n, keyword in enumerate(keywords)],
        )

    def _write_questions(self, article_id: int, texts: Sequence[str]) -> None:
        """Replace the questions' texts, keeping answers of questions whose text stayed."""
        old = {
            row["text"]: row
            for row in self._rows(
                "SELECT id, text, answer, status FROM questions WHERE article_id = ?", (article_id,)
            )
        }
        self.conn.execute("DELETE FROM questions WHERE article_id = ?", (article_id,))
        for position, text in enumerate(texts):
            kept = old.get(text)
            self.conn.execute(
                "INSERT INTO questions (id, article_id, position, text, answer, status) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    kept["id"] if kept else None,
                    article_id,
                    position,
                    text,
                    kept["answer"] if kept else "",
                    kept["status"] if kept else "open",
                ),
            )

    def _write_extras(self, article_id: int, extras: Sequence[ExtraSection]) -> None:
        self.conn.execute("DELETE FROM extra_sections WHERE article_id = ?", (article_id,))
        self.conn.executemany(
            "INSERT INTO extra_sections (article_id, position, title, text) VALUES (?, ?, ?, ?)",
            [(article_id, n, extra.title, extra.text) for n, extra in enumerate(extras)],
        )

    def _app_notes(self, article_id: int) -> dict[str, Any]:
        summary = self.conn.execute(
            "SELECT summary FROM articles WHERE id = ?", (article_id,)
        ).fetchone()[0]
        return {
            "keywords": [
                r[0]
                for r in self.conn.execute(
                    "SELECT keyword FROM keywords WHERE article_id = ? ORDER BY position",
                    (article_id,),
                )
            ],
            "summary": summary,
            "questions": [
                r[0]
                for r in self.conn.execute(
                    "SELECT text FROM questions WHERE article_id = ? ORDER BY position",
                    (article_id,),
                )
            ],
        }

    def _set_section(self, article_id: int, section: str, value: Any) -> None:
        if section == "keywords":
            self._write_keywords(article_id, value)
        elif section == "summary":
            self.conn.execute("UPDATE articles SET summary = ? WHERE id = ?", (value, article_id))
        else:
            self._write_questions(article_id, value)

    def _sync_article(
        self, article_id: int, item: _Seen, digest: str, text: str, article: Article
    ) -> None:
        """Take a changed post's new text without losing anything made in the app."""
        with self._reindexing(article_id):
            columns = self._article_columns(item, digest, article, text)
            assignments = ", ".join(f'"{name}" = ?' for name in columns)
            self.conn.execute(
                f"UPDATE articles SET {assignments} WHERE id = ?",
                (*columns.values(), article_id),
            )
            self._sync_highlights(article_id, text, article)
            self._sync_notes(article_id, article)
            self._write_extras(article_id, article.extra_sections)

    def _sync_notes(self, article_id: int, article: Article) -> None:
        row = self.conn.execute(
            "SELECT notes_base, conflict FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        base = json.loads(row[0])
        conflict: dict[str, Any] = json.loads(row[1]) if row[1] else {}
        ours = self._app_notes(article_id)
        theirs = self._file_notes(article)
        for section in SECTIONS:
            if theirs[section] == base.get(section):
                continue  # the post did not change this section
            if ours[section] == base.get(section):
                self._set_section(article_id, section, theirs[section])
                conflict.pop(section, None)
            elif ours[section] == theirs[section]:
                conflict.pop(section, None)
            else:
                conflict[section] = theirs[section]
        self.conn.execute(
            "UPDATE articles SET notes_base = ?, conflict = ? WHERE id = ?",
            (
                json.dumps(theirs, ensure_ascii=False),
                json.dumps(conflict, ensure_ascii=False) if conflict else None,
                article_id,
            ),
        )

    def _sync_highlights(self, article_id: int, text: str, article: Article) -> None:
        stored = self._rows(
            'SELECT id, color, text, start, "end", quote, prefix, suffix, origin, status, note '
            "FROM highlights WHERE article_id = ? ORDER BY start",
            (article_id,),
        )
        now = _now()
        unmatched = list(stored)
        pending = []
        # Offsets first: the same passage at the same place.
        for h in article.highlights:
            quote = text[h.start : h.end]
            twin = next(
                (
                    r
                    for r in unmatched
                    if (r["start"], r["end"], r["quote"]) == (h.start, h.end, quote)
                ),
                None,
            )
            if twin is None:
                pending.append(h)
                continue
            unmatched.remove(twin)
            self._update_highlight_from_file(twin, h, text, now)
        # Then the anchor: the same passage, moved.
        for h in pending:
            quote = text[h.start : h.end]
            candidates = [r for r in unmatched if _quote(r) == quote]
            if candidates:
                prefix, suffix = _anchor(text, h.start, h.end)[1:]
                twin = max(
                    candidates,
                    key=lambda r: (
                        _common_suffix(r["prefix"], prefix) + _common_prefix(r["suffix"], suffix),
                        -abs(r["start"] - h.start),
                    ),
                )
                unmatched.remove(twin)
                self._update_highlight_from_file(twin, h, text, now)
                continue
            self._insert_highlights(article_id, text, [h], "file")
        # What the post no longer has.
        for row in unmatched:
            if row["origin"] == "app":
                at = relocate(text, _quote(row), row["prefix"], row["suffix"], row["start"])
                if at is not None:
                    end = at + len(_quote(row))
                    self.conn.execute(
                        'UPDATE highlights SET start = ?, "end" = ?, prefix = ?, suffix = ?, '
                        "status = CASE status WHEN 'orphan' THEN 'active' ELSE status END, "
                        "updated_at = ? WHERE id = ?",
                        (at, end, *_anchor(text, at, end)[1:], now, row["id"]),
                    )
                    continue
                self.conn.execute(
                    "UPDATE highlights SET status = 'orphan', updated_at = ? WHERE id = ?",
                    (now, row["id"]),
                )
            elif row["status"] != "removed" and (
                row["note"] or row["status"] == "orphan" or self._reviewed(row["id"])
            ):
                self.conn.execute(
                    "UPDATE highlights SET status = 'orphan', updated_at = ? WHERE id = ?",
                    (now, row["id"]),
                )
            else:
                self.conn.execute("DELETE FROM highlights WHERE id = ?", (row["id"],))

    def _reviewed(self, highlight_id: int) -> bool:
        """Whether a highlight's card has been reviewed (its history keeps it)."""
        return (
            self.conn.execute(
                "SELECT 1 FROM cards WHERE highlight_id = ? AND last_review IS NOT NULL",
                (highlight_id,),
            ).fetchone()
            is not None
        )

    def passage(self, highlight_id: int) -> tuple[str, int, int] | None:
        """The library's copy of the article's text and where the highlight is in it."""
        row = self.conn.execute(
            "SELECT a.body_zlib, h.text, h.quote, h.prefix, h.suffix, h.start "
            "FROM highlights h JOIN articles a ON a.id = h.article_id WHERE h.id = ?",
            (highlight_id,),
        ).fetchone()
        if row is None:
            return None
        body = _unpack(row[0])
        quote = row[2] if row[2] is not None else row[1]
        at = relocate(body, quote, row[3], row[4], row[5])
        return None if at is None else (body, at, at + len(quote))

    def _update_highlight_from_file(self, row: dict[str, Any], h: Any, text: str, now: str) -> None:
        status = "removed" if row["status"] == "removed" else "active"
        self.conn.execute(
            'UPDATE highlights SET color = ?, text = ?, start = ?, "end" = ?, quote = ?, '
            "prefix = ?, suffix = ?, origin = 'file', status = ?, updated_at = ? WHERE id = ?",
            (
                h.color,
                h.text,
                h.start,
                h.end,
                *_anchor_row(text, h.start, h.end, h.text),
                status,
                now,
                row["id"],
            ),
        )

    # -- the search index ------------------------------------------------------------

    def _doc_texts(self, article_id: int) -> list[tuple[str, int | None, str]]:
        """What the index holds for an article: (kind, ref_id, text) per document."""
        row = self.conn.execute(
            "SELECT title, subtitle, body_zlib, summary FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            return []
        title, subtitle, packed, summary = row
        body = _unpack(packed)
        keywords = [
            r[0]
            for r in self.conn.execute(
                "SELECT keyword FROM keywords WHERE article_id = ? ORDER BY position", (article_id,)
            )
        ]
        extras = [
            r[0]
            for r in self.conn.execute(
                "SELECT text FROM extra_sections WHERE article_id = ? ORDER BY position",
                (article_id,),
            )
        ]
        docs: list[tuple[str, int | None, str]] = [
            ("title", None, f"{title} {subtitle}"),
            ("body", None, plain(body)),
            ("note", None, " ".join([*keywords, summary, *extras])),
        ]
        # A highlight's passage is in the body; only orphans (no longer there) need their own.
        docs += [
            ("highlight", hid, htext)
            for hid, htext in self.conn.execute(
                "SELECT id, text FROM highlights WHERE article_id = ? AND status = 'orphan'",
                (article_id,),
            )
        ]
        docs += [
            ("question", qid, f"{qtext} {answer}")
            for qid, qtext, answer in self.conn.execute(
                "SELECT id, text, answer FROM questions WHERE article_id = ?", (article_id,)
            )
        ]
        return docs

    def _index(self, article_id: int) -> None:
        docs = self._doc_texts(article_id)
        first = self.conn.execute("SELECT coalesce(max(id), 0) + 1 FROM search_docs").fetchone()[0]
        ids = range(first, first + len(docs))
        self.conn.executemany(
            "INSERT INTO search_docs (id, article_id, kind, ref_id) VALUES (?, ?, ?, ?)",
            [
                (doc_id, article_id, kind, ref)
                for doc_id, (kind, ref, _) in zip(ids, docs, strict=True)
            ],
        )
        self.conn.executemany(
            "INSERT INTO search_fts (rowid, grams) VALUES (?, ?)",
            [
                (doc_id, grams.index_text(text, GRAMS_MODE))
                for doc_id, (_, _, text) in zip(ids, docs, strict=True)
            ],
        )

    def _unindex(self, article_id: int) -> None:
        docs = {
            (kind, ref_id): doc_id
            for doc_id, kind, ref_id in self.conn.execute(
                "SELECT id, kind, ref_id FROM search_docs WHERE article_id = ?", (article_id,)
            )
        }
        for kind, ref_id, text in self._doc_texts(article_id):
            doc_id = docs.get((kind, ref_id))
            if doc_id is not None:
                self.conn.execute(
                    "INSERT INTO search_fts (search_fts, rowid, grams) VALUES ('delete', ?, ?)",
                    (doc_id, grams.index_text(text, GRAMS_MODE)),
                )
        self.conn.execute("DELETE FROM search_docs WHERE article_id = ?", (article_id,))

    @contextmanager
    def _reindexing(self, article_id: int) -> Iterator[None]:
        """Around any change to indexed text: unindex before, index after."""
        self._unindex(article_id)
        yield
        self._index(article_id)

    def rebuild_search_index(self) -> None:
        """Index every article afresh (after a change to how text is cut)."""
        with self._writing():
            self.conn.execute("INSERT INTO search_fts (search_fts) VALUES ('delete-all')")
            self.conn.execute("DELETE FROM search_docs")
            for (article_id,) in self.conn.execute("SELECT id FROM articles").fetchall():
                self._index(article_id)

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Titles, bodies, highlights, notes and questions that contain `query`.

        Korean is matched inside words (`네이버` finds `네이버는`); every word of the query
        must appear. Raises `SearchError` for a query with nothing to search for.
        """
        expression = grams.query_expression(query, GRAMS_MODE)
        if expression is None:
            raise SearchError(f"nothing to search for in {query!r}: type some letters or digits")
        try:
            # Rank inside the index first; join only the few rows that are shown.
            hits = self._rows(
                "WITH top AS (SELECT rowid, bm25(search_fts) AS score FROM search_fts "
                "WHERE search_fts MATCH ? ORDER BY score LIMIT ?) "
                "SELECT d.article_id, d.kind, d.ref_id, a.path, a.title, a.subtitle "
                "FROM top JOIN search_docs d ON d.id = top.rowid "
                "JOIN articles a ON a.id = d.article_id ORDER BY top.score",
                (expression, limit),
            )
        except sqlite3.OperationalError as error:
            raise SearchError(f"cannot search for {query!r}: {error}") from None
        terms = grams.match_terms(query)
        return self._hits(hits, terms)

    def _in(self, sql: str, ids: Iterable[int]) -> list[tuple[Any, ...]]:
        unique = sorted(set(ids))
        if not unique:
            return []
        marks = ", ".join("?" for _ in unique)
        return self.conn.execute(sql.format(ids=marks), unique).fetchall()

    def _hits(self, hits: list[dict[str, Any]], terms: list[str]) -> list[SearchHit]:
        """Search results with snippets, from a few queries for all hits together.

        A body match inside a highlight is reported as that highlight."""
        body_ids = [h["article_id"] for h in hits if h["kind"] == "body"]
        passages: dict[int, list[tuple[int, str, str]]] = {}
        for article_id, hid, htext in self._in(
            "SELECT article_id, id, text FROM highlights WHERE status = 'active' "
            "AND article_id IN ({ids}) ORDER BY start",
            body_ids,
        ):
            passages.setdefault(article_id, []).append((hid, htext, htext.lower()))
        texts: dict[tuple[str, int], str] = {}
        for hid, htext in self._in(
            "SELECT id, text FROM highlights WHERE id IN ({ids})",
            [h["ref_id"] for h in hits if h["kind"] == "highlight"],
        ):
            texts["highlight", hid] = htext
        for qid, qtext in self._in(
            "SELECT id, text || ' ' || answer FROM questions WHERE id IN ({ids})",
            [h["ref_id"] for h in hits if h["kind"] == "question"],
        ):
            texts["question", qid] = qtext
        note_ids = [h["article_id"] for h in hits if h["kind"] == "note"]
        notes: dict[int, list[str]] = {}
        for article_id, piece in [
            *self._in(
                "SELECT article_id, keyword FROM keywords WHERE article_id IN ({ids})", note_ids
            ),
            *self._in("SELECT id, summary FROM articles WHERE id IN ({ids})", note_ids),
            *self._in(
                "SELECT article_id, text FROM extra_sections WHERE article_id IN ({ids})", note_ids
            ),
        ]:
            notes.setdefault(article_id, []).append(piece)
        results = []
        bodies: dict[int, str] | None = None
        for hit in hits:
            kind, article_id, ref_id = hit["kind"], hit["article_id"], hit["ref_id"]
            highlight_id = ref_id if kind == "highlight" else None
            if kind == "body":
                inside = next(
                    (
                        (hid, htext)
                        for hid, htext, lowered in passages.get(article_id, [])
                        if all(term in lowered for term in terms)
                    ),
                    None,
                )
                if inside:
                    kind, (highlight_id, text) = "highlight", inside
                else:
                    if bodies is None:
                        bodies = {
                            article: _unpack(packed)
                            for article, packed in self._in(
                                "SELECT id, body_zlib FROM articles WHERE id IN ({ids})", body_ids
                            )
                        }
                    text = _around(bodies.get(article_id, ""), terms)
            elif kind == "title":
                text = f"{hit['title']} {hit['subtitle']}"
            elif kind in ("highlight", "question"):
                text = texts.get((kind, ref_id), "")
            else:
                text = " ".join(notes.get(article_id, []))
            results.append(
                SearchHit(
                    article_id=article_id,
                    path=hit["path"],
                    title=hit["title"],
                    kind=kind,
                    snippet=snippet(text, terms),
                    highlight_id=highlight_id,
                )
            )
        return results

    # -- queries -----------------------------------------------------------------------

    def articles(
        self,
        *,
        sort: str = "date",
        keyword: str | None = None,
        color: str | None = None,
        limit: int = -1,
        offset: int = 0,
    ) -> list[LibraryEntry]:
        """Every article, newest first (or by title), optionally with a keyword or colour;
        `limit` and `offset` give one page of that list."""
        order = {
            "date": "a.date DESC, a.title",  # no date sorts last
            "title": "a.title COLLATE NOCASE, a.date DESC",
        }[sort]
        where, params = [], []
        if keyword:
            where.append(
                "a.id IN (SELECT article_id FROM keywords WHERE keyword = ? COLLATE NOCASE)"
            )
            params.append(keyword)
        if color:
            where.append(
                "a.id IN (SELECT article_id FROM highlights WHERE color = ? AND status = 'active')"
            )
            params.append(color)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        # The article columns come from articles_listing, in its order when sorted by
        # date; the counts from one index lookup per row shown.
        rows = self._rows(
            "SELECT a.id, a.path, a.title, a.date, a.status, a.conflict, "
            "(SELECT count(*) FROM highlights "
            " WHERE article_id = a.id AND status = 'active') AS highlights, "
            "(SELECT count(*) FROM questions "
            " WHERE article_id = a.id AND status = 'open') AS open_questions, "
            "(SELECT group_concat(keyword, char(31)) FROM (SELECT keyword FROM keywords "
            " WHERE article_id = a.id ORDER BY position)) AS keywords "
            "FROM articles a INDEXED BY articles_listing "
            f"{clause} ORDER BY {order} LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return [
            LibraryEntry(
                id=row["id"],
                path=row["path"],
                title=row["title"] or Path(row["path"]).name,
                date=dt.date.fromisoformat(row["date"]) if row["date"] else None,
                highlights=row["highlights"],
                open_questions=row["open_questions"],
                keywords=tuple(row["keywords"].split("\x1f")) if row["keywords"] else (),
                missing=row["status"] == "missing",
                conflict=bool(row["conflict"]),
            )
            for row in rows
        ]

    def colors(self) -> list[str]:
        """The colours the library's highlights use, most used first."""
        return [
            row["color"]
            for row in self._rows(
                "SELECT color, count(*) AS n FROM highlights WHERE status = 'active' "
                "GROUP BY color ORDER BY n DESC"
            )
        ]

    def article_id_for(self, path: str | Path) -> int | None:
        row = self.conn.execute(
            "SELECT id FROM articles WHERE path = ?", (str(Path(path).expanduser().resolve()),)
        ).fetchone()
        return int(row[0]) if row else None

    def article(self, article_id: int) -> StoredArticle:
        """Everything the library keeps for one article."""
        rows = self._rows("SELECT * FROM articles WHERE id = ?", (article_id,))
        if not rows:
            raise StoreError(f"no article with id {article_id} in the library")
        row = rows[0]
        notes = self._app_notes(article_id)
        conflict = json.loads(row["conflict"]) if row["conflict"] else {}
        return StoredArticle(
            id=row["id"],
            path=row["path"],
            title=row["title"],
            subtitle=row["subtitle"],
            date=dt.date.fromisoformat(row["date"]) if row["date"] else None,
            source_url=row["source_url"],
            body=_unpack(row["body_zlib"]),
            keywords=tuple(notes["keywords"]),
            summary=notes["summary"],
            questions=tuple(self.questions_for(article_id)),
            highlights=tuple(self.highlights_for(article_id)),
            extra_sections=tuple(
                ExtraSection(r["title"], r["text"])
                for r in self._rows(
                    "SELECT title, text FROM extra_sections WHERE article_id = ? ORDER BY position",
                    (article_id,),
                )
            ),
            missing=row["status"] == "missing",
            conflicts=tuple(
                Conflict(section, notes[section], value) for section, value in conflict.items()
            ),
            warnings=tuple(json.loads(row["warnings"])),
        )

    def highlights_for(
        self, article_id: int, *, include_removed: bool = False
    ) -> list[StoredHighlight]:
        clause = "" if include_removed else "AND status != 'removed'"
        return [
            StoredHighlight(**row)
            for row in self._rows(
                'SELECT id, article_id, color, text, start, "end", note, origin, status '
                f'FROM highlights WHERE article_id = ? {clause} ORDER BY start, "end" DESC',
                (article_id,),
            )
        ]

    def questions_for(self, article_id: int) -> list[Question]:
        return [
            Question(**row)
            for row in self._rows(
                "SELECT id, text, answer, status FROM questions WHERE article_id = ? "
                "ORDER BY position",
                (article_id,),
            )
        ]

    def import_log(self) -> list[dict[str, Any]]:
        return self._rows("SELECT * FROM import_log ORDER BY id")

    # -- edits from the app ------------------------------------------------------------

    def set_notes(
        self,
        article_id: int,
        *,
        keywords: Sequence[str] | None = None,
        summary: str | None = None,
    ) -> None:
        """Replace the app's keywords and/or summary of an article."""
        with self._writing(), self._reindexing(article_id):
            if keywords is not None:
                self._write_keywords(article_id, normalize_keywords(keywords))
            if summary is not None:
                self._set_section(article_id, "summary", normalize_text(summary))

    def add_question(self, article_id: int, text: str) -> Question:
        with self._writing(), self._reindexing(article_id):
            position = self.conn.execute(
                "SELECT coalesce(max(position) + 1, 0) FROM questions WHERE article_id = ?",
                (article_id,),
            ).fetchone()[0]
            cursor = self.conn.execute(
                "INSERT INTO questions (article_id, position, text) VALUES (?, ?, ?)",
                (article_id, position, text.strip()),
            )
        return Question(int(cursor.lastrowid or 0), text.strip())

    def update_question(
        self,
        question_id: int,
        *,
        text: str | None = None,
        answer: str | None = None,
        status: str | None = None,
    ) -> None:
        article_id = self._question_article(question_id)
        with self._writing(), self._reindexing(article_id):
            if text is not None:
                self.conn.execute(
                    "UPDATE questions SET text = ? WHERE id = ?", (text.strip(), question_id)
                )
            if answer is not None:
                self.conn.execute(
                    "UPDATE questions SET answer = ? WHERE id = ?", (answer.strip(), question_id)
                )
            if status is not None:
                self.conn.execute(
                    "UPDATE questions SET status = ? WHERE id = ?", (status, question_id)
                )

    def delete_question(self, question_id: int) -> None:
        article_id = self._question_article(question_id)
        with self._writing(), self._reindexing(article_id):
            self.conn.execute("DELETE FROM questions WHERE id = ?", (question_id,))

    def _question_article(self, question_id: int) -> int:
        row = self.conn.execute(
            "SELECT article_id FROM questions WHERE id = ?", (question_id,)
        ).fetchone()
        if row is None:
            raise StoreError(f"no question with id {question_id}")
        return int(row[0])

    def add_highlight(
        self, article_id: int, text: str, start: int, end: int, color: str = "blue"
    ) -> StoredHighlight:
        """A highlight made in the app on `text[start:end]` (`text` is the post as read)."""
        article = self.edit_model(article_id, text)
        added = add_highlight(text, article, start, end, color)  # raises EditError
        new = next(h for h in added.highlights if h not in article.highlights)
        # An active highlight's passage is indexed with the body: no re-indexing needed.
        with self._writing():
            (highlight_id,) = self._insert_highlights(article_id, text, [new], "app")
        return StoredHighlight(
            highlight_id, article_id, new.color, new.text, start, end, origin="app"
        )

    def edit_model(self, article_id: int, text: str) -> Article:
        """The post as parsed, with the app's own highlights and without removed ones,
        so a new highlight is checked against what the user sees."""
        article = parse(text)
        stored = self.highlights_for(article_id, include_removed=True)
        removed = {(h.start, h.end) for h in stored if h.status == "removed"}
        article = replace(
            article,
            highlights=tuple(h for h in article.highlights if (h.start, h.end) not in removed),
        )
        for h in stored:
            if h.origin == "app" and h.status == "active":
                try:
                    article = add_highlight(text, article, h.start, h.end, h.color)
                except EditError:
                    continue  # a stale app highlight does not block new ones
        return article

    def remove_highlight(self, highlight_id: int) -> None:
        """Remove a highlight: gone if made in the app, marked removed if in the post."""
        row = self.conn.execute(
            "SELECT article_id, origin, status FROM highlights WHERE id = ?", (highlight_id,)
        ).fetchone()
        if row is None:
            raise StoreError(f"no highlight with id {highlight_id}")
        # Only an orphan has a search document of its own (see _doc_texts).
        reindex = self._reindexing(row[0]) if row[2] == "orphan" else nullcontext()
        with self._writing(), reindex:
            if row[1] == "app":
                self.conn.execute("DELETE FROM highlights WHERE id = ?", (highlight_id,))
            else:
                self.conn.execute(
                    "UPDATE highlights SET status = 'removed', updated_at = ? WHERE id = ?",
                    (_now(), highlight_id),
                )

    def setting(self, key: str, default: str = "") -> str:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self._writing():
            self.conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def content_hash(self, article_id: int) -> str:
        """The SHA-256 of the post as last imported."""
        row = self.conn.execute(
            "SELECT content_hash FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            raise StoreError(f"no article with id {article_id} in the library")
        return str(row[0])

    def articles_with_changes(self) -> list[int]:
        """Articles whose notes or highlights in the library differ from their post:
        notes edited in the app, highlights made or removed in it."""
        changed = {
            row[0]
            for row in self.conn.execute(
                "SELECT DISTINCT article_id FROM highlights WHERE "
                "(origin = 'app' AND status = 'active') OR (origin = 'file' AND status = 'removed')"
            )
        }
        keywords: dict[int, list[str]] = {}
        for article_id, keyword in self.conn.execute(
            "SELECT article_id, keyword FROM keywords ORDER BY article_id, position"
        ):
            keywords.setdefault(article_id, []).append(keyword)
        questions: dict[int, list[str]] = {}
        for article_id, text in self.conn.execute(
            "SELECT article_id, text FROM questions ORDER BY article_id, position"
        ):
            questions.setdefault(article_id, []).append(text)
        for article_id, summary, base, status in self.conn.execute(
            "SELECT id, summary, notes_base, status FROM articles"
        ):
            if status == "missing":
                continue
            notes = {
                "keywords": keywords.get(article_id, []),
                "summary": summary,
                "questions": questions.get(article_id, []),
            }
            known = json.loads(base)
            if any(notes[k] != known.get(k, notes[k]) for k in SECTIONS):
                changed.add(article_id)
        return sorted(changed)

    def set_highlight_note(self, highlight_id: int, note: str) -> None:
        with self._writing():
            self.conn.execute(
                "UPDATE highlights SET note = ?, updated_at = ? WHERE id = ?",
                (note.strip(), _now(), highlight_id),
            )

    def resolve_conflict(self, article_id: int, section: str, keep: str) -> None:
        """Settle a conflict on one notes section by keeping the `app` or the `file` copy."""
        row = self.conn.execute(
            "SELECT conflict FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        conflict = json.loads(row[0]) if row and row[0] else {}
        if section not in conflict:
            return
        with self._writing(), self._reindexing(article_id):
            value = conflict.pop(section)
            if keep == "file":
                self._set_section(article_id, section, value)
            self.conn.execute(
                "UPDATE articles SET conflict = ? WHERE id = ?",
                (json.dumps(conflict, ensure_ascii=False) if conflict else None, article_id),
            )


def walk_posts(folder: str) -> Iterator[tuple[str, int, int]]:
    """(path, mtime in ns, size) of every post under `folder`; hidden ones skipped."""
    stack = [folder]
    while stack:
        try:
            entries = list(os.scandir(stack.pop()))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir():
                    stack.append(entry.path)
                elif entry.name.endswith(POST_SUFFIXES):
                    st = entry.stat()
                    yield entry.path, st.st_mtime_ns, st.st_size
            except OSError:
                continue
