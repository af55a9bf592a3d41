"""A long list of rows drawn line by line: only the rows on screen are ever rendered.

DataTable measures and renders every row it is given; with 10,000 articles that took
seconds to fill and doubled the memory. Here a row is a tuple of cells (`Content`, so
text from a post is never markup), columns have fixed widths except one that takes the
rest, and the cursor row is drawn with the theme's cursor colours.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.segment import Segment
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

if TYPE_CHECKING:
    from collections.abc import Sequence

    from rich.style import Style as RichStyle
    from textual import events

GAP = 2  # cells between columns


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    width: int | None = None  # None: a share of what the fixed columns leave
    right: bool = False  # numbers align right
    share: int = 1  # of the rest of the line, for a column without a width


@dataclass(frozen=True, slots=True)
class Row:
    key: str
    cells: tuple[Content, ...]  # one per column; a cell may hold two lines ("\n")


class RowList(ScrollView, can_focus=True):
    """Rows under a header line; a cursor moved with j/k, arrows, g/G, pages; Enter picks."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor(1)", "Down", show=False),
        Binding("up,k", "cursor(-1)", "Up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("home,g", "go(0)", "Top", show=False),
        Binding("end,G", "go(-1)", "Bottom", show=False),
        Binding("enter", "pick", "Open", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"rowlist--cursor", "rowlist--header"}
    DEFAULT_CSS = """
    RowList {
        height: 1fr;
        padding: 0 1;
        overflow-x: hidden;
    }
    RowList > .rowlist--header {
        text-style: bold;
        color: $text-accent;
    }
    RowList > .rowlist--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }
    RowList:blur > .rowlist--cursor {
        background: $block-cursor-blurred-background;
        color: $block-cursor-blurred-foreground;
        text-style: none;
    }
    """

    cursor_row: reactive[int] = reactive(0, always_update=True)

    class Picked(Message):
        """Enter (or a click on the cursor row) picked a row."""

        def __init__(self, key: str) -> None:
            self.key = key
            super().__init__()

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.columns: list[Column] = []
        self.rows: list[Row] = []
        self.row_height = 1

    # -- content -----------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self.rows)

    def set_columns(self, columns: Sequence[Column], row_height: int = 1) -> None:
        """New columns (and row height); the rows go."""
        self.columns = list(columns)
        self.row_height = row_height
        self.clear()

    def clear(self) -> None:
        self.rows = []
        self.cursor_row = 0
        self.scroll_to(y=0, animate=False)
        self._resize()

    def add_rows(self, rows: Sequence[Row]) -> None:
        self.rows.extend(rows)
        self._resize()

    def get_row_at(self, index: int) -> tuple[Content, ...]:
        return self.rows[index].cells

    def _resize(self) -> None:
        self.virtual_size = Size(self.size.width, 1 + len(self.rows) * self.row_height)
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self._resize()

    # -- drawing -----------------------------------------------------------------------

    def _widths(self, width: int) -> list[int]:
        fixed = sum(c.width or 0 for c in self.columns) + GAP * max(0, len(self.columns) - 1)
        shares = sum(c.share for c in self.columns if c.width is None) or 1
        rest = max(0, width - fixed)
        return [
            c.width if c.width is not None else max(6, rest * c.share // shares)
            for c in self.columns
        ]

    def _line(self, cells: Sequence[Content], line: int, width: int) -> Content:
        parts: list[Content] = []
        for column, cell, size in zip(self.columns, cells, self._widths(width), strict=False):
            lines = cell.split("\n") if "\n" in cell.plain else [cell]
            text = (lines[line] if line < len(lines) else Content("")).truncate(size, ellipsis=True)
            room = size - text.cell_length
            parts.append(text.pad_left(room) if column.right else text.pad_right(room))
        return Content(" " * GAP).join(parts)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y == 0:  # the header stays at the top
            header = [Content(c.title) for c in self.columns]
            rich = self.get_visual_style("rowlist--header").rich_style
            return self._strip(self._line(header, 0, width), rich, width)
        _, scroll_y = self.scroll_offset
        index, line = divmod(scroll_y + y - 1, self.row_height)
        if index >= len(self.rows):
            return Strip.blank(width, self.rich_style)
        components = ("rowlist--cursor",) if index == self.cursor_row else ()
        rich = self.get_visual_style(*components).rich_style
        return self._strip(self._line(self.rows[index].cells, line, width), rich, width)

    def _strip(self, content: Content, base: RichStyle, width: int) -> Strip:
        """One line: the row's own styles (bold, underline) over the base colours."""
        segments = [
            Segment(text, base + style if style else base)
            for text, style, _ in content.render_segments()
        ]
        return Strip(segments).crop_extend(0, width, base)

    # -- moving ------------------------------------------------------------------------

    def watch_cursor_row(self, old: int, new: int) -> None:
        self.refresh()
        if not self.rows:
            return
        top = new * self.row_height
        _, scroll_y = self.scroll_offset
        visible = max(1, self.size.height - 1)
        if top < scroll_y:
            self.scroll_to(y=top, animate=False)
        elif top + self.row_height > scroll_y + visible:
            self.scroll_to(y=top + self.row_height - visible, animate=False)

    def move_cursor(self, row: int) -> None:
        if self.rows:
            self.cursor_row = max(0, min(row, len(self.rows) - 1))

    def action_cursor(self, step: int) -> None:
        self.move_cursor(self.cursor_row + step)

    def action_page(self, direction: int) -> None:
        rows = max(1, (self.size.height - 1) // self.row_height - 1)
        self.move_cursor(self.cursor_row + direction * rows)

    def action_go(self, where: int) -> None:
        self.move_cursor(len(self.rows) - 1 if where < 0 else where)

    def action_pick(self) -> None:
        if self.rows:
            self.post_message(self.Picked(self.rows[self.cursor_row].key))

    def on_click(self, event: events.Click) -> None:
        if event.y == 0 or not self.rows:
            return
        _, scroll_y = self.scroll_offset
        index = (scroll_y + event.y - 1) // self.row_height
        if index >= len(self.rows):
            return
        if index == self.cursor_row:
            self.action_pick()
        self.move_cursor(index)
