"""The notes pane: keywords, summary and questions, saved by the screen."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.containers import VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Input, Label, OptionList, TextArea
from textual.widgets.option_list import Option

from reader_tui.widgets.editor import TextEditor
from reader_tui.widgets.fields import TextInput
from reader_tui.widgets.text import shown

if TYPE_CHECKING:
    from collections.abc import Sequence

    from textual.app import ComposeResult
    from textual.binding import BindingType

    from reader_tui.models import Question


class NotesPane(VerticalScroll, can_focus=False):
    """Keywords, summary and questions; reports edits, never saves them itself. (Not a
    stop of its own for Tab: focused, it showed nothing and what was typed went nowhere;
    a field focused scrolls it.)"""

    BINDINGS: ClassVar[list[BindingType]] = [
        ("delete", "delete_question", "Delete question"),
    ]

    class Edited(Message):
        """Keywords or summary changed (the screen saves shortly after)."""

    class QuestionAdded(Message):
        def __init__(self, text: str) -> None:
            self.text = text
            super().__init__()

    class QuestionChosen(Message):
        """The user wants to edit or answer a question."""

        def __init__(self, question: Question) -> None:
            self.question = question
            super().__init__()

    class QuestionDeleted(Message):
        def __init__(self, question: Question) -> None:
            self.question = question
            super().__init__()

    status: reactive[str] = reactive("")
    """Shown quietly under the notes: nothing while nothing was typed, `unsaved…` while
    what was typed waits for its save, `saved` after one."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.questions: list[Question] = []
        self._saved = ("", "")  # the fields' text as last loaded or saved
        # Kept, not queried: the screen reads them when it saves, even while closing.
        self.keywords_input = TextInput(
            placeholder="#AI #LLM", id="keywords", tooltip="Space-separated, # optional"
        )
        self.summary_area = TextEditor(id="summary", soft_wrap=True, tooltip="Saved as you type")
        self.question_list = OptionList(id="questions")
        self.new_question = TextInput(
            placeholder="Add a question and press Enter", id="new-question"
        )
        self.status_label = Label("", id="save-status")

    def compose(self) -> ComposeResult:
        yield Label("Keywords", classes="pane-title")
        yield self.keywords_input
        yield Label("Summary", classes="pane-title")
        yield self.summary_area
        yield Label("Questions", classes="pane-title")
        yield self.question_list
        yield self.new_question
        yield self.status_label

    def show_notes(
        self, keywords: Sequence[str], summary: str, questions: Sequence[Question]
    ) -> None:
        # A field that already holds the text is left alone: its cursor stays where the
        # user was typing (a reload after an outside edit shows the notes again).
        shown_keywords = " ".join(f"#{k}" for k in keywords)
        if self.keywords_input.value != shown_keywords:
            self.keywords_input.value = shown_keywords
        if self.summary_area.text != summary:
            self.summary_area.load_text(summary)
        self.show_questions(questions)
        self._saved = (self.keywords_input.value, self.summary_area.text)
        self.status = ""  # loaded, not saved: nothing to say yet

    def read_only(self, headings: str | None) -> None:
        """Notes read from another blog's headings (`headings`) are shown, not edited;
        None makes them editable again."""
        locked = headings is not None
        self.keywords_input.disabled = locked
        self.summary_area.read_only = locked
        self.new_question.disabled = locked
        self.set_class(locked, "foreign")
        if locked:
            self.status = (
                f"Read from {headings}, written in this post's own form: read-only here. "
                "“Convert notes to your form” in the palette (ctrl+p) makes them editable."
            )

    def mark_saved(self) -> None:
        """What the fields hold now is what the library has."""
        self._saved = (self.keywords_input.value, self.summary_area.text)
        self.status = "saved"

    @property
    def unsaved(self) -> bool:
        """Whether something typed waits for its save."""
        return self.status == "unsaved…"

    @property
    def changed(self) -> tuple[bool, bool]:
        """Whether the keywords and the summary were edited since they were last saved."""
        return (
            self.keywords_input.value != self._saved[0],
            self.summary_area.text != self._saved[1],
        )

    def take_saved(self, keywords: Sequence[str], summary: str) -> None:
        """After a save: the library's notes, shown in the fields the user is not editing
        (an import may have changed them meanwhile)."""
        typed_keywords, typed_summary = self.changed
        shown_keywords = " ".join(f"#{k}" for k in keywords)
        if not typed_keywords and self.keywords_input.value != shown_keywords:
            self.keywords_input.value = shown_keywords
        if not typed_summary and self.summary_area.text != summary:
            self.summary_area.load_text(summary)
        self.mark_saved()

    def show_questions(self, questions: Sequence[Question]) -> None:
        self.questions = list(questions)
        options = self.question_list
        was = options.highlighted
        options.clear_options()
        for q in self.questions:
            mark = "✓ " if q.status == "answered" else "? "
            options.add_option(Option(shown(mark + q.text), id=str(q.id)))
        if self.questions:  # Enter acts at once (with none highlighted, it did nothing)
            options.highlighted = min(was or 0, len(self.questions) - 1)
        # An empty list is passed over by Tab: what is typed after it goes into the box
        # for a new question, not to a list with nothing to choose (it was lost there).
        options.can_focus = bool(self.questions)
        options.display = bool(self.questions)  # (not an empty box above the new one)
        if not self.questions and options.has_focus:
            self.new_question.focus()

    @property
    def keywords(self) -> list[str]:
        return self.keywords_input.value.replace(",", " ").split()

    @property
    def summary(self) -> str:
        return self.summary_area.text

    def watch_status(self, status: str) -> None:
        self.status_label.update(status)

    @on(Input.Changed, "#keywords")
    @on(TextArea.Changed, "#summary")
    def _edited(self, event: Input.Changed | TextArea.Changed) -> None:
        event.stop()
        # Loading the fields reports a change too (later, as a message): not an edit.
        if (self.keywords_input.value, self.summary_area.text) != self._saved:
            self.status = "unsaved…"
            self.post_message(self.Edited())

    @on(Input.Submitted, "#new-question")
    def _add_question(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():  # the box is emptied once the library has the question
            self.post_message(self.QuestionAdded(event.value.strip()))

    @on(OptionList.OptionSelected, "#questions")
    def _choose_question(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.QuestionChosen(self.questions[event.option_index]))

    def action_delete_question(self) -> None:
        options = self.question_list
        if options.has_focus and options.highlighted is not None:
            self.post_message(self.QuestionDeleted(self.questions[options.highlighted]))
