"""Create a post from the app: link, title, topic and the pasted article text."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from textual.containers import Vertical
from textual.widgets import Input, Label, TextArea

from reader_tui.screens.form import FormScreen
from reader_tui.widgets.editor import TextEditor
from reader_tui.widgets.fields import TextInput
from reader_tui.widgets.text import shown

if TYPE_CHECKING:
    from textual.app import ComposeResult


class PostFacts(NamedTuple):
    """What the new-post form asks for."""

    url: str
    title: str
    topic: str
    text: str


class NewPostScreen(FormScreen[PostFacts]):
    """The few facts a post starts with; the rest is written while reading."""

    SAVE_LABEL = "Create"

    def __init__(self, folder: str) -> None:
        super().__init__()
        self.folder = folder

    def compose(self) -> ComposeResult:
        with Vertical(id="new-post", classes="modal"):
            yield Label(shown(f"New post in {self.folder}"), classes="pane-title")
            yield TextInput(placeholder="https://… (the article's link)", id="new-url")
            yield TextInput(placeholder="Title", id="new-title")
            yield TextInput(
                placeholder="Topic for the subtitle (optional): AIgroup", id="new-topic"
            )
            yield Label("The article's text (paste it here)", classes="pane-title")
            yield TextEditor(id="new-text", soft_wrap=True)
            yield from self.buttons()

    def on_resize(self) -> None:
        """The whole dialog on screen: on a short terminal the text box gives up rows
        (10 at most; the rest of the dialog takes 19)."""
        self.query_one("#new-text").styles.height = max(3, min(10, self.size.height - 19))

    def action_save(self) -> None:
        url = self.query_one("#new-url", Input).value.strip()
        title = self.query_one("#new-title", Input).value.strip()
        if not url or not title:
            self.notify("A post needs its link and a title.", severity="warning")
            return
        self.finish(
            PostFacts(
                url,
                title,
                self.query_one("#new-topic", Input).value.strip(),
                self.query_one("#new-text", TextArea).text,
            )
        )
