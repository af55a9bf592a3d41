"""The fast path: highlights of a paragraph whose only markup is highlight tags. Pure.

Most paragraphs of a post hold no markup but `<span>` tags; they are read here with str
methods and anchored matches, and give exactly what the full scan (`scanner.py`) gives.
The warnings either scan gives are here too.
"""

from __future__ import annotations

import re

from reader_tui.post.colors import tag_color
from reader_tui.post.markup import ENTITY, HIGHLIGHT_TAG
from reader_tui.post.model import Highlight

_LINE_BREAK_SPACE = re.compile(r"[ \t]*\r?\n[ \t]*")


def _line_number(src: str, offset: int) -> int:
    return src.count("\n", 0, offset) + 1


def never_closed(src: str, tag_start: int, kind: str) -> str:
    return (
        f"line {_line_number(src, tag_start)}: <{kind}> is never closed;"
        " the highlight ends with its paragraph"
    )


def stray_close(src: str, offset: int) -> str:
    return f"line {_line_number(src, offset)}: a closing tag with no opening tag is ignored"


def quick_highlights(src: str, start: int, end: int, warnings: list[str]) -> list[Highlight] | None:
    """Highlights of a paragraph whose only markup is `<span>`/`<mark>` tags, or None
    (warnings about their tags added to `warnings`).

    The same answer as the full scan (`highlights.scanned_highlights`), found with str
    methods and anchored matches; a paragraph with any other markup (code, escapes,
    emphasis, links, entities, other tags) returns None and takes the full scan.
    """
    tags = []
    at = src.find("<", start, end)
    while at >= 0:
        tag = HIGHLIGHT_TAG.match(src, at, end)
        if tag is None:
            return None
        tags.append(tag)
        at = src.find("<", tag.end(), end)
    pieces = []
    pos = start
    for tag in tags:
        pieces.append(src[pos : tag.start()])
        pos = tag.end()
    pieces.append(src[pos:end])
    outside = "".join(pieces)
    if other_markup(outside):
        return None
    stack: list[tuple[str, str | None, int, int]] = []
    # (tag start, minus tag end: in the order a reader meets them, sorted as they are)
    marks: list[tuple[int, int, str, str, int, int, bool]] = []
    strays: list[int] = []
    for tag in tags:
        closing, name, attrs = tag.groups()
        name = name.lower()
        if closing:
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][0] == name:
                    kind, color, tag_start, open_end = stack.pop(k)
                    if color is not None:
                        closer = tag.start()
                        marks.append((tag_start, -tag.end(), kind, color, open_end, closer, True))
                    break
            else:
                strays.append(tag.start())
        else:
            stack.append((name, tag_color(name, attrs), tag.start(), tag.end()))
    if stack:
        content_end = start + len(src[start:end].rstrip(" \t\r\n"))
        for kind, color, tag_start, open_end in stack:
            if color is not None:
                stop = max(open_end, content_end)
                marks.append((tag_start, -stop, kind, color, open_end, stop, False))
    if len(marks) > 1:
        marks.sort()  # (no two share a tag start)
    found = []
    for tag_start, minus_end, kind, color, inner_start, inner_end, closed in marks:
        inner = src[inner_start:inner_end]
        if "<" in inner:
            inner = HIGHLIGHT_TAG.sub("", inner)
        if "\n" in inner:
            inner = _LINE_BREAK_SPACE.sub("\n", inner)
        # (A note is a `<!-- note: … -->` after the closing tag: a paragraph with one takes
        # the full scan.)
        found.append(
            Highlight(
                inner_start, inner_end, color, inner.strip(), kind, tag_start, -minus_end, "", -1
            )
        )
        if not closed:
            warnings.append(never_closed(src, tag_start, kind))
    for offset in strays:
        warnings.append(stray_close(src, offset))
    return found


def quick_pairs(
    src: str, pairs: list[re.Match[str]], start: int, end: int
) -> list[Highlight] | None:
    """`quick_highlights` of a paragraph whose `<` are all in `pairs`: `HIGHLIGHT_PAIR`
    matches of a tag closed with no `<` between (so no tag is left open or closes none)."""
    pieces: list[str] = []
    pos = start
    for pair in pairs:
        pieces += (src[pos : pair.start()], pair[3])
        pos = pair.end()
    pieces.append(src[pos:end])
    if other_markup("".join(pieces)):
        return None
    return pair_highlights(src, pairs)


def pair_highlights(src: str, pairs: list[re.Match[str]]) -> list[Highlight]:
    """The highlights of `pairs` (`HIGHLIGHT_PAIR` matches of a tag closed with no `<`
    between), in a paragraph `quick_pairs` would read."""
    found = []
    for pair in pairs:
        name, attrs, inner = pair.group(1, 2, 3)
        name = name.lower()
        color = tag_color(name, attrs)
        if color is None:
            continue
        if "\n" in inner:
            inner = _LINE_BREAK_SPACE.sub("\n", inner)
        text_start, text_end = pair.span(3)
        tag_start, tag_end = pair.span()
        found.append(  # (fields in order, not by name)
            Highlight(text_start, text_end, color, inner.strip(), name, tag_start, tag_end, "", -1)
        )
    return found


_MARKUP_FIRST = {"\\": "", "`": "", "*": "", "_": "", "<": "", "]": "(", "~": "~"}
"""The markup `other_markup` finds but `==`, and `<`: each by its first character and
what must follow it (a `[` before a `](` is taken to be there)."""


def markup_at(text: str) -> list[int]:
    """Where `text` holds markup `other_markup` finds but `==`, or a `<` (each looked for
    by one character, as `other_markup` does)."""
    found: list[int] = []
    for first, then in _MARKUP_FIRST.items():
        at = text.find(first)
        while at >= 0:
            if text.startswith(then, at + 1):
                found.append(at)
            at = text.find(first, at + 1)
    if "&" in text:
        found += [m.start() for m in ENTITY.finditer(text)]
    return found


def other_markup(text: str) -> bool:
    """Whether `text` holds markup other than tags: code, an escape, emphasis, a link, a
    strikethrough, `==`, an entity. `~`, `=` and `&` alone are text (`630만~710만`,
    `R&D`), as the full scan reads them, and so is `[` with no `](` (`[서울=뉴시스]`).
    (A chain of `in`, not a regex or `any()`: a character-class scan over Korean text is
    slow, and so is a generator.)"""
    return (
        "\\" in text
        or "`" in text
        or "*" in text
        or "_" in text
        or ("[" in text and "](" in text)  # (a `[` is a link's only before `](`)
        or ("~" in text and "~~" in text)  # (a character first: see `blocks.contains`)
        or ("=" in text and "==" in text)
        or ("&" in text and ENTITY.search(text) is not None)
    )
