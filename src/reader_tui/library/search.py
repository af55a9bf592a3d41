"""Search: titles, bodies, highlights, notes and questions, Korean inside words. No Textual.

One path for every kind of text; the query is cut by the same function as the index
(`grams.py`), so a two-syllable Korean query finds the word it is part of.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from unicodedata import normalize

from reader_tui import grams
from reader_tui.library.index import GRAMS_MODE, current, plain
from reader_tui.library.records import unpack
from reader_tui.models import SearchHit, shown_title

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from reader_tui.library.connection import Library


MAX_QUERY = 200  # characters: a search is for words, not pasted pages
MAX_WORDS = 12  # every word must match: more would find nothing, slowly
Marks = tuple[str, str]
MARKS: Marks = ("«", "»")  # a snippet's match, as the CLI prints it


class SearchError(ValueError):
    """A query that cannot be searched; the message says why."""


@dataclass(frozen=True, slots=True)
class Found:
    """One page of a search: its hits, and how many there are in all."""

    hits: list[SearchHit]
    total: int


RANKED = ("title", "notes", "body")
"""The index's columns in the order their hits come: titles first, then highlights,
notes and questions, then the text; each document has its text in one column."""
WEIGHTS = "1.0, 1000.0, 1000000.0"
"""bm25's weights of the columns (body, notes, title), far enough apart to give the
same order in one ranking."""
HIT_FIELDS = ("id", "article_id", "kind", "ref_id", "path", "title", "subtitle")  # as joined
BY_COLUMN_FROM = 400
"""Matching documents from which a column at a time is ranked: below it, matching the
query again for each column costs more than ranking them all at once."""


def search(
    library: Library, query: str, limit: int = 20, offset: int = 0, marks: Marks = MARKS
) -> Found:
    """Titles, bodies, highlights, notes and questions that contain `query`: `limit` hits
    (0: all) from `offset`, best first, and the total; each snippet's match between
    `marks` (the app gives none: it styles every word found).

    Korean is matched inside words (`네이버` finds `네이버는`), Latin words and digits
    as words or their beginnings (`Hyper` finds `HyperCLOVA`, `AI` not `main`); every
    word of the query must appear. Raises `SearchError` for a query with nothing to
    search for.
    """
    if len(query) > MAX_QUERY:
        raise SearchError(
            f"the query is {len(query)} characters long; search for at most {MAX_QUERY} "
            "(a few words find a passage)"
        )
    if len(query.split()) > MAX_WORDS:
        raise SearchError(
            f"the query has {len(query.split())} words; every word must match, so give at "
            f"most {MAX_WORDS}"
        )
    expression = grams.query_expression(query, GRAMS_MODE)
    if expression is None:
        raise SearchError(f"nothing to search for in {query!r}: type some letters or digits")
    try:
        current(library)
        (total,) = library.conn.execute(
            "SELECT count(*) FROM search_fts WHERE search_fts MATCH ?", (expression,)
        ).fetchone()
        if total >= BY_COLUMN_FROM:
            page = _by_column(library, expression, limit, offset)
        else:
            page = [
                doc
                for (doc,) in library.conn.execute(
                    f"SELECT rowid FROM search_fts WHERE search_fts MATCH ? "
                    f"ORDER BY bm25(search_fts, {WEIGHTS}), rowid LIMIT ? OFFSET ?",
                    (expression, limit or -1, offset),
                )
            ]
        # Join only the page that is shown.
        found = {
            row[0]: dict(zip(HIT_FIELDS, row, strict=True))
            for row in _in(
                library,
                "SELECT d.id, d.article_id, d.kind, d.ref_id, a.path, a.title, a.subtitle "
                "FROM search_docs d JOIN articles a ON a.id = d.article_id WHERE d.id IN ({ids})",
                page,
            )
        }
    except sqlite3.OperationalError as error:
        raise SearchError(f"cannot search for {query!r}: {error}") from None
    hits = [found[doc] for doc in page if doc in found]
    terms = grams.match_terms(query)
    return Found(_hits(library, hits, terms, marks), int(total))


def _by_column(library: Library, expression: str, limit: int, offset: int) -> list[int]:
    """The documents of one page, best first, ranked a column at a time (`RANKED`): a page
    the titles and notes fill never ranks the body's many hits (bm25 costs about a
    microsecond a document). The same order as the weighted ranking for a query of one
    word; for more, each word's rarity is counted within the column."""
    conn = library.conn
    page: list[int] = []
    for column in RANKED:
        wanted = limit - len(page) if limit else -1
        if wanted == 0:
            break
        in_column = f"{{{column}}} : ({expression})"
        if offset:  # a later page: skip the columns the earlier pages took
            (count,) = conn.execute(
                "SELECT count(*) FROM search_fts WHERE search_fts MATCH ?", (in_column,)
            ).fetchone()
            if count <= offset:
                offset -= count
                continue
        page += [
            doc
            for (doc,) in conn.execute(
                "SELECT rowid FROM search_fts WHERE search_fts MATCH ? "
                "ORDER BY bm25(search_fts), rowid LIMIT ? OFFSET ?",
                (in_column, wanted, offset),
            )
        ]
        offset = 0
    return page


