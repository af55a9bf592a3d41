"""Where a post's body, article and notes block lie, and its source link. Pure.

Most posts are laid out without splitting every block: the body is cut into runs of lines
between blank lines, and only the runs that may hold a highlight or the notes block are
split further.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reader_tui.post.blocks import (
    BLANK_LINES,
    BREAK,
    Block,
    Runs,
    atx_heading,
    chunk_blocks,
    chunks,
    contains,
    is_plain,
    lines,
    plain_paragraph,
    split_blocks,
)
from reader_tui.post.markup import HIGHLIGHT_TAG
from reader_tui.post.notes import Heading, notes_heading
from reader_tui.post.usual import USUAL_NOTES

if TYPE_CHECKING:
    from collections.abc import Iterator

LINK_LINE = re.compile(r"\[링크\]\(\s*<?([^)\s>]+)>?[^)]*\)")
BARE_LINK_LINE = re.compile(
    r"\s*(?:\[[^\]]*\]\(\s*<?([^)\s>]+)>?[^)]*\)|<(https?://[^>\s]+)>|(https?://\S+))\s*$"
)


def own_form(text: str, body_start: int) -> bool:
    """Whether the post is in the user's own form: a `[링크](…)` line opens its body. Its
    article's headings (a pasted `### 요약`) are the article's, never notes."""
    head = text[body_start : body_start + 2000]
    return LINK_LINE.search(head) is not None and head.lstrip().startswith("[링크]")


@dataclass(slots=True)
class Body:
    """What `parse` needs of the body's blocks; most of them it never has to build."""

    text: str
    spans: Runs | None  # runs of lines between blank lines (None: fences)
    blocks: list[Block] | None  # every block, when the body has fences
    article_end: int
    notes: list[Block] | None  # the blocks after the notes block's `* * *` (or its headings)
    # The article's blocks holding `<` or `==` (None: not looked for yet; see `marked`).
    with_marks: list[Block] | None
    # The notes headings matched on the way (by block start; None: not one), for
    # `read_sections` not to match them again.
    headings: dict[int, Heading | None] = field(default_factory=dict)
    start: int = 0  # where the body starts
    usual: re.Match[str] | None = None  # the notes block, when it is `USUAL_NOTES`

    def marked(self) -> list[Block]:
        """The article's blocks that may hold a highlight."""
        if self.with_marks is None:
            self.with_marks = _marked_runs(self.text, self.start, self.article_end)
        return self.with_marks

    def runs(self) -> Runs | None:
        """The body's runs of lines between blank lines (None: it has fences), found now
        if the layout did without them."""
        if self.spans is None and self.blocks is None:
            self.spans = chunks(self.text, self.start)
        return self.spans

    def article_blocks(self) -> Iterator[Block]:
        """The article's blocks in order, split on demand."""
        if self.blocks is not None:
            yield from (b for b in self.blocks if b.start < self.article_end)
            return
        spans = self.runs()
        assert spans is not None
        for cs, ce in spans:
            for block in chunk_blocks(self.text, cs, ce):
                if block.start >= self.article_end:
                    return
                yield block


_TAG_OPENING = re.compile(r"<(?=/?(?:span|mark|font))", re.I)
"""How every tag a highlight is made of begins (see `markup.HIGHLIGHT_TAG`): a pattern
that starts with a literal, which `re` looks for as fast as `str.find` does."""


def _marks(text: str, start: int, end: int) -> list[int]:
    """Where in text[start:end] a highlight's tag or `==` begins (maybe: a closer look
    decides), in order."""
    found = [m.start() for m in _TAG_OPENING.finditer(text, start, end)]
    if contains(text, "==", start, end):
        at = text.find("==", start, end)
        while at >= 0:
            found.append(at)
            at = text.find("==", at + 2, end)
        found.sort()
    return found


def _holds(marks: list[int], block: Block) -> bool:
    """Whether one of `marks` (in order) is in `block`'s text."""
    index = bisect_left(marks, block.content_start)
    return index < len(marks) and marks[index] < block.content_end


def _may_highlight(text: str, block: Block) -> bool:
    return bool(_marks(text, block.content_start, block.content_end))


