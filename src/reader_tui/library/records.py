"""Rows written and read by more than one job (import, sync, edits, queries). No Textual."""

from __future__ import annotations

import json
import zlib
from typing import TYPE_CHECKING, Any

from reader_tui.library import settings
from reader_tui.library.anchors import anchor_row
from reader_tui.library.connection import Library, now

if TYPE_CHECKING:
    from collections.abc import Sequence

    from reader_tui.models import Article, ExtraSection, Highlight


as_json = json.JSONEncoder(ensure_ascii=False).encode
"""`json.dumps(value, ensure_ascii=False)` with one encoder made once: `dumps` given an
option makes one for every call, and an import encodes five values a post."""


def pack(text: str) -> bytes:
    """An article's text as stored (zlib, its fastest level: an import packs every post,
    and level 6 took 140 us a post against 80 for 6% more bytes)."""
    return zlib.compress(text.encode("utf-8"), 1)


def unpack(data: bytes | None) -> str:
    return zlib.decompress(data).decode("utf-8") if data else ""


def post_columns(digest: str, article: Article, text: str, packed: bytes = b"") -> dict[str, Any]:
    """What the articles row says of a parsed post's content (`packed`: its body packed
    already); `sync.file_columns` gives the rest."""
    body = text[article.source.body_start : article.source.article_end]
    return {
        "content_hash": digest,
        "title": article.title,
        "subtitle": article.subtitle,
        "date": article.date.isoformat() if article.date else None,
        "subtitle_date": article.subtitle_date.isoformat() if article.subtitle_date else None,
        "categories": as_json(list(article.categories)),
        "tags": as_json(list(article.tags)),
        "front_matter": as_json(article.front_matter),
        "source_url": article.source_url,
        "body_zlib": packed or pack(body.strip("\n")),
        "warnings": as_json(list(article.warnings)),
    }


def answers_written(library: Library) -> bool:
    """Whether answers go into posts (`question ->answer`); if not, the merge and
    write-back leave them out of the comparison: they are the app's own."""
    return settings.load(library).write_answers


def compared(question: str, answer: str, answers: bool) -> str:
    """A question as the merge compares it: with its answer, or (answers kept in the
    app) without."""
    # The post format's notes, imported when first compared: the app's start needs none.
    from reader_tui.post.notes import question_form, split_answer

    return question_form(question, answer) if answers else split_answer(question)[0]


def file_notes(article: Article, answers: bool = True) -> dict[str, Any]:
    """A parsed post's notes, as the merge compares them."""
    return {
        "keywords": list(article.keywords),
        "summary": article.summary,
        "questions": [compared(q, "", answers) for q in article.questions],
    }


def app_notes(library: Library, article_id: int) -> dict[str, Any]:
    """The library's notes of an article, as the merge compares them."""
    conn = library.conn
    answers = answers_written(library)
    summary = conn.execute("SELECT summary FROM articles WHERE id = ?", (article_id,)).fetchone()[0]
    return {
        "keywords": [
            r[0]
            for r in conn.execute(
                "SELECT keyword FROM keywords WHERE article_id = ? ORDER BY position",
                (article_id,),
            )
        ],
        "summary": summary,
        "questions": [
            compared(text, answer, answers)
            for text, answer in conn.execute(
                "SELECT text, answer FROM questions WHERE article_id = ? ORDER BY position",
                (article_id,),
            )
        ],
    }


HighlightRow = tuple[str, str, int, int, "str | None", str, str, str]
"""A highlight as stored: (color, text, start, end, quote, prefix, suffix, note)."""


def highlight_rows(text: str, highlights: Sequence[Highlight]) -> list[HighlightRow]:
    """The rows of highlights of `text`, with their anchors."""
    return [
        (h.color, h.text, h.start, h.end, *anchor_row(text, h.start, h.end, h.text), h.note)
        for h in highlights
    ]


def insert_highlights(
    library: Library, article_id: int, text: str, highlights: Sequence[Highlight], origin: str
) -> list[int]:
    """Store highlights of `text` with their anchors; returns their ids."""
    return insert_highlight_rows(library, article_id, highlight_rows(text, highlights), origin)


