"""The highlights of a post's text that a few splices changed, taken where the splices
left its lines as they were (`reader.reparse`). Pure.

Write-back splices a post (a tag here, the notes block there) and the library then reads
the post again; on a post with thousands of highlights, reading them all again was half
of the write-back. A run of lines between blank lines that no splice touched, whose text
is the same and which was a run before too, splits into the same blocks and holds the
same highlights, at offsets moved by what the splices before it added or took away.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING

from reader_tui.models import Highlight
from reader_tui.post.blocks import chunks
from reader_tui.post.highlights import read_highlights
from reader_tui.post.layout import marked_blocks

if TYPE_CHECKING:
    from collections.abc import Iterable

    from reader_tui.models import Article
    from reader_tui.post.blocks import Runs
    from reader_tui.post.splices import Splice


def highlights_after(
    text: str,
    runs: Runs,
    article_end: int,
    before: str,
    original: Article,
    splices: Iterable[Splice],
    warnings: list[str],
) -> list[Highlight]:
    """The highlights of `text`'s article (its runs of lines `runs`, up to `article_end`),
    where `text` is `before` with `splices` made and `original` is `before`'s parse.
    A run no splice touched, which was a run of the same text before, gives `original`'s
    highlights moved; the others are read (their warnings added to `warnings`)."""
    was_ended = original.source.article_end
    earlier = {
        (start, min(end, was_ended))
        for start, end in chunks(before, original.source.body_start) or ()
        if start < was_ended
    }
    # Each splice where it lies in `text`, and how far it and those before it moved
    # what follows.
    edits: list[tuple[int, int, int]] = []
    shift = 0
    for splice in sorted(splices):
        at = splice.start + shift
        shift += len(splice.replacement) - (splice.end - splice.start)
        edits.append((at, at + len(splice.replacement), shift))
    starts = [h.tag_start for h in original.highlights]
    found: list[Highlight] = []
    kept: list[int] = []  # a stretch of runs kept: where it starts and ends, in `before`
    shift = index = 0
    for start, end in runs:
        end = min(end, article_end)
        if start >= end:
            break
        while index < len(edits) and edits[index][1] < start:
            shift = edits[index][2]
            index += 1
        was = (start - shift, end - shift)
        if (index == len(edits) or edits[index][0] > end) and was in earlier:
            if kept and kept[2] == shift:
                kept[1] = was[1]
            else:
                found += _moved(text, before, original, starts, kept, warnings)
                kept = [*was, shift]
            continue
        found += _moved(text, before, original, starts, kept, warnings)
        kept = []
        found += read_highlights(text, marked_blocks(text, start, end), warnings)
    found += _moved(text, before, original, starts, kept, warnings)
    return found


def _moved(
    text: str,
    before: str,
    original: Article,
    starts: list[int],
    kept: list[int],
    warnings: list[str],
) -> list[Highlight]:
    """The highlights of a stretch of runs kept (`kept`: its start and end in `before`,
    and how far it moved), from `original`: read again if its text is not the same
    (splices that do not tell every change)."""
    if not kept:
        return []
    start, end, shift = kept
    if before[start:end] != text[start + shift : end + shift]:
        return read_highlights(text, marked_blocks(text, start + shift, end + shift), warnings)
    first = bisect_left(starts, start)
    same = original.highlights[first : bisect_left(starts, end, first)]
    if not shift:
        return list(same)
    return [
        Highlight(
            h.start + shift,
            h.end + shift,
            h.color,
            h.text,
            h.kind,
            h.tag_start + shift,
            h.tag_end + shift,
            h.note,
            h.note_end + shift if h.note_end >= 0 else -1,
        )
        for h in same
    ]
