"""The search index, and the word-search tables other tools search (sqlite-utils,
Datasette), hold exactly what the library holds, however the rows came: an import adds
its rows to them in bulk at the end of each batch, edits in the app one by one."""

from __future__ import annotations

import random
import sqlite3
from typing import TYPE_CHECKING
from unittest import mock

import sqlite_utils

from reader_tui import grams
from reader_tui.library import Library, edits, importing, index, queries, schema, search
from reader_tui.library.schema import FTS_TABLES
from tests.unit.posts import bump, write_post

if TYPE_CHECKING:
    from pathlib import Path

    import pytest


def consistent(library: Library) -> None:
    """FTS5's own check of an index against its table: raises when they differ."""
    for table in [*FTS_TABLES, "search"]:
        library.conn.execute(f"INSERT INTO {table}_fts ({table}_fts) VALUES ('integrity-check')")
    assert library.conn.execute("SELECT count(*) FROM words_pending").fetchone() == (0,)
    assert library.index_held is None


def found(library: Library, table: str, words: str) -> int:
    db = sqlite_utils.Database(library.conn)
    return len(list(db.table(table).search(words)))


def span(text: str, color: str = "blue") -> str:
    return f'<span style="color:{color}">{text}</span>'


def test_what_an_import_adds_changes_and_removes_is_searched_as_it_is(
    library: Library, tmp_path: Path
) -> None:
    folder = tmp_path / "notes"
    for n in range(30):  # more than a batch: `BATCH` is lowered below
        write_post(folder, f"2022-01-{n + 1:02d}-p.md", f"문단 {span(f'밑줄{n}번째말')} 끝\n")
    importing.BATCH, batch = 7, importing.BATCH
    try:
        assert importing.import_paths(library, [folder]).added == 30
        consistent(library)
        assert found(library, "highlights", "밑줄29번째말") == 1
        assert found(library, "articles", "제목") == 30
        # Changed (a highlight replaced, one added), removed, and new posts in one import.
        changed = write_post(
            folder, "2022-01-03-p.md", f"{span('바뀐말')} 그리고 {span('더한말', 'red')}\n"
        )
        bump(changed)
        (folder / "2022-01-04-p.md").unlink()
        write_post(folder, "2022-02-01-new.md", f"{span('새글의말')}\n", title="새 제목")
        report = importing.import_paths(library, [folder])
        assert (report.updated, report.missing, report.added) == (1, 1, 1)
        consistent(library)
        assert found(library, "highlights", "바뀐말") == 1
        assert found(library, "highlights", "더한말") == 1
        assert found(library, "highlights", "새글의말") == 1
        assert found(library, "articles", "새") == 1
        # The app's own search, in the same import's bulk writes.
        assert search.search(library, "밑줄2번째말").total == 0  # replaced in its post
        assert search.search(library, "바뀐말").total == 1
        assert search.search(library, "새글의말").total == 1
        assert search.search(library, "밑줄29번째말").total == 1
    finally:
        importing.BATCH = batch
    # Edits in the app go through the triggers, as before.
    article_id = queries.article_id_for(library, changed)
    assert article_id is not None
    text = changed.read_text(encoding="utf-8")
    start = text.index("그리고")
    made = edits.add_highlight(library, article_id, text, start, start + 3, "red")
    edits.set_highlight_note(library, made.id, "앱에서쓴메모")
    consistent(library)
    assert found(library, "highlights", "앱에서쓴메모") == 1
    edits.remove_highlight(library, made.id)
    consistent(library)


