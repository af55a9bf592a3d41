"""How Hangul is cut into search grams, with the cut runs remembered."""

from __future__ import annotations

import tracemalloc
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from reader_tui import grams


def test_each_mode_cuts_a_word_its_own_way_even_when_remembered() -> None:
    for _ in range(2):  # the second time from what was remembered
        assert grams.index_text("AI타임스는 네이버", "bigram") == "AI 타임 임스 스는   네이 이버 "
        assert grams.index_text("AI타임스는 네이버", "unigram") == "AI 타 임 스 는   네 이 버 "


def test_the_remembered_cuts_stay_bounded_and_right() -> None:
    words = [chr(0xAC00 + n) + chr(0xAC01 + n) + chr(0xAC02 + n) for n in range(300)]
    with mock.patch.object(grams, "MEMO_SIZE", 50):
        for word in words * 2:
            assert grams.index_text(word).split() == [word[:2], word[1:]]
            assert len(grams._memos["bigram"]) <= 50


LETTERS = st.sampled_from(
    [
        *("네이버", "가", "AI", "word", " ", "  ", "\n", "\r\n", "\t", ".", "1"),
        *("\u1100\u1161", "\u1112\u1161\u11ab", "\u11ab", "\u3131", "e\u0301", "\u0301"),
    ]
)


@settings(max_examples=400)
@given(st.lists(LETTERS, max_size=40).map("".join), st.integers(1, 6))
def test_a_long_text_cut_a_slice_at_a_time_is_cut_as_a_whole(text: str, size: int) -> None:
    whole = grams.index_text(text)
    with mock.patch.object(grams, "SLICE", size):  # as a 50 MB post is cut
        assert grams.index_text(text) == whole
        assert "".join(grams._slices(text)) == text


def test_a_long_post_is_cut_without_holding_all_its_pieces() -> None:
    line = "국내 AI 연합체가 초거대 모델을 함께 연구한다는 소식이 잇달아 들려온다.\n"
    text = line * 40_000  # 1.6 million characters
    tracemalloc.start()
    try:
        cut = grams.index_text(text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert cut == grams.index_text(line) * 40_000
    # The text and its cut (in Python's 2 bytes a character) and little more: all its
    # pieces at once would be about 50 bytes a run more, five times the cut.
    assert peak < 3 * 2 * len(cut)