def layout(text: str, body_start: int, marks: bool = True) -> Body:
    """The body's blocks as far as `parse` needs them; without `marks`, not which blocks
    may hold highlights (`with_marks` empty). (Found from the last break line, they are
    found when asked for: `Body.marked`.)"""
    direct = _usual(text, body_start) or _from_last_break(text, body_start)
    if direct is not None:
        return direct
    spans = chunks(text, body_start)
    if spans is None:
        blocks = split_blocks(text, body_start)
        index = _notes_start(text, blocks)
        article_end = blocks[index].start if index is not None else len(text)
        notes = blocks[index + 1 :] if index is not None else None
        article = blocks if index is None else blocks[:index]
        candidates = [
            b for b in article if b.kind not in ("code", "break") and _may_highlight(text, b)
        ]
        return Body(text, None, blocks, article_end, notes, candidates, start=body_start)
    # The notes block opens at the last `* * *` whose first heading after it is a notes
    # heading (an article's own `---` then `### 팀` ... `### 요약` is not one). Walk the
    # runs backwards; a run whose lines all start with letters holds neither.
    article_end, notes = len(text), None
    next_is_notes = False  # whether the first heading after this point is a notes heading
    split: dict[int, list[Block]] = {}  # the runs walked and split, by index
    headings: dict[int, Heading | None] = {}
    for at in range(len(spans) - 1 if _may_break(text, body_start) else -1, -1, -1):
        cs, ce = spans[at]
        if is_plain(text, cs, ce):
            continue
        run = split[at] = chunk_blocks(text, cs, ce)
        for index in range(len(run) - 1, -1, -1):
            block = run[index]
            if block.kind == "heading":
                heading = headings[block.start] = notes_heading(text, block.start, block.end)
                next_is_notes = heading is not None
            elif block.kind == "break" and next_is_notes:
                later = [
                    after_break
                    for after in range(at + 1, len(spans))
                    for after_break in (
                        split[after] if after in split else chunk_blocks(text, *spans[after])
                    )
                ]
                article_end, notes = block.start, run[index + 1 :] + later
                break
        if notes is not None:
            break
    marked: list[Block] = []
    # The runs that may hold a highlight, found from its marks (most runs have none),
    # not by looking in each run; then their blocks that hold one of the marks.
    found = _marks(text, spans[0][0], article_end) if marks and spans else []
    for index in sorted({bisect_right(spans, (at, len(text) + 1)) - 1 for at in found}):
        cs, ce = spans[index]
        marked += blocks_holding(chunk_blocks(text, cs, min(ce, article_end)), found)
    return Body(text, spans, None, article_end, notes, marked, headings, body_start)


def _usual(text: str, body_start: int) -> Body | None:
    """`_from_last_break` of a post whose notes block is the user's usual one
    (`USUAL_NOTES`), found from the post's end; None: it is not."""
    at = text.rfind("\n* * *\n", body_start) + 1
    m = USUAL_NOTES.match(text, at) if at > body_start else None
    if m is None or contains(text, "```", body_start) or contains(text, "~~~", body_start):
        return None
    return Body(text, None, None, at, [], None, {}, body_start, m)


def _from_last_break(text: str, body_start: int) -> Body | None:
    """`layout` of a post in the common shape, found without the body's runs: no fenced
    code, and a notes block after the last line that may be a thematic break. Only the
    notes' headings are made blocks. None: `layout` decides.

    (Walking the runs back from the end finds the same break: the last break block, when
    the first heading after it is a notes heading. Every break block is on a line
    `_BREAK_LINE` finds, but for one on the body's first line, which is never the last.)"""
    if contains(text, "```", body_start) or contains(text, "~~~", body_start):
        return None
    last = None
    for last in _BREAK_LINE.finditer(text, body_start):  # noqa: B007 (the last one)
        pass
    if last is None:
        return None
    line = last.start() + 1
    # The line is a break block, unless it is `---` under a line of text (a setext
    # heading's underline). After it, with no line that could underline a setext heading,
    # the headings are the ATX lines, and they are all `read_sections` needs of the notes.
    dashes = last[1] == "-" and run_start(text, body_start, line) != line
    if dashes or _SETEXT_LINE.search(text, last.end()):
        return None
    notes = [_heading(text, m) for m in _ATX_LINE.finditer(text, last.end())]
    heading = notes_heading(text, notes[0].start, notes[0].end) if notes else None
    if heading is None:
        return None
    return Body(text, None, None, line, notes, None, {notes[0].start: heading}, body_start)


