"""The posts the last refresh could not read, each with why and what to do (the library's
`!`): one toast tells that there are some, this tells them all."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label

from reader_tui.widgets.scrolls import WrappedScroll
from reader_tui.widgets.text import shown

if TYPE_CHECKING:
    from textual.app import ComposeResult


class NotReadScreen(ModalScreen[None]):
    """Each post not read, by the name the reader knows it by, and the reason."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "dismiss", "Close", tooltip="Back to the library"),
    ]

    def __init__(self, not_read: list[tuple[str, str]]) -> None:
        super().__init__()
        self.not_read = not_read

    def compose(self) -> ComposeResult:
        count = len(self.not_read)
        with Vertical(id="not-read", classes="modal"):
            yield Label(f"{count} {'post' if count == 1 else 'posts'} not read")
            with WrappedScroll(id="not-read-list"):
                for name, reason in self.not_read:
                    yield Label(shown(name), classes="not-read-name")
                    yield Label(shown(reason), classes="not-read-why")
            yield Label(
                "A post fixed and saved is read again at once (ctrl+r: every folder now)."
                " Escape closes.",
                classes="hint",
            )

    def on_mount(self) -> None:
        self.query_one("#not-read-list").focus()  # the arrow keys scroll a long list