def counted(number: int, thing: str, things: str | None = None) -> str:
    """`1 match`, `2 matches`: a count with its noun."""
    return f"{number} {thing if number == 1 else (things or thing + 's')}"


def _in(library: Library, sql: str, ids: Iterable[int]) -> list[tuple[Any, ...]]:
    unique = sorted(set(ids))
    if not unique:
        return []
    marks = ", ".join("?" for _ in unique)
    return library.conn.execute(sql.format(ids=marks), unique).fetchall()


def _hits(
    library: Library, hits: list[dict[str, Any]], terms: list[str], marks: Marks
) -> list[SearchHit]:
    """Search results with snippets, from a few queries for all hits together.

    A body match inside a highlight is reported as that highlight."""
    body_ids = [h["article_id"] for h in hits if h["kind"] == "body"]
    passages: dict[int, list[tuple[int, str, str]]] = {}
    for article_id, hid, htext in _in(
        library,
        "SELECT article_id, id, text FROM highlights WHERE status = 'active' "
        "AND article_id IN ({ids}) ORDER BY start",
        body_ids,
    ):
        passages.setdefault(article_id, []).append((hid, htext, normalize("NFC", htext).lower()))
    texts: dict[tuple[str, int], str] = {}
    for hid, htext in _in(
        library,
        "SELECT id, text FROM highlights WHERE id IN ({ids})",
        [h["ref_id"] for h in hits if h["kind"] == "highlight"],
    ):
        texts["highlight", hid] = htext
    for qid, qtext in _in(
        library,
        "SELECT id, text || ' ' || answer FROM questions WHERE id IN ({ids})",
        [h["ref_id"] for h in hits if h["kind"] == "question"],
    ):
        texts["question", qid] = qtext
    note_ids = [h["article_id"] for h in hits if h["kind"] == "note"]
    notes: dict[int, list[str]] = {}
    for article_id, piece in [
        *_in(
            library,
            "SELECT article_id, keyword FROM keywords WHERE article_id IN ({ids})",
            note_ids,
        ),
        *_in(library, "SELECT id, summary FROM articles WHERE id IN ({ids})", note_ids),
        *_in(
            library,
            "SELECT article_id, text FROM extra_sections WHERE article_id IN ({ids})",
            note_ids,
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
                    if all(find_term(lowered, term) >= 0 for term in terms)
                ),
                None,
            )
            if inside:
                kind, (highlight_id, text) = "highlight", inside
            else:
                if bodies is None:
                    bodies = {
                        article: unpack(packed)
                        for article, packed in _in(
                            library,
                            "SELECT id, body_zlib FROM articles WHERE id IN ({ids})",
                            body_ids,
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
                title=shown_title(hit["title"], hit["path"]),
                kind=kind,
                snippet=snippet(text, terms, marks=marks),
                highlight_id=highlight_id,
            )
        )
    return results


def find_term(lower: str, term: str, start: int = 0) -> int:
    """Where `term` is in `lower` as search matches it: Korean anywhere, a Latin word or
    number only at the start of a word, Korean being a word of its own (`ai` in `AI타임스`
    and `inc` in `쿠팡INC`, not in `main`); -1 if not."""
    if not term or grams.HANGUL.match(term):
        return lower.find(term, start)
    found = re.search(r"(?<!(?![\uac00-\ud7a3])[^\W_])" + re.escape(term), lower[start:])
    return start + found.start() if found else -1


def _around(body: str, terms: Sequence[str], reach: int = 200) -> str:
    """The plain text of `body` near the first of `terms` a reader sees (not one in a
    link's target); only that window is made plain: a whole body costs too much."""
    if not body.isascii():
        body = normalize("NFC", body)
    lower = body.lower()
    for term in terms:
        at = find_term(lower, term)
        for _ in range(8):  # the next occurrence, while this one is in a URL
            if at < 0:
                break
            window = plain(body[max(0, at - reach) : at + reach])
            if find_term(window.lower(), term) >= 0:
                return window
            at = find_term(lower, term, at + len(term))
    return plain(body[: reach * 2])


def snippet(text: str, terms: Sequence[str], width: int = 36, marks: Marks = MARKS) -> str:
    """A window of `text` around the first of `terms` found, the match between `marks`
    («like so»)."""
    flat = " ".join(normalize("NFC", text).split())
    lower = flat.lower()
    for term in terms:
        at = find_term(lower, term)
        if at >= 0:
            break
    else:
        return flat[: width * 2] + ("…" if len(flat) > width * 2 else "")
    end = at + len(term)
    # extend the mark over the rest of the query's words that follow
    for term in terms[1:]:
        nxt = find_term(lower, term, end)
        if 0 <= nxt - end <= 2:
            end = nxt + len(term)
    left = max(0, at - width)
    right = min(len(flat), end + width)
    return (
        ("…" if left > 0 else "")
        + flat[left:at]
        + marks[0]
        + flat[at:end]
        + marks[1]
        + flat[end:right]
        + ("…" if right < len(flat) else "")
    )
