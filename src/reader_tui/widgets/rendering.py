"""A block of a post rendered as `Content`, with the source offset of every character.

Textual's `Markdown` widget drops inline HTML, so the user's `<span>` highlights would
vanish. Each block is rendered here (bold, italics, links, code, the highlights in their
colours, footnote marks, an image's alt text) with, for every visible character, its
offset in the post. Text from a post is only ever text: control characters become their
visible pictures (one for one, so offsets still line up) and Textual markup is never
parsed.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.color import Color, ColorParseError
from textual.content import Content, Span

from reader_tui.post.blocks import contains
from reader_tui.post.markup import Run
from reader_tui.post.scanner import scan_paragraph
from reader_tui.terminal import safe

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from reader_tui.models import StoredHighlight
    from reader_tui.post.blocks import Block
    from reader_tui.post.markup import Style


def highlight_style(color: str, active: bool = False) -> str:
    """A readable style for a highlight colour, in light and dark themes alike."""
    try:
        Color.parse(color)
    except ColorParseError:
        color = "yellow"
    # The text takes black or white, whichever reads best on the colour as drawn (`auto`);
    # the current highlight is underlined, not only a shade darker.
    return f"bold underline auto 95% on {color} 40%" if active else f"auto 95% on {color} 40%"


def _inline_style(style: Style) -> str:
    parts = []
    if style.bold:
        parts.append("bold")
    if style.italic or style.image:
        parts.append("italic")
    if style.strike:
        parts.append("strike")
    if style.code:
        parts.append("reverse")
    if style.link:
        parts.append("underline")
    return " ".join(parts)


Piece = tuple[int, int, int, bool]
"""Shown characters from one place in the source: where they start among the shown
ones, the source offset they start at, where a piece shown for a whole piece of source
(an entity, a footnote mark) ends in it, and whether they are the source's own
characters one for one (literal: the k-th begins at start + k and ends one later)."""


@dataclass(slots=True)
class RenderedBlock:
    """One block as shown: its content and, for each shown character, where its source
    begins and ends, kept as the pieces it was made of (not two numbers a character: a
    50 MB post drawn whole took 2 GB that way)."""

    block: Block
    content: Content
    pieces: list[Piece]

    def _piece(self, index: int) -> Piece:
        """The piece shown character `index` is in."""
        pieces = self.pieces
        return pieces[bisect_right(pieces, (index, _AFTER_ALL)) - 1]

    def offset_at(self, index: int) -> int:
        """Where shown character `index`'s source begins."""
        at, start, _stop, literal = self._piece(index)
        return start + index - at if literal else start

    def end_at(self, index: int) -> int:
        """Where shown character `index`'s source ends."""
        at, start, stop, literal = self._piece(index)
        return start + index - at + 1 if literal else stop

    def shown_range(self, start: int, end: int, after: int = 0) -> tuple[int, int] | None:
        """The first and, one past it, the last shown character (from `after` on) whose
        source begins in `[start, end)`; None if none does."""
        pieces, total = self.pieces, len(self.content.plain)
        first = last = -1
        for n, (at, source, _stop, literal) in enumerate(pieces):
            length = (pieces[n + 1][0] if n + 1 < len(pieces) else total) - at
            if literal:
                low, high = max(start - source, 0), min(end - source, length)
            else:
                low, high = (0, length) if start <= source < end else (0, 0)
            low = max(low, after - at)
            if low < high:
                first = at + low if first < 0 else first
                last = at + high
        return None if first < 0 else (first, last)

    def source_range(self, start: int, end: int) -> tuple[int, int] | None:
        """The source range behind the shown characters `[start, end)`, without the
        whitespace at either side; None if nothing visible is in it."""
        plain = self.content.plain
        while start < end and plain[start].isspace():
            start += 1
        while end > start and plain[end - 1].isspace():
            end -= 1
        if start >= end:
            return None
        return self.offset_at(start), self.end_at(end - 1)

    def char_index(self, x: int, y: int) -> int:
        """The index in the shown text of column `x` (a character index) on line `y`."""
        lines = self.content.plain.split("\n")
        y = max(0, min(y, len(lines) - 1))
        return sum(len(line) + 1 for line in lines[:y]) + max(0, min(x, len(lines[y])))


_AFTER_ALL = 1 << 62  # a source offset past any: (index, _AFTER_ALL) sorts after its piece


FOOTNOTE = re.compile(r"\[\^([^\]\s]+)\](:[ \t]*)?")
"""A footnote reference `[^1]`, or (with the colon, opening a paragraph) its definition."""
ATTRIBUTES = re.compile(r"(?:\A|\n)[ \t>]*\{:[^}\n]*\}[ \t\r]*(?=\n|\Z)")
"""A kramdown attribute list on a line of its own (`{:toc}`, `{: .note}`): not text."""
HEADING_ID = re.compile(r"[ \t]*\{[#:][^}\n]*\}[ \t]*\Z")
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def footnote_mark(label: str, numbers: Mapping[str, int]) -> str:
    """A footnote's mark as shown: its number in superscript."""
    number = numbers.get(label)
    return str(number).translate(SUPERSCRIPT) if number else f"[{label}]"


