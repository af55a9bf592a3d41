"""The article view: a post rendered block by block (see `rendering`), with a caret,
a keyboard selection, find marks and the map from screen text back to the source.
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import takewhile
from operator import attrgetter
from typing import TYPE_CHECKING, ClassVar

from textual.message import Message

from reader_tui.post.blocks import chunk_blocks, chunks, contains, split_blocks
from reader_tui.widgets.article_keys import ARTICLE_BINDINGS, CARET_KEYS, SELECTING_KEYS
from reader_tui.widgets.rendering import (
    RenderedBlock,
    footnote_numbers,
    is_footnote,
    render_block,
)
from reader_tui.widgets.shown_text import Caret, by_a_word, find_matches, moved
from reader_tui.widgets.window import BlockScroll, BlockView

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from textual.binding import BindingType
    from textual.content import Content

    from reader_tui.models import StoredHighlight
    from reader_tui.post.blocks import Block


FOUND = "bold underline on $warning 35%"  # every match of a find
FOUND_NOW = "bold reverse"  # the one the reader is on


class ArticleView(BlockScroll, can_focus=True):
    """A post rendered block by block; keeps the offset map for every character.

    With `v` a caret appears: move it by character, word, sentence or paragraph, press
    `v` (or space) to start selecting, or hold shift with an arrow, and the screen's
    highlight keys take the selection.
    """

    ALLOW_SELECT = True

    BINDINGS: ClassVar[list[BindingType]] = ARTICLE_BINDINGS

    class HighlightShown(Message):
        """The article scrolled to a highlight."""

        def __init__(self, highlight_id: int) -> None:
            self.highlight_id = highlight_id
            super().__init__()

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.text = ""
        self.highlights: list[StoredHighlight] = []
        # The highlights by where they start, for `_in` (made again when they change).
        self._by_start: tuple[list[StoredHighlight], list[int], list[StoredHighlight]] | None = None
        self.active: int | None = None
        self.footnotes: dict[str, int] = {}
        self.caret_at: Caret | None = None
        self.select_from: Caret | None = None
        self.found: list[tuple[int, int, int]] = []  # find matches: (block, start, end)
        self.found_at = -1  # the current match
        self.finding: str | None = None  # words to find once the post is all drawn

    def show_article(
        self, text: str, body_start: int, body_end: int, highlights: Sequence[StoredHighlight]
    ) -> None:
        """Render `text[body_start:body_end]` with its highlights."""
        self.text = text
        self.highlights = list(highlights)
        self.caret_at = self.select_from = None
        self.found, self.found_at, self.finding = [], -1, None
        self.footnotes = footnote_numbers(text, body_start, body_end)
        # The runs to the end of the text, as the session's outline found them (the same
        # question, answered once); the article's blocks are those before `body_end`.
        spans = chunks(text, body_start)
        blocks: Iterator[Block]
        if spans is None or self.footnotes:  # fenced code, or footnotes to put at the end
            listed = split_blocks(text, body_start, body_end)
            notes = [block for block in listed if is_footnote(text, block)]
            blocks, expected = iter([b for b in listed if b not in notes] + notes), len(listed)
        else:  # split as they are drawn (see BlockScroll)
            blocks = takewhile(
                lambda b: b.start < body_end,
                (b for cs, ce in spans for b in chunk_blocks(text, cs, ce)),
            )
            expected = bisect_left(spans, (body_end,))
        if contains(text, "{:toc}", body_start, body_end):  # Jekyll's own
            blocks = (b for b in blocks if "{:toc}" not in text[b.content_start : b.content_end])
        rendered = (
            render_block(text, block, self._in(block), self.active, self.footnotes)
            for block in blocks
        )
        self.show_blocks(
            (r for r in rendered if r.content.plain.strip() or r.block.kind == "break"),
            expected,
            in_order=not self.footnotes,
        )

    def _view(self, index: int) -> BlockView:
        rendered = self._rendered(index)
        return BlockView(rendered, self._decorated(index, rendered))

    def _rendered(self, index: int) -> RenderedBlock:
        block = self._shown[index].block
        return render_block(self.text, block, self._in(block), self.active, self.footnotes)

    def _in(self, block: Block) -> list[StoredHighlight]:
        """The highlights that overlap `block` (found by bisection: a post with 10,000
        highlights in as many paragraphs is not 10,000 x 10,000 comparisons)."""
        if self._by_start is None or self._by_start[0] is not self.highlights:
            ordered = sorted(self.highlights, key=attrgetter("start"))  # (in order: no work)
            self._by_start = (self.highlights, [h.start for h in ordered], ordered)
        _source, starts, ordered = self._by_start
        # Highlights never nest, so one that starts before the block and overlaps it is
        # among the few just before it.
        first = max(0, bisect_left(starts, block.start) - 8)
        last = bisect_left(starts, block.end)
        found = [h for h in ordered[first:last] if h.end > block.start]
        if first and ordered[first - 1].end > block.start:  # a long one, further back
            found = [h for h in self.highlights if h.start < block.end and h.end > block.start]
        return found

    def set_highlights(self, highlights: Sequence[StoredHighlight]) -> None:
        """Show these highlights: the mounted blocks whose highlights changed are drawn
        again (the rest of a long post's, read after its first frame, change none)."""
        before = {index: self._in(self._shown[index].block) for index in self._views}
        self.highlights = list(highlights)
        self._rerender([i for i, was in before.items() if self._in(self._shown[i].block) != was])

    def _rerender(self, only: Sequence[int] | None = None) -> None:
        """Draw the mounted blocks (or those of `only`) again; the others are drawn as
        they are when they are mounted."""
        for index in sorted(self._views if only is None else set(only) & set(self._views)):
            rendered = self._rendered(index)
            self._views[index].show(rendered, self._decorated(index, rendered))

    # -- the caret ---------------------------------------------------------------------

    def _decorated(self, index: int, rendered: RenderedBlock) -> Content | None:
        """The block's content with the caret and the keyboard selection drawn on it."""
        caret = self.caret_at
        content = rendered.content
        marks = [m for m in self.found if m[0] == index]
        for n, (_block, start, end) in enumerate(self.found):
            if _block == index:
                current = n == self.found_at
                content = content.stylize(FOUND_NOW if current else FOUND, start, end)
        if caret is None or not rendered.content.plain:
            return content if marks else None
        span = self.selection_span()
        if span is not None and span[0] == index:
            content = content.stylize("reverse", span[1], span[2])
        elif self.select_from is not None and index in (self.select_from.block, caret.block):
            content = content.stylize("reverse dim", 0, len(content.plain))
        if caret.block == index:
            content = content.stylize("reverse underline", caret.index, caret.index + 1)
        return content

    def selection_span(self) -> tuple[int, int, int] | None:
        """The keyboard selection as (block, start, end) in shown characters: as in a text
        editor, the caret sits before the character it is drawn on, so the selection runs
        from the anchor up to the caret, not through the character after it (`w` and `)`
        stop at the next word or sentence: the spaces before it are left out). None
        without a selection or when it spans paragraphs."""
        if (
            self.caret_at is None
            or self.select_from is None
            or self.select_from.block != self.caret_at.block
        ):
            return None
        start, end = sorted((self.select_from.index, self.caret_at.index))
        plain = self._shown[self.caret_at.block].content.plain  # (drawn: the caret is in it)
        while end > start and plain[end - 1].isspace():
            end -= 1
        return self.caret_at.block, start, end

    def keyboard_selection(self) -> tuple[RenderedBlock, int, int] | str | None:
        """What the keyboard selected, or why it cannot be highlighted, or None."""
        if self.select_from is None or self.caret_at is None:
            return None
        span = self.selection_span()
        if span is None:
            return "A highlight must stay within one paragraph."
        return self._shown[span[0]], span[1], span[2]

    def mode_keys(self) -> Sequence[tuple[str, str]] | None:
        """The key bar's keys while a caret is shown (else the screen's)."""
        if self.caret_at is None:
            return None
        if self.select_from is None:
            return CARET_KEYS
        return SELECTING_KEYS

    def _mode_changed(self) -> None:
        self.screen.refresh_bindings()  # the key bar shows the keys of the new mode

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Without a caret the arrows scroll and Escape goes back, as they always do.
        if action == "move":
            return self.caret_at is not None
        if action == "leave_caret":
            return self.caret_at is not None or bool(self.found) or self.finding is not None
        return True

    def action_line(self, direction: int) -> None:
        """↓/↑ (j/k): scroll a line; with a caret shown, move it a paragraph."""
        if self.caret_at is None:
            self.scroll_relative(y=direction, animate=False)
        else:
            self.action_move("block", direction)

    def action_space(self) -> None:
        """Space: the next page; with a caret shown, start or drop the selection."""
        if self.caret_at is None:
            self.scroll_page_down(animate=False)
        else:
            self.action_caret()

    def action_back(self) -> None:
        """b: a page back; with a caret shown, a word back."""
        if self.caret_at is None:
            self.scroll_page_up(animate=False)
        else:
            self.action_move("word", -1)

    def action_caret(self) -> None:
        """Show the caret at the top of the view; with one shown, start or drop a selection."""
        if not self._shown:
            return
        if self.caret_at is None:
            self.caret_at = Caret(*self.top_place())
            self._move_to(self.caret_at, self.caret_at)
        else:
            self.select_from = None if self.select_from is not None else self.caret_at
            self._rerender([self.caret_at.block])
        self._mode_changed()

    def action_extend(self, unit: str, direction: int) -> None:
        """Shift with an arrow: select as the caret moves (shown first if it is not)."""
        if self.caret_at is None:
            self.action_caret()
        if self.caret_at is not None and self.select_from is None:
            self.select_from = self.caret_at
            self._mode_changed()
        self.action_move(unit, direction)

    def action_leave_caret(self) -> None:
        """Escape: drop the selection, then the caret, then the find's marks."""
        if self.caret_at is None:
            self.find("")
            return
        old = [c.block for c in (self.caret_at, self.select_from) if c is not None]
        if self.select_from is not None:
            self.select_from = None
        else:
            self.caret_at = None
        self._rerender(old)
        self._mode_changed()

    def clear_caret(self) -> None:
        """Drop the selection and the caret (after a highlight is made)."""
        old = [c.block for c in (self.caret_at, self.select_from) if c is not None]
        self.caret_at = self.select_from = None
        self._rerender(old)
        self._mode_changed()

    def action_move(self, unit: str, direction: int) -> None:
        """Move the caret by a character, word, sentence or paragraph."""
        caret = self.caret_at
        if caret is None:
            return
        # A move goes a block on at most: in a long post still being drawn, only the
        # blocks up to the one after the caret's need to be (not the rest at once).
        while self.drawing and len(self._shown) <= caret.block + 1:
            self.draw(self.CHUNK)
        plains = [rendered.content.plain for rendered in self._shown]
        self._move_to(caret, moved(plains, caret, unit, direction))

    def _move_to(self, old: Caret, new: Caret) -> None:
        self.caret_at = new
        touched = [old.block, new.block]
        if self.select_from is not None:
            touched.append(self.select_from.block)
        self._rerender(touched)
        self._scroll_to_char(new.block, new.index)

    def _scroll_to_char(self, block: int, index: int, away: bool = False) -> None:
        """Bring a character's row into view (`away`: a match, maybe far off: if it is
        not on screen, its row goes a third of the way down, not to the edge)."""
        rows, starts = self.measured_rows(), self.row_starts(block)
        if rows is not None and starts is not None:
            y = rows.tops[block] + starts.row_of(index)
            if away and not self.scroll_y <= y < self.scroll_y + self.size.height:
                self._scroll_to_row(max(0, y - self.size.height // 3))
            else:
                self._scroll_to_row(y, 1)

    # -- find ----------------------------------------------------------------------------

    def find(self, query: str) -> int | None:
        """Mark every match of `query` in the shown text (see `find_matches`); returns
        how many there are (an empty query clears the marks). A long post still being
        drawn is drawn for `REACH` seconds at most; if it is not all drawn by then, None:
        the matches are marked once it is (`Found` says how many), and keys are answered
        meanwhile."""
        self.finding = None
        touched = {m[0] for m in self.found}
        found: list[tuple[int, int, int]] = []
        if query.strip():
            if not self.draw_for(self.REACH):
                self.finding = query
                return None
            plains = [
                "" if rendered.block.kind == "break" else rendered.content.plain
                for rendered in self._shown
            ]
            found = find_matches(plains, query)
        self.found, self.found_at = found, -1
        touched |= {m[0] for m in self.found}
        self._rerender(sorted(touched))
        self.post_message(self.FindChanged())
        return len(self.found)

    def drawn_more(self) -> None:
        super().drawn_more()
        if self.finding is not None and not self.drawing:
            words = self.finding
            self.post_message(self.Found(words, self.find(words) or 0))

    class Found(Message):
        """A find waited for the post to be drawn, and has marked its matches."""

        def __init__(self, words: str, count: int) -> None:
            self.words = words
            self.count = count
            super().__init__()

    def next_match(self, direction: int, nearest: bool = False) -> None:
        """Go to the next (or previous) match; `nearest`: the first from the view's top."""
        if not self.found:
            return
        old = self.found[self.found_at][0] if self.found_at >= 0 else None
        if nearest or self.found_at < 0:
            top = self.top_place()  # (in a tall paragraph, its row on top, not its start)
            self.found_at = next((n for n, m in enumerate(self.found) if m[:2] >= top), 0)
        else:
            self.found_at = (self.found_at + direction) % len(self.found)
        block, start, _end = self.found[self.found_at]
        self._rerender([block] if old is None else [block, old])
        self._scroll_to_char(block, start, away=True)

    class FindChanged(Message):
        """Matches of a find were marked or cleared (the keys on the bar change)."""

    def top_offset(self) -> int:
        """The source offset of the first block on screen (where the reader is), or of
        the first character on the top row if that is inside a block (a paragraph many
        screens tall), or of the place the view is about to go to."""
        if self.going_to is not None:
            return self.going_to
        if not self._shown:  # (the blocks on screen are drawn, if not all of them yet)
            return 0
        index, first = self.top_place()
        rendered = self._shown[index]
        return rendered.offset_at(first) if first else rendered.block.start

    def read_so_far(self) -> float:
        """How much of the article has been on screen, from its top: 0-1."""
        height = self.virtual_size.height
        if self.drawing:  # the blocks drawn so far are not the whole height: count blocks
            rows = self.measured_rows()
            last = rows.at(int(self.scroll_y) + self.size.height) + 1 if rows else 0
            return min(1.0, last / max(1, self._expected))
        if height <= self.size.height:
            return 1.0
        return min(1.0, (self.scroll_y + self.size.height) / height)

    def view_for(self, offset: int) -> BlockView | None:
        """The widget of the block that holds the source offset, if it is mounted."""
        index = self.index_for(offset)
        return None if index is None else self._views.get(index)

    def resized(self, highlight: StoredHighlight, words: int) -> tuple[int, int] | str:
        """The source range of `highlight` grown (`words` > 0) or shrunk by a word at its
        end, or why it cannot be."""
        index = self.index_for(highlight.start)
        if index is None:
            return "That highlight is not on screen."
        rendered = self._shown[index]  # (drawn by `index_for`)
        inside = rendered.shown_range(highlight.start, highlight.end)
        if inside is None:
            return "That highlight is not on screen."
        grown = by_a_word(rendered.content.plain, *inside, words)
        if isinstance(grown, str):
            return grown
        found = rendered.source_range(*grown)
        return "Nothing to highlight there." if found is None else found

    def go_to(self, highlight: StoredHighlight, stay: bool = False) -> None:
        """Scroll to a highlight and mark it; `stay`: the view does not move if the
        highlight's start is on screen (one just made, recoloured or resized there)."""
        self.active = highlight.id
        self._rerender()
        index = self.place_of(highlight.start) if stay else None
        inside = (
            self._shown[index].shown_range(highlight.start, highlight.end)
            if index is not None
            else None
        )
        if index is not None and inside is not None:
            self._scroll_to_char(index, inside[0], away=True)
        else:
            self.show_offset(highlight.start, near=True)  # (in a long post, once drawn)
        self.post_message(self.HighlightShown(highlight.id))
