"""Edit one question and its answer in a small modal."""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, TextArea

from reader_tui.models import Question


class QuestionEdit(NamedTuple):
    """What the user settled on: the question's text and its answer."""

    text: str
    answer: str


class QuestionScreen(ModalScreen[QuestionEdit | None]):
    """The question and its answer; a non-empty answer marks it answered."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", tooltip="Save the question and the answer"),
        Binding("escape", "cancel", "Cancel", tooltip="Leave without saving"),
    ]

    def __init__(self, question: Question) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="question-editor"):
            yield Label("Question", classes="pane-title")
            yield Input(self.question.text, id="question-text")
            yield Label("Answer (saving one marks the question answered)", classes="pane-title")
            yield TextArea(self.question.answer, id="answer", soft_wrap=True)
            with Horizontal(id="confirm-buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#answer", TextArea).focus()

    def action_save(self) -> None:
        text = self.query_one("#question-text", Input).value.strip()
        if not text:
            self.notify("A question needs some text; delete it from the list instead.")
            return
        self.dismiss(QuestionEdit(text, self.query_one("#answer", TextArea).text.strip()))

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.action_cancel()