def test_a_batch_that_trips_leaves_the_word_search_whole(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "notes"
    for n in range(5):
        write_post(folder, f"2022-01-{n + 1:02d}-p.md", f"{span(f'말{n}')}\n")
    real = importing._add_article

    def trips(library: Library, item: object, *more: object) -> None:
        real(library, item, *more)  # type: ignore[arg-type]
        if str(getattr(item, "path", "")).endswith("03-p.md"):
            raise sqlite3.IntegrityError("something no check foresaw")

    monkeypatch.setattr(importing, "_add_article", trips)
    report = importing.import_paths(library, [folder])
    assert (report.added, len(report.rejected)) == (4, 1)
    consistent(library)
    assert found(library, "highlights", "말4") == 1
    assert found(library, "highlights", "말2") == 0  # refused, and not searched


def test_a_library_of_schema_6_keeps_its_word_search(tmp_path: Path, notes: Path) -> None:
    path = tmp_path / "library.db"
    with (
        mock.patch.object(schema, "SCHEMA_VERSION", 6),
        mock.patch.object(schema, "MIGRATIONS", schema.MIGRATIONS[:6]),
        Library(path) as old,
    ):
        importing.import_paths(old, [notes])  # indexed by schema 6's triggers
        assert old.schema_version() == 6
    with Library(path) as library:
        assert library.schema_version() == schema.SCHEMA_VERSION
        consistent(library)
        assert found(library, "highlights", "하이퍼클로바를") == 1
        write_post(tmp_path / "more", "2022-05-01-more.md", f"{span('하이퍼클로바를 또')}\n")
        importing.import_paths(library, [tmp_path / "more"])
        consistent(library)
        assert found(library, "highlights", "하이퍼클로바를") == 2


def test_a_changed_post_rewrites_only_the_highlights_that_changed(
    library: Library, tmp_path: Path
) -> None:
    folder = tmp_path / "notes"
    passages = [span(f"{n}번째 밑줄") for n in range(6)]
    between = "\n\n" + "사이에 있는 긴 문단, 밑줄의 앞뒤 서른두 글자보다 길게 씁니다. " + "\n\n"
    post = write_post(folder, "2022-01-01-p.md", between.join(passages) + "\n")
    importing.import_paths(library, [folder])
    query = "SELECT text, updated_at FROM highlights ORDER BY start"
    library.conn.execute("UPDATE highlights SET updated_at = 'before'")
    passages[4] = span("4번째 밑줄 고침", "red")
    write_post(folder, "2022-01-01-p.md", between.join(passages) + "\n")
    bump(post)
    assert importing.import_paths(library, [folder]).updated == 1
    rows = library.conn.execute(query).fetchall()
    assert [text for text, _ in rows] == [
        *(f"{n}번째 밑줄" for n in range(4)),
        "4번째 밑줄 고침",
        "5번째 밑줄",
    ]
    # The four before it are as they were; it and the one after it (moved) are rewritten.
    assert [stamp == "before" for _, stamp in rows] == [True] * 4 + [False, False]
    consistent(library)


def test_a_new_library_gives_back_the_pages_an_import_no_longer_uses(tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    syllables = random.Random(7)
    words = " ".join(
        "".join(chr(0xAC00 + syllables.randrange(11172)) for _ in range(3)) for _ in range(50_000)
    )  # half a megabyte that does not compress
    post = write_post(folder, "2022-01-01-long.md", f"{span('긴 글')} {words}\n")
    with Library(tmp_path / "library.db") as library:
        assert library.conn.execute("PRAGMA auto_vacuum").fetchone() == (2,)  # incremental
        importing.import_paths(library, [folder])
        write_post(folder, "2022-01-01-long.md", f"{span('짧아진 글')}\n")  # its pages: free
        bump(post)
        assert importing.import_paths(library, [folder]).updated == 1
        assert library.conn.execute("PRAGMA freelist_count").fetchone() == (0,)
        consistent(library)


def test_an_edit_indexes_again_only_the_documents_it_changed(
    library: Library, tmp_path: Path
) -> None:
    path = write_post(tmp_path, "2022-03-15-p.md", "본문에만있는낱말 문단\n", summary="옛요약낱말")
    importing.import_paths(library, [path])
    article_id = queries.article_id_for(library, path)
    assert article_id is not None
    with mock.patch.object(index, "_row", wraps=index._row) as cut:
        edits.set_notes(library, article_id, summary="새요약낱말")
        edits.add_question(library, article_id, "궁금한질문낱말")
    # The notes and the question were cut into grams (the old notes too, to take them
    # out); the body and the title, unchanged, were not: on a long post the body is most
    # of an edit's time.
    assert sorted({call.args[0] for call in cut.call_args_list}) == ["note", "question"]
    consistent(library)
    assert [h.kind for h in search.search(library, "새요약낱말").hits] == ["note"]
    assert search.search(library, "옛요약낱말").total == 0
    assert [h.kind for h in search.search(library, "본문에만있는낱말").hits] == ["body"]
    assert [h.kind for h in search.search(library, "궁금한질문낱말").hits] == ["question"]


def test_a_post_changed_only_in_its_marks_is_not_cut_into_grams_again(
    library: Library, tmp_path: Path
) -> None:
    """Write-back adds a `<span>` to a post; its text, as searched, is the same: the
    re-import does not cut the body into grams again (on an 8 MB post, most of it)."""
    path = write_post(tmp_path, "2022-03-15-p.md", "본문에만있는낱말 그리고 밑줄칠말\n")
    importing.import_paths(library, [path])
    path.write_text(
        path.read_text(encoding="utf-8").replace("밑줄칠말", span("밑줄칠말")), encoding="utf-8"
    )
    bump(path)
    with (
        mock.patch.object(index, "body_grams", wraps=index.body_grams) as whole,
        mock.patch.object(index, "_row", wraps=index._row) as cut,
    ):
        assert importing.import_paths(library, [path]).updated == 1
    assert whole.call_count == 0
    assert "body" not in {call.args[0] for call in cut.call_args_list}
    consistent(library)
    assert [h.kind for h in search.search(library, "본문에만있는낱말").hits] == ["body"]
    assert found(library, "highlights", "밑줄칠말") == 1


def test_a_body_indexed_with_its_whitespace_collapsed_is_taken_out_whole(
    library: Library, tmp_path: Path
) -> None:
    """Libraries indexed a body with its whitespace collapsed; the index is now given it
    as written. Taking out the old document must still remove every word it put in."""
    body = "첫  문단의   옛낱말\n둘째 줄\n\n\u00a0셋째\t문단 English  words\n"
    path = write_post(tmp_path, "2022-03-15-p.md", body)
    importing.import_paths(library, [path])
    conn = library.conn
    (doc_id,) = conn.execute("SELECT id FROM search_docs WHERE kind = 'body'").fetchone()
    stored = queries.article(library, queries.article_id_for(library, path) or 0).body
    as_written, collapsed = index.body_grams(stored), grams.index_text(index.plain(stored))
    assert as_written != collapsed
    # Indexed as an older version did: the body's grams taken out, the collapsed ones in.
    conn.execute(
        "INSERT INTO search_fts (search_fts, rowid, body, notes, title) "
        "VALUES ('delete', ?, ?, '', '')",
        (doc_id, as_written),
    )
    conn.execute(
        "INSERT INTO search_fts (rowid, body, notes, title) VALUES (?, ?, '', '')",
        (doc_id, collapsed),
    )
    path.write_text(path.read_text(encoding="utf-8").replace("옛낱말", "새낱말"), encoding="utf-8")
    bump(path)
    assert importing.import_paths(library, [path]).updated == 1
    assert search.search(library, "옛낱말").total == 0
    assert [h.kind for h in search.search(library, "새낱말").hits] == ["body"]
    conn.execute("CREATE VIRTUAL TABLE temp.words USING fts5vocab(main, search_fts, 'row')")
    left = {term for (term,) in conn.execute("SELECT term FROM temp.words")}
    assert "옛낱" not in left
    assert "english" in left
