"""The caret's paragraph moves (↑ ↓): in a paragraph many screens tall, they go to its
start or its end before leaving it, as a word or a sentence move does (↓ in the last
paragraph went back to its start, screens away)."""

from __future__ import annotations

from reader_tui.widgets.shown_text import Caret, moved

PARAGRAPHS = ["첫 문단이다.", "두 번째 문단은 아주 길다.", "마지막 문단."]


def test_down_goes_to_the_next_paragraph_then_to_the_end_of_the_last() -> None:
    assert moved(PARAGRAPHS, Caret(0, 3), "block", 1) == Caret(1, 0)
    assert moved(PARAGRAPHS, Caret(1, 5), "block", 1) == Caret(2, 0)
    end = Caret(2, len(PARAGRAPHS[2]) - 1)
    assert moved(PARAGRAPHS, Caret(2, 2), "block", 1) == end
    assert moved(PARAGRAPHS, end, "block", 1) == end


def test_up_goes_to_this_paragraphs_start_then_to_the_one_before() -> None:
    assert moved(PARAGRAPHS, Caret(1, 5), "block", -1) == Caret(1, 0)
    assert moved(PARAGRAPHS, Caret(1, 0), "block", -1) == Caret(0, 0)
    assert moved(PARAGRAPHS, Caret(0, 0), "block", -1) == Caret(0, 0)