def insert_highlight_rows(
    library: Library, article_id: int, rows: Sequence[HighlightRow], origin: str
) -> list[int]:
    """Store highlights as `highlight_rows` makes them; returns their ids (given here, in
    one statement for all: inside the write transaction no other writer takes one)."""
    if not rows:
        return []
    stamp = now()
    conn = library.conn
    first = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM highlights").fetchone()[0]
    ids = list(range(first, first + len(rows)))
    conn.executemany(
        'INSERT INTO highlights (id, article_id, color, text, start, "end", quote, prefix, '
        "suffix, note, origin, status, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?)",
        [
            (highlight_id, article_id, *row, origin, stamp, stamp)
            for highlight_id, row in zip(ids, rows, strict=True)
        ],
    )
    return ids


def write_keywords(
    library: Library, article_id: int, keywords: Sequence[str], fresh: bool = False
) -> None:
    """Replace an article's keywords (`fresh`: it was just stored, and has none)."""
    rows = [(article_id, n, keyword) for n, keyword in enumerate(keywords)]
    _replace(library, "keywords", ("article_id", "position", "keyword"), article_id, rows, fresh)


def _replace(
    library: Library,
    table: str,
    columns: tuple[str, ...],
    article_id: int,
    rows: list[tuple[Any, ...]],
    fresh: bool,
) -> None:
    """An article's rows of `table` replaced with `rows` (`fresh`: it has none yet)."""
    if not fresh:
        library.conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
    names, marks = ", ".join(columns), ", ".join("?" for _ in columns)
    library.conn.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


def write_questions(
    library: Library, article_id: int, forms: Sequence[str], fresh: bool = False
) -> list[tuple[int, str, str]]:
    """Replace the questions with `forms` as the post writes them (`question ->answer`):
    a question whose text stays keeps its id (and so its review card). Returns each as
    stored: (id, text, answer). `fresh`: the article was just stored, and has none."""
    from reader_tui.post.notes import split_answer

    old: dict[str, int] = {}
    if not fresh:
        old = {
            row["text"]: row["id"]
            for row in library.rows(
                "SELECT id, text FROM questions WHERE article_id = ?", (article_id,)
            )
        }
        library.conn.execute("DELETE FROM questions WHERE article_id = ?", (article_id,))
    stored = []
    for position, form in enumerate(forms):
        text, answer = split_answer(form)
        cursor = library.conn.execute(
            "INSERT INTO questions (id, article_id, position, text, answer, status) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (old.get(text), article_id, position, text, answer, _status(answer)),
        )
        stored.append((int(cursor.lastrowid or 0), text, answer))
    return stored


def insert_questions(
    library: Library, article_id: int, questions: Sequence[tuple[str, str]]
) -> list[int]:
    """Store the questions, (text, answer) each, of an article that has none yet; returns
    their ids (given here, as for highlights)."""
    if not questions:
        return []
    conn = library.conn
    first = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM questions").fetchone()[0]
    ids = list(range(first, first + len(questions)))
    conn.executemany(
        "INSERT INTO questions (id, article_id, position, text, answer, status) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [
            (question_id, article_id, position, text, answer, _status(answer))
            for position, (question_id, (text, answer)) in enumerate(
                zip(ids, questions, strict=True)
            )
        ],
    )
    return ids


def _status(answer: str) -> str:
    return "answered" if answer else "open"


def write_extras(
    library: Library, article_id: int, extras: Sequence[ExtraSection], fresh: bool = False
) -> None:
    """Replace an article's other notes sections (`fresh`: it was just stored)."""
    write_extra_rows(library, article_id, [(extra.title, extra.text) for extra in extras], fresh)


def write_extra_rows(
    library: Library, article_id: int, extras: Sequence[tuple[str, str]], fresh: bool = False
) -> None:
    """`write_extras` with each section as (title, text)."""
    rows = [(article_id, n, title, text) for n, (title, text) in enumerate(extras)]
    columns = ("article_id", "position", "title", "text")
    _replace(library, "extra_sections", columns, article_id, rows, fresh)


def set_section(library: Library, article_id: int, section: str, value: Any) -> None:
    """Replace one notes section (keywords, summary or questions) of an article."""
    if section == "keywords":
        write_keywords(library, article_id, value)
    elif section == "summary":
        library.conn.execute("UPDATE articles SET summary = ? WHERE id = ?", (value, article_id))
    else:
        write_questions(library, article_id, value)
