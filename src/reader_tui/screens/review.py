"""The review screen: today's cards one by one, rated Again / Hard / Good / Easy."""

from __future__ import annotations

import time
from collections import Counter
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, Label, Static

from reader_tui.library import Library, LibraryError, edits, queries
from reader_tui.messages import LibraryChanged, LibraryEdited, OpenArticle
from reader_tui.models import ReviewCard, ReviewFilter, StoredHighlight
from reader_tui.post.blocks import split_blocks
from reader_tui.screens.choices import NoteScreen
from reader_tui.terminal import safe
from reader_tui.widgets.fields import TextInput
from reader_tui.widgets.keybar import KeyBar
from reader_tui.widgets.rendering import render_block
from reader_tui.widgets.text import shown

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from reader_tui.review import Review

RATING_NAMES = {1: "again", 2: "hard", 3: "good", 4: "easy"}


def when(moment: float) -> str:
    """A wait as a person says it: in 10 minutes, in 3 days."""
    seconds = max(0.0, moment)
    for size, unit in ((86400, "day"), (3600, "hour"), (60, "minute")):
        if seconds >= size:
            n = round(seconds / size)
            return f"in {n} {unit}{'s' if n != 1 else ''}"
    return "now"


class ReviewScreen(Screen[None]):
    """Cards due now and today's new ones; each rating schedules the card's return."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "reveal", "Reveal", tooltip="Show the answer, the passage or more"),
        Binding("1", "rate(1)", "Again", tooltip="Forgotten: see it again in minutes"),
        Binding("2", "rate(2)", "Hard", tooltip="Recalled with effort"),
        Binding("3", "rate(3)", "Good", tooltip="Recalled"),
        Binding("4", "rate(4)", "Easy", tooltip="Recalled at once: a longer wait"),
        Binding("o", "open", "Open", tooltip="Read the article at this passage, then come back"),
        Binding("e", "note", "Note", tooltip="Write a note on this highlight"),
        Binding("a", "answer", "Answer", tooltip="Type an answer to this question"),
        Binding("m", "more", "More", tooltip="Show more of the text around the passage"),
        Binding("s", "skip", "Skip", tooltip="Put this card at the end of today's queue"),
        Binding("x", "retire", "Retire", tooltip="Never show this card again (u undoes)"),
        Binding("u", "undo", "Undo", tooltip="Bring back the card just retired"),
        Binding("escape,q", "back", "Back", tooltip="End the review"),
    ]

    def __init__(self, library: Library, review: Review, only: ReviewFilter | None = None) -> None:
        super().__init__()
        self.library = library
        self.review = review
        self.only = only or ReviewFilter()
        self.cards: list[ReviewCard] = []
        self.position = 0
        self.revealed = False
        self.context = 0  # paragraphs shown on each side of the passage
        self.shown_at = 0.0
        self.done: Counter[int] = Counter()
        self.retired: list[tuple[int, ReviewCard]] = []

    def compose(self) -> ComposeResult:
        yield Label("", id="review-progress")
        with VerticalScroll(id="review-card"):
            yield Label("", id="card-source")
            yield Static("", id="card-front")
            yield Static("", id="card-back")
            yield TextInput(
                placeholder="Your answer; Enter saves it in the notes", id="card-answer"
            )
        yield KeyBar()

    def on_mount(self) -> None:
        try:
            self.review.sync()
            self.cards = self.review.queue(self.only)
        except LibraryError as error:
            self.notify(str(error), severity="error")
        self.show_card()

    @property
    def card(self) -> ReviewCard | None:
        return self.cards[self.position] if self.position < len(self.cards) else None

    # -- showing -----------------------------------------------------------------------

    def show_card(self) -> None:
        answer_box = self.query_one("#card-answer", Input)
        answer_box.display = False
        self.revealed = False
        self.context = 0
        card = self.card
        progress = self.query_one("#review-progress", Label)
        theme = f" · {self.only.describe()}" if self.only.describe() else ""
        if card is None:
            progress.update(shown(f"Review{theme} — done"))
            self.query_one("#card-source", Label).update("")
            self.query_one("#card-front", Static).update(self.summary())
            self.query_one("#card-back", Static).update("")
            return
        kind = {"highlight": "highlight", "question": "question", "cloze": "fill the blank"}
        label = "new" if card.is_new else "due"
        progress.update(
            shown(
                f"Review{theme} — {self.position + 1} / {len(self.cards)}  ·  "
                f"{kind[card.kind]} ({label})"
            )
        )
        date = card.date.isoformat() if card.date else ""
        orphan = "  (no longer in the post)" if card.orphan else ""
        self.query_one("#card-source", Label).update(shown(f"{card.title}  {date}{orphan}"))
        self.query_one("#card-front", Static).update(self.front(card))
        self.query_one("#card-back", Static).update("")
        if card.kind == "highlight":
            self.reveal()  # a highlight is its own answer: rate how well you knew it
        self.shown_at = time.monotonic()

    def front(self, card: ReviewCard) -> Content:
        if card.kind == "question":
            return Content.assemble(("? ", "bold"), safe(card.question))
        if card.kind == "cloze":
            return Content(safe(card.front))
        return self.passage(card)

    def passage(self, card: ReviewCard) -> Content:
        """The paragraph around the highlight (more with `m`), the passage marked."""
        located = queries.passage(self.library, card.highlight_id) if card.highlight_id else None
        if located is None:
            return Content.assemble(("▍ ", card.color or "blue"), safe(card.passage))
        body, start, end = located
        blocks = split_blocks(body, 0, len(body))
        here = next((i for i, b in enumerate(blocks) if b.start <= start < b.end), 0)
        mark = StoredHighlight(
            card.highlight_id or 0, card.article_id, card.color or "blue", card.passage, start, end
        )
        shown = blocks[max(0, here - self.context) : here + self.context + 1]
        parts = [render_block(body, block, [mark], active=mark.id).content for block in shown]
        return Content("\n\n").join(parts)

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
        elif card.note:
            back.update(Content.assemble(("✎ ", "bold"), safe(card.note)))

    def summary(self) -> Content:
        total = sum(self.done.values())
        if not total and not self.cards:
            lines = ["Nothing to review now."]
        else:
            counts = ", ".join(f"{self.done[n]} {RATING_NAMES[n]}" for n in range(1, 5))
            lines = [f"Reviewed {total} card{'s' if total != 1 else ''}: {counts}."]
        if self.retired:
            lines.append(f"Retired {len(self.retired)}.")
        upcoming = self.review.next_due()
        if upcoming is not None:
            wait = (upcoming - self.review.clock()).total_seconds()
            lines.append(f"The next card is due {when(wait)}.")
        lines.append("Escape goes back to the library.")
        return Content("\n".join(lines))

    # -- actions -----------------------------------------------------------------------

    def action_reveal(self) -> None:
        if self.card is None:
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
            self.review.rate(card.id, rating, spent)
        except LibraryError as error:
            self.notify(f"{error}. The rating was not saved; try again.", severity="error")
            return
        self.done[rating] += 1
        self.position += 1
        self.show_card()

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
        self.cards.append(self.cards.pop(self.position))
        self.show_card()

    def action_retire(self) -> None:
        card = self.card
        if card is None:
            return
        self.review.retire(card.id)
        self.retired.append((self.position, self.cards.pop(self.position)))
        self.notify("Retired: it will not come back. u brings it back.")
        self.show_card()

    def action_undo(self) -> None:
        if not self.retired:
            self.notify("Nothing to undo.")
            return
        position, card = self.retired.pop()
        self.review.restore(card.id)
        self.cards.insert(min(position, len(self.cards)), card)
        self.position = min(position, len(self.cards) - 1)
        self.show_card()

    def action_open(self) -> None:
        card = self.card
        if card is None:
            return
        self.post_message(OpenArticle(card.article_id, card.highlight_id))

    @on(LibraryChanged)
    def refresh_card(self) -> None:
        """Show the card as the library has it now (after reading or a note)."""
        card = self.card
        if card is None:
            return
        try:
            self.cards[self.position] = self.review.card(card.id)
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

        def save(note: str | None) -> None:
            if note is None:
                return
            try:
                edits.set_highlight_note(self.library, highlight_id, note)
            except LibraryError as error:
                self.notify(str(error), severity="error")
                return
            self.refresh_card()

        self.app.push_screen(NoteScreen(" ".join(card.passage.split()), card.note), save)

    def action_answer(self) -> None:
        card = self.card
        if card is None or card.kind != "question":
            self.notify("Only a question takes an answer.")
            return
        box = self.query_one("#card-answer", Input)
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
        if box.display and box.has_focus:
            box.display = False  # Escape first leaves the answer box
            return
        self.post_message(LibraryEdited())  # due counts changed
        self.dismiss(None)
