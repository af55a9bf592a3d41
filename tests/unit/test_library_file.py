"""The library file: created, upgraded, refused clearly when it is not ours or is damaged."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from typing import TYPE_CHECKING
from unittest import mock

import pytest
import sqlite_utils

from reader_tui.library import (
    Library,
    LibraryError,
    edits,
    importing,
    index,
    queries,
    schema,
    search,
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
        # Today's search index does not fit schema 1's table; that version kept its own.
        mock.patch.object(index, "index"),
        mock.patch.object(index, "index_cut"),
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
        # The search index is made again for the new layout on first use.
        assert [h.title for h in search.search(library, "옛 글").hits] == ["옛 글"]


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


def test_two_processes_can_start_on_a_new_file_and_import_at_once(tmp_path: Path) -> None:
    db = tmp_path / "library.db"
    notes = tmp_path / "notes"
    notes.mkdir()
    for n in range(30):
        (notes / f"2022-01-{n % 28 + 1:02d}-p{n}.md").write_text(
            f"---\ntitle: 글 {n}\n---\n본문 {n}\n", encoding="utf-8"
        )
    command = [sys.executable, "-m", "reader_tui", "import", str(notes), "--db", str(db)]
    runs = [subprocess.Popen(command, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    errors = [run.communicate(timeout=60)[1] for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], errors
    with Library(db) as library:
        assert len(queries.articles(library)) == 30


def test_a_foreign_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(LibraryError, match=r"another program \(its tables: recipes\)"):
        Library(path)
    conn = sqlite3.connect(path)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    assert tables == ["recipes"]


def test_a_full_disk_is_one_clear_line_and_changes_nothing(library: Library) -> None:
    before = library.conn.execute("SELECT count(*) FROM settings").fetchone()[0]

    def add_a_setting_on_a_full_disk() -> None:
        with library.writing():
            library.conn.execute("INSERT INTO settings VALUES ('x', 'y')")
            raise sqlite3.OperationalError("database or disk is full")

    with pytest.raises(LibraryError, match="the disk is full; free some space"):
        add_a_setting_on_a_full_disk()
    assert library.conn.execute("SELECT count(*) FROM settings").fetchone()[0] == before
    assert not library.conn.in_transaction


@pytest.mark.parametrize(
    ("free", "said"),
    [(0, "the disk is full; free some space"), (1 << 30, "the disk gave an error")],
)
def test_an_io_error_on_a_full_disk_is_told_as_a_full_disk(
    library: Library, monkeypatch: pytest.MonkeyPatch, free: int, said: str
) -> None:
    """A full disk can reach SQLite as an I/O error (its WAL index cannot grow): the
    library's disk is asked how much room it has left."""
    import os
    from types import SimpleNamespace

    def statvfs(folder: str) -> SimpleNamespace:
        assert os.path.samefile(folder, os.path.dirname(os.path.abspath(library.path)))
        return SimpleNamespace(f_bavail=free // 4096, f_frsize=4096)

    monkeypatch.setattr(os, "statvfs", statvfs)

    def write_on_a_failing_disk() -> None:
        with library.writing():
            raise sqlite3.OperationalError("disk I/O error")

    with pytest.raises(LibraryError, match=said):
        write_on_a_failing_disk()


def test_a_library_damaged_in_the_middle_is_reported_by_import(tmp_path: Path, notes: Path) -> None:
    db = tmp_path / "library.db"
    with Library(db) as library:
        importing.import_paths(library, [notes])
        library.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page = library.conn.execute("PRAGMA page_size").fetchone()[0]
        (root,) = library.conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'highlights'"
        ).fetchone()
    data = bytearray(db.read_bytes())
    start = (root - 1) * page  # the highlights table's page, in the middle of the file
    data[start : start + 64] = b"\xff" * 64
    db.write_bytes(bytes(data))
    result = subprocess.run(
        [sys.executable, "-m", "reader_tui", "import", str(notes), "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "is damaged" in result.stderr or "is not a reader-tui library" in result.stderr


def test_a_read_only_library_is_one_clear_line_and_changes_nothing(
    library: Library, notes: Path
) -> None:
    importing.import_paths(library, [notes])
    article_id = only_article(library)
    library.conn.execute("PRAGMA query_only = ON")  # as a read-only file or mount answers
    with pytest.raises(LibraryError, match="read-only; check its permissions"):
        edits.set_notes(library, article_id, summary="못 쓰는 요약")
    library.conn.execute("PRAGMA query_only = OFF")
    assert queries.article(library, article_id).summary == "국내 AI 그룹 소개"
