"""Where an article's blocks and their rows lie, worked out the way Textual lays them
out: each block's lines wrapped at its width (`Wrapped`), plus the CSS box below it (see
`window.BLOCK_CSS`). `tests/ui/test_window.py` checks them against Textual's own layout.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate
from typing import TYPE_CHECKING

from textual.css.styles import RulesMap

from reader_tui.widgets.wrapping import Wrapped, line_breaks

if TYPE_CHECKING:
    from collections.abc import Sequence

    from reader_tui.widgets.rendering import RenderedBlock

MARGIN = 1  # below every block
QUOTE_BAR = 2  # a quote's bar and the space after it
QUOTE_INDENT = (0, 0, 2, 4)  # deeper quotes further in (by depth, at most 3)


def depth(rendered: RenderedBlock) -> int:
    """How deep in quotes a block is (0: not quoted)."""
    block = rendered.block
    return min(3, block.level if block.kind == "quote" else block.quote)


def text_width(rendered: RenderedBlock, width: int) -> int:
    """The cells a block's text wraps at in an article whose blocks are `width` wide."""
    quoted = depth(rendered)
    return max(1, width - (QUOTE_BAR + QUOTE_INDENT[quoted] if quoted else 0))


def height(rendered: RenderedBlock, width: int) -> int:
    """The rows a block takes in an article whose blocks are `width` cells wide."""
    return Wrapped.of(rendered.content).get_height(RulesMap(), text_width(rendered, width)) + MARGIN


class RowStarts:
    """Where each row of a block's text begins, wrapped as `Wrapped` wraps it at `width`:
    the row a character is on, and the first character on a row. (In a paragraph many
    screens tall, a highlight, a match or the reader's place is a row, not its top.)"""

    def __init__(self, text: str, width: int) -> None:
        self.text, self.width = text, width
        starts: list[int] = []
        at = 0
        for line in text.split("\n"):
            starts.append(at)
            starts.extend(at + cut for cut in line_breaks(line, width))
            at += len(line) + 1
        self.starts = starts

    def row_of(self, index: int) -> int:
        """The row character `index` is on."""
        return bisect_right(self.starts, index) - 1

    def first_on(self, row: int) -> int:
        """The index of the first character on `row`."""
        return self.starts[max(0, min(row, len(self.starts) - 1))]


class Rows:
    """Where each block starts, in rows from the article's top."""

    def __init__(self, shown: Sequence[RenderedBlock], width: int) -> None:
        self.width = width
        self.tops = [0]
        self.extend(shown)

    def extend(self, more: Sequence[RenderedBlock]) -> None:
        """Blocks added below the others."""
        width = self.width
        tops = accumulate((height(r, width) for r in more), initial=self.tops[-1])
        next(tops)  # the last top already
        self.tops.extend(tops)

    @property
    def total(self) -> int:
        return self.tops[-1]

    def __len__(self) -> int:
        return len(self.tops) - 1

    def at(self, y: int) -> int:
        """The block on row `y` (its margin row included)."""
        return max(0, min(len(self) - 1, bisect_right(self.tops, y) - 1))

    def lines(self, index: int) -> int:
        """The rows of block `index`'s text."""
        return self.tops[index + 1] - self.tops[index] - MARGIN

    def covering(self, top: int, bottom: int) -> range:
        """The blocks with a row between `top` and `bottom`."""
        return range(self.at(top), self.at(bottom) + 1) if len(self) else range(0)


def wanted(rows: Rows, mounted: range, y: int, screen: int) -> range:
    """The blocks to mount for a view of `screen` rows at row `y`: `mounted` while it
    still reaches half a screen beyond the view on both sides, else the blocks from two
    screens above the view to two below it."""
    near = rows.covering(y - screen // 2, y + screen + screen // 2)
    if mounted and mounted.start <= near.start and near.stop <= mounted.stop:
        return mounted
    return rows.covering(y - 2 * screen, y + 3 * screen)
