"""The article's blocks as widgets, and which are mounted: the article view keeps a
widget only for the blocks near what is on screen, and two spacers stand for the rest at
their exact heights (a post with 10,000 paragraphs is not 10,000 widgets to lay out and
style, nor to take down on the way out).

The heights and rows are worked out in `block_rows`, the way Textual lays the blocks out.
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import islice
from operator import attrgetter
from time import monotonic
from typing import TYPE_CHECKING

from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Static

from reader_tui.widgets.block_rows import (
    MARGIN,
    QUOTE_BAR,
    QUOTE_INDENT,
    Rows,
    RowStarts,
    depth,
    text_width,
    wanted,
)
from reader_tui.widgets.scrolls import WrappedScroll
from reader_tui.widgets.wrapping import Wrapped

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from textual import events
    from textual.content import Content

    from reader_tui.widgets.rendering import RenderedBlock

_END = attrgetter("block.end")

BLOCK_CSS = f"""
BlockView {{
    margin-bottom: {MARGIN};
}}
BlockView.block-heading {{
    color: $accent;
}}
BlockView.quoted {{
    color: $text-muted;
    border-left: outer $primary 60%;
    padding-left: {QUOTE_BAR - 1};
}}
BlockView.quote-2 {{
    margin: 0 0 {MARGIN} {QUOTE_INDENT[2]};
}}
BlockView.quote-3 {{
    margin: 0 0 {MARGIN} {QUOTE_INDENT[3]};
}}
"""


def classes(rendered: RenderedBlock) -> str:
    """The CSS classes of a block's widget (see BLOCK_CSS)."""
    quoted = depth(rendered)
    names = f"block-{rendered.block.kind}"
    return f"{names} quoted quote-{quoted}" if quoted else names


class BlockView(Static):
    """One rendered block of the article (the bar on every line of a quote, deeper
    quotes further in)."""

    DEFAULT_CSS = BLOCK_CSS

    def __init__(self, rendered: RenderedBlock, content: Content | None = None) -> None:
        shown = rendered.content if content is None else content
        super().__init__(Wrapped.of(shown), classes=classes(rendered))
        self.rendered = rendered

    def show(self, rendered: RenderedBlock, content: Content | None = None) -> None:
        self.rendered = rendered
        self.update(Wrapped.of(rendered.content if content is None else content))


