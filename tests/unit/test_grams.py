"""How Hangul is cut into search grams."""

from __future__ import annotations

import sqlite3
import tracemalloc
from unicodedata import normalize
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from reader_tui import grams
from tests.conftest import ROOT, corpus_files, external_dir


def test_each_mode_cuts_a_word_its_own_way() -> None:
    bigrams = grams.index_text("AI타임스는 네이버", "bigram")
    assert bigrams.split() == ["AI", "타임", "임스", "스는", "네이", "이버"]
    assert grams.index_text("AI타임스는 네이버", "unigram") == "AI 타 임 스 는   네 이 버 "


def fts_tokens(*texts: str) -> list[list[tuple[str, int]]]:
    """Each text's tokens and their positions, as SQLite's FTS5 (unicode61, the index's
    tokenizer) reads them."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(x, content='')")
    conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, instance)")
    conn.executemany("INSERT INTO t (rowid, x) VALUES (?, ?)", enumerate(texts, 1))
    rows = conn.execute("SELECT doc, term, offset FROM v ORDER BY doc, offset").fetchall()
    conn.close()
    return [[(term, at) for doc, term, at in rows if doc == n] for n in range(1, len(texts) + 1)]


def assert_cut_as_runs(text: str) -> None:
    """The whole-text cut gives the index the tokens that cutting run by run gives."""
    cut = grams.index_text(text)
    by_runs = grams._cut_runs(normalize("NFC", text), "bigram")
    ours, theirs = fts_tokens(cut, by_runs)
    assert ours == theirs
    if "\x00" not in text:  # (a NUL is a space in the cut: it parts words alike)
        assert cut.split() == by_runs.split()
    assert grams.WORD.findall(cut) == grams.WORD.findall(by_runs)  # as a query is cut


# Characters at the edges of what is Hangul (U+AC00-D7A3, U+1100-11FF, U+3130-318F),
# beyond U+FFFF, NUL, and what parts or joins words.
EDGES = st.sampled_from(
    [
        *"\uabff\uac00\uac01\ud6ff\ud700\ud7a3\ud7a4\ud7ff\u10ff\u1100\u11ff\u1200",
        *"\u312f\u3130\u318f\u3190\u31ff\u3100\uacff\u11ac\u31d7\ud731",
        *"가나다라힣흐름희ㄱㅋㅏ",
        *"aZ09 \t\n\r.,·…“”\uff08\uff09\x00\x01_-",
        *"\U0001f600\U00020000\U000e0100\u0301\u00e9",
    ]
)


@settings(max_examples=400)
@given(st.text(EDGES, max_size=30))
def test_the_whole_text_cut_gives_the_tokens_the_run_by_run_cut_gives(text: str) -> None:
    assert_cut_as_runs(text)


def test_the_whole_text_cut_gives_the_run_by_run_tokens_on_every_post() -> None:
    external = external_dir()
    posts = [*corpus_files(), *sorted((ROOT / "notes").rglob("*.md"))]
    posts += sorted(external.rglob("*.md")) if external is not None else []
    assert posts
    for path in posts:  # (one of the external posts is UTF-16: read for its text anyway)
        assert_cut_as_runs(path.read_bytes().decode("utf-8", "replace"))


def test_text_a_whole_text_cut_cannot_take_is_cut_run_by_run() -> None:
    for text in ["\ud83d가나다", "가나다\udc00"]:  # lone surrogates (not from a file)
        assert grams.index_text(text) == grams._cut_runs(text, "bigram")


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
