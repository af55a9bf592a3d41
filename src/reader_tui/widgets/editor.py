"""A multi-line field that shows control characters as pictures and stores them as typed
(see `fields`; apart, so that the app starts without loading Textual's TextArea)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import TextArea

from reader_tui.terminal import safe

if TYPE_CHECKING:
    from textual import events


class TextEditor(TextArea):
    """A `TextArea` whose lines are shown with control characters as pictures; focus puts
    the cursor at the end of the text, where typing on goes."""

    def _on_focus(self, event: events.Focus) -> None:
        super()._on_focus(event)
        self.move_cursor(self.document.end)

    def get_line(self, line_index: int) -> Text:
        return Text(safe(self.document.get_line(line_index)), end="", no_wrap=True)
