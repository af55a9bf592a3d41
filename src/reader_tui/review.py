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

from reader_tui.library import cards, settings
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


def when(seconds: float) -> str:
    """A wait as a person says it: in 10 minutes, in 3 days, now."""
    seconds = max(0.0, seconds)
    for size, unit in ((86400, "day"), (3600, "hour"), (60, "minute")):
        if seconds >= size:
            n = round(seconds / size)
            return f"in {n} {unit}{'s' if n != 1 else ''}"
    return "now"


def short_wait(wait: dt.timedelta) -> str:
    """An interval as a rating key shows it: <1m, 10m, 3h, 2d, 4mo, 1.2y."""
    seconds = wait.total_seconds()
    if seconds < 60:
        return "<1m"
    for size, unit in ((365 * 86400, "y"), (30 * 86400, "mo"), (86400, "d"), (3600, "h")):
        if seconds >= size:
            value = seconds / size
            return f"{value:.1f}{unit}" if unit == "y" and value < 10 else f"{round(value)}{unit}"
    return f"{round(seconds / 60)}m"


def interleaved(fresh: list[ReviewCard]) -> list[ReviewCard]:
    """New cards taken in turn from each article, in the order the articles first come
    (each article's own cards keep their order)."""
    by_article: dict[int, list[ReviewCard]] = {}
    for card in fresh:
        by_article.setdefault(card.article_id, []).append(card)
    turns = list(by_article.values())
    out: list[ReviewCard] = []
    depth = 0
    while len(out) < len(fresh):
        out += [cards_of[depth] for cards_of in turns if depth < len(cards_of)]
        depth += 1
    return out


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


@dataclass(frozen=True, slots=True)
class Rated:
    """A rating given in a session: enough to undo it (the card's scheduling columns
    before it, and its log row) and when the card is due again."""

    card_id: int
    rating: int
    before: tuple[Any, ...]
    log_id: int
    due: dt.datetime


@dataclass(frozen=True, slots=True)
class Step:
    """Something done in a session that `u` takes back: a rating, or a retirement."""

    card: ReviewCard
    rated: Rated | None = None  # None: the card was retired


LEARN_AHEAD_MINUTES = 20


