"""The library file: created, upgraded, refused clearly when it is not ours or is damaged."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING
from unittest import mock

import pytest
import sqlite_utils

from reader_tui.library import (
    Library,
    LibraryError,
    edits,
    importing,
    queries,
    schema,
)
from tests.unit.posts import only_article

if TYPE_CHECKING:
    from pathlib import Path


def test_new_library_file_is_created_with_its_folder(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "library.db"
    with Library(path) as library:
        assert library.schema_version() == schema.SCHEMA_VERSION
    assert path.exists()
    names = set(sqlite_utils.Database(path).table_names())
    assert {"articles", "highlights", "keywords", "questions", "import_log", "search_docs"} <= names


def test_in_memory_library_works() -> None:
    with Library(":memory:") as library:
        assert queries.articles(library) == []


def test_library_from_a_newer_version_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(LibraryError, match="newer reader-tui"):
        Library(path)


def test_older_library_is_upgraded_in_place(tmp_path: Path, notes: Path) -> None:
    path = tmp_path / "library.db"
    with Library(path) as library:
        importing.import_paths(library, [notes])
        article_id = only_article(library)
        edits.set_notes(library, article_id, summary="앱에서 쓴 요약")

    def add_column(db: sqlite_utils.Database) -> None:
        db.execute("ALTER TABLE articles ADD COLUMN rating INTEGER")

    newer = schema.SCHEMA_VERSION + 1
    with (
        mock.patch.object(schema, "SCHEMA_VERSION", newer),
        mock.patch.object(schema, "MIGRATIONS", (*schema.MIGRATIONS, add_column)),
        Library(path) as library,
    ):
        assert library.schema_version() == newer
        assert queries.article(library, article_id).summary == "앱에서 쓴 요약"
        assert "rating" in sqlite_utils.Database(library.conn)["articles"].columns_dict


def test_first_schema_is_upgraded_and_lists_newest_first_undated_last(
    tmp_path: Path, notes: Path
) -> None:
    (notes / "undated.md").write_text("---\ntitle: 날짜 없음\n---\n\n본문\n", encoding="utf-8")
    (notes / "2020-01-01-old.md").write_text("---\ntitle: 옛 글\n---\n\n본문\n", encoding="utf-8")
    path = tmp_path / "library.db"
    with (
        mock.patch.object(schema, "SCHEMA_VERSION", 1),
        Library(path) as library,
    ):
        importing.import_paths(library, [notes])
        assert library.schema_version() == 1
    with Library(path) as library:
        assert library.schema_version() == schema.SCHEMA_VERSION
        titles = [e.title for e in queries.articles(library)]
        assert titles[-2:] == ["옛 글", "날짜 없음"]
        assert titles[0] == "[AI 핫이슈 읽기] 국내 AI 연합체 무엇이 있나"
        assert [e.title for e in queries.articles(library, limit=2, offset=1)] == titles[1:3]


def test_damaged_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(LibraryError, match="not a reader-tui library"):
        Library(path)


def test_locked_library_is_a_clear_error(tmp_path: Path, notes: Path) -> None:
    path = tmp_path / "library.db"
    Library(path).close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with Library(path) as library:
            library.conn.execute("PRAGMA busy_timeout = 50")
            with pytest.raises(LibraryError, match="busy"):
                importing.import_paths(library, [notes])
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_a_failing_migration_step_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    Library(path).close()

    def half_done(db: sqlite_utils.Database) -> None:
        db.execute("CREATE TABLE half (x)")
        raise sqlite3.OperationalError("disk I/O error")

    current = schema.SCHEMA_VERSION
    with (
        mock.patch.object(schema, "SCHEMA_VERSION", current + 1),
        mock.patch.object(schema, "MIGRATIONS", (*schema.MIGRATIONS, half_done)),
        pytest.raises(LibraryError),
    ):
        Library(path)
    db = sqlite_utils.Database(path)
    assert "half" not in db.table_names()
    assert db.execute("PRAGMA user_version").fetchone()[0] == current


def test_a_library_with_another_layout_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY, mtime REAL, body TEXT)")
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    with pytest.raises(LibraryError, match="development version"):
        Library(path)
