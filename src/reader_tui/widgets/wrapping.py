"""Line breaking for Korean text: no line starts with closing punctuation.

Textual wraps at spaces, as Korean does between words, and folds a run without spaces
that is wider than the pane wherever the width runs out, so a line may start with `)`,
`」` or `.`. `line_breaks` wraps as Textual does but folds such a run one character
earlier when the fold would leave closing punctuation at the start of a line or an
opening one at the end (kinsoku, as Korean and Japanese typesetting does).
`Wrapped` is a `Content` drawn with these breaks; its offsets and styles are the
content's own, so the map from screen to source is unchanged.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache
from itertools import accumulate
from typing import TYPE_CHECKING

from rich._unicode_data import load as load_cell_table
from rich._wrap import divide_line
from rich.cells import cell_len, get_character_cell_size
from textual._loop import loop_last
from textual.content import Content, _FormattedLine
from textual.style import Style

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.css.styles import RulesMap
    from textual.css.types import TextAlign, TextOverflow
    from textual.selection import Selection

NO_LINE_START = frozenset(",.!?:;%)]}»」』”’…·、。，〉》】\u3015\uff09")
"""Characters that close something: never the first of a line."""
NO_LINE_END = frozenset("([{«「『“‘〈《【\u3014\uff08")
"""Characters that open something: never the last of a line."""
WORD = re.compile(r"\s*\S+\s*")


def _bad_break(text: str, at: int) -> bool:
    return text[at] in NO_LINE_START or text[at - 1] in NO_LINE_END


def line_breaks(text: str, width: int) -> list[int]:
    """Where to break `text` (one line, no tabs) to fit `width` cells: at spaces as
    Textual does, and inside a run too wide for a line, never before closing or after
    opening punctuation (unless the whole piece is such punctuation)."""
    if width <= 0 or "\t" in text:
        return divide_line(text, max(width, 1))
    cells = _cells_before(text)
    if cells is not None:
        if cells[-1] <= width:  # the whole line fits
            return []
        found = _breaks_by_rows(text, width, cells)
        if found is not None:
            return found
    return _breaks_by_words(text, width)


_NOT_BY_CHARACTER = re.compile("[^\\S ]|[\u200d\ufe0f\U00010000-\U0010ffff]")
"""A space other than ` `, a joiner, a variation selector or a character beyond the BMP."""
_NOT_SPACE = re.compile(r"\S")


@cache
def _widths() -> str:
    """Each character of the Basic Multilingual Plane's width in cells, as a character
    (chr(0) to chr(2)): what `get_character_cell_size` says of it, read off Rich's table."""
    table = bytearray(b"\x01" * 0x10000)
    for start, end, cells in load_cell_table("auto").widths:
        if start < 0x10000:
            end = min(end, 0xFFFF)
            table[start : end + 1] = bytes([cells]) * (end + 1 - start)
    table[1:32] = bytes(31)
    table[0x7F:0xA0] = bytes(0xA0 - 0x7F)
    return table.decode("latin-1")


def _cells_before(text: str) -> list[int] | None:
    """The cells of `text` before each of its characters, and in all (None where widths
    are not one character's each: joiners and variation selectors, characters beyond
    the BMP; or where a space other than ` ` is in it, left to `_breaks_by_words`)."""
    if _NOT_BY_CHARACTER.search(text):
        return None
    return list(accumulate(text.translate(_widths()).encode("latin-1"), initial=0))


def _breaks_by_rows(text: str, width: int, cells: list[int]) -> list[int] | None:
    """`_breaks_by_words`' breaks found a row at a time from `cells` (a bisection and a
    search each, not a step for every word: a 50 MB post has five million); None if a
    word is wider than a line (folded by `_breaks_by_words`)."""
    breaks: list[int] = []
    end = len(text)
    first = len(text) - len(text.lstrip(" "))  # the first word's start (after indent)
    row = 0
    while True:
        # The first character that does not fit on this row.
        over = bisect_right(cells, cells[row] + width) - 1
        if over >= end:
            return breaks
        if text[over] == " " and over >= first:  # the words before it fit
            word = _NOT_SPACE.search(text, over)  # the next one starts a row
            if word is None:
                return breaks  # only spaces after it, which may run past the edge
            following = word.start()
        else:  # the word it is in starts the next row, unless it starts this one
            following = text.rfind(" ", row, over) + 1
            if following <= max(first, breaks[-1] if breaks else 0):
                return None
        if text[following] in NO_LINE_START:  # `차이는 ?`: the `?` goes with its word
            before = _word_before(text, following, max(row, first))
            if _movable(text, max(row, first), before) and _fits(
                text, before, following, width, cells
            ):
                following = before
        row = following
        breaks.append(row)


def _word_before(text: str, start: int, line: int) -> int:
    """Where the last word before the one at `start` (after a space) starts that is not
    closing punctuation (`가 ) )`: the `가`), looked for back to `line` (where the line
    starts: a line of a thousand `)` is not walked back over at each of its breaks)."""
    while True:
        end = start
        while end > line and text[end - 1] == " ":
            end -= 1
        start = text.rfind(" ", line, end) + 1
        if end <= line or start <= line or text[start] not in NO_LINE_START:
            return max(start, line)


