"""The library: import, refresh, never losing what the user made, and Korean search."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path
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
from reader_tui.library.search import SearchError
from tests.conftest import SEED, MakeLibrary

FRONT = "---\ntitle: '{title}'\nsubtitle: '220315Tue x'\n---\n\n[링크](https://e.com/{title})\n"
NOTES = (
    "\n\n* * *\n\n### 2. 키워드 : {keywords}\n### 3. 요약 : {summary}\n"
    "### 4. 궁금한 점 : {question}"
)


def write_post(
    folder: Path,
    name: str,
    body: str,
    *,
    title: str = "제목",
    keywords: str = "\\#AI",
    summary: str = "요약",
    question: str = "-",
) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    text = (
        FRONT.format(title=title)
        + body
        + NOTES.format(keywords=keywords, summary=summary, question=question)
    )
    path.write_text(text, encoding="utf-8")
    return path


def bump(path: Path) -> None:
    """Make sure a rewrite is seen even within the file system's mtime resolution."""
    stat = path.stat()
    os.utime(path, (stat.st_atime, stat.st_mtime + 2))


@pytest.fixture
def library(make_library: MakeLibrary) -> Library:
    return make_library(seed=False, db="data/library.db")


def only_article(library: Library) -> int:
    (entry,) = queries.articles(library)
    return entry.id


# -- opening ------------------------------------------------------------------------------


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


# -- import and refresh -------------------------------------------------------------------


def test_import_the_seed(library: Library, notes: Path) -> None:
    report = importing.import_paths(library, [notes])
    assert (report.added, report.updated, report.unchanged, report.rejected) == (1, 0, 0, ())
    (entry,) = queries.articles(library)
    assert entry.title == "[AI 핫이슈 읽기] 국내 AI 연합체 무엇이 있나"
    assert (entry.highlights, entry.open_questions, entry.keywords) == (6, 0, ("AI",))
    article = queries.article(library, entry.id)
    assert article.summary == "국내 AI 그룹 소개"
    assert article.source_url == "https://byline.network/2022/03/4-128/"
    assert [h.color for h in article.highlights] == ["blue"] * 6
    assert queries.import_log(library)[-1]["added"] == 1


def test_folders_are_walked_for_posts_and_hidden_folders_skipped(
    library: Library, tmp_path: Path
) -> None:
    write_post(tmp_path / "n" / "2022", "2022-01-01-a.md", "가")
    write_post(tmp_path / "n", "2022-01-02-b.markdown", "나")
    write_post(tmp_path / "n" / ".git", "2022-01-03-c.md", "다")
    (tmp_path / "n" / "note.txt").write_text("not a post", encoding="utf-8")
    assert importing.import_paths(library, [tmp_path / "n"]).added == 2


def test_unchanged_files_are_not_read_again(library: Library, notes: Path) -> None:
    importing.import_paths(library, [notes])
    with mock.patch.object(Path, "read_bytes", side_effect=AssertionError("read")) as reads:
        report = importing.import_paths(library, [notes])
    assert report.unchanged == 1
    assert reads.call_count == 0
    # a refresh that changed nothing writes nothing, not even a log line
    assert len(queries.import_log(library)) == 1


def test_touched_but_identical_file_is_unchanged(library: Library, notes: Path) -> None:
    importing.import_paths(library, [notes])
    bump(notes / SEED.name)
    report = importing.import_paths(library, [notes])
    assert (report.unchanged, report.updated) == (1, 0)


def test_changed_file_is_parsed_again(library: Library, tmp_path: Path) -> None:
    post = write_post(tmp_path, "2022-01-01-a.md", "본문", summary="옛 요약")
    importing.import_paths(library, [tmp_path])
    write_post(tmp_path, "2022-01-01-a.md", "본문 바뀜", summary="새 요약")
    bump(post)
    report = importing.import_paths(library, [tmp_path])
    assert report.updated == 1
    article = queries.article(library, only_article(library))
    assert article.summary == "새 요약"
    assert article.body.endswith("본문 바뀜")


