"""Import and refresh: new, changed, moved, missing posts, and never losing what the
user made (notes merged, highlights re-anchored, orphans kept)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from typing import TYPE_CHECKING, Any
from unittest import mock

import pytest

from reader_tui import post
from reader_tui.library import (
    Library,
    edits,
    importing,
    queries,
    reading,
    search,
)
from tests.conftest import SEED
from tests.unit.posts import bump, only_article, write_post

if TYPE_CHECKING:
    from pathlib import Path

    from reader_tui.models import Article


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
    an_hour_ago = time.time() - 3600  # not "racy": changed well before it was read
    for file in notes.iterdir():
        os.utime(file, (an_hour_ago, an_hour_ago))
    importing.import_paths(library, [notes])
    with mock.patch.object(reading, "read_file", side_effect=AssertionError("read")) as reads:
        report = importing.import_paths(library, [notes])
    assert report.unchanged == 1
    assert reads.call_count == 0
    # a refresh that changed nothing writes nothing, not even a log line
    assert len(queries.import_log(library)) == 1


def test_a_refresh_sees_what_this_or_another_connection_changed_since_the_last(
    library: Library, tmp_path: Path
) -> None:
    """A refresh remembers a walk that found every post unchanged, until the library
    file changes: a row another process took away, or this one, is seen at the next
    refresh, and an unchanged post is not read again."""
    folder = tmp_path / "notes"
    path = write_post(folder, "2022-03-15-p.md", "본문\n")
    an_hour_ago = time.time() - 3600  # not "racy": a refresh writes nothing for it
    os.utime(path, (an_hour_ago, an_hour_ago))
    library.close()

    def unchanged_twice(mine: Library) -> None:
        for _ in range(2):  # the second from what the first remembered
            with mock.patch.object(reading, "read_file", side_effect=AssertionError("read")):
                assert importing.import_paths(mine, [folder]).unchanged == 1

    with Library(library.path) as mine, Library(library.path) as other:
        assert importing.import_paths(mine, [folder]).added == 1
        unchanged_twice(mine)
        other.conn.execute("DELETE FROM articles")  # another process's change
        assert importing.import_paths(mine, [folder]).added == 1
        unchanged_twice(mine)
        mine.conn.execute("DELETE FROM articles")  # this one's own
        assert importing.import_paths(mine, [folder]).added == 1
        assert queries.articles(mine)[0].path == str(path)


def test_a_same_size_edit_within_the_timestamp_is_seen(library: Library, notes: Path) -> None:
    """A post edited right after it was imported, to the same size and (as on a coarse file
    system) the same modification time: the next import still sees the change."""
    (file,) = notes.iterdir()
    importing.import_paths(library, [notes])
    stat = file.stat()
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace("국내 AI 그룹 소개", "국내 AI 그룹 요약"), encoding="utf-8")
    os.utime(file, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert file.stat().st_size == stat.st_size
    report = importing.import_paths(library, [notes])
    assert report.updated == 1
    assert queries.article(library, only_article(library)).summary == "국내 AI 그룹 요약"


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
    for file in (tmp_path / "n").iterdir():
        file.unlink()
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
    # Each reason says what is wrong and what to do about it.
    bad_yaml = reasons[str((tmp_path / "bad-yaml.md").resolve())]
    assert bad_yaml.startswith("front matter at line ")
    assert bad_yaml.endswith("; correct the YAML between the --- lines and save the post")
    assert reasons[str((tmp_path / "latin1.md").resolve())].endswith("; save it as UTF-8")
    assert "no such file" in reasons[str(tmp_path / "nope.md")]


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
        assert search.search(library, f"글{total - 1}").hits


def test_a_post_that_trips_the_import_is_refused_and_the_rest_imported(
    library: Library, tmp_path: Path
) -> None:
    write_post(tmp_path / "notes", "2022-01-01-a.md", "첫 글")
    write_post(tmp_path / "notes", "2022-01-02-b.md", "둘째 글", title="둘째")
    real_parse = post.parse

    def tripping(text: str, path: str | None = None, *more: Any) -> Article:
        article = real_parse(text, path, *more)
        if path and path.endswith("-b.md"):
            raise ValueError("something no check foresaw")
        return article

    with mock.patch.object(post, "parse", tripping):
        report = importing.import_paths(library, [tmp_path / "notes"])
    assert report.added == 1
    ((path, reason),) = report.rejected
    assert path.endswith("2022-01-02-b.md")
    assert "something no check foresaw" in reason
    assert library.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert [e.title for e in queries.articles(library)] == ["제목"]
    assert importing.import_paths(library, [tmp_path / "notes"]).added == 1  # once it can


def test_the_folders_a_library_was_built_from_are_remembered(
    library: Library, tmp_path: Path
) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    write_post(first, "2022-01-01-a.md", "가")
    write_post(second, "2022-01-02-b.md", "나")
    importing.import_paths(library, [first])
    importing.import_paths(library, [second])
    importing.import_paths(library, [first / "2022-01-01-a.md"])  # a post named alone
    assert queries.folders(library) == [str(second), str(first)]  # newest first
    shutil.rmtree(second)
    assert queries.folders(library) == [str(first)]  # only those still there
