"""Spaced repetition of highlights and questions, scheduled by FSRS (no Textual here).

Every active highlight is a card, every question is a card, and, when asked for, every
keyword of an article found in one of its highlights is a cloze card (the keyword blanked).
Cards live in the library file beside the notes; each review is logged. The clock is
injected, so a test decides what "now" is.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from reader_tui.store import Store, StoreError

if TYPE_CHECKING:
    from fsrs import Scheduler

Clock = Callable[[], dt.datetime]

RATINGS = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}  # fsrs.Rating's names
STATE_NAMES = {0: "new", 1: "learning", 2: "review", 3: "relearning"}
NEW_PER_DAY = 10
NEW_PER_DAY_SETTING = "review_new_per_day"
CLOZE_SETTING = "review_cloze"  # "on": keywords blanked in highlights become cards too


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def _parse(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def local_day(moment: dt.datetime) -> dt.date:
    """The user's calendar day of a moment (days turn at local midnight)."""
    return moment.astimezone().date()


@dataclass(frozen=True, slots=True)
class ReviewCard:
    """A card as the review screen shows it."""

    id: int
    kind: str  # highlight | question | cloze
    article_id: int
    title: str
    date: dt.date | None
    state: int
    due: dt.datetime | None
    highlight_id: int | None = None
    passage: str = ""  # the highlight's text
    color: str = ""
    note: str = ""
    orphan: bool = False  # the passage is no longer in the post
    question_id: int | None = None
    question: str = ""
    answer: str = ""
    keyword: str = ""

    @property
    def is_new(self) -> bool:
        return self.state == 0

    @property
    def front(self) -> str:
        """What is shown before the answer is revealed."""
        if self.kind == "question":
            return self.question
        if self.kind == "cloze":
            return blank(self.passage, self.keyword)
        return self.passage


def blank(text: str, keyword: str) -> str:
    """`text` with every occurrence of `keyword` (any case) replaced by a blank."""
    lowered, target = text.lower(), keyword.lower()
    out, at = [], 0
    while True:
        found = lowered.find(target, at)
        if found < 0 or not target:
            break
        out.append(text[at:found])
        out.append("[" + "_" * max(3, len(keyword)) + "]")
        at = found + len(keyword)
    out.append(text[at:])
    return "".join(out)


@dataclass(frozen=True, slots=True)
class Stats:
    """What the stats screen and `reader-tui stats --json` show."""

    today: dt.date
    reviews_per_day: list[tuple[dt.date, int]]  # the last weeks, oldest first
    due_per_day: list[tuple[dt.date, int]]  # today (including overdue) and the coming days
    streak: int  # consecutive days with a review, up to today (or yesterday)
    by_state: dict[str, int]  # new, learning, review, relearning (retired left out)
    retired: int
    ratings: dict[str, int]  # again, hard, good, easy over the whole log
    per_article: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["today"] = self.today.isoformat()
        data["reviews_per_day"] = [
            {"day": d.isoformat(), "reviews": n} for d, n in self.reviews_per_day
        ]
        data["due_per_day"] = [{"day": d.isoformat(), "due": n} for d, n in self.due_per_day]
        return data


