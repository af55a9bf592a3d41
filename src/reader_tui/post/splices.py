"""Splices: the few replacements an edit makes in a post's text, and applying them. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader_tui.post.errors import EditError

if TYPE_CHECKING:
    from collections.abc import Iterable


@dataclass(frozen=True, order=True)
class Splice:
    start: int
    rank: int  # at one offset: closing tags, then opening tags, then other text
    tiebreak: int
    end: int
    replacement: str


def apply_splices(text: str, splices: Iterable[Splice]) -> str:
    """`text` with each splice's range replaced; raises `EditError` if two overlap."""
    out: list[str] = []
    pos = 0
    for splice in sorted(splices):
        if splice.start < pos:
            raise EditError("two edits touch the same part of the post")
        out.append(text[pos : splice.start])
        out.append(splice.replacement)
        pos = splice.end
    out.append(text[pos:])
    return "".join(out)