def test_moved_file_keeps_its_notes_and_highlight_ids(
    library: Library, notes: Path, tmp_path: Path
) -> None:
    importing.import_paths(library, [notes])
    article_id = only_article(library)
    first = queries.highlights_for(library, article_id)[0]
    edits.set_highlight_note(library, first.id, "중요")
    edits.add_question(library, article_id, "왜 연합하나?")
    moved = notes / "2022" / "renamed.markdown"
    moved.parent.mkdir()
    (notes / SEED.name).rename(moved)
    report = importing.import_paths(library, [notes])
    assert (report.moved, report.added, report.missing) == (1, 0, 0)
    article = queries.article(library, article_id)
    assert article.path == str(moved.resolve())
    assert article.highlights[0].id == first.id
    assert article.highlights[0].note == "중요"
    assert [q.text for q in article.questions] == ["왜 연합하나?"]


def test_deleted_file_is_marked_missing_never_deleted(library: Library, notes: Path) -> None:
    importing.import_paths(library, [notes])
    article_id = only_article(library)
    edits.set_notes(library, article_id, summary="내 요약")
    (notes / SEED.name).unlink()
    assert importing.import_paths(library, [notes]).missing == 1
    (entry,) = queries.articles(library)
    assert entry.missing
    assert queries.article(library, article_id).summary == "내 요약"
    # and it comes back when the file does
    (notes / SEED.name).write_bytes(SEED.read_bytes())
    importing.import_paths(library, [notes])
    assert not queries.articles(library)[0].missing


def test_a_folder_emptied_of_posts_marks_them_all_missing(library: Library, tmp_path: Path) -> None:
    for n in range(3):
        write_post(tmp_path / "n", f"2022-01-0{n + 1}-p.md", f"글 {n}")
    importing.import_paths(library, [tmp_path / "n"])
    for post in (tmp_path / "n").iterdir():
        post.unlink()
    assert importing.import_paths(library, [tmp_path / "n"]).missing == 3
    assert all(entry.missing for entry in queries.articles(library))


def test_rejected_files_are_reported_and_the_rest_imported(
    library: Library, tmp_path: Path
) -> None:
    write_post(tmp_path, "2022-01-01-good.md", "좋은 글")
    (tmp_path / "bad-yaml.md").write_text("---\ntitle: [x\n---\n본문\n", encoding="utf-8")
    (tmp_path / "latin1.md").write_bytes("caf\xe9".encode("latin-1"))
    report = importing.import_paths(library, [tmp_path, tmp_path / "nope.md"])
    assert report.added == 1
    reasons = dict(report.rejected)
    assert "front matter" in reasons[str((tmp_path / "bad-yaml.md").resolve())]
    assert "not UTF-8" in reasons[str((tmp_path / "latin1.md").resolve())]
    assert "no such file" in reasons[str(tmp_path / "nope.md")]


# -- what the user made survives re-imports ----------------------------------------------


def test_app_highlight_is_re_anchored_when_text_is_inserted_before_it(
    library: Library, tmp_path: Path
) -> None:
    post = write_post(tmp_path, "2022-01-01-a.md", "첫 문단.\n\n중요한 문장은 여기에 있다.")
    importing.import_paths(library, [tmp_path])
    article_id = only_article(library)
    text = post.read_text(encoding="utf-8")
    start = text.index("중요한 문장")
    made = edits.add_highlight(library, article_id, text, start, start + len("중요한 문장"), "red")
    write_post(
        tmp_path, "2022-01-01-a.md", "새로 쓴 머리말.\n\n첫 문단.\n\n중요한 문장은 여기에 있다."
    )
    bump(post)
    importing.import_paths(library, [tmp_path])
    new_text = post.read_text(encoding="utf-8")
    (kept,) = queries.highlights_for(library, article_id)
    assert (kept.id, kept.status, kept.origin, kept.color) == (made.id, "active", "app", "red")
    assert new_text[kept.start : kept.end] == "중요한 문장"