def _marked_runs(text: str, start: int, end: int) -> list[Block]:
    """The blocks of text[start:end] holding a mark, found run by run from the marks."""
    marked: list[Block] = []
    found = _marks(text, start, end)
    run_end = -1
    for at in found:
        if at < run_end:
            continue
        gap = BLANK_LINES.search(text, at)
        run_end = gap.start() if gap is not None else len(text)
        cs, ce = run_start(text, start, at), min(run_end, end)
        paragraph = plain_paragraph(text, cs, ce) if is_plain(text, cs, ce) else None
        # (A run of one paragraph holds the mark found in it.)
        marked += [paragraph] if paragraph else blocks_holding(chunk_blocks(text, cs, ce), found)
    return marked


_SETEXT_LINE = re.compile(r"\n {0,3}(?:=+|-+)[ \t]*\r?$", re.M)
_ATX_LINE = re.compile(r"\n( {0,3}(#{1,6})(?:[ \t]+|(?=\r?$)))(.*)", re.M)
"""An ATX heading's line (as `blocks.ATX` matches one): its opening, level, the rest."""


def _heading(text: str, m: re.Match[str]) -> Block:
    ls = m.start() + 1
    line = m[1] + m[3].removesuffix("\r")
    return atx_heading(line, ls, ls + len(line), len(m[1]), len(m[2]))


def run_start(text: str, body_start: int, at: int) -> int:
    """Where the run of lines between blank lines that holds `at` (not on a blank line)
    starts, as `chunks` has it."""
    start = max(text.rfind("\n", body_start, at) + 1, body_start)
    while start > body_start:
        before = max(text.rfind("\n", body_start, start - 1) + 1, body_start)
        if not text[before : start - 1].strip(" \t\r"):
            return start
        start = before
    return start


def marked_blocks(text: str, start: int, end: int) -> list[Block]:
    """The blocks of text[start:end] (runs of lines whole) that may hold a highlight."""
    found = _marks(text, start, end)
    return blocks_holding(split_blocks(text, start, end), found) if found else []


def blocks_holding(blocks: list[Block], marks: list[int]) -> list[Block]:
    """The blocks that hold one of `marks`, but code."""
    return [b for b in blocks if b.kind not in ("code", "break") and _holds(marks, b)]


_BREAK_LINE = re.compile(r"\n {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*\r?$", re.M)
"""A line that may be a thematic break, found from its line break (a literal: fast)."""


def _may_break(text: str, start: int) -> bool:
    """Whether any line from `start` (a line's start) could be a thematic break: a post
    without one has no notes block, and its runs need not be walked to learn so."""
    line_end = text.find("\n", start)
    first_line = text[start : len(text) if line_end < 0 else line_end].rstrip("\r")
    return BREAK.match(first_line) is not None or _BREAK_LINE.search(text, start) is not None


def source_url(text: str, body: Body, start: int) -> str | None:
    m = LINK_LINE.search(text, start, body.article_end)
    if m:
        return m.group(1)
    for block in body.article_blocks():
        if block.kind in ("heading", "break"):
            continue
        first_line = next(lines(text, block.start, block.end))[2]
        if "<" in first_line:
            first_line = HIGHLIGHT_TAG.sub("", first_line)  # a highlighted link line is one too
        link = BARE_LINK_LINE.match(first_line)
        if link:
            return next(group for group in link.groups() if group)
        return None
    return None


def _notes_start(text: str, blocks: list[Block]) -> int | None:
    """Index of the `* * *` block that opens the notes block, if the post has one."""
    for index in range(len(blocks) - 1, -1, -1):
        if blocks[index].kind != "break":
            continue
        first = next((b for b in blocks[index + 1 :] if b.kind == "heading"), None)
        if first is not None and notes_heading(text, first.start, first.end) is not None:
            return index
    return None
