"""Edit one question and its answer in a small modal."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from textual.containers import Vertical
from textual.widgets import Input, Label, TextArea

from reader_tui.screens.form import FormScreen
from reader_tui.widgets.editor import TextEditor
from reader_tui.widgets.fields import TextInput

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from reader_tui.models import Question


class QuestionEdit(NamedTuple):
    """What the user settled on: the question's text and its answer."""

    text: str
    answer: str


class QuestionScreen(FormScreen[QuestionEdit]):
    """The question and its answer; a non-empty answer marks it answered."""

    def __init__(self, question: Question) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="question-editor"):
            yield Label("Question", classes="pane-title")
            yield TextInput(self.question.text, id="question-text")
            yield Label("Answer (saving one marks the question answered)", classes="pane-title")
            yield TextEditor(self.question.answer, id="answer", soft_wrap=True)
            yield from self.buttons()

    def on_mount(self) -> None:
        self.query_one("#answer", TextArea).focus()

    def action_save(self) -> None:
        text = self.query_one("#question-text", Input).value.strip()
        if not text:
            self.notify("A question needs some text; delete it from the list instead.")
            return
        self.finish(QuestionEdit(text, self.query_one("#answer", TextArea).text.strip()))
