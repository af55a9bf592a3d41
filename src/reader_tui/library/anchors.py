"""A highlight's identity beyond its offsets: the quote and the text around it. Pure.

Offsets are exact but fragile; the anchor (the quote with `ANCHOR` characters before and
after) finds the same passage again after the post was edited.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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
