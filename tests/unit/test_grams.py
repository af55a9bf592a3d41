"""How Hangul is cut into search grams, with the cut runs remembered."""

from __future__ import annotations

from unittest import mock

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