class Review:
    """Cards, the queue of a session, ratings and statistics over one library."""

    @classmethod
    def from_settings(cls, store: Store, clock: Clock = utc_now) -> Review:
        """A review with the user's settings (new cards a day, cloze cards)."""
        try:
            per_day = int(store.setting(NEW_PER_DAY_SETTING, str(NEW_PER_DAY)))
        except ValueError:
            per_day = NEW_PER_DAY
        return cls(store, clock, new_per_day=per_day, cloze=store.setting(CLOZE_SETTING) == "on")

    def __init__(
        self,
        store: Store,
        clock: Clock = utc_now,
        new_per_day: int = NEW_PER_DAY,
        cloze: bool = False,
        fuzz: bool = True,
    ) -> None:
        self.store = store
        self.clock = clock
        self.new_per_day = new_per_day
        self.cloze = cloze
        self.fuzz = fuzz
        self._scheduler: Scheduler | None = None  # fsrs is imported on the first rating
        self._undo: tuple[int, dict[str, Any]] | None = None

    @property
    def conn(self) -> sqlite3.Connection:
        return self.store.conn

    # -- cards -------------------------------------------------------------------------

    def sync(self) -> None:
        """Cards for new highlights and questions; retire those whose target is gone,
        bring back those whose target returned."""
        now = _iso(self.clock())
        with self.store.writing():
            self.conn.execute(
                "INSERT OR IGNORE INTO cards (kind, article_id, highlight_id, created) "
                "SELECT 'highlight', article_id, id, ? FROM highlights WHERE status = 'active'",
                (now,),
            )
            self.conn.execute(
                "INSERT OR IGNORE INTO cards (kind, article_id, question_id, created) "
                "SELECT 'question', article_id, id, ? FROM questions",
                (now,),
            )
            if self.cloze:
                self._sync_cloze(now)
            # A target that went away retires its card (history kept); one that came back
            # (a removed highlight made again, an orphan found again) brings it back.
            self.conn.execute(
                "UPDATE cards SET retired = ?, retired_why = 'gone' WHERE retired IS NULL AND ("
                " (highlight_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM highlights h"
                "  WHERE h.id = highlight_id AND h.status IN ('active', 'orphan')))"
                " OR (question_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM questions q"
                "  WHERE q.id = question_id)))",
                (now,),
            )
            self.conn.execute(
                "UPDATE cards SET retired = NULL, retired_why = NULL "
                "WHERE retired_why = 'gone' AND ("
                " (highlight_id IS NOT NULL AND EXISTS (SELECT 1 FROM highlights h"
                "  WHERE h.id = highlight_id AND h.status = 'active'))"
                " OR (question_id IS NOT NULL AND EXISTS (SELECT 1 FROM questions q"
                "  WHERE q.id = question_id)))"
            )

    def _sync_cloze(self, now: str) -> None:
        rows = self.conn.execute(
            "SELECT h.id, h.article_id, h.text, k.keyword FROM highlights h "
            "JOIN keywords k ON k.article_id = h.article_id WHERE h.status = 'active'"
        ).fetchall()
        self.conn.executemany(
            "INSERT OR IGNORE INTO cards (kind, article_id, highlight_id, keyword, created) "
            "VALUES ('cloze', ?, ?, ?, ?)",
            [
                (article_id, highlight_id, keyword, now)
                for highlight_id, article_id, text, keyword in rows
                if len(keyword) >= 2 and keyword.lower() in text.lower()
            ],
        )

    def _cards(
        self, where: str, params: Sequence[Any] = (), order: str = "c.id", limit: int = -1
    ) -> list[ReviewCard]:
        rows = self.conn.execute(
            "SELECT c.id, c.kind, c.article_id, a.title, a.date, c.state, c.due, "
            "c.highlight_id, h.text, h.color, h.note, h.status, "
            "c.question_id, q.text, q.answer, c.keyword "
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
                title=r[3],
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

    def card(self, card_id: int) -> ReviewCard:
        found = self._cards("c.id = ?", (card_id,))
        if not found:
            raise StoreError(f"no review card with id {card_id}")
        return found[0]

    def _filter(
        self, article_id: int | None, keyword: str | None, color: str | None
    ) -> tuple[str, list[Any]]:
        where: list[str] = ["c.retired IS NULL"]
        params: list[Any] = []
        if article_id is not None:
            where.append("c.article_id = ?")
            params.append(article_id)
        if keyword:
            where.append(
                "c.article_id IN (SELECT article_id FROM keywords WHERE keyword = ? COLLATE NOCASE)"
            )
            params.append(keyword.lstrip("#"))
        if color:
            where.append("c.highlight_id IS NOT NULL AND h.color = ?")
            params.append(color)
        return " AND ".join(where), params

    def new_left_today(self) -> int:
        """How many new cards may still be introduced today."""
        now = self.clock()
        start = dt.datetime.combine(local_day(now), dt.time()).astimezone()
        (introduced,) = self.conn.execute(
            "SELECT count(*) FROM cards WHERE introduced >= ?", (_iso(start),)
        ).fetchone()
        return max(0, self.new_per_day - int(introduced))

    def queue(
        self,
        article_id: int | None = None,
        keyword: str | None = None,
        color: str | None = None,
    ) -> list[ReviewCard]:
        """The cards of a session: those due now, then today's share of new ones."""
        where, params = self._filter(article_id, keyword, color)
        due = self._cards(
            f"{where} AND c.state != 0 AND c.due <= ?",
            [*params, _iso(self.clock())],
            order="c.due",
        )
        fresh = self._cards(
            f"{where} AND c.state = 0",
            params,
            # article by article, newest first: its passages in order, then its questions
            order="a.date DESC, c.article_id, "
            "CASE c.kind WHEN 'highlight' THEN 0 WHEN 'cloze' THEN 1 ELSE 2 END, "
            "h.start, c.question_id, c.id",
            limit=self.new_left_today(),
        )
        return due + fresh

    def due_count(self) -> int:
        """Cards a session would show now (due, plus today's new ones)."""
        (due,) = self.conn.execute(
            "SELECT count(*) FROM cards WHERE retired IS NULL AND state != 0 AND due <= ?",
            (_iso(self.clock()),),
        ).fetchone()
        (fresh,) = self.conn.execute(
            "SELECT count(*) FROM cards WHERE retired IS NULL AND state = 0"
        ).fetchone()
        return int(due) + min(int(fresh), self.new_left_today())

    # -- reviewing ---------------------------------------------------------------------

    def rate(self, card_id: int, rating: int, duration_ms: int | None = None) -> dt.datetime:
        """Record a review (1 again, 2 hard, 3 good, 4 easy); returns when it is due next."""
        if rating not in RATINGS:
            raise ValueError(f"a rating is 1 to 4, not {rating}")
        from fsrs import Card, Rating, Scheduler, State

        if self._scheduler is None:
            self._scheduler = Scheduler(enable_fuzzing=self.fuzz)
        row = self.conn.execute(
            "SELECT state, step, stability, difficulty, due, last_review FROM cards WHERE id = ?",
            (card_id,),
        ).fetchone()
        if row is None:
            raise StoreError(f"no review card with id {card_id}")
        now = self.clock()
        state, step, stability, difficulty, due, last_review = row
        card = Card(
            card_id=card_id,
            state=State(state) if state else State.Learning,
            step=step if state else 0,
            stability=stability,
            difficulty=difficulty,
            due=_parse(due) or now,
            last_review=_parse(last_review),
        )
        card, _log = self._scheduler.review_card(card, Rating[RATINGS[rating]], now)
        with self.store.writing():
            self.conn.execute(
                "UPDATE cards SET state = ?, step = ?, stability = ?, difficulty = ?, due = ?, "
                "last_review = ?, introduced = coalesce(introduced, ?) WHERE id = ?",
                (
                    int(card.state),
                    card.step,
                    card.stability,
                    card.difficulty,
                    _iso(card.due),
                    _iso(now),
                    _iso(now),
                    card_id,
                ),
            )
            self.conn.execute(
                "INSERT INTO review_log (card_id, rating, reviewed, duration_ms, state, due) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (card_id, rating, _iso(now), duration_ms, int(card.state), _iso(card.due)),
            )
        return card.due

    def retire(self, card_id: int) -> None:
        """Never show this card again (undo brings it back)."""
        with self.store.writing():
            self.conn.execute(
                "UPDATE cards SET retired = ?, retired_why = 'user' WHERE id = ?",
                (_iso(self.clock()), card_id),
            )

    def restore(self, card_id: int) -> None:
        with self.store.writing():
            self.conn.execute(
                "UPDATE cards SET retired = NULL, retired_why = NULL WHERE id = ?", (card_id,)
            )

    def answer(self, card: ReviewCard, text: str) -> None:
        """Answer a question card: the question is answered in the notes too."""
        if card.question_id is None:
            raise ValueError("only a question card takes an answer")
        self.store.update_question(
            card.question_id, answer=text.strip(), status="answered" if text.strip() else "open"
        )

    def next_due(self) -> dt.datetime | None:
        (due,) = self.conn.execute(
            "SELECT min(due) FROM cards WHERE retired IS NULL AND state != 0"
        ).fetchone()
        return _parse(due)

    # -- statistics --------------------------------------------------------------------

    def stats(self, days: int = 28, ahead: int = 14) -> Stats:
        now = self.clock()
        today = local_day(now)
        reviewed = Counter(
            local_day(dt.datetime.fromisoformat(r[0]))
            for r in self.conn.execute(
                "SELECT reviewed FROM review_log WHERE reviewed >= ?",
                (_iso(now - dt.timedelta(days=days + 400)),),
            )
        )
        per_day = [
            (today - dt.timedelta(days=n), reviewed.get(today - dt.timedelta(days=n), 0))
            for n in range(days - 1, -1, -1)
        ]
        streak = 0
        day = today if reviewed.get(today) else today - dt.timedelta(days=1)
        while reviewed.get(day):
            streak += 1
            day -= dt.timedelta(days=1)
        due_days: Counter[dt.date] = Counter()
        for (due,) in self.conn.execute(
            "SELECT due FROM cards WHERE retired IS NULL AND state != 0 AND due < ?",
            (_iso(now + dt.timedelta(days=ahead)),),
        ):
            due_days[max(today, local_day(dt.datetime.fromisoformat(due)))] += 1
        due_per_day = [
            (today + dt.timedelta(days=n), due_days.get(today + dt.timedelta(days=n), 0))
            for n in range(ahead)
        ]
        by_state = dict.fromkeys(STATE_NAMES.values(), 0)
        for state, count in self.conn.execute(
            "SELECT state, count(*) FROM cards WHERE retired IS NULL GROUP BY state"
        ):
            by_state[STATE_NAMES.get(state, str(state))] = count
        (retired,) = self.conn.execute(
            "SELECT count(*) FROM cards WHERE retired IS NOT NULL"
        ).fetchone()
        names = {1: "again", 2: "hard", 3: "good", 4: "easy"}
        ratings = dict.fromkeys(names.values(), 0)
        for rating, count in self.conn.execute(
            "SELECT rating, count(*) FROM review_log GROUP BY rating"
        ):
            ratings[names[rating]] = count
        per_article = [
            {"article_id": r[0], "title": r[1], "highlights": r[2], "questions": r[3]}
            for r in self.conn.execute(
                "SELECT a.id, a.title, "
                "(SELECT count(*) FROM highlights h WHERE h.article_id = a.id "
                " AND h.status = 'active'), "
                "(SELECT count(*) FROM questions q WHERE q.article_id = a.id) "
                "FROM articles a ORDER BY 3 DESC, 4 DESC, a.date DESC"
            )
        ]
        return Stats(
            today=today,
            reviews_per_day=per_day,
            due_per_day=due_per_day,
            streak=streak,
            by_state=by_state,
            retired=retired,
            ratings=ratings,
            per_article=per_article,
        )
