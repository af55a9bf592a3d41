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
    if text.isascii():
        return text
    text = normalize("NFC", text)
    if mode == "bigram":
        cut = _bigram_text(text)
        if cut is not None:
            return cut
    return _cut_runs(text, mode)


def _cut_runs(text: str, mode: Mode) -> str:
    """Each Hangul run cut on its own, with a space on each side (`AI타임스` is
    `AI 타임 임스`, not one word): the plain form of the cut, for every mode and text."""
    parts = _HANGUL_SPLIT.split(text)
    cutter = CUTTERS[mode]
    parts[1::2] = [f" {cutter(run)} " for run in parts[1::2]]
    return "".join(parts)


def _byte_table(*ranges: tuple[int, int]) -> bytes:
    """A `bytes.translate` table: 1 for the bytes in `ranges` (inclusive), else 0."""
    return bytes(int(any(low <= byte <= high for low, high in ranges)) for byte in range(256))


# Whether a UTF-16 code unit is Hangul (as `HANGUL`), from its high byte, and for the two
# high bytes where only some are, from its low byte too.
_HIGH_HANGUL = _byte_table((0xAC, 0xD6), (0x11, 0x11))
_HIGH_D7, _LOW_D7 = _byte_table((0xD7, 0xD7)), _byte_table((0x00, 0xA3))  # to U+D7A3
_HIGH_31, _LOW_31 = _byte_table((0x31, 0x31)), _byte_table((0x30, 0x8F))  # U+3130-318F
_LOW_SURROGATE = _byte_table((0xDC, 0xDF))
_ALL_SET = bytes.maketrans(b"\x01", b"\xff")
_SPACE = bytes.maketrans(b"\x01", b" ")
_LITTLE: Literal["little"] = "little"


def _bigram_text(text: str) -> str | None:
    """`_cut_runs(text, "bigram")` up to spaces (the same words, so the same tokens to
    the index), without a Python step per run: a post has hundreds of runs, and this
    runs over every post on import. None for text with a lone surrogate (never in a
    decoded file), which `_cut_runs` cuts.

    Each character is looked at as a UTF-16 code unit, all at once: which are Hangul is
    a `bytes.translate` of their high bytes, held as one integer a byte a character, so
    "the next is Hangul too" is a shift and an `&`. Each character then becomes three
    units, laid in one buffer by slices: a space where a run starts or goes on or just
    ended; the character itself, unless it ends a run of two or more (it is in the gram
    before it); and the next character, where both are Hangul (their gram). Units that
    stand for nothing are NULs, taken out at the end (a NUL of the text is a space
    first: either parts words).
    """
    if "\x00" in text:
        text = text.replace("\x00", " ")
    try:
        units = text.encode("utf-16-le")
    except UnicodeEncodeError:  # a lone surrogate
        return None
    n = len(units) // 2  # (a character beyond U+FFFF is two units, neither Hangul)
    low, high = units[0::2], units[1::2]
    hangul = int.from_bytes(high.translate(_HIGH_HANGUL), _LITTLE)
    for high_table, low_table, byte in ((_HIGH_D7, _LOW_D7, 0xD7), (_HIGH_31, _LOW_31, 0x31)):
        if byte in high:
            hangul |= int.from_bytes(high.translate(high_table), _LITTLE) & int.from_bytes(
                low.translate(low_table), _LITTLE
            )
    if not hangul:
        return text
    ones = int.from_bytes(b"\x01" * n, _LITTLE)
    after = hangul >> 8  # (a byte a character: whether the next one is Hangul)
    before = (hangul << 8) & ((1 << 8 * n) - 1)
    last = hangul & before & ~after  # (in the gram before it)
    gram = hangul & after
    if n != len(text):  # a character beyond U+FFFF: its second unit goes with its first
        second = int.from_bytes(high.translate(_LOW_SURROGATE), _LITTLE)
        last |= second
        gram |= second >> 8
    whole = int.from_bytes(units, _LITTLE)
    kept = _units(whole, ones ^ last, n)
    nexts = _units(whole >> 16, gram, n)
    cells = bytearray(6 * n)
    cells[0::6] = (hangul | before).to_bytes(n, _LITTLE).translate(_SPACE)
    cells[2::6], cells[3::6] = kept[0::2], kept[1::2]
    cells[4::6], cells[5::6] = nexts[0::2], nexts[1::2]
    return cells.decode("utf-16-le").replace("\x00", "")


def _units(units: int, mask: int, n: int) -> bytes:
    """The `n` code units `units` holds where `mask` (a byte a unit, 1 or 0) is 1, and
    NULs elsewhere."""
    each = mask.to_bytes(n, _LITTLE).translate(_ALL_SET)
    wide = bytearray(2 * n)
    wide[0::2] = wide[1::2] = each
    return (units & int.from_bytes(wide, _LITTLE)).to_bytes(2 * n, _LITTLE)


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