class BlockScroll(WrappedScroll):
    """A scroll of rendered blocks in which only those near the view are widgets.

    The blocks come from an iterator: the first `FIRST` before the first frame, the rest
    `CHUNK` at a time between frames (a post with 10,000 paragraphs shows its top at
    once and scrolls while the rest is drawn). Whatever needs every block (find, the
    caret) reads `shown`, which draws the rest first; going to a place (where the reader
    left the post, a highlight) draws only the blocks up to it, and in a long post goes
    there once they are drawn between frames (`show_offset`), as End does.
    """

    FIRST = 100
    CHUNK = 400
    REACH = 0.1
    """Seconds spent drawing, at most, to reach a place (or the end) before the next
    frame (the rest of the way is drawn between frames, and the view goes there when it
    is reached)."""
    BETWEEN_FRAMES = 0.05
    """Seconds of drawing between two frames, at most (a chunk at least): each frame
    costs its own time, so a long post drawn a chunk a frame took five times longer."""
    SLIDE_EVERY = 0.25  # seconds between two updates of the spacers while drawing
    SLIDE_ROWS = 100_000  # ... for a post this many rows tall; more rows, less often

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        # The blocks drawn so far (their text and offset map), those still to draw, and
        # the widgets of those near the view: spacers stand for the others at their heights.
        self._shown: list[RenderedBlock] = []
        self._rest: Iterator[RenderedBlock] | None = None
        self._expected = 0  # how many blocks there will be, at most
        self._views: dict[int, BlockView] = {}
        self._rows: Rows | None = None
        self._above, self._below = Widget(), Widget()
        self._go_to_row: tuple[int, int] | None = None  # a scroll waiting for the layout
        self._row_starts: RowStarts | None = None  # the last block's rows asked for
        self._slid_at = 0.0  # when the spacers last followed the drawing
        self._in_order = True  # whether the blocks come in the order of their offsets
        self.going_to: int | None = None  # a source offset to show once its block is drawn
        self.ending = False  # End was pressed before the last block was drawn

    @property
    def shown(self) -> list[RenderedBlock]:
        """Every block shown, drawn now if they were not all yet."""
        self.draw(None)
        return self._shown

    @property
    def drawing(self) -> bool:
        """Whether some blocks are still to be drawn."""
        return self._rest is not None

    def show_blocks(
        self, blocks: Iterable[RenderedBlock], expected: int = 0, in_order: bool = True
    ) -> None:
        """Show these blocks instead of those shown (`expected`: how many, at most, if
        known: the scrollbar is set aside from the first frame; `in_order`: whether they
        come in the order of their offsets in the text)."""
        rest = iter(blocks)
        self._in_order, self.going_to, self.ending = in_order, None, False
        self._shown, self._rest = list(islice(rest, self.FIRST)), rest
        self._expected = max(expected, len(self._shown))
        self.remove_children()
        self._views, self._rows, self._go_to_row = {}, None, None
        self._above, self._below = Widget(), Widget()
        for spacer in (self._above, self._below):
            spacer.styles.height = 0
        self.mount(self._above, self._below)
        if not self._slide():  # not laid out yet: the first blocks, the rest once it is
            self._mount(range(min(len(self._shown), 60)))
        self.call_after_refresh(self._draw_more, rest, True)

    def _draw_more(self, rest: Iterator[RenderedBlock], first: bool = False) -> None:
        """Draw more between frames, if `rest` is still what is to draw: chunks for
        `BETWEEN_FRAMES` seconds at most (one chunk, `first`: the first frame may not be
        on screen yet)."""
        if rest is not self._rest:  # drawn by now, or other blocks shown since
            if self._rest is None:  # (drawn at once by something that needed it all)
                self.drawn_more()
            return
        started = monotonic()
        self.draw(self.CHUNK, slide=False)
        while self._rest is not None and not first and monotonic() < started + self.BETWEEN_FRAMES:
            self.draw(self.CHUNK, slide=False)
        if self._rest is not None and self.is_attached:
            self.call_after_refresh(self._draw_more, rest)
        # The spacers (and so the scrollbar) follow a few times a second, not every
        # frame: each change lays the view out again, and Textual maps a spacer
        # thousands of rows tall a cell of 20 rows at a time, so for a tall post less
        # often still (a layout of a million rows takes about 0.2 s).
        rows = self._rows.total if self._rows is not None else 0
        every = self.SLIDE_EVERY * max(1.0, rows / self.SLIDE_ROWS)
        if self._rest is None or started >= self._slid_at + every:
            self._slid_at = started
            self._slide()
        self.drawn_more()

    def draw(self, count: int | None, slide: bool = True) -> None:
        """Draw `count` more blocks now (None: all); `slide`: the spacers follow."""
        rest = self._rest
        if rest is None:
            return
        before = len(self._shown)
        self._shown.extend(rest if count is None else islice(rest, count))
        if count is None or len(self._shown) - before < count:
            self._rest = None
        if self._rows is not None:
            self._rows.extend(self._shown[before:])
        if slide:
            self._slide()

    def drawn_more(self) -> None:
        """After each turn of drawing between frames: go to the place (or the end)
        waiting for it."""
        if self.ending and not self.drawing:
            self.ending = False
            self._to_end()
        if self.going_to is not None:
            index = self.place_of(self.going_to, budget=0)
            if index is not None or not self.drawing:
                offset, self.going_to = self.going_to, None
                self._show_block(index, offset)

    def place_of(self, offset: int, budget: float | None = None) -> int | None:
        """The block holding the source offset, or else the first after it (None: none
        is). Blocks before it are drawn first, for at most `budget` seconds if given:
        None too if it is not drawn by then (`drawing` tells)."""
        shown = self._shown
        if not self._in_order:
            self.draw(None)
            return next(
                (i for i, r in enumerate(shown) if r.block.start <= offset <= r.block.end),
                next((i for i, r in enumerate(shown) if r.block.start >= offset), None),
            )
        deadline = None if budget is None else monotonic() + budget
        while True:
            # In order: the first block that ends at or after the offset holds it or
            # is the first after it.
            found = bisect_left(shown, offset, key=_END)
            if found < len(shown):
                return found
            if self._rest is None or (deadline is not None and monotonic() >= deadline):
                return None
            self.draw(self.CHUNK)

    def index_for(self, offset: int) -> int | None:
        """The block that holds the source offset (drawn first, with those before it)."""
        index = self.place_of(offset)
        if index is None:
            return None
        block = self._shown[index].block
        return index if block.start <= offset <= block.end else None

    def show_offset(self, offset: int, near: bool = False) -> None:
        """Scroll so the row holding the source offset (the top of its block if that is
        where it is, or of the first block after it) is at the top; `near`: only a few
        rows above it, or its block's top if it is within a third of a screen of it. In
        a long post still being drawn, it is drawn first for `REACH` seconds at most; if
        it still is not, the view goes there once it is, staying where it is meanwhile
        (unless the reader scrolls first)."""
        self.going_to, self.ending = None, False
        index = self.place_of(offset, budget=self.REACH)
        if index is None and self.drawing:
            self.going_to = offset
        else:
            self._show_block(index, offset, near)

    def _view(self, index: int) -> BlockView:
        """A widget for block `index`, drawn as it is now."""
        return BlockView(self._shown[index])

    def measured_rows(self) -> Rows | None:
        """The blocks' rows at the view's width (None before it has one)."""
        width = self.size.width
        if width <= 0 or not self._shown:
            return None
        bar = self.styles.scrollbar_size_vertical
        rows = self._rows
        if rows is None or rows.width not in (width, width - bar):
            # The scrollbar takes its columns when the blocks are taller than the view:
            # surely so when there are more blocks than half its rows (each takes two).
            many = 2 * max(self._expected, len(self._shown)) > self.size.height
            rows = Rows(self._shown, width - bar if many else width)
            if rows.width == width and bar and rows.total > self.size.height:
                rows = Rows(self._shown, width - bar)
            self._rows = rows
        return rows

    def _slide(self, force: bool = False) -> bool:
        """Mount the blocks near the view, unmount the others, size the spacers."""
        rows = self.measured_rows()
        if rows is None:
            return False
        mounted = range(min(self._views, default=0), max(self._views, default=-1) + 1)
        want = wanted(rows, range(0) if force else mounted, int(self.scroll_y), self.size.height)
        if want != mounted or force:
            for index in [i for i in self._views if i not in want]:
                view = self._views.pop(index)
                view.display = False  # out of the layout now, removed a moment later
                view.remove()
            self._mount(range(want.start, want.stop))
        self._above.styles.height = rows.tops[want.start]
        self._below.styles.height = rows.total - rows.tops[want.stop]
        return True

    def _mount(self, indices: range) -> None:
        before = [i for i in indices if i not in self._views and i < min(self._views, default=0)]
        after = [i for i in indices if i not in self._views and i not in before]
        for new, place in ((before, {"after": self._above}), (after, {"before": self._below})):
            views = [self._view(i) for i in new]
            self._views.update(zip(new, views, strict=True))
            if views:
                self.mount_all(views, **place)

    def action_scroll_end(self) -> None:
        """End: the article's end, not that of the blocks drawn so far. A long post still
        being drawn is drawn for `REACH` seconds at most; if its end is not drawn by then,
        the view goes there once it is (unless the reader scrolls first)."""
        self.going_to = None
        if not self.drawing:
            super().action_scroll_end()
            return
        self.ending = not self.draw_for(self.REACH)
        if not self.ending:
            self._to_end()

    def draw_for(self, seconds: float) -> bool:
        """Draw what is still to draw for `seconds` at most (a chunk at least); whether
        it is all drawn."""
        started = monotonic()
        while self._rest is not None:
            self.draw(self.CHUNK, slide=False)
            if monotonic() >= started + seconds:
                break
        return self._rest is None

    def _to_end(self) -> None:
        """Scroll to the last row (once the spacers are laid out at the new height)."""
        self._slide()
        rows = self.measured_rows()
        if rows is not None:
            self._scroll_to_row(max(0, rows.total - self.size.height))

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if new_value != old_value:  # the reader moved on: the place waited for is not wanted
            self.going_to, self.ending = None, False
        self._slide()

    def on_resize(self, _event: events.Resize) -> None:
        rows = self._rows
        top, first = self.top_place(rows) if rows is not None else (0, 0)  # as laid out
        self._slide(force=True)
        if rows is not None and self._rows is not None and self._rows.width != rows.width:
            starts = self.row_starts(top) if first else None
            row = starts.row_of(first) if starts is not None else 0
            self._scroll_to_row(self._rows.tops[top] + row)  # the same place at the top

    def watch_virtual_size(self) -> None:
        if self._go_to_row is not None:  # the spacers are laid out: scroll there now
            self.call_later(self._scroll_to_row, *self._go_to_row, again=False)

    def _scroll_to_row(self, y: int, height: int = 0, again: bool = True) -> None:
        """Scroll so rows y..y+height are in view (`height` 0: row y at the top); if the
        spacers are not laid out that far yet, again once they are."""
        if height:
            region = Region(0, y, self.size.width, height)
            self.scroll_to_region(region, animate=False, immediate=True)
            there = self.scroll_y <= y < self.scroll_y + self.size.height
        else:
            self.scroll_to(y=y, animate=False, immediate=True)
            there = self.scroll_y == y
        self._go_to_row = None if there or not again else (y, height)

    def first_visible(self, rows: Rows | None = None) -> int:
        """The first block with text on screen (by `rows`, else as laid out now)."""
        rows = rows or self.measured_rows()
        if rows is None:
            return 0
        y = int(self.scroll_y)
        first = rows.at(y)
        if y >= rows.tops[first] + rows.lines(first):  # on the margin below it
            first += 1
        shown = self._shown
        return next((i for i in range(first, len(shown)) if shown[i].content.plain), 0)

    def top_place(self, rows: Rows | None = None) -> tuple[int, int]:
        """The first block with text on screen, and its first character on the top row
        (0 unless that row is inside the block: a paragraph many screens tall), by
        `rows` (else as laid out now)."""
        rows = rows or self.measured_rows()
        index = self.first_visible(rows)
        row = int(self.scroll_y) - rows.tops[index] if rows is not None else 0
        starts = self.row_starts(index, rows) if row > 0 and self._shown else None
        if starts is None:
            return index, 0
        return index, min(starts.first_on(row), len(self._shown[index].content.plain) - 1)

    def _show_block(self, index: int | None, offset: int = -1, near: bool = False) -> None:
        """Scroll so block `index` is at the top, or its row holding the source offset
        (see `show_offset`)."""
        self._slide()  # the spacers as tall as what is drawn, to scroll that far
        rows = self.measured_rows()
        if index is None or rows is None:
            return
        rendered, row = self._shown[index], 0
        if offset > rendered.block.start:  # (only then a row inside the block)
            inside = rendered.shown_range(offset, rendered.block.end + 1)
            starts = self.row_starts(index) if inside is not None else None
            if inside is not None and starts is not None:
                row = starts.row_of(inside[0])
                if near:
                    row = 0 if row < self.size.height // 3 else row - 2
        self._scroll_to_row(rows.tops[index] + row)

    def row_starts(self, index: int, rows: Rows | None = None) -> RowStarts | None:
        """Where block `index`'s rows begin at `rows`' width (else the view's; None before
        it has one). The last block's are kept: a paragraph many screens tall takes a
        moment."""
        rows = rows or self.measured_rows()
        if rows is None:
            return None
        rendered = self._shown[index]
        text, width = rendered.content.plain, text_width(rendered, rows.width)
        kept = self._row_starts
        if kept is None or kept.width != width or kept.text != text:
            kept = self._row_starts = RowStarts(text, width)
        return kept