def test_app_highlight_whose_text_is_gone_becomes_an_orphan(
    library: Library, tmp_path: Path
) -> None:
    post = write_post(tmp_path, "2022-01-01-a.md", "사라질 문장이 있다.")
    importing.import_paths(library, [tmp_path])
    article_id = only_article(library)
    text = post.read_text(encoding="utf-8")
    start = text.index("사라질")
    made = edits.add_highlight(library, article_id, text, start, start + 3)
    write_post(tmp_path, "2022-01-01-a.md", "완전히 다른 글.")
    bump(post)
    importing.import_paths(library, [tmp_path])
    (orphan,) = queries.highlights_for(library, article_id)
    assert (orphan.id, orphan.status, orphan.text) == (made.id, "orphan", "사라질")


def test_file_highlight_keeps_its_id_when_it_moves(library: Library, tmp_path: Path) -> None:
    post = write_post(
        tmp_path, "2022-01-01-a.md", '앞.\n\n<span style="color:blue">표시한 곳</span>'
    )
    importing.import_paths(library, [tmp_path])
    article_id = only_article(library)
    (before,) = queries.highlights_for(library, article_id)
    write_post(
        tmp_path,
        "2022-01-01-a.md",
        '더 긴 앞.\n\n새 문단.\n\n<span style="color:blue">표시한 곳</span>',
    )
    bump(post)
    importing.import_paths(library, [tmp_path])
    (after,) = queries.highlights_for(library, article_id)
    assert after.id == before.id
    assert after.start > before.start


def test_file_highlight_with_a_note_is_kept_as_orphan_when_removed_from_the_file(
    library: Library, tmp_path: Path
) -> None:
    body = (
        '<span style="color:blue">노트 단 곳</span> 그리고 <span style="color:red">그냥 표시</span>'
    )
    post = write_post(tmp_path, "2022-01-01-a.md", body)
    importing.import_paths(library, [tmp_path])
    article_id = only_article(library)
    noted, _unnoted = queries.highlights_for(library, article_id)
    edits.set_highlight_note(library, noted.id, "나중에 다시 읽기")
    write_post(tmp_path, "2022-01-01-a.md", "노트 단 곳 그리고 그냥 표시")
    bump(post)
    importing.import_paths(library, [tmp_path])
    (kept,) = queries.highlights_for(library, article_id)
    assert (kept.id, kept.status, kept.note) == (noted.id, "orphan", "나중에 다시 읽기")


def test_highlight_removed_in_the_app_stays_removed_after_re_import(
    library: Library, notes: Path
) -> None:
    importing.import_paths(library, [notes])
    article_id = only_article(library)
    target = queries.highlights_for(library, article_id)[1]
    edits.remove_highlight(library, target.id)
    post = notes / SEED.name
    post.write_text(
        post.read_text(encoding="utf-8").replace("국내 AI 그룹 소개", "바뀐 요약"), encoding="utf-8"
    )
    bump(post)
    importing.import_paths(library, [notes])
    assert target.id not in [h.id for h in queries.highlights_for(library, article_id)]
    assert len(queries.highlights_for(library, article_id)) == 5


def test_section_changed_only_in_the_file_is_taken(library: Library, notes: Path) -> None:
    importing.import_paths(library, [notes])
    article_id = only_article(library)
    post = notes / SEED.name
    post.write_text(
        post.read_text(encoding="utf-8").replace("국내 AI 그룹 소개", "파일에서 고침"),
        encoding="utf-8",
    )
    bump(post)
    importing.import_paths(library, [notes])
    article = queries.article(library, article_id)
    assert article.summary == "파일에서 고침"
    assert article.conflicts == ()


def test_section_changed_only_in_the_app_is_kept(library: Library, notes: Path) -> None:
    importing.import_paths(library, [notes])
    article_id = only_article(library)
    edits.set_notes(library, article_id, summary="앱에서 고침")
    post = notes / SEED.name
    post.write_text(
        post.read_text(encoding="utf-8").replace("\\#AI", "\\#AI \\#LLM"), encoding="utf-8"
    )
    bump(post)
    importing.import_paths(library, [notes])
    article = queries.article(library, article_id)
    assert article.summary == "앱에서 고침"
    assert article.keywords == ("AI", "LLM")
    assert article.conflicts == ()


