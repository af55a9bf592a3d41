"""The library's tables, and their upgrades from one schema version to the next. No Textual.

Tables are plain (`articles`, `highlights`, `keywords`, `questions`, `extra_sections`,
`import_log`, `search_docs`, `cards`, `review_log`, `settings`) so the file reads well in
other tools. `PRAGMA user_version` holds the version; each step is one transaction.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Callable, Sequence
    from contextlib import AbstractContextManager

    import sqlite_utils

SCHEMA_VERSION = 9


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
    _words_pending(db)
    for table, columns in FTS_TABLES.items():
        _word_search(db, table, columns)


FTS_TABLES = {
    "articles": ("title", "subtitle"),
    "highlights": ("text", "note"),
    "questions": ("text", "answer"),
}


def _word_search(db: sqlite_utils.Database, table: str, columns: Sequence[str]) -> None:
    cols = ", ".join(f'"{c}"' for c in columns)
    db.execute(f'CREATE VIRTUAL TABLE "{table}_fts" USING FTS5 ({cols}, content="{table}")')
    _word_triggers(db, table, columns)


def _word_triggers(db: sqlite_utils.Database, table: str, columns: Sequence[str]) -> None:
    """The triggers that keep `table`'s word search as it is (the names and work of
    sqlite-utils' enable_fts), for the rows it holds: a row above the `words_pending`
    mark is indexed later, in bulk (see `index.words_in_bulk`)."""
    cols = ", ".join(f'"{c}"' for c in columns)
    fts = f'"{table}_fts"'
    new = ", ".join(f'new."{c}"' for c in columns)
    old = ", ".join(f'old."{c}"' for c in columns)

    def held(row: str) -> str:
        return (
            f"NOT EXISTS (SELECT 1 FROM words_pending WHERE tbl = '{table}' "
            f"AND {row}.rowid > above)"
        )

    add = f"INSERT INTO {fts} (rowid, {cols}) SELECT new.rowid, {new} WHERE {held('new')};"
    drop = (
        f"INSERT INTO {fts} ({fts}, rowid, {cols}) "
        f"SELECT 'delete', old.rowid, {old} WHERE {held('old')};"
    )
    db.execute(f'CREATE TRIGGER "{table}_ai" AFTER INSERT ON "{table}" BEGIN {add} END')
    db.execute(f'CREATE TRIGGER "{table}_ad" AFTER DELETE ON "{table}" BEGIN {drop} END')
    db.execute(f'CREATE TRIGGER "{table}_au" AFTER UPDATE ON "{table}" BEGIN {drop} {add} END')


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


def _migrate_5(db: sqlite_utils.Database) -> None:
    """Where each article was left: the first block on screen (its source offset), the
    current highlight, how far it has been read (0-1, the furthest), when it was opened."""
    db.execute(
        """
        CREATE TABLE reading (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            position INTEGER NOT NULL DEFAULT 0,
            highlight_id INTEGER,
            read REAL NOT NULL DEFAULT 0,
            opened_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX reading_opened ON reading(opened_at)")


def _migrate_6(db: sqlite_utils.Database) -> None:
    """The search index in three columns (the body, notes and highlights, a title's text),
    so that bm25's column weights rank titles first and the body last without a join (the
    body, the largest, first: FTS5 spends no bytes naming column 0); filled again by
    `index.current` on first use."""
    db.execute("DROP TABLE search_fts")
    db.execute("CREATE VIRTUAL TABLE search_fts USING fts5(body, notes, title, content='')")
    db.execute("DELETE FROM search_docs")
    db.execute("DELETE FROM settings WHERE key = 'search_index'")


def _migrate_7(db: sqlite_utils.Database) -> None:
    """Word search whose rows an import adds in bulk: its triggers leave out the rows
    `words_pending` says are indexed at the end of the transaction (one statement per
    table, not one per row: an import of many posts took a quarter of its time in them)."""
    _words_pending(db)
    for table, columns in FTS_TABLES.items():
        for suffix in ("ai", "ad", "au"):
            db.execute(f'DROP TRIGGER "{table}_{suffix}"')
        _word_triggers(db, table, columns)


def _migrate_8(db: sqlite_utils.Database) -> None:
    """The search index merges its segments 16 at a time, not 4: a cold import of 10,000
    posts spent a third of its index writing in merges (4.7 s -> 3.1 s), and a search
    reads a few more segments (still milliseconds)."""
    db.execute("INSERT INTO search_fts (search_fts, rank) VALUES ('automerge', 16)")


def _migrate_9(db: sqlite_utils.Database) -> None:
    """Cards by when they were introduced: today's new cards (the daily limit) are
    counted at each start, and were counted by reading every card. An article's
    highlights in the order they are read (start, the outer one first when two start
    together), so opening a post with thousands does not sort them."""
    db.execute("CREATE INDEX cards_introduced ON cards(introduced)")
    db.execute("DROP INDEX highlights_article")
    db.execute('CREATE INDEX highlights_article ON highlights(article_id, start, "end" DESC)')


def _words_pending(db: sqlite_utils.Database) -> None:
    db.execute(
        "CREATE TABLE IF NOT EXISTS words_pending "
        "(tbl TEXT PRIMARY KEY, above INTEGER NOT NULL) WITHOUT ROWID"
    )


MIGRATIONS: tuple[Callable[[sqlite_utils.Database], None], ...] = (
    _migrate_1,
    _migrate_2,
    _migrate_3,
    _migrate_4,
    _migrate_5,
    _migrate_6,
    _migrate_7,
    _migrate_8,
    _migrate_9,
)


def _check_layout(conn: sqlite3.Connection) -> str | None:
    """Why a file whose tables are not the ones expected is refused, or None."""
    columns = {row[1] for row in conn.execute("PRAGMA table_info(articles)")}
    if not {"mtime_ns", "body_zlib"} <= columns:
        return (
            "was made by a development version of reader-tui with another "
            "layout; move it aside and import your posts again (they stay where they are)"
        )
    return None


def upgrade(
    conn: sqlite3.Connection, writing: Callable[[], AbstractContextManager[None]]
) -> str | None:
    """Bring the file to `SCHEMA_VERSION`, one step per transaction. Returns why the file
    cannot be used (made by a newer reader-tui, or not ours), or None."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        return f"made by a newer reader-tui (schema {version}); upgrade reader-tui"
    if version == SCHEMA_VERSION:
        return _check_layout(conn)
    if version > 0:
        problem = _check_layout(conn)  # before upgrading a file that is not ours
        if problem:
            return problem
    else:
        foreign = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        if foreign:
            return (
                f"is an SQLite file of another program (its tables: {', '.join(foreign[:5])}); "
                "give reader-tui a file of its own (--db NEW.db)"
            )
    import sqlite_utils  # only to create or upgrade the tables: opening is faster

    db = sqlite_utils.Database(conn)
    for number in range(version, SCHEMA_VERSION):
        with writing():
            # Read again inside the write lock: another process may have just made this step
            # (two reader-tui started at once on a new file).
            if int(conn.execute("PRAGMA user_version").fetchone()[0]) > number:
                continue
            MIGRATIONS[number](db)
            conn.execute(f"PRAGMA user_version = {number + 1}")
    return None
