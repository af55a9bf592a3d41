"""Spaced repetition of highlights and questions, scheduled by FSRS (no Textual here).

Every active highlight is a card, every question is a card, and, when asked for, every
keyword of an article found in one of its highlights is a cloze card (the keyword blanked).
Cards live in the library file beside the notes; each review is logged. The clock is
injected, so a test decides what "now" is.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from reader_tui.library import cards, edits, settings
from reader_tui.models import ReviewCard, ReviewFilter

if TYPE_CHECKING:
    from fsrs import Scheduler

    from reader_tui.library.connection import Library

Clock = Callable[[], dt.datetime]

RATINGS = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}  # fsrs.Rating's names
STATE_NAMES = {0: "new", 1: "learning", 2: "review", 3: "relearning"}


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
    """The queue of a session, ratings and statistics over one library's cards."""

    @classmethod
    def from_settings(cls, library: Library, clock: Clock = utc_now) -> Review:
        """A review with the user's settings (new cards a day, cloze cards)."""
        chosen = settings.load(library)
        return cls(library, clock, new_per_day=chosen.review_new_per_day, cloze=chosen.review_cloze)

    def __init__(
        self,
        library: Library,
        clock: Clock = utc_now,
        new_per_day: int = settings.NEW_PER_DAY,
        cloze: bool = False,
        fuzz: bool = True,
    ) -> None:
        self.library = library
        self.clock = clock
        self.new_per_day = new_per_day
        self.cloze = cloze
        self.fuzz = fuzz
        self._scheduler: Scheduler | None = None  # fsrs is imported on the first rating

    # -- cards -------------------------------------------------------------------------

    def sync(self) -> None:
        """Cards for new highlights and questions; retire those whose target is gone,
        bring back those whose target returned."""
        cards.sync(self.library, _iso(self.clock()), self.cloze)

    def card(self, card_id: int) -> ReviewCard:
        return cards.card(self.library, card_id)

    def new_left_today(self) -> int:
        """How many new cards may still be introduced today."""
        start = dt.datetime.combine(local_day(self.clock()), dt.time()).astimezone()
        return max(0, self.new_per_day - cards.introduced_since(self.library, _iso(start)))

    def queue(self, only: ReviewFilter | None = None) -> list[ReviewCard]:
        """The cards of a session: those due now, then today's share of new ones."""
        where, params = cards.where(only or ReviewFilter())
        due = cards.select(
            self.library,
            f"{where} AND c.state != 0 AND c.due <= ?",
            [*params, _iso(self.clock())],
            order="c.due",
        )
        fresh = cards.select(
            self.library,
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
        due, fresh = cards.due_and_new(self.library, _iso(self.clock()))
        return due + min(fresh, self.new_left_today())

    # -- reviewing ---------------------------------------------------------------------

    def rate(self, card_id: int, rating: int, duration_ms: int | None = None) -> dt.datetime:
        """Record a review (1 again, 2 hard, 3 good, 4 easy); returns when it is due next."""
        if rating not in RATINGS:
            raise ValueError(f"a rating is 1 to 4, not {rating}")
        from fsrs import Card, Rating, Scheduler, State

        if self._scheduler is None:
            self._scheduler = Scheduler(enable_fuzzing=self.fuzz)
        state, step, stability, difficulty, due, last_review = cards.memory(self.library, card_id)
        now = self.clock()
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
        memory = (int(card.state), card.step, card.stability, card.difficulty, _iso(card.due))
        cards.record(self.library, card_id, rating, memory, _iso(now), duration_ms)
        return card.due

    def retire(self, card_id: int) -> None:
        """Never show this card again (undo brings it back)."""
        cards.retire(self.library, card_id, _iso(self.clock()))

    def restore(self, card_id: int) -> None:
        cards.restore(self.library, card_id)

    def answer(self, card: ReviewCard, text: str) -> None:
        """Answer a question card: the question is answered in the notes too."""
        if card.question_id is None:
            raise ValueError("only a question card takes an answer")
        edits.update_question(
            self.library,
            card.question_id,
            answer=text.strip(),
            status="answered" if text.strip() else "open",
        )

    def next_due(self) -> dt.datetime | None:
        return _parse(cards.next_due(self.library))

    # -- statistics --------------------------------------------------------------------

    def stats(self, days: int = 28, ahead: int = 14) -> Stats:
        now = self.clock()
        today = local_day(now)
        since = _iso(now - dt.timedelta(days=days + 400))
        reviewed = Counter(
            local_day(dt.datetime.fromisoformat(r))
            for r in cards.reviewed_since(self.library, since)
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
        for due in cards.due_before(self.library, _iso(now + dt.timedelta(days=ahead))):
            due_days[max(today, local_day(dt.datetime.fromisoformat(due)))] += 1
        due_per_day = [
            (today + dt.timedelta(days=n), due_days.get(today + dt.timedelta(days=n), 0))
            for n in range(ahead)
        ]
        states, retired, ratings = cards.counts(self.library)
        by_state = dict.fromkeys(STATE_NAMES.values(), 0)
        for state, count in states.items():
            by_state[STATE_NAMES.get(state, str(state))] = count
        names = {1: "again", 2: "hard", 3: "good", 4: "easy"}
        return Stats(
            today=today,
            reviews_per_day=per_day,
            due_per_day=due_per_day,
            streak=streak,
            by_state=by_state,
            retired=retired,
            ratings={name: ratings.get(rating, 0) for rating, name in names.items()},
            per_article=cards.per_article(self.library),
        )