class Review:
    """The queue of a session, ratings and statistics over one library's cards."""

    @classmethod
    def from_settings(cls, library: Library, clock: Clock = utc_now) -> Review:
        """A review with the user's settings (new cards a day, cloze cards, retention)."""
        review = cls(library, clock)
        review.use(settings.load(library))
        return review

    def __init__(
        self,
        library: Library,
        clock: Clock = utc_now,
        new_per_day: int = settings.NEW_PER_DAY,
        cloze: bool = False,
        fuzz: bool = True,
        retention: float = 0.9,
        learn_ahead: int = LEARN_AHEAD_MINUTES,
        recall: bool = True,
    ) -> None:
        self.library = library
        self.clock = clock
        self.new_per_day = new_per_day
        self.cloze = cloze
        self.fuzz = fuzz
        self.retention = retention
        self.learn_ahead = dt.timedelta(minutes=learn_ahead)  # learning cards waited for
        self.recall = recall  # highlight cards blank the passage (else show it to re-read)
        self._scheduler: Scheduler | None = None  # fsrs is imported on the first rating

    def use(self, chosen: settings.Settings) -> None:
        """Take the user's settings (after they changed)."""
        self.new_per_day = chosen.review_new_per_day
        self.cloze = chosen.review_cloze
        self.retention = chosen.review_retention / 100
        self.learn_ahead = dt.timedelta(minutes=chosen.review_learn_ahead)
        self.recall = chosen.review_recall_highlights
        self._scheduler = None  # made again with the retention asked for

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

    def queue(self, only: ReviewFilter | None = None, study_now: bool = False) -> list[ReviewCard]:
        """The cards of a session: those due now, then new ones, taken in turn from each
        article (newest article first), today's share of them, or, to study now (an
        article from the reading screen), all of them."""
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
            # each article's passages in order, then its questions
            order="a.date DESC, c.article_id, "
            "CASE c.kind WHEN 'highlight' THEN 0 WHEN 'cloze' THEN 1 ELSE 2 END, "
            "h.start, c.question_id, c.id",
        )
        limit = len(fresh) if study_now else self.new_left_today()
        return due + interleaved(fresh)[:limit]

    def due_count(self) -> int:
        """Cards a session would show now (due, plus today's new ones)."""
        left = self.new_left_today()
        due, fresh = cards.due_and_new(self.library, _iso(self.clock()), left)
        return due + fresh

    def nothing_left(self, only: ReviewFilter | None = None, study_now: bool = False) -> list[str]:
        """Why a session has nothing (more) to show, honestly: new cards held back by the
        daily limit (and how to study them now), a filter that keeps nothing, and when the
        next card of this review is due."""
        only = only or ReviewFilter()
        lines = []
        fresh = cards.new_count(self.library, only)
        theme = only.describe()
        if fresh and not study_now and not self.new_left_today():
            plural = "s" if fresh != 1 else ""
            lines.append(
                f"{fresh} new card{plural}{' in ' + theme if theme else ''} held back by "
                f"today's limit of {self.new_per_day} a day: press n to study them now."
            )
        upcoming = _parse(cards.next_due(self.library, only))
        if upcoming is not None:
            wait = (upcoming - self.clock()).total_seconds()
            lines.append(f"The next card{' in ' + theme if theme else ''} is due {when(wait)}.")
        elif not fresh:
            lines.append(
                f"No cards in {theme}." if theme else "No cards yet: highlight a passage first."
            )
        return lines

    # -- reviewing ---------------------------------------------------------------------

    @property
    def scheduler(self) -> Scheduler:
        from fsrs import Scheduler

        if self._scheduler is None:
            self._scheduler = Scheduler(desired_retention=self.retention, enable_fuzzing=self.fuzz)
        return self._scheduler

    def _fsrs_card(self, card_id: int, now: dt.datetime) -> Any:
        from fsrs import Card, State

        state, step, stability, difficulty, due, last_review = cards.memory(self.library, card_id)
        return Card(
            card_id=card_id,
            state=State(state) if state else State.Learning,
            step=step if state else 0,
            stability=stability,
            difficulty=difficulty,
            due=_parse(due) or now,
            last_review=_parse(last_review),
        )

    def preview(self, card_id: int) -> dict[int, dt.timedelta]:
        """For each rating, how long until the card would be due again (no fuzz)."""
        from fsrs import Rating, Scheduler

        now = self.clock()
        exact = Scheduler(desired_retention=self.retention, enable_fuzzing=False)
        card = self._fsrs_card(card_id, now)
        return {
            rating: exact.review_card(card, Rating[name], now)[0].due - now
            for rating, name in RATINGS.items()
        }

    def rate(self, card_id: int, rating: int, duration_ms: int | None = None) -> Rated:
        """Record a review (1 again, 2 hard, 3 good, 4 easy); what `undo` needs, and when
        the card is due next."""
        if rating not in RATINGS:
            raise ValueError(f"a rating is 1 to 4, not {rating}")
        from fsrs import Rating

        now = self.clock()
        before = cards.snapshot(self.library, card_id)
        card, _log = self.scheduler.review_card(
            self._fsrs_card(card_id, now), Rating[RATINGS[rating]], now
        )
        memory = (int(card.state), card.step, card.stability, card.difficulty, _iso(card.due))
        log_id = cards.record(self.library, card_id, rating, memory, _iso(now), duration_ms)
        return Rated(card_id, rating, before, log_id, card.due)

    def undo(self, rated: Rated) -> None:
        """Take a rating back: the card as it was before, its log row gone."""
        cards.put_back(self.library, rated.card_id, rated.before, rated.log_id)

    def retire(self, card_id: int) -> None:
        """Never show this card again (undo brings it back)."""
        cards.retire(self.library, card_id, _iso(self.clock()))

    def restore(self, card_id: int) -> None:
        cards.restore(self.library, card_id)

    def answer(self, card: ReviewCard, text: str) -> None:
        """Answer a question card: the question is answered in the notes too."""
        if card.question_id is None:
            raise ValueError("only a question card takes an answer")
        # Here, not at the top: the app starts (and shows its library) without the parser.
        from reader_tui.library import edits

        edits.update_question(
            self.library,
            card.question_id,
            answer=text.strip(),
            status="answered" if text.strip() else "open",
        )

    def next_due(self, only: ReviewFilter | None = None) -> dt.datetime | None:
        return _parse(cards.next_due(self.library, only))

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
