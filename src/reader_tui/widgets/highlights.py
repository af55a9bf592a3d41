"""The list of an article's highlighted passages, each in its colour."""

from __future__ import annotations

from itertools import islice
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
    from collections.abc import Iterator, Sequence

    from reader_tui.models import StoredHighlight


class HighlightsPane(OptionList):
    """Highlights in the order of the text; choosing one asks to show it."""

    class Selected(Message):
        """The user chose a highlight."""

        def __init__(self, highlight: StoredHighlight) -> None:
            self.highlight = highlight
            super().__init__()

    FIRST = 50  # options listed before the first frame; the rest a chunk at a time after
    CHUNK = 500

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.items: list[StoredHighlight] = []
        self._rest: Iterator[StoredHighlight] | None = None  # those not listed yet

    def show_highlights(self, highlights: Sequence[StoredHighlight]) -> None:
        """List these highlights: the first at once, the rest between frames (a post
        with 10,000 is on screen before its list is made). The same list with more at
        its end (the rest of a long post's) keeps what is listed and lists the rest."""
        items = list(highlights)
        if self.items and items[: len(self.items)] == self.items:
            self._rest = iter(items[self.option_count :])
            self.items = items
            self._list_more(self._rest, self.FIRST)
            return
        self.items = items
        self.clear_options()
        if not self.items:
            hint = "No highlights yet: v shows a caret (or drag with the mouse), then h."
            self.add_option(Option(Content.styled(hint, "dim italic"), disabled=True))
        self._rest = iter(self.items)
        self._list_more(self._rest, self.FIRST)

    def _list_more(self, rest: Iterator[StoredHighlight], count: int | None) -> None:
        """List `count` more highlights (None: all), if `rest` is still what is to list."""
        if rest is not self._rest:
            return
        options = [_option(h) for h in (rest if count is None else islice(rest, count))]
        if count is None or len(options) < count:
            self._rest = None
        else:
            self.call_after_refresh(self._list_more, rest, self.CHUNK)
        self.add_options(options)  # at once: the list is laid out once, not per option

    def on_focus(self) -> None:
        """Enter acts at once: with none highlighted yet (none gone to), the first is."""
        if self.highlighted is None and self.items:
            self.highlighted = 0

    def select_id(self, highlight_id: int) -> None:
        if self._rest is not None:
            self._list_more(self._rest, None)
        for index, h in enumerate(self.items):
            if h.id == highlight_id:
                self.highlighted = index

    @on(OptionList.OptionSelected)
    def _report(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_index < len(self.items):
            self.post_message(self.Selected(self.items[event.option_index]))


def _option(h: StoredHighlight) -> Option:
    """A highlight in the list: a bar in its colour, its passage, its note below."""
    text = safe(" ".join(h.text.split()))
    label = Content(f"▍ {text}", [Span(0, 1, highlight_style(h.color, True))])
    if h.status == "orphan":
        label = Content.assemble(label, ("  (no longer in the post)", "dim italic"))
    if h.note:
        note = safe(" ".join(h.note.split()))
        label = Content.assemble(label, "\n", (f"  ✎ {note}", "dim italic"))
    return Option(Wrapped.of(label), id=str(h.id))