def test_section_changed_on_both_sides_is_a_conflict_keeping_both(
    library: Library, notes: Path
) -> None:
    importing.import_paths(library, [notes])
    article_id = only_article(library)
    edits.set_notes(library, article_id, summary="앱의 요약")
    post = notes / SEED.name
    post.write_text(
        post.read_text(encoding="utf-8").replace("국내 AI 그룹 소개", "파일의 요약"),
        encoding="utf-8",
    )
    bump(post)
    importing.import_paths(library, [notes])
    article = queries.article(library, article_id)
    assert article.summary == "앱의 요약"
    (conflict,) = article.conflicts
    assert (conflict.section, conflict.app_value, conflict.file_value) == (
        "summary",
        "앱의 요약",
        "파일의 요약",
    )
    assert queries.articles(library)[0].conflict
    edits.resolve_conflict(library, article_id, "summary", keep="file")
    article = queries.article(library, article_id)
    assert (article.summary, article.conflicts) == ("파일의 요약", ())
    assert not queries.articles(library)[0].conflict


def test_answers_survive_a_re_import(library: Library, tmp_path: Path) -> None:
    post = write_post(tmp_path, "2022-01-01-a.md", "본문", question="왜 그럴까?")
    importing.import_paths(library, [tmp_path])
    article_id = only_article(library)
    (question,) = queries.questions_for(library, article_id)
    edits.update_question(library, question.id, answer="그래서다", status="answered")
    write_post(tmp_path, "2022-01-01-a.md", "본문 고침", question="왜 그럴까?")
    bump(post)
    importing.import_paths(library, [tmp_path])
    (kept,) = queries.questions_for(library, article_id)
    assert (kept.text, kept.answer, kept.status) == ("왜 그럴까?", "그래서다", "answered")


class ImportInterruptedError(Exception):
    """Stands for a kill in the middle of an import."""


