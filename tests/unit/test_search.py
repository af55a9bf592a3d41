"""Korean search over titles, bodies, highlights, notes and questions."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils

from reader_tui.library import (
    Library,
    edits,
    importing,
    index,
    queries,
    search,
)
from reader_tui.library.search import SearchError
from tests.unit.posts import bump, only_article, write_post


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
    hits = search.search(searchable, "네이버").hits
    assert hits
    assert {h.title for h in hits} == {"검색 회사"}
    assert any("«네이버»는" in h.snippet for h in hits)


@pytest.mark.parametrize(
    "query", ["카카", "AI", "초거대", "하이퍼클로", "LG전자", "포털", "generat"]
)
def test_short_and_mixed_queries_find_their_match(searchable: Library, query: str) -> None:
    assert search.search(searchable, query).hits, query


def test_no_false_matches_across_a_space(searchable: Library) -> None:
    assert search.search(searchable, "다른이야기").hits == []
    assert search.search(searchable, "이야기").hits != []


def test_hits_say_what_matched(searchable: Library) -> None:
    kinds = {h.kind for h in search.search(searchable, "하이퍼클로바").hits}
    assert kinds == {"highlight"}
    (hit,) = search.search(searchable, "하이퍼클로바").hits
    article = queries.article(searchable, hit.article_id)
    assert hit.highlight_id == article.highlights[0].id
    assert {h.kind for h in search.search(searchable, "어떨까").hits} == {"question"}
    assert {h.kind for h in search.search(searchable, "포털").hits} == {"note"}
    assert "title" in {h.kind for h in search.search(searchable, "검색 회사").hits}


def test_every_word_must_match(searchable: Library) -> None:
    assert search.search(searchable, "네이버 카카오").hits
    assert search.search(searchable, "네이버 models").hits == []


@pytest.mark.parametrize(
    "query", ['"', "AND", "OR (", "NEAR(a b)", "*", 'a"b', "'; DROP TABLE", "^ - +"]
)
def test_queries_full_of_operators_are_safe(searchable: Library, query: str) -> None:
    if not any(ch.isalnum() for ch in query):
        with pytest.raises(SearchError, match="nothing to search"):
            search.search(searchable, query)
    else:
        assert isinstance(search.search(searchable, query).hits, list)
    assert len(queries.articles(searchable)) == 2


def test_search_index_follows_edits(searchable: Library) -> None:
    article_id = search.search(searchable, "네이버").hits[0].article_id
    edits.set_notes(searchable, article_id, summary="완전히 새로운 요약", keywords=["바뀐키워드"])
    assert "note" not in {h.kind for h in search.search(searchable, "포털").hits}
    assert {h.kind for h in search.search(searchable, "바뀐키워드").hits} == {"note"}
    question = edits.add_question(searchable, article_id, "새 질문은 무엇인가")
    assert {h.kind for h in search.search(searchable, "무엇인가").hits} == {"question"}
    edits.delete_question(searchable, question.id)
    assert search.search(searchable, "무엇인가").hits == []


def test_search_index_can_be_rebuilt(searchable: Library) -> None:
    before = [(h.article_id, h.kind) for h in search.search(searchable, "네이버").hits]
    index.rebuild(searchable)
    assert [(h.article_id, h.kind) for h in search.search(searchable, "네이버").hits] == before


def indexed(library: Library) -> list[tuple[object, ...]]:
    """Every word the search index holds, where: (term, article, kind, ref, column, at)."""
    conn = library.conn
    conn.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.words USING fts5vocab(main, search_fts, instance)"
    )
    return sorted(
        conn.execute(
            "SELECT w.term, d.article_id, d.kind, d.ref_id, w.col, w.offset "
            "FROM temp.words AS w JOIN search_docs AS d ON d.id = w.doc"
        ).fetchall()
    )


@pytest.mark.parametrize(("workers", "per_statement"), [(1, 2000), (2, 2000), (1, 3)])
def test_a_new_post_is_indexed_as_a_rebuild_indexes_it(
    library: Library,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    workers: int,
    per_statement: int,
) -> None:
    """An import indexes a new post from what it has just stored (no reading back); the
    index holds exactly what a rebuild, reading every article back, makes of it: title,
    body, keywords, summary, other sections and questions, with their ids (its rows
    written a few a statement, too)."""
    monkeypatch.setattr(index, "HELD_ROWS", per_statement)
    for n in range(4):
        write_post(
            tmp_path,
            f"2022-01-0{n + 1}-p{n}.md",
            f'본문 {n}: 네이버는 검색을 한다.\n\n<span style="color:red">밑줄 {n}</span>',
            title=f"제목 {n}",
            keywords=f"\\#포털{n} \\#AI",
            summary=f"요약 {n}",
            question=f"질문 {n}? ->답 {n}" if n % 2 else f"질문 {n}",
        )
    importing.import_paths(library, [tmp_path], workers=workers)
    made = indexed(library)
    assert {row[2] for row in made} == {"title", "body", "note", "question"}
    index.rebuild(library)
    assert indexed(library) == made


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


def test_search_follows_highlights_made_and_removed_in_the_app(
    library: Library, tmp_path: Path
) -> None:
    post = write_post(tmp_path, "2022-01-01-a.md", "사라질 문장이 있다. 남는 문장도 있다.")
    importing.import_paths(library, [tmp_path])
    article_id = only_article(library)
    text = post.read_text(encoding="utf-8")
    start = text.index("사라질")
    made = edits.add_highlight(library, article_id, text, start, start + 3)
    assert [(h.kind, h.highlight_id) for h in search.search(library, "사라질").hits] == [
        ("highlight", made.id)
    ]
    write_post(tmp_path, "2022-01-01-a.md", "완전히 다른 글.")
    bump(post)
    importing.import_paths(library, [tmp_path])
    assert [(h.kind, h.highlight_id) for h in search.search(library, "사라질").hits] == [
        ("highlight", made.id)
    ]
    edits.remove_highlight(library, made.id)  # an orphan: its own search document goes too
    assert search.search(library, "사라질").hits == []
