"""The block structure of a Markdown body: paragraphs, headings, lists, quotes, code, breaks.

A small line-based splitter, enough for reading notes and much cheaper than a full
Markdown parse. Every block keeps its source range; continuation lines carry the ranges
of their container markers (`> `, list indentation) so inline scanning can skip them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]+|$)")
BREAK = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
SETEXT = re.compile(r" {0,3}(=+|-+)[ \t]*$")
QUOTE = re.compile(r" {0,3}> ?")
ITEM = re.compile(r"([ \t]*)([-+*]|\d{1,9}[.)])(?:[ \t]+|$)")
_BLOCK_STARTS = frozenset(" \t\r#>*+-_=~`0123456789") | {""}
ATX_CLOSE = re.compile(r"[ \t]+#+[ \t]*$")


@dataclass(slots=True)
class Block:
    """One block of the body.

    `kind` is paragraph, heading, item, quote, code or break. `content_start` is
    where the inline text of the first line begins; `hidden` lists container markers on
    the following lines. `end` excludes the final line break.
    """

    kind: str
    start: int
    end: int
    content_start: int
    content_end: int
    level: int = 0  # heading level; list nesting for items; quote depth
    marker: str = ""  # list marker, fence info
    hidden: list[tuple[int, int]] = field(default_factory=list)
    quote: int = 0  # for an item inside a quote (`> * item`): the quote's depth


def lines(text: str, start: int, end: int) -> Iterator[tuple[int, int, str]]:
    """(line start, line end without the newline or a CR, line text) for text[start:end]."""
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        line_end = stop - 1 if stop > pos and text[stop - 1] == "\r" else stop
        yield pos, line_end, text[pos:line_end]
        if nl < 0:
            break
        pos = nl + 1


def contains(text: str, needle: str, start: int = 0, end: int | None = None) -> bool:
    """Whether text[start:end] holds `needle`, looked for by its first character first:
    `str.find` of one character runs at memchr speed, of two or more over Korean text
    (two bytes a character) some forty times slower, and most posts hold none of these."""
    end = len(text) if end is None else end
    return text.find(needle[0], start, end) >= 0 and text.find(needle, start, end) >= 0


def _is_blank(line: str) -> bool:
    return not line.strip(" \t\r")


BLANK_LINES = re.compile(r"\n(?:[ \t\r]*\n)+")
_LEADING_BLANK_LINES = re.compile(r"(?:[ \t\r]*\n)+")
_MARKED_LINE = re.compile(r"\n[ \t\r#>*+\-_=~`0-9]")


def chunks(text: str, start: int = 0, end: int | None = None) -> Runs | None:
    """The runs of lines between blank lines in text[start:end] (None if it has fences).

    Without fenced code, no block crosses a blank line, so a run splits into blocks on
    its own (`chunk_blocks`); callers that need only some blocks split only those runs.
    The last two answers are remembered: opening a post finds its runs for its outline
    and again for the view (a string keeps its hash, and the same string is equal to
    itself at once, so a hit costs nothing on a long post).
    """
    return _chunks(text, start, end)


Runs = tuple[tuple[int, int], ...]


@lru_cache(maxsize=2)
def _chunks(text: str, start: int, end: int | None) -> Runs | None:
    # Only regular expressions that begin with a literal here: a character-class scan
    # over a Korean post costs more than this whole function.
    end = len(text) if end is None else end
    if contains(text, "```", start, end) or contains(text, "~~~", start, end):
        return None
    lead = _LEADING_BLANK_LINES.match(text, start, end)
    chunk_start = lead.end() if lead else start
    spans = []
    for gap in BLANK_LINES.finditer(text, chunk_start, end):
        spans.append((chunk_start, gap.start()))
        chunk_start = gap.end()
    if chunk_start < end:
        spans.append((chunk_start, end))
    return tuple(spans)


def is_plain(text: str, start: int, end: int) -> bool:
    """Whether no line of a run starts with a block marker (so it is one paragraph)."""
    return text[start] not in _BLOCK_STARTS and not _MARKED_LINE.search(text, start, end)


def chunk_blocks(text: str, start: int, end: int) -> list[Block]:
    """The blocks of text[start:end], a run of lines with no blank line among them."""
    if not is_plain(text, start, end):
        return _split_lines(text, start, end)
    block = plain_paragraph(text, start, end)
    return [] if block is None else [block]


def plain_paragraph(text: str, start: int, end: int) -> Block | None:
    """The block of text[start:end], a run of lines `is_plain` says is one paragraph
    (None: the run is blank)."""
    last = start + len(text[start:end].rstrip(" \t\r\n"))
    if last == start:
        return None
    line_end = text.find("\n", last, end)
    end = end if line_end < 0 else line_end
    if text[end - 1] == "\r":
        end -= 1
    return Block("paragraph", start, end, start, end)


def split_blocks(text: str, start: int = 0, end: int | None = None) -> list[Block]:
    """Split text[start:end] into blocks."""
    end = len(text) if end is None else end
    spans = chunks(text, start, end)
    if spans is None:
        return _split_lines(text, start, end)
    return [block for cs, ce in spans for block in chunk_blocks(text, cs, ce)]


def atx_heading(line: str, ls: int, le: int, opening_end: int, level: int) -> Block:
    """The block of an ATX heading `line` (from `ls` to `le`), whose opening run of `#`
    and spaces ends at `opening_end` in it."""
    content_start = content_end = ls + opening_end
    # A closing run of `#` ends the line: looked for only then (a search of a long Korean
    # heading costs more than the rest of its block). A heading of only that run
    # (`### ###`) is empty.
    if not line.rstrip(" \t").endswith("#"):
        content_end = le
    elif line[opening_end:].strip(" \t#"):
        closing = ATX_CLOSE.search(line, opening_end)
        content_end = ls + closing.start() if closing else le
    return Block("heading", ls, le, content_start, max(content_start, content_end), level)


def _split_lines(text: str, start: int, end: int) -> list[Block]:
    blocks: list[Block] = []
    current: Block | None = None
    fence: tuple[str, int] | None = None  # (fence char, length) while inside code
    for ls, le, line in lines(text, start, end):
        if fence is not None:
            assert current is not None
            stripped = line.strip()
            if stripped and set(stripped) == {fence[0]} and len(stripped) >= fence[1]:
                # The closing fence is the block's, not its content's (nor drawn).
                current.end = le
                current.content_end = max(current.content_end, current.content_start)
                blocks.append(current)
                current, fence = None, None
            else:
                current.end = current.content_end = le
            continue
        # Most lines of an article start with a letter: plain paragraph text.
        if line[:1] not in _BLOCK_STARTS:
            if current is None or current.kind == "code":
                if current is not None:
                    blocks.append(current)
                current = Block("paragraph", ls, le, ls, le)
            else:
                current.end = current.content_end = le
            continue
        if _is_blank(line):
            if current is not None:
                blocks.append(current)
                current = None
            continue
        m = FENCE.match(line)
        if m and not (m.group(1)[0] == "`" and "`" in line[m.end() :]):
            if current is not None:
                blocks.append(current)
            fence = (m.group(1)[0], len(m.group(1)))
            current = Block("code", ls, le, min(le + 1, end), le, marker=line[m.end() :].strip())
            continue
        if current is not None and current.kind in ("paragraph", "quote") and SETEXT.match(line):
            marker = SETEXT.match(line)
            assert marker is not None
            current.kind = "heading"
            current.level = 1 if marker.group(1)[0] == "=" else 2
            current.end = le
            blocks.append(current)
            current = None
            continue
        if BREAK.match(line):
            if current is not None:
                blocks.append(current)
                current = None
            blocks.append(Block("break", ls, le, ls, le))
            continue
        m = ATX.match(line)
        if m:
            if current is not None:
                blocks.append(current)
                current = None
            blocks.append(atx_heading(line, ls, le, m.end(), len(m.group(1))))
            continue
        item = ITEM.match(line)
        quote = QUOTE.match(line)
        if item:
            if current is not None:
                blocks.append(current)
            indent = len(item.group(1).expandtabs(4))
            current = Block(
                "item", ls, le, ls + item.end(), le, level=indent // 2, marker=item.group(2)
            )
            continue
        if quote:
            depth, pos = 0, 0
            while True:
                q = QUOTE.match(line, pos)
                if not q:
                    break
                depth, pos = depth + 1, q.end()
            inner = ITEM.match(line, pos)
            if inner:  # a list inside the quote: an item that remembers its quote
                if current is not None:
                    blocks.append(current)
                indent = len(inner.group(1).expandtabs(4))
                current = Block(
                    "item",
                    ls,
                    le,
                    ls + inner.end(),
                    le,
                    level=indent // 2,
                    marker=inner.group(2),
                    quote=depth,
                )
                continue
            if _is_blank(line[pos:]):  # `>` alone: the quote's paragraph ends here
                if current is not None:
                    blocks.append(current)
                    current = None
                continue
            # A quote line goes on the quote it follows (also lazily, a level less deep,
            # as CommonMark has it), unless it opens a deeper quote: `> > ...`.
            if current is not None and (
                (current.kind == "quote" and depth <= current.level) or current.quote
            ):
                current.hidden.append((ls, ls + pos))
                current.end = current.content_end = le
                continue
            if current is not None:
                blocks.append(current)
            current = Block("quote", ls, le, ls + pos, le, level=depth)
            continue
        if current is None:
            current = Block("paragraph", ls, le, ls + len(line) - len(line.lstrip(" \t")), le)
            continue
        indent = len(line) - len(line.lstrip(" \t"))
        if indent:
            current.hidden.append((ls, ls + indent))
        current.end = current.content_end = le
    if current is not None:
        blocks.append(current)
    return blocks
