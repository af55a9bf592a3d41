"""Korean line breaking: wrapped at spaces as Textual does, and a run too wide for the
pane folded so that no line starts with closing punctuation or ends with an opening one."""

from __future__ import annotations

import itertools
import re
import time

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from textual.content import Content

from reader_tui.widgets.block_rows import RowStarts
from reader_tui.widgets.wrapping import NO_LINE_END, NO_LINE_START, Wrapped, line_breaks


def _lines(text: str, width: int) -> list[str]:
    return [line.plain for line in Wrapped.of(Content(text)).wrap(width)]


def test_a_fold_never_leaves_closing_punctuation_at_the_start_of_a_line() -> None:
    # Ten syllables and a closing bracket, no space: 22 cells in a 20-cell pane.
    text = "가나다라마바사아자차)카타파하"
    assert [line.plain for line in Content(text).wrap(20)][1].startswith(")")  # Textual's
    assert _lines(text, 20) == ["가나다라마바사아자", "차)카타파하"]
    quoted = "「서울대네이버초대규」모"
    assert _lines(quoted, 20) == ["「서울대네이버초대", "규」모"]
    opening = "가나다라마바사아자「차카타파하」"  # the 「 would end the first line
    assert _lines(opening, 20) == ["가나다라마바사아자", "「차카타파하」"]


def test_text_with_spaces_wraps_as_textual_wraps_it() -> None:
    text = "인공지능 기술은 다양한 분야에서 활용되고 있다. (예: 번역, 요약)"
    for width in (10, 16, 20, 33, 80):
        assert _lines(text, width) == [line.plain for line in Content(text).wrap(width)]


def test_a_question_mark_written_after_a_space_is_not_left_alone_on_a_line() -> None:
    # Seen in tmux: a question card written `차이는 ?` wrapped its `?` onto a line of its own.
    text = "LLM과 검색 엔진의 차이는 ?"
    assert [line.plain for line in Content(text).wrap(24)][-1] == "?"  # Textual's
    assert _lines(text, 24) == ["LLM과 검색 엔진의", "차이는 ?"]
    assert _lines(text, 9) == ["LLM과", "검색", "엔진의", "차이는 ?"]
    # The word before it starts its line, or both do not fit: then it goes alone.
    assert _lines("가나다라 ?", 9) == ["가나다라", "?"]
    assert _lines(text, 7)[-1] == "?"


def test_a_line_of_closing_punctuation_words_wraps_in_time_growing_with_it() -> None:
    # Hostile text: at each break the word before is looked for back to the line's start
    # only (walked back to the first word, 100,000 of them took a minute).
    text = "가 " + ") " * 100_000
    started = time.monotonic()
    breaks = line_breaks(text, 40)
    assert time.monotonic() - started < 5
    assert len(breaks) == 5000  # 20 to a line: the `가` stays on the first
    assert text[: breaks[0]].startswith("가 )")


def test_the_screen_height_counts_the_lines_as_drawn() -> None:
    wrapped = Wrapped.of(Content("가나다라마바사아자차)카타파하\n둘째 줄"))
    assert wrapped.get_height({}, 20) == len(wrapped.wrap(20)) == 3


PIECES = st.lists(
    st.sampled_from(["가", "나", "다", "a", "b", ")", "」", ".", "「", "(", "“", "”", " ", "  "]),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(PIECES, st.integers(min_value=2, max_value=30))
def test_every_character_is_kept_and_every_line_fits(pieces: list[str], width: int) -> None:
    text = "".join(pieces)
    breaks = line_breaks(text, width)
    assert breaks == sorted(set(breaks))
    assert all(0 < b < len(text) for b in breaks)
    bounds = [0, *breaks, len(text)]
    for n, (start, end) in enumerate(itertools.pairwise(bounds)):
        assert cell_len(text[start:end].rstrip()) <= width, (text, width, breaks)
        if start > 0 and text[start - 1] == " " and text[start] in NO_LINE_START:
            # Closing punctuation after a space starts a line only when the last word
            # before that is not closing punctuation started the line before (after its
            # indent) or is its only such word, or it and what follows would not fit.
            words = [(m.start(), m.group()) for m in re.finditer(r"[^ ]+", text[:start])]
            before = next((at for at, w in reversed(words) if w[0] not in NO_LINE_START), 0)
            line = text[bounds[n - 1] : start]
            first_word = bounds[n - 1] + len(line) - len(line.lstrip(" "))
            word_end = text.find(" ", start) if " " in text[start:] else len(text)
            alone = not any(w[0] not in NO_LINE_START for w in text[first_word:before].split())
            assert before <= first_word or alone or cell_len(text[before:word_end]) > width
        folded = start > 0 and not text[start - 1].isspace()
        if folded and (text[start] in NO_LINE_START or text[start - 1] in NO_LINE_END):
            # Allowed only where no earlier cut in the line before would do.
            before = bounds[n - 1]
            assert all(
                text[cut] in NO_LINE_START or text[cut - 1] in NO_LINE_END
                for cut in range(before + 1, start)
            ), (text, width, breaks)


ROW_PIECES = st.lists(
    st.sampled_from(
        [
            *["가", "나다", "a", "bc", ")", "」", ".", "「", "(", "“", "”", "…", "·", " ", "  "],
            *["é", "\u0301", "가나다라마바사아자차카타파하", "https://example.com/a/b/c"],
            *["\u3000", "😀", "\u200d"],
        ]
    ),
    max_size=80,
)


@settings(max_examples=600, deadline=None)
@given(ROW_PIECES, st.integers(min_value=1, max_value=40), st.integers(min_value=0, max_value=3))
def test_breaks_found_a_row_at_a_time_are_those_found_a_word_at_a_time(
    pieces: list[str], width: int, indent: int
) -> None:
    """A line is broken a row at a time where every character's width is its own (a
    bisection over the cells before each character), else a word at a time; the breaks
    are the same either way, so what is drawn and its measured height agree."""
    from reader_tui.widgets.wrapping import _breaks_by_words

    text = " " * indent + "".join(pieces)
    assert line_breaks(text, width) == _breaks_by_words(text, width), (text, width)


def test_widths_read_off_rich_are_rich_widths_for_every_character() -> None:
    from rich.cells import get_character_cell_size

    from reader_tui.widgets.wrapping import _widths

    table = _widths()
    assert len(table) == 0x10000
    wrong = [
        cp
        for cp in range(0x10000)
        if ord(table[cp]) != get_character_cell_size(chr(cp)) and not 0xD800 <= cp < 0xE000
    ]
    assert wrong == []


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["가", "나", "a", ")", "「", " ", "\n", "하이라이트 "]), max_size=80),
    st.integers(min_value=2, max_value=30),
)
def test_row_starts_are_where_the_drawn_rows_begin(pieces: list[str], width: int) -> None:
    """A character's row in a wrapped block, and a row's first character: what a
    highlight, a match or the reader's place deep in a long paragraph scrolls to."""
    text = "".join(pieces)
    wrapped = Wrapped.of(Content(text))
    drawn = [line.plain for line in wrapped.wrap(width)]
    starts = RowStarts(text, width)
    assert len(starts.starts) == len(drawn) == wrapped.get_height({}, width)
    bounds = [*starts.starts, len(text) + 1]
    rows = [text[a:b].rstrip("\n").rstrip(" ") for a, b in itertools.pairwise(bounds)]
    assert rows == [line.rstrip(" ") for line in drawn]
    for index in range(len(text)):
        row = starts.row_of(index)
        assert starts.first_on(row) <= index < bounds[row + 1]
