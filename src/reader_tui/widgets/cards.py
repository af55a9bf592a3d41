"""A review card's passage as shown: in its paragraph (and `context` paragraphs around
it), marked, or blanked for recall."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from unicodedata import east_asian_width

from textual.content import Content

from reader_tui.post.blocks import split_blocks
from reader_tui.widgets.rendering import render_block

if TYPE_CHECKING:
    from reader_tui.models import StoredHighlight

CUE_FROM = 40  # characters: a passage this long keeps its first words as a cue


def blanked(passage: str) -> str:
    """A passage blanked for recall, each character by a blank as wide (spaces kept, so
    the words' lengths show); a long one keeps its first two words as a cue."""
    cue = 0
    if len(passage) >= CUE_FROM:
        words = [m.end() for m in re.finditer(r"\S+", passage)]
        cue = words[1] if len(words) > 2 else 0
    blanks = "".join(
        ch if ch.isspace() else ("\uff3f" if east_asian_width(ch) in "WF" else "_")
        for ch in passage[cue:]
    )
    return passage[:cue] + blanks


def passage_in_context(body: str, mark: StoredHighlight, context: int, blank: bool) -> Content:
    """The paragraph of `body` holding the highlight `mark` (and `context` paragraphs on
    each side), the passage marked; with `blank`, blanked for recall (see `blanked`)."""
    start, end = mark.start, mark.end
    blocks = split_blocks(body, 0, len(body))
    here = next((i for i, b in enumerate(blocks) if b.start <= start < b.end), 0)
    parts = []
    for block in blocks[max(0, here - context) : here + context + 1]:
        rendered = render_block(body, block, [mark], active=mark.id)
        content = rendered.content
        if blank:
            inside = rendered.shown_range(start, end)
            if inside:
                plain = content.plain
                first, last = inside
                text = plain[:first] + blanked(plain[first:last]) + plain[last:]
                content = Content(text, list(content.spans))
        parts.append(content)
    return Content("\n\n").join(parts)
