"""Review cards and the review log in the library file: the SQL `review.py` runs. No Textual.

Cards are never deleted: one whose passage or question is gone is retired, with its
history. Times are UTC ISO 8601 strings, as the caller gives them.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from reader_tui.library.connection import Library, LibraryError
from reader_tui.models import ReviewCard, ReviewFilter, shown_title

if TYPE_CHECKING:
    from collections.abc import Sequence


def sync(library: Library, now: str, cloze: bool) -> None:
    """Cards for new highlights and questions (and cloze cards when asked); retire those
    whose target is gone, bring back those whose target returned."""
    conn = library.conn
    with library.writing():
        conn.execute(
            "INSERT OR IGNORE INTO cards (kind, article_id, highlight_id, created) "
            "SELECT 'highlight', article_id, id, ? FROM highlights WHERE status = 'active'",
            (now,),
        )
        conn.execute(
            "INSERT OR IGNORE INTO cards (kind, article_id, question_id, created) "
            "SELECT 'question', article_id, id, ? FROM questions",
            (now,),
        )
        if cloze:
            _sync_cloze(library, now)
        # A target that went away retires its card (history kept); one that came back
        # (a removed highlight made again, an orphan found again) brings it back.
        conn.execute(
            "UPDATE cards SET retired = ?, retired_why = 'gone' WHERE retired IS NULL AND ("
            " (highlight_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM highlights h"
            "  WHERE h.id = highlight_id AND h.status IN ('active', 'orphan')))"
            " OR (question_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM questions q"
            "  WHERE q.id = question_id)))",
            (now,),
        )
        conn.execute(
            "UPDATE cards SET retired = NULL, retired_why = NULL "
            "WHERE retired_why = 'gone' AND ("
            " (highlight_id IS NOT NULL AND EXISTS (SELECT 1 FROM highlights h"
            "  WHERE h.id = highlight_id AND h.status = 'active'))"
            " OR (question_id IS NOT NULL AND EXISTS (SELECT 1 FROM questions q"
            "  WHERE q.id = question_id)))"
        )


def _sync_cloze(library: Library, now: str) -> None:
    rows = library.conn.execute(
        "SELECT h.id, h.article_id, h.text, k.keyword FROM highlights h "
        "JOIN keywords k ON k.article_id = h.article_id WHERE h.status = 'active'"
    ).fetchall()
    library.conn.executemany(
        "INSERT OR IGNORE INTO cards (kind, article_id, highlight_id, keyword, created) "
        "VALUES ('cloze', ?, ?, ?, ?)",
        [
            (article_id, highlight_id, keyword, now)
            for highlight_id, article_id, text, keyword in rows
            if len(keyword) >= 2 and keyword.lower() in text.lower()
        ],
    )


def _parse(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def select(
    library: Library,
    where: str,
    params: Sequence[Any] = (),
    order: str = "c.id",
    limit: int = -1,
) -> list[ReviewCard]:
    """Cards with what the review screen shows of each."""
    rows = library.conn.execute(
        "SELECT c.id, c.kind, c.article_id, a.title, a.date, c.state, c.due, "
        "c.highlight_id, h.text, h.color, h.note, h.status, "
        "c.question_id, q.text, q.answer, c.keyword, a.path "
        "FROM cards c JOIN articles a ON a.id = c.article_id "
        "LEFT JOIN highlights h ON h.id = c.highlight_id "
        "LEFT JOIN questions q ON q.id = c.question_id "
        f"WHERE {where} ORDER BY {order} LIMIT ?",
        [*params, limit],
    ).fetchall()
    return [
        ReviewCard(
            id=r[0],
            kind=r[1],
            article_id=r[2],
            title=shown_title(r[3], r[16]),
            date=dt.date.fromisoformat(r[4]) if r[4] else None,
            state=r[5],
            due=_parse(r[6]),
            highlight_id=r[7],
            passage=r[8] or "",
            color=r[9] or "",
            note=r[10] or "",
            orphan=r[11] == "orphan",
            question_id=r[12],
            question=r[13] or "",
            answer=r[14] or "",
            keyword=r[15] or "",
        )
        for r in rows
    ]


def card(library: Library, card_id: int) -> ReviewCard:
    found = select(library, "c.id = ?", (card_id,))
    if not found:
        raise LibraryError(f"no review card with id {card_id}")
    return found[0]


def where(only: ReviewFilter) -> tuple[str, list[Any]]:
    """The SQL condition (over `c`, `h`) of the cards a filter keeps, and its parameters."""
    clauses: list[str] = ["c.retired IS NULL"]
    params: list[Any] = []
    if only.article_id is not None:
        clauses.append("c.article_id = ?")
        params.append(only.article_id)
    if only.keyword:
        clauses.append(
            "c.article_id IN (SELECT article_id FROM keywords WHERE keyword = ? COLLATE NOCASE)"
        )
        params.append(only.keyword.lstrip("#"))
    if only.color:
        clauses.append("c.highlight_id IS NOT NULL AND h.color = ?")
        params.append(only.color)
    return " AND ".join(clauses), params


def introduced_since(library: Library, since: str) -> int:
    """How many cards had their first review at or after `since`."""
    (count,) = library.conn.execute(
        "SELECT count(*) FROM cards WHERE introduced >= ?", (since,)
    ).fetchone()
    return int(count)


def due_and_new(library: Library, now: str, new_limit: int | None = None) -> tuple[int, int]:
    """(cards due by `now`, new cards, counted up to `new_limit` if given), retired ones
    left out. Both are read from the `cards_due` index: the states a reviewed card can
    be in (fsrs's 1-3) each with its due range, not every card that is not new."""
    (due,) = library.conn.execute(
        "SELECT count(*) FROM cards WHERE retired IS NULL AND state IN (1, 2, 3) AND due <= ?",
        (now,),
    ).fetchone()
    (fresh,) = library.conn.execute(
        "SELECT count(*) FROM (SELECT 1 FROM cards WHERE retired IS NULL AND state = 0 LIMIT ?)",
        (-1 if new_limit is None else new_limit,),
    ).fetchone()
    return int(due), int(fresh)


def memory(library: Library, card_id: int) -> tuple[Any, ...]:
    """(state, step, stability, difficulty, due, last_review) of a card."""
    row = library.conn.execute(
        "SELECT state, step, stability, difficulty, due, last_review FROM cards WHERE id = ?",
        (card_id,),
    ).fetchone()
    if row is None:
        raise LibraryError(f"no review card with id {card_id}")
    return tuple(row)


SCHEDULE = "state, step, stability, difficulty, due, last_review, introduced"
"""A card's scheduling columns: what a rating changes and an undo puts back."""


def snapshot(library: Library, card_id: int) -> tuple[Any, ...]:
    """A card's scheduling columns as they are (see `put_back`)."""
    row = library.conn.execute(f"SELECT {SCHEDULE} FROM cards WHERE id = ?", (card_id,)).fetchone()
    if row is None:
        raise LibraryError(f"no review card with id {card_id}")
    return tuple(row)


def record(
    library: Library,
    card_id: int,
    rating: int,
    memory: tuple[int, int | None, float | None, float | None, str],
    reviewed: str,
    duration_ms: int | None,
) -> int:
    """Store a review: the card's new (state, step, stability, difficulty, due) and a log
    row, whose id is returned."""
    state, step, stability, difficulty, due = memory
    with library.writing():
        library.conn.execute(
            "UPDATE cards SET state = ?, step = ?, stability = ?, difficulty = ?, due = ?, "
            "last_review = ?, introduced = coalesce(introduced, ?) WHERE id = ?",
            (state, step, stability, difficulty, due, reviewed, reviewed, card_id),
        )
        cursor = library.conn.execute(
            "INSERT INTO review_log (card_id, rating, reviewed, duration_ms, state, due) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (card_id, rating, reviewed, duration_ms, state, due),
        )
    return int(cursor.lastrowid or 0)


def put_back(library: Library, card_id: int, before: tuple[Any, ...], log_id: int) -> None:
    """Undo a review: the card's columns as they were, its log row gone."""
    columns = SCHEDULE.split(", ")
    with library.writing():
        library.conn.execute(
            f"UPDATE cards SET {', '.join(f'{c} = ?' for c in columns)} WHERE id = ?",
            (*before, card_id),
        )
        library.conn.execute("DELETE FROM review_log WHERE id = ?", (log_id,))


def retire(library: Library, card_id: int, when: str) -> None:
    with library.writing():
        library.conn.execute(
            "UPDATE cards SET retired = ?, retired_why = 'user' WHERE id = ?", (when, card_id)
        )


def restore(library: Library, card_id: int) -> None:
    with library.writing():
        library.conn.execute(
            "UPDATE cards SET retired = NULL, retired_why = NULL WHERE id = ?", (card_id,)
        )


def _over(library: Library, only: ReviewFilter | None, what: str, state: str) -> Any:
    """`what` over the cards `only` keeps that are in `state` (an SQL condition)."""
    condition, params = where(only or ReviewFilter())
    return library.conn.execute(
        f"SELECT {what} FROM cards c LEFT JOIN highlights h ON h.id = c.highlight_id "
        f"WHERE {condition} AND {state}",
        params,
    ).fetchone()[0]


def next_due(library: Library, only: ReviewFilter | None = None) -> str | None:
    """When the next card in review (of those `only` keeps) is due."""
    due = _over(library, only, "min(c.due)", "c.state != 0")
    return str(due) if due else None


def new_count(library: Library, only: ReviewFilter | None = None) -> int:
    """How many new cards (of those `only` keeps) there are."""
    return int(_over(library, only, "count(*)", "c.state = 0"))


def reviewed_since(library: Library, since: str) -> list[str]:
    """When each review at or after `since` was made."""
    return [
        r[0]
        for r in library.conn.execute(
            "SELECT reviewed FROM review_log WHERE reviewed >= ?", (since,)
        )
    ]


def due_before(library: Library, until: str) -> list[str]:
    """The due times of the cards in review before `until` (overdue ones included)."""
    return [
        r[0]
        for r in library.conn.execute(
            "SELECT due FROM cards WHERE retired IS NULL AND state != 0 AND due < ?", (until,)
        )
    ]


def counts(library: Library) -> tuple[dict[int, int], int, dict[int, int]]:
    """(cards per state, retired cards, reviews per rating)."""
    conn = library.conn
    states = dict(
        conn.execute(
            "SELECT state, count(*) FROM cards WHERE retired IS NULL GROUP BY state"
        ).fetchall()
    )
    (retired,) = conn.execute("SELECT count(*) FROM cards WHERE retired IS NOT NULL").fetchone()
    ratings = dict(
        conn.execute("SELECT rating, count(*) FROM review_log GROUP BY rating").fetchall()
    )
    return states, int(retired), ratings


def per_article(library: Library) -> list[dict[str, Any]]:
    """Each article's active highlights and questions, most first."""
    return [
        {
            "article_id": r[0],
            "title": shown_title(r[1], r[4]),
            "highlights": r[2],
            "questions": r[3],
            "path": r[4],
        }
        for r in library.conn.execute(
            "SELECT a.id, a.title, "
            "(SELECT count(*) FROM highlights h WHERE h.article_id = a.id "
            " AND h.status = 'active'), "
            "(SELECT count(*) FROM questions q WHERE q.article_id = a.id), a.path "
            "FROM articles a ORDER BY 3 DESC, 4 DESC, a.date DESC"
        )
    ]
