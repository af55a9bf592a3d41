"""Search tokens for Korean: one function cuts both what is indexed and what is asked.

SQLite's unicode61 tokenizer keeps `네이버는` as one token, so `네이버` would miss it.
Here every run of Hangul is cut into overlapping two-syllable grams (`네이 이버 버는`),
as Lucene's CJK analyser does; other text is left for unicode61 to split into words.
A query is cut the same way and asked as a phrase, so `네이버` matches `네이 이버`
next to each other, and any two syllables (`카카`) are one gram. `bench/search_compare.py`
measures this against the trigram tokenizer and single-syllable grams.
"""

from __future__ import annotations

import re
from operator import add
from typing import TYPE_CHECKING, Literal
from unicodedata import normalize

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

Mode = Literal["bigram", "unigram"]

# Hangul syllables, jamo and compatibility jamo.
HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]+")
_HANGUL_SPLIT = re.compile(r"([\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]+)")
# What unicode61 treats as token characters (letters, digits): anything else separates.
WORD = re.compile(r"[^\W_]+")


def _bigrams(run: str) -> str:
    return " ".join(map(add, run, run[1:])) if len(run) > 2 else run


def _unigrams(run: str) -> str:
    return " ".join(run)


CUTTERS: dict[str, Callable[[str], str]] = {"bigram": _bigrams, "unigram": _unigrams}
MEMO_SIZE = 65536
"""Hangul runs remembered cut, per mode: words repeat (two runs in three of the user's
posts were cut before), and an import cuts every post's body. Forgotten all at once when
full."""
_memos: dict[str, dict[str, str]] = {mode: {} for mode in CUTTERS}


def _cut_spaced(run: str, mode: Mode) -> str:
    """A Hangul run cut into grams, with a space on each side (`AI타임스` stays
    `AI 타임 임스`, not one word)."""
    spaced = f" {CUTTERS[mode](run)} "
    memo = _memos[mode]
    if len(memo) >= MEMO_SIZE:
        memo.clear()
    memo[run] = spaced
    return spaced


SLICE = 1 << 18
"""Characters of a long text cut at a time: its pieces (a Python string each, a few
million for a 50 MB post) are not all held at once."""


def index_text(text: str, mode: Mode = "bigram") -> str:
    """`text` as the search index stores it: Hangul runs cut into grams, spaced apart."""
    if len(text) > SLICE:
        return "".join(_cut_text(piece, mode) for piece in _slices(text))
    return _cut_text(text, mode)


def _slices(text: str) -> Iterator[str]:
    """`text` in slices of at least `SLICE` characters, each ending with a line break (or
    a space): no Hangul run crosses one, and no character composes with one."""
    start = 0
    while len(text) - start > SLICE:
        cut = text.find("\n", start + SLICE, start + 2 * SLICE)
        if cut < 0:
            cut = text.find(" ", start + SLICE)
        if cut < 0:
            break
        yield text[start : cut + 1]
        start = cut + 1
    yield text[start:]


def _cut_text(text: str, mode: Mode) -> str:
    # One form of Korean: a post saved decomposed (NFD) is found by words typed composed.
    if not text.isascii():
        text = normalize("NFC", text)
    # Split, not a substitution with a callback: this runs over every post on import.
    parts = _HANGUL_SPLIT.split(text)
    known = _memos[mode].get
    parts[1::2] = [known(run) or _cut_spaced(run, mode) for run in parts[1::2]]
    return "".join(parts)


def query_expression(query: str, mode: Mode = "bigram") -> str | None:
    """An FTS5 expression that finds `query` as a reader means it, or None if it has no
    letters or digits.

    Each whitespace-separated word becomes one quoted phrase of its grams with a prefix
    star (so `Hyper` finds `HyperCLOVA` and one syllable finds the grams it starts);
    words must all match. User text only ever appears inside double quotes, with its
    own quotes removed, so FTS5 operators in it (`AND`, `NEAR`, `*`, `(`) are plain words.
    """
    phrases = []
    for word in query.split():
        tokens = WORD.findall(index_text(word, mode))
        if tokens:
            phrases.append('"' + " ".join(tokens) + '" *')
    return " AND ".join(phrases) if phrases else None


def match_terms(query: str) -> list[str]:
    """The pieces of `query` to mark in a snippet (lower-cased words and Hangul runs)."""
    return [piece.lower() for piece in WORD.findall(normalize("NFC", query))]