def test_interrupted_import_leaves_a_consistent_library_and_the_next_one_finishes(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "many"
    total = 2 * importing.BATCH + 50
    for n in range(total):
        write_post(folder, f"2022-01-01-p{n:04d}.md", f"글 {n} 번째 " * 40, title=f"글{n}")
    db = tmp_path / "library.db"

    def stop_in_the_second_batch(done: int, _total: int) -> None:
        if done == importing.BATCH + 10:
            raise ImportInterruptedError

    with Library(db) as library, pytest.raises(ImportInterruptedError):
        importing.import_paths(library, [folder], progress=stop_in_the_second_batch)
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert articles == importing.BATCH  # the first batch whole, nothing of the second
    conn.close()
    with Library(db) as library:
        report = importing.import_paths(library, [folder])
        assert report.added == total - articles
        assert len(queries.articles(library)) == total
        assert search.search(library, f"글{total - 1}")


# -- search -------------------------------------------------------------------------------


@pytest.fixture
def searchable(library: Library, tmp_path: Path) -> Library:
    write_post(
        tmp_path,
        "2022-01-01-a.md",
        "네이버는 검색을 한다. 카카오도 한다.\n\n"
        '<span style="color:blue">하이퍼클로바는 초거대 AI다.</span>',
        title="검색 회사",
        keywords="\\#포털",
        summary="네이버와 카카오 비교",
        question="LG전자는 어떨까?",
    )
    write_post(tmp_path, "2022-01-02-b.md", "전혀 다른 이야기. Generative models.", title="다른 글")
    importing.import_paths(library, [tmp_path])
    return library


def test_korean_word_with_a_particle_is_found(searchable: Library) -> None:
    hits = search.search(searchable, "네이버")
    assert hits
    assert {h.title for h in hits} == {"검색 회사"}
    assert any("«네이버»는" in h.snippet for h in hits)


@pytest.mark.parametrize(
    "query", ["카카", "AI", "초거대", "하이퍼클로", "LG전자", "포털", "generat"]
)
def test_short_and_mixed_queries_find_their_match(searchable: Library, query: str) -> None:
    assert search.search(searchable, query), query


def test_no_false_matches_across_a_space(searchable: Library) -> None:
    assert search.search(searchable, "다른이야기") == []
    assert search.search(searchable, "이야기") != []


def test_hits_say_what_matched(searchable: Library) -> None:
    kinds = {h.kind for h in search.search(searchable, "하이퍼클로바")}
    assert kinds == {"highlight"}
    (hit,) = search.search(searchable, "하이퍼클로바")
    article = queries.article(searchable, hit.article_id)
    assert hit.highlight_id == article.highlights[0].id
    assert {h.kind for h in search.search(searchable, "어떨까")} == {"question"}
    assert {h.kind for h in search.search(searchable, "포털")} == {"note"}
    assert "title" in {h.kind for h in search.search(searchable, "검색 회사")}


def test_every_word_must_match(searchable: Library) -> None:
    assert search.search(searchable, "네이버 카카오")
    assert search.search(searchable, "네이버 models") == []


@pytest.mark.parametrize(
    "query", ['"', "AND", "OR (", "NEAR(a b)", "*", 'a"b', "'; DROP TABLE", "^ - +"]
)
def test_queries_full_of_operators_are_safe(searchable: Library, query: str) -> None:
    if not any(ch.isalnum() for ch in query):
        with pytest.raises(SearchError, match="nothing to search"):
            search.search(searchable, query)
    else:
        assert isinstance(search.search(searchable, query), list)
    assert len(queries.articles(searchable)) == 2


def test_search_index_follows_edits(searchable: Library) -> None:
    article_id = search.search(searchable, "네이버")[0].article_id
    edits.set_notes(searchable, article_id, summary="완전히 새로운 요약", keywords=["바뀐키워드"])
    assert "note" not in {h.kind for h in search.search(searchable, "포털")}
    assert {h.kind for h in search.search(searchable, "바뀐키워드")} == {"note"}
    question = edits.add_question(searchable, article_id, "새 질문은 무엇인가")
    assert {h.kind for h in search.search(searchable, "무엇인가")} == {"question"}
    edits.delete_question(searchable, question.id)
    assert search.search(searchable, "무엇인가") == []


def test_search_index_can_be_rebuilt(searchable: Library) -> None:
    before = [(h.article_id, h.kind) for h in search.search(searchable, "네이버")]
    index.rebuild(searchable)
    assert [(h.article_id, h.kind) for h in search.search(searchable, "네이버")] == before


def test_other_tools_can_search_the_library(library: Library, notes: Path) -> None:
    importing.import_paths(library, [notes])
    library.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    cli = Path(sys.executable).parent / "sqlite-utils"
    result = subprocess.run(
        [str(cli), "search", library.path, "highlights", "하이퍼클로바를", "--csv"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "하이퍼클로바를" in result.stdout
    db = sqlite_utils.Database(library.path)
    assert db.table("highlights").detect_fts() == "highlights_fts"
    assert db.table("articles").detect_fts() == "articles_fts"
    hits = list(db.table("articles").search("연합체"))
    assert [hit["title"] for hit in hits] == ["[AI 핫이슈 읽기] 국내 AI 연합체 무엇이 있나"]


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


def test_search_follows_highlights_made_and_removed_in_the_app(
    library: Library, tmp_path: Path
) -> None:
    post = write_post(tmp_path, "2022-01-01-a.md", "사라질 문장이 있다. 남는 문장도 있다.")
    importing.import_paths(library, [tmp_path])
    article_id = only_article(library)
    text = post.read_text(encoding="utf-8")
    start = text.index("사라질")
    made = edits.add_highlight(library, article_id, text, start, start + 3)
    assert [(h.kind, h.highlight_id) for h in search.search(library, "사라질")] == [
        ("highlight", made.id)
    ]
    write_post(tmp_path, "2022-01-01-a.md", "완전히 다른 글.")
    bump(post)
    importing.import_paths(library, [tmp_path])
    assert [(h.kind, h.highlight_id) for h in search.search(library, "사라질")] == [
        ("highlight", made.id)
    ]
    edits.remove_highlight(library, made.id)  # an orphan: its own search document goes too
    assert search.search(library, "사라질") == []