def footnote_numbers(text: str, start: int, end: int) -> dict[str, int]:
    """Each footnote label of `text[start:end]` numbered in the order it is first cited."""
    numbers: dict[str, int] = {}
    if not contains(text, "[^", start, end):  # (not a slice: a long post's copy cost more)
        return numbers
    for m in FOOTNOTE.finditer(text, start, end):
        if not m.group(2):
            numbers.setdefault(m.group(1), len(numbers) + 1)
    for m in FOOTNOTE.finditer(text, start, end):  # defined, never cited: numbered after
        numbers.setdefault(m.group(1), len(numbers) + 1)
    return numbers


def is_footnote(text: str, block: Block) -> bool:
    """Whether the block is a footnote's definition (`[^1]: …`)."""
    m = FOOTNOTE.match(text, block.content_start, block.content_end)
    return block.kind == "paragraph" and m is not None and bool(m.group(2))


def shown_end(text: str, block: Block) -> int:
    """Where the block's text ends as shown: without kramdown attribute lists (`{:toc}`,
    a heading's `{#id}`), which set how Jekyll renders it, not what it says."""
    end = block.content_end
    body = text[block.content_start : end]
    if "{" not in body:
        return end
    if block.kind == "heading":
        m = HEADING_ID.search(body)
        return block.content_start + m.start() if m else end
    m = ATTRIBUTES.search(body)
    return block.content_start + m.start() if m else end


def _joined(runs: Sequence[Run]) -> list[Run]:
    """Literal runs of one style that follow each other in the source, as one run."""
    joined: list[Run] = []
    for run in runs:
        last = joined[-1] if joined else None
        if (
            last is not None
            and last.literal
            and run.literal
            and last.style == run.style
            and last.end == run.start
            and len(last.text) == last.end - last.start
        ):
            joined[-1] = Run(last.text + run.text, last.start, run.end, run.style)
        else:
            joined.append(run)
    return joined


def render_block(
    text: str,
    block: Block,
    highlights: Sequence[StoredHighlight],
    active: int | None = None,
    footnotes: Mapping[str, int] | None = None,
) -> RenderedBlock:
    """Render one block of a post, with the highlights that fall in it (a quote's bar
    and depth are drawn by the view, so every line of it has the bar)."""
    prefix = ""
    if block.kind == "item":
        prefix = "  " * block.level + ("• " if block.marker in "-+*" else f"{block.marker} ")
    if block.kind == "code":
        body = text[block.content_start : block.content_end]
        shown = safe(body)
        content = Content(shown, [Span(0, len(shown), "dim")], strip_control_codes=False)
        return RenderedBlock(block, content, [(0, block.content_start, 0, True)])
    if block.kind == "break":
        rule = Content("─" * 40, [Span(0, 40, "dim")])
        return RenderedBlock(block, rule, [(0, block.start, block.start, False)])
    end = shown_end(text, block)
    paragraph = scan_paragraph(text, block.content_start, end, block.hidden)
    pieces: list[str] = [prefix]
    made: list[Piece] = [(0, block.start, block.start, False)] if prefix else []
    spans: list[Span] = []
    position = len(prefix)
    runs = paragraph.runs
    numbers = footnotes or {}
    if "[^" in text[block.content_start : end]:
        runs = _joined(runs)  # the scanner may split `[^1]` at its brackets

    def add(shown: str, start: int, stop: int, literal: bool, style: str = "") -> None:
        nonlocal position
        if not shown:
            return
        pieces.append(shown)
        if style:
            spans.append(Span(position, position + len(shown), style))
        made.append((position, start, stop, literal))
        position += len(shown)

    for index, run in enumerate(runs):
        style = _inline_style(run.style)
        image = run.style.image
        if image and (index == 0 or not runs[index - 1].style.image):
            add("[image: ", run.start, run.start, False, style)  # one image, however split
        if image or not run.literal or "[^" not in run.text:
            add(safe(run.text), run.start, run.end, run.literal and not image, style)
        else:
            at = 0
            for m in FOOTNOTE.finditer(run.text):
                at_line_start = run.start + m.start() == block.content_start or (
                    text[run.start + m.start() - 1] == "\n"
                )
                if m.group(2) and not at_line_start:
                    continue  # `[^1]:` defines a footnote only at the start of a line
                add(safe(run.text[at : m.start()]), run.start + at, 0, True, style)
                mark = footnote_mark(m.group(1), numbers) + (" " if m.group(2) else "")
                add(mark, run.start + m.start(), run.start + m.end(), False, "bold")
                at = m.end()
            add(safe(run.text[at:]), run.start + at, 0, True, style)
        if image and (index + 1 == len(runs) or not runs[index + 1].style.image):
            add("]", run.end, run.end, False, style)
    plain = "".join(pieces)
    if block.kind == "heading":
        spans.insert(0, Span(0, len(plain), "bold underline" if block.level <= 2 else "bold"))
    # Every piece went through `safe` (control characters are pictures): nothing for
    # Content to strip. The pieces are what the shown characters map back to.
    rendered = RenderedBlock(block, Content(plain, strip_control_codes=False), made)
    for h in highlights:
        if h.end <= block.content_start or h.start >= block.content_end:
            continue
        inside = rendered.shown_range(h.start, h.end, after=len(prefix))
        if inside:
            spans.append(Span(*inside, highlight_style(h.color, h.id == active)))
    rendered.content = Content(plain, spans, strip_control_codes=False)
    return rendered
