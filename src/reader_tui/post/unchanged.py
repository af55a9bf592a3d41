"""The highlights of a post's text that a few splices changed, taken where the splices
left its lines as they were (`reader.reparse`). Pure.

Write-back splices a post (a tag here, the notes block there) and the library then reads
the post again; on a post with thousands of highlights, reading them all again was half
of the write-back. A run of lines between blank lines that no splice touched, whose text
is the same and which was a run before too, splits into the same blocks and holds the
same highlights, at offsets moved by what the splices before it added or took away.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
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
    highlights moved; the others are read (their warnings added to `warnings`).

    Only the runs beside a splice are looked at one by one (a splice changes no run's
    bounds but those of the runs it touches or lies between); between them, a stretch
    of runs is taken whole, so the cost grows with the splices and the highlights, not
    with the runs."""
    edits = _edits(splices)
    starts = [start for start, _ in runs]
    count = bisect_left(starts, article_end)  # the article's runs
    if not count:
        return []
    ends = [end for _, end in runs]
    close: set[int] = set()  # the runs beside a splice
    for at, end, _ in edits:
        first = min(max(bisect_right(starts, at) - 1, 0), count - 1)
        close.update(range(first, min(bisect_left(ends, end), count - 1) + 1))
    taken = _Taken(text, before, original, edits, warnings)
    found: list[Highlight] = []
    following = 0  # the first run not yet taken
    for index in [*sorted(close), count]:
        if following < index:
            found += taken.stretch(starts[following], min(ends[index - 1], article_end))
        if index < count:
            found += taken.run(starts[index], min(ends[index], article_end))
        following = index + 1
    return found


def _edits(splices: Iterable[Splice]) -> list[tuple[int, int, int]]:
    """Each splice where it lies in the text after (start, end), and how far it and
    those before it moved what follows."""
    edits = []
    shift = 0
    for splice in sorted(splices):
        at = splice.start + shift
        shift += len(splice.replacement) - (splice.end - splice.start)
        edits.append((at, at + len(splice.replacement), shift))
    return edits


class _Taken:
    """Highlights taken from `original` for the text after its splices (`edits`)."""

    def __init__(
        self,
        text: str,
        before: str,
        original: Article,
        edits: list[tuple[int, int, int]],
        warnings: list[str],
    ) -> None:
        self.text, self.before, self.original, self.warnings = text, before, original, warnings
        self.edit_ends = [end for _, end, _ in edits]
        self.edits = edits
        self.starts = [h.tag_start for h in original.highlights]
        self._earlier: Runs | None = None

    def _shift(self, start: int) -> tuple[int, int]:
        """How far text at `start` (after the splices ending before it) moved, and the
        first splice ending at or after it."""
        index = bisect_left(self.edit_ends, start)
        return (self.edits[index - 1][2] if index else 0), index

    def run(self, start: int, end: int) -> list[Highlight]:
        """The highlights of the run text[start:end], beside a splice: taken if no splice
        touches it and it was a run before, else read."""
        shift, index = self._shift(start)
        if index == len(self.edits) or self.edits[index][0] > end:
            if self._earlier is None:
                source = self.original.source
                self._earlier = chunks(self.before, source.body_start) or ()
            was_end = self.original.source.article_end
            at = bisect_left(self._earlier, (start - shift,))
            if at < len(self._earlier):
                was_start, was_stop = self._earlier[at]
                if (was_start, min(was_stop, was_end)) == (start - shift, end - shift):
                    return self.stretch(start, end)
        return read_highlights(self.text, marked_blocks(self.text, start, end), self.warnings)

    def stretch(self, start: int, end: int) -> list[Highlight]:
        """The highlights of text[start:end], runs of lines no splice touched and that
        were runs before: `original`'s, moved (read, if their text is not the same:
        splices that do not tell every change)."""
        shift, _ = self._shift(start)
        if self.before[start - shift : end - shift] != self.text[start:end]:
            return read_highlights(self.text, marked_blocks(self.text, start, end), self.warnings)
        first = bisect_left(self.starts, start - shift)
        same = self.original.highlights[first : bisect_left(self.starts, end - shift, first)]
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
