"""The list of an article's highlighted passages, each in its colour."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.content import Content, Span
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader_tui.terminal import safe
from reader_tui.widgets.rendering import highlight_style
from reader_tui.widgets.wrapping import Wrapped

if TYPE_CHECKING:
    from collections.abc import Sequence

    from reader_tui.models import StoredHighlight


class HighlightsPane(OptionList):
    """Highlights in the order of the text; choosing one asks to show it."""

    class Selected(Message):
        """The user chose a highlight."""

        def __init__(self, highlight: StoredHighlight) -> None:
            self.highlight = highlight
            super().__init__()

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.items: list[StoredHighlight] = []

    def show_highlights(self, highlights: Sequence[StoredHighlight]) -> None:
        self.items = list(highlights)
        self.clear_options()
        if not self.items:
            hint = "No highlights yet: v shows a caret (or drag with the mouse), then h."
            self.add_option(Option(Content.styled(hint, "dim italic"), disabled=True))
        options = []
        for h in self.items:
            text = safe(" ".join(h.text.split()))
            label = Content(f"▍ {text}", [Span(0, 1, highlight_style(h.color, True))])
            if h.status == "orphan":
                label = Content.assemble(label, ("  (no longer in the post)", "dim italic"))
            if h.note:
                note = safe(" ".join(h.note.split()))
                label = Content.assemble(label, "\n", (f"  ✎ {note}", "dim italic"))
            options.append(Option(Wrapped.of(label), id=str(h.id)))
        self.add_options(options)  # at once: the list is laid out once, not per option

    def select_id(self, highlight_id: int) -> None:
        for index, h in enumerate(self.items):
            if h.id == highlight_id:
                self.highlighted = index

    @on(OptionList.OptionSelected)
    def _report(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_index < len(self.items):
            self.post_message(self.Selected(self.items[event.option_index]))
