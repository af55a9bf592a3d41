"""The text of a block as shown, walked as a reader walks it: where words and sentences
start, a range grown or shrunk by a word, the matches of a find. Plain functions over
strings; the article view maps what they return back to the source."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING
from unicodedata import normalize

if TYPE_CHECKING:
    from collections.abc import Sequence

WORD_START = re.compile(r"(?<!\S)\S")
SENTENCE_START = re.compile(r"(?<=[.!?。…])[\"'”’)\]]*\s+(?=\S)")


@dataclass(frozen=True, slots=True)
class Caret:
    """A position in the shown text: block number and character index in it."""

    block: int
    index: int


def moved(plains: Sequence[str], caret: Caret, unit: str, direction: int) -> Caret:
    """The caret moved by a `char`, `word`, `sentence` or `block` (paragraph) over the
    blocks' shown texts, forward (`direction` 1) or back (-1)."""
    block, index = caret.block, caret.index
    plain = plains[block]
    if unit == "block":  # as a word or a sentence: this paragraph's start or end first
        if direction < 0 and index == 0:
            block = max(0, block - 1)
        elif direction > 0 and block + 1 < len(plains):
            block += 1
        index = len(plain) - 1 if direction > 0 and block == caret.block else 0
    elif unit == "char":
        index += direction
        if index >= len(plain) and block + 1 < len(plains):
            block, index = block + 1, 0
        elif index < 0 and block > 0:
            block -= 1
            index = max(0, len(plains[block]) - 1)
    elif direction > 0:
        later = [s for s in unit_starts(plain, unit) if s > index]
        if later:
            index = later[0]
        elif block + 1 < len(plains):
            block, index = block + 1, 0
        else:
            index = max(0, len(plain) - 1)
    else:
        earlier = [s for s in unit_starts(plain, unit) if s < index]
        if earlier:
            index = earlier[-1]
        elif block > 0:
            block, index = block - 1, 0
    return Caret(block, max(0, min(index, max(0, len(plains[block]) - 1))))


def unit_starts(plain: str, unit: str) -> list[int]:
    """Where each word (`unit="word"`) or sentence starts in `plain`, 0 first."""
    if unit == "word":
        return [0] + [m.start() for m in WORD_START.finditer(plain)]
    return [0] + [m.end() for m in SENTENCE_START.finditer(plain)]


def by_a_word(plain: str, start: int, end: int, words: int) -> tuple[int, int] | str:
    """`[start, end)` with the next word taken in (`words` > 0) or its last word let go,
    or why it cannot be."""
    if words > 0:
        while end < len(plain) and plain[end].isspace():
            end += 1
        if end >= len(plain):
            return "The highlight already reaches the end of its paragraph."
        while end < len(plain) and not plain[end].isspace():
            end += 1
    else:
        while end > start and plain[end - 1].isspace():
            end -= 1
        while end > start and not plain[end - 1].isspace():
            end -= 1
        if not plain[start:end].strip():
            return "One word is left; x removes the highlight."
    return start, end


def find_matches(plains: Sequence[str], query: str) -> list[tuple[int, int, int]]:
    """Every match of `query` in the texts, as (text number, start, end): case ignored,
    NFC and NFD alike; if the whole query is nowhere, each of its words."""
    query = " ".join(query.split()).casefold()
    if not query:
        return []
    return _matches(plains, [query]) or _matches(plains, query.split())


def _matches(plains: Sequence[str], needles: Sequence[str]) -> list[tuple[int, int, int]]:
    forms = {form for n in needles for form in (normalize("NFC", n), normalize("NFD", n))}
    found = []
    for index, shown in enumerate(plains):
        plain = shown.casefold()
        if len(plain) != len(shown):
            plain = shown.lower()  # keep indices one to one
        spans = set()
        for form in forms:
            spans |= {(m.start(), m.end()) for m in re.finditer(re.escape(form), plain) if form}
        found += [(index, start, end) for start, end in sorted(spans)]
    return found
