"""A highlight's identity beyond its offsets: the quote and the text around it. Pure.

Offsets are exact but fragile; the anchor (the quote with `ANCHOR` characters before and
after) finds the same passage again after the post was edited.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from difflib import SequenceMatcher
from typing import Any, TypeVar

Row = TypeVar("Row", bound=Mapping[str, Any])

ANCHOR = 32  # characters of context kept before and after a highlight


def anchor(text: str, start: int, end: int) -> tuple[str, str, str]:
    """(quote, prefix, suffix) of `text[start:end]`."""
    return text[start:end], text[max(0, start - ANCHOR) : start], text[end : end + ANCHOR]


def anchor_row(text: str, start: int, end: int, visible: str) -> tuple[str | None, str, str]:
    """(quote, prefix, suffix) as stored: the quote only when it is not the visible text."""
    quote, prefix, suffix = anchor(text, start, end)
    return (None if quote == visible else quote), prefix, suffix


def quote_of(row: Mapping[str, Any]) -> str:
    """The source a stored highlight covers (its text when no separate quote was kept)."""
    return str(row["quote"] if row["quote"] is not None else row["text"])


def common_suffix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def closeness(prefix: str, suffix: str, before: str, after: str) -> int:
    """How much of a remembered prefix and suffix the text around a passage still has."""
    return common_suffix(before, prefix) + common_prefix(after, suffix)


def relocate(text: str, quote: str, prefix: str, suffix: str, hint: int) -> int | None:
    """Where `quote` now starts in `text`: the occurrence whose surroundings best match
    the remembered prefix and suffix (nearest to `hint` on a tie), or None."""
    if not quote:
        return None
    best: tuple[int, int] | None = None
    best_at: int | None = None
    at = text.find(quote)
    while at >= 0:
        score = closeness(
            prefix,
            suffix,
            text[max(0, at - len(prefix)) : at],
            text[at + len(quote) : at + len(quote) + len(suffix)],
        )
        key = (score, -abs(at - hint))
        if best is None or key > best:
            best, best_at = key, at
        at = text.find(quote, at + 1)
    return best_at


def best_twin(rows: Sequence[Row], prefix: str, suffix: str, start: int) -> Row:
    """Of stored highlights with the same quote, the one whose anchor fits best."""
    return max(
        rows,
        key=lambda r: (
            closeness(r["prefix"], r["suffix"], prefix, suffix),
            -abs(r["start"] - start),
        ),
    )


CLOSE_ENOUGH = 0.6
"""How alike an edited passage must stay (difflib's ratio) to keep its highlight."""
SEARCH = 4096  # characters either side of the old place searched for an edited passage
MIN_CONTEXT = 6  # characters of the remembered context that must still be there


def likeness(a: str, b: str) -> float:
    """How alike two passages are, 0-1 (difflib's ratio, no junk heuristics)."""
    if a == b:
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _places(text: str, needle: str, lo: int, hi: int, tail: bool) -> list[int]:
    """Where `needle` (or its longest end that is still found: its tail for a prefix,
    its head for a suffix, at least MIN_CONTEXT characters) occurs in `text[lo:hi]`:
    the offset just after a prefix, or where a suffix starts."""
    while len(needle) >= MIN_CONTEXT:
        found: list[int] = []
        at = text.find(needle, lo, hi)
        while at >= 0 and len(found) < 8:
            found.append(at + len(needle) if tail else at)
            at = text.find(needle, at + 1, hi)
        if found:
            return found
        needle = needle[len(needle) // 4 :] if tail else needle[: len(needle) * 3 // 4]
    return []


def refind(text: str, quote: str, prefix: str, suffix: str, hint: int) -> tuple[int, int] | None:
    """Where a passage is now after it was edited: between what is left of the text
    that came before and after it (or, with one side gone, beside the other), if what
    lies there is still close enough to the old quote; None if nothing is."""
    if not quote:
        return None
    exact = relocate(text, quote, prefix, suffix, hint)
    if exact is not None:
        return exact, exact + len(quote)
    lo, hi = max(0, hint - SEARCH), min(len(text), hint + len(quote) + SEARCH)
    starts = _places(text, prefix, lo, hi, tail=True) if prefix else [0]
    ends = _places(text, suffix, lo, hi, tail=False) if suffix else [len(text)]
    spans = [(s, e) for s in starts for e in ends if 0 < e - s <= 2 * len(quote) + 16]
    if not spans:  # one side of the context is gone: the passage beside the other
        spans = [(s, min(len(text), s + len(quote))) for s in (starts if prefix else [])]
        spans += [(max(0, e - len(quote)), e) for e in (ends if suffix else [])]
    best: tuple[float, int] | None = None
    found: tuple[int, int] | None = None
    for start, end in spans:
        while start < end and text[start].isspace() and not quote[0].isspace():
            start += 1
        while end > start and text[end - 1].isspace() and not quote[-1].isspace():
            end -= 1
        key = (likeness(quote, text[start:end]), -abs(start - hint))
        if key[0] >= CLOSE_ENOUGH and (best is None or key > best):
            best, found = key, (start, end)
    return found