_WORD_CHARACTER = re.compile("[^\\s" + re.escape("".join(sorted(NO_LINE_START))) + "]")


def _movable(text: str, line: int, word: int) -> bool:
    """Whether the word at `word` may go to the next line: a word other than closing
    punctuation stays on the line it leaves (`line`: where that line's first word starts;
    a card's `? ` alone is no line)."""
    return word > line and _WORD_CHARACTER.search(text, line, word) is not None


def _fits(text: str, start: int, word: int, width: int, cells: list[int] | None = None) -> bool:
    """Whether text from `start` to the end of the word at `word` fits on a line."""
    end = text.find(" ", word)
    end = len(text) if end < 0 else end
    return (cells[end] - cells[start] if cells else cell_len(text[start:end])) <= width


def _breaks_by_words(text: str, width: int) -> list[int]:
    """`line_breaks` for any text, a word at a time. A word of closing punctuation alone
    (`차이는 ?`, as some write it) does not start a line: the word before it goes to
    the next line with it, unless that word starts its line or both do not fit."""
    breaks: list[int] = []
    used = 0  # cells on the current line
    line = len(text) - len(text.lstrip(" "))  # where the current line's first word starts
    for m in WORD.finditer(text):
        start, word = m.start(), m.group()
        length = cell_len(word.rstrip())
        if used + length <= width:
            used += cell_len(word)
            continue
        if length <= width:  # to the next line whole
            if used and start:
                cut = start
                if text[start] in NO_LINE_START:
                    before = _word_before(text, start, line)
                    if _movable(text, line, before) and _fits(text, before, start, width):
                        cut = before
                breaks.append(cut)
                line = cut
                used = cell_len(text[cut:start]) + cell_len(word)
                continue
            used = cell_len(word)
            continue
        if start:  # too wide for any line: fold it, starting on a line of its own
            breaks.append(start)
            line = start
        at, end = start, start + len(word.rstrip())
        while True:
            cut, cells = at, 0
            while cut < end and cells + get_character_cell_size(text[cut]) <= width:
                cells += get_character_cell_size(text[cut])
                cut += 1
            if cut >= end:
                used = cells + cell_len(word) - length
                break
            cut = max(cut, at + 1)  # a character wider than the line still takes one
            if cut >= end:  # and was the word's last
                used = cell_len(text[at:cut]) + cell_len(word) - length
                break
            moved = cut
            while moved > at + 1 and _bad_break(text, moved):
                moved -= 1
            if not _bad_break(text, moved):
                cut = moved
            breaks.append(cut)
            at = line = cut
    return breaks


def _parse(style: str | Style) -> Style:
    return style if isinstance(style, Style) else Style.parse(style)


class Wrapped(Content):
    """Content that breaks its lines with `line_breaks` when it wraps."""

    @classmethod
    def of(cls, content: Content) -> Wrapped:
        return cls(content.plain, list(content.spans), strip_control_codes=False)

    def get_height(self, rules: RulesMap, width: int) -> int:
        if rules.get("text_wrap", "wrap") == "nowrap":
            return super().get_height(rules, width)
        width -= rules.get("line_pad", 0) * 2
        return sum(len(line_breaks(line, width)) + 1 for line in self.plain.split("\n"))

    def _wrap_and_format(
        self,
        width: int,
        align: TextAlign = "left",
        overflow: TextOverflow = "fold",
        no_wrap: bool = False,
        line_pad: int = 0,
        tab_size: int = 8,
        selection: Selection | None = None,
        selection_style: Style | None = None,
        post_style: Style | None = None,
        get_style: Callable[[str | Style], Style] = _parse,
    ) -> list[_FormattedLine]:
        # Textual's own, with `line_breaks` for its `divide_line` (Textual 8.2).
        if no_wrap or overflow != "fold":
            return super()._wrap_and_format(
                width,
                align,
                overflow,
                no_wrap,
                line_pad,
                tab_size,
                selection,
                selection_style,
                post_style,
                get_style,
            )
        output: list[_FormattedLine] = []
        for y, line in enumerate(self.split(allow_blank=True)):
            if post_style is not None:
                line = line.stylize(post_style)
            span = selection.get_span(y) if selection is not None else None
            if selection_style is not None and span is not None:
                start, end = span
                line = line.stylize(selection_style, start, len(line.plain) if end == -1 else end)
            line = line.expand_tabs(tab_size)
            offsets = line_breaks(line.plain, width - line_pad * 2)
            pieces = [
                piece.truncate(width) if last else piece.rstrip().truncate(width)
                for last, piece in loop_last(line.divide(offsets))
            ]
            lines = [
                _FormattedLine(
                    get_style,
                    piece.rstrip_end(width).pad(line_pad, line_pad),
                    width,
                    offset,
                    y,
                    align=align,
                )
                for piece, offset in zip(pieces, [0, *offsets], strict=True)
            ]
            lines[-1].line_end = True
            output.extend(lines)
        return output
