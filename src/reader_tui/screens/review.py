"""The review screen: today's cards one by one, rated Again / Hard / Good / Easy."""

from __future__ import annotations

import time
from collections import Counter
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, Label, Static

from reader_tui.library import Library, LibraryError, edits, queries
from reader_tui.messages import LibraryChanged, LibraryEdited, OpenArticle
from reader_tui.models import ReviewCard, ReviewFilter, StoredHighlight
from reader_tui.review import Step, short_wait
from reader_tui.screens.choices import NoteScreen
from reader_tui.screens.confirm import ConfirmScreen
from reader_tui.screens.form import STILL_HERE
from reader_tui.screens.review_keys import (
    ANSWER_HOLDS,
    RATING_KEYS,
    RATING_NAMES,
    REVIEW_BINDINGS,
)
from reader_tui.terminal import safe
from reader_tui.widgets.cards import blanked, passage_in_context
from reader_tui.widgets.fields import TextInput
from reader_tui.widgets.keybar import KeyBar
from reader_tui.widgets.scrolls import WrappedScroll, WrappedStatic
from reader_tui.widgets.text import shown

if TYPE_CHECKING:
    import datetime as dt

    from textual.app import ComposeResult
    from textual.binding import BindingType

    from reader_tui.review import Review


class ReviewScreen(Screen[None]):
    """Cards due now and today's new ones; each rating schedules the card's return."""

    BINDINGS: ClassVar[list[BindingType]] = REVIEW_BINDINGS

    def __init__(
        self,
        library: Library,
        review: Review,
        only: ReviewFilter | None = None,
        study_now: bool = False,
    ) -> None:
        super().__init__()
        self.library = library
        self.review = review
        self.only = only or ReviewFilter()
        self.study_now = study_now  # new cards regardless of the daily limit
        self.cards: list[ReviewCard] = []  # the session's cards, as it began
        self.queue: list[ReviewCard] = []  # the ones not shown yet
        self.card: ReviewCard | None = None  # the one shown
        # Cards rated Again or Hard while learning: back in this session when due.
        self.learning: list[tuple[dt.datetime, ReviewCard]] = []
        self.waiting_until: dt.datetime | None = None  # a learning card due soon, waited for
        self.revealed = False
        self.context = 0  # paragraphs shown on each side of the passage
        self.shown_at = 0.0
        self.done: Counter[int] = Counter()
        self.steps: list[Step] = []  # what `u` takes back, last first
        self.intervals: dict[int, dt.timedelta] = {}

    def compose(self) -> ComposeResult:
        yield Label("", id="review-progress")
        with WrappedScroll(id="review-card"):
            yield Label("", id="card-source")
            yield WrappedStatic("", id="card-front")
            yield WrappedStatic("", id="card-back")
            yield TextInput(
                placeholder="Your answer; Enter saves it in the notes", id="card-answer"
            )
        yield KeyBar()

    def on_mount(self) -> None:
        self.load_queue()
        self.set_interval(1, self.tick)

    def load_queue(self) -> None:
        try:
            self.review.sync()
            self.cards = self.review.queue(self.only, self.study_now)
        except LibraryError as error:
            self.notify(str(error), severity="error")
        self.queue = list(self.cards)
        self.advance()

    def advance(self) -> None:
        """The next card: a learning card whose step is due, else the next of the queue;
        with only learning cards left (due within the learn-ahead limit), wait for the
        first, counting down; with none, the session is done."""
        now = self.review.clock()
        self.waiting_until = None
        self.learning.sort(key=lambda pair: pair[0])
        if self.learning and self.learning[0][0] <= now:
            self.card = self.learning.pop(0)[1]
        elif self.queue:
            self.card = self.queue.pop(0)
        elif self.learning:
            self.card = None
            self.waiting_until = self.learning[0][0]
        else:
            self.card = None
        self.show_card()

    def tick(self) -> None:
        """Each second while waiting: the countdown, and the card once it is due."""
        if self.waiting_until is None:
            return
        if self.review.clock() >= self.waiting_until:
            self.advance()
        else:
            self.query_one("#card-front", Static).update(self.waiting())

    # -- showing -----------------------------------------------------------------------

    def show_card(self) -> None:
        answer_box = self.query_one("#card-answer", Input)
        answer_box.display = False
        self.revealed = False
        self.context = 0
        card = self.card
        progress = self.query_one("#review-progress", Label)
        theme = f" · {self.only.describe()}" if self.only.describe() else ""
        self.intervals = {}
        if card is None:
            waiting = self.waiting_until is not None
            progress.update(shown(f"Review{theme} — {'waiting' if waiting else 'done'}"))
            self.query_one("#card-source", Label).update("")
            self.query_one("#card-front", Static).update(
                self.waiting() if waiting else self.summary()
            )
            self.query_one("#card-back", Static).update("")
            self.query_one(KeyBar).show_keys()
            return
        kind = {"highlight": "highlight", "question": "question", "cloze": "fill the blank"}
        label = {0: "new", 1: "learning", 3: "relearning"}.get(card.state, "due")
        back = f" · {len(self.learning)} coming back" if self.learning else ""  # later on
        progress.update(
            shown(
                f"Review{theme} — {sum(self.done.values())} done · {len(self.queue) + 1} to go"
                f"{back}  ·  {kind[card.kind]} ({label})  ·  {card.title}"
            )
        )
        try:
            self.intervals = self.review.preview(card.id)
        except LibraryError:
            self.intervals = {}
        self.query_one(KeyBar).show_keys()
        date = card.date.isoformat() if card.date else ""
        orphan = "  (no longer in the post)" if card.orphan else ""
        self.query_one("#card-source", Label).update(shown(f"{card.title}  {date}{orphan}"))
        self.query_one("#card-front", Static).update(self.front(card))
        self.query_one("#card-back", Static).update("")
        if card.kind == "highlight" and not self.review.recall:
            self.reveal()  # re-reading: the highlight is its own answer
        self.shown_at = time.monotonic()

    def front(self, card: ReviewCard) -> Content:
        if card.kind == "question":
            return Content.assemble(("? ", "bold"), safe(card.question))
        if card.kind == "cloze":
            return Content(safe(card.front))
        return self.passage(card, blank=self.review.recall)

    def passage(self, card: ReviewCard, blank: bool = False) -> Content:
        """The paragraph around the highlight (more with `m`), the passage marked; with
        `blank`, the passage is blanked for recall (its first words kept as a cue when it
        is long: a long passage wholly blanked leaves nothing to recall it from)."""
        located = queries.passage(self.library, card.highlight_id) if card.highlight_id else None
        if located is None:
            text = blanked(card.passage) if blank else card.passage
            return Content.assemble(("▍ ", card.color or "blue"), safe(text))
        body, start, end = located
        mark = StoredHighlight(
            card.highlight_id or 0, card.article_id, card.color or "blue", card.passage, start, end
        )
        return passage_in_context(body, mark, self.context, blank)

    def reveal(self) -> None:
        card = self.card
        if card is None:
            return
        self.revealed = True
        back = self.query_one("#card-back", Static)
        if card.kind == "question":
            if card.answer:
                back.update(Content.assemble(("Answer: ", "bold"), safe(card.answer)))
            else:
                back.update(Content.styled("No answer yet: press a to write one.", "dim italic"))
        elif card.kind == "cloze":
            self.query_one("#card-front", Static).update(self.passage(card))
            back.update(Content.assemble(("The blank: ", "bold"), safe(card.keyword)))
        else:
            if self.review.recall:  # the passage, in place of its blank
                self.query_one("#card-front", Static).update(self.passage(card))
            if card.note:
                back.update(Content.assemble(("✎ ", "bold"), safe(card.note)))

    def summary(self) -> Content:
        """The session's end: what was done, and honestly why nothing more is shown."""
        total = sum(self.done.values())
        if not total:
            lines = ["Nothing to review now."]
        else:
            counts = ", ".join(f"{self.done[n]} {RATING_NAMES[n]}" for n in range(1, 5))
            lines = [f"Reviewed {total} card{'s' if total != 1 else ''}: {counts}."]
        retired = sum(1 for step in self.steps if step.rated is None)
        if retired:
            lines.append(f"Retired {retired}.")
        try:
            lines += self.review.nothing_left(self.only, self.study_now)
        except LibraryError as error:
            lines.append(str(error))
        lines.append("Escape goes back to the library.")
        return Content("\n".join(safe(line) for line in lines))  # a filter's words as text

    def waiting(self) -> Content:
        """While a learning card's step runs: how long until it comes back."""
        assert self.waiting_until is not None
        left = max(0, int((self.waiting_until - self.review.clock()).total_seconds()))
        total = sum(self.done.values())
        return Content(
            f"Reviewed {total} card{'s' if total != 1 else ''}. "
            f"{len(self.learning)} learning card{'s' if len(self.learning) != 1 else ''} "
            f"come{'s' if len(self.learning) == 1 else ''} back in this session: the next in "
            f"{left // 60}:{left % 60:02d} (space: now; Escape ends the session)."
        )

    def key_labels(self) -> dict[str, str]:
        """The rating keys with the interval each would give this card: `Again <1m`;
        while an answer is typed, what Escape does then."""
        labels = {
            f"rate({rating})": f"{name} {short_wait(self.intervals[rating])}"
            for rating, name in RATING_KEYS.items()
            if rating in self.intervals
        }
        if self._answering():
            labels["back"] = "Leave the answer"
        return labels

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "save_answer":
            return self._answering()
        # An answer typed and not saved holds the card: Enter saves it, Escape drops it.
        return action not in ANSWER_HOLDS or self.keep_text() is None

    def _answering(self) -> bool:
        box = self.query("#card-answer")
        return bool(box) and box.first().display and box.first().has_focus

    def keep_text(self) -> str | None:
        """What leaving now would lose: an answer typed and not saved (`HoldsText`)."""
        box = self.query("#card-answer")
        card = self.card
        if not box or not box.first().display or card is None or card.kind != "question":
            return None
        typed = box.first(Input).value
        return "the answer typed in review" if typed.strip() != card.answer.strip() else None

    async def action_save_answer(self) -> None:
        """ctrl+s in the answer box: saved as Enter saves it."""
        await self.query_one("#card-answer", Input).action_submit()

    # -- actions -----------------------------------------------------------------------

    def action_reveal(self) -> None:
        if self.card is None:
            if self.waiting_until is not None:  # learn ahead: the waited-for card now
                self.learning[0] = (self.review.clock(), self.learning[0][1])
                self.advance()
            return
        if self.revealed:
            self.action_more()
        else:
            self.reveal()

    def action_rate(self, rating: int) -> None:
        card = self.card
        if card is None:
            return
        if not self.revealed:
            self.notify("Reveal first (space), then rate how well you knew it.")
            return
        spent = int((time.monotonic() - self.shown_at) * 1000)
        try:
            rated = self.review.rate(card.id, rating, spent)
            again = self.review.card(card.id)
        except LibraryError as error:
            self.notify(f"{error}. The rating was not saved; try again.", severity="error")
            return
        self.done[rating] += 1
        self.steps.append(Step(card, rated))
        if rated.due - self.review.clock() <= self.review.learn_ahead:
            self.learning.append((rated.due, again))  # its next step, in this session
        self.advance()

    def action_more(self) -> None:
        card = self.card
        if card is None or card.kind == "question" or card.highlight_id is None:
            return
        self.context += 1
        if card.kind == "highlight" or self.revealed:
            self.query_one("#card-front", Static).update(self.passage(card))

    def action_skip(self) -> None:
        card = self.card
        if card is None:
            return
        self.queue.append(card)
        self.advance()

    def action_retire(self) -> None:
        card = self.card
        if card is None:
            return
        try:
            self.review.retire(card.id)
        except LibraryError as error:
            self.notify(str(error), severity="error")
            return
        self.steps.append(Step(card))
        self.notify("Retired: it will not come back. u brings it back.")
        self.advance()

    def action_undo(self) -> None:
        """Take back the last rating (the card as it was, its log row gone) or
        retirement, and show that card again; several steps back, one at a time."""
        if not self.steps:
            self.notify("Nothing to undo.")
            return
        step = self.steps.pop()
        try:
            if step.rated is None:
                self.review.restore(step.card.id)
            else:
                self.review.undo(step.rated)
                self.done[step.rated.rating] -= 1
                self.learning = [(d, c) for d, c in self.learning if c.id != step.card.id]
            card = self.review.card(step.card.id)
        except LibraryError as error:
            self.steps.append(step)  # not taken back: u tries it again
            self.notify(str(error), severity="error")
            return
        if self.card is not None:
            self.queue.insert(0, self.card)
        self.card = card
        self.waiting_until = None
        self.show_card()

    def action_study_new(self) -> None:
        """New cards held back by today's limit: study them now (this session only)."""
        if self.card is not None or self.study_now:
            return
        self.study_now = True
        self.load_queue()

    def action_open(self) -> None:
        if self.card is not None:
            self.post_message(OpenArticle(self.card.article_id, self.card.highlight_id))

    @on(LibraryChanged)
    def refresh_card(self) -> None:
        """Show the card as the library has it now (after reading or a note); a session
        with nothing to show yet (opened while its folder was still being imported) takes
        the cards the import brought."""
        card = self.card
        if card is None:
            if self.waiting_until is None and not self.steps:
                self.load_queue()
            return
        try:
            self.card = self.review.card(card.id)
        except LibraryError:
            return
        revealed = self.revealed
        self.show_card()
        if revealed:
            self.reveal()

    def action_note(self) -> None:
        card = self.card
        if card is None or card.highlight_id is None:
            self.notify("Only a highlight takes a note.")
            return
        highlight_id = card.highlight_id

        def save(note: str) -> bool:
            try:
                edits.set_highlight_note(self.library, highlight_id, note)
            except LibraryError as error:
                self.notify(f"{error}. {STILL_HERE}", severity="error")
                return False
            self.refresh_card()
            return True

        self.app.push_screen(
            NoteScreen(" ".join(card.passage.split()), card.note).saving_with(save)
        )

    def action_answer(self) -> None:
        card = self.card
        if card is None or card.kind != "question":
            self.notify("Only a question takes an answer.")
            return
        box = self.query_one("#card-answer", Input)
        if not box.display:  # (shown already: what is typed there stays)
            box.value = card.answer
        box.display = True
        box.focus()

    @on(Input.Submitted, "#card-answer")
    def save_answer(self, event: Input.Submitted) -> None:
        card = self.card
        if card is None:
            return
        try:
            self.review.answer(card, event.value)
        except LibraryError as error:
            self.notify(str(error), severity="error")
            return
        event.input.display = False
        self.refresh_card()
        self.reveal()
        self.post_message(LibraryEdited())  # the library's open questions, at once

    def action_back(self) -> None:
        box = self.query_one("#card-answer", Input)
        if box.display and (box.has_focus or self.keep_text()):
            # Escape first leaves the answer box, dropping a typed answer only if told to.
            if self.keep_text():
                self.app.push_screen(
                    ConfirmScreen("Drop the answer you typed?"),
                    lambda yes: setattr(box, "display", not yes),
                )
            else:
                box.display = False
            return
        self.post_message(LibraryEdited())  # due counts changed
        self.dismiss(None)
