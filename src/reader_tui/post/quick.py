"""The fast path: highlights of a paragraph whose only markup is highlight tags. Pure.

Most paragraphs of a post hold no markup but `<span>` tags; they are read here with str
methods and anchored matches, and give exactly what the full scan (`scanner.py`) gives.
"""

from __future__ import annotations

import re

from reader_tui.post.colors import tag_color
from reader_tui.post.markup import ENTITY, HIGHLIGHT_TAG, Mark

_LINE_BREAK_SPACE = re.compile(r"[ \t]*\r?\n[ \t]*")


def quick_marks(src: str, start: int, end: int) -> tuple[list[Mark], list[int], list[str]] | None:
    """Highlights of a paragraph whose only markup is `<span>`/`<mark>` tags, or None.

    The same answer as `scan_paragraph` (with each mark's visible text), found with str
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
    if _other_markup(outside):
        return None
    stack: list[tuple[str, str | None, int, int]] = []
    marks: list[Mark] = []
    strays: list[int] = []
    for tag in tags:
        closing, name, attrs = tag.groups()
        name = name.lower()
        if closing:
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][0] == name:
                    kind, color, tag_start, open_end = stack.pop(k)
                    if color is not None:
                        marks.append(Mark(kind, color, tag_start, open_end, tag.start(), tag.end()))
                    break
            else:
                strays.append(tag.start())
        else:
            color = tag_color(name, attrs)
            stack.append((name, color, tag.start(), tag.end()))
    if stack:
        content_end = start + len(src[start:end].rstrip(" \t\r\n"))
        for kind, color, tag_start, open_end in stack:
            if color is not None:
                stop = max(open_end, content_end)
                marks.append(Mark(kind, color, tag_start, open_end, stop, stop, closed=False))
    if len(marks) > 1:
        marks.sort(key=lambda mark: (mark.tag_start, -mark.tag_end))
    texts = []
    for mark in marks:
        inner = src[mark.start : mark.end]
        if "<" in inner:
            inner = HIGHLIGHT_TAG.sub("", inner)
        if "\n" in inner:
            inner = _LINE_BREAK_SPACE.sub("\n", inner)
        texts.append(inner)
    return marks, strays, texts


def _other_markup(text: str) -> bool:
    """Whether `text` holds markup other than tags: code, an escape, emphasis, a link, a
    strikethrough, `==`, an entity. `~`, `=` and `&` alone are text (`630만~710만`,
    `R&D`), as the full scan reads them. (A chain of `in`, not a regex or `any()`: a
    character-class scan over Korean text is slow, and so is a generator.)"""
    return (
        "\\" in text
        or "`" in text
        or "*" in text
        or "_" in text
        or "[" in text
        or ("~" in text and "~~" in text)  # (a character first: see `blocks.contains`)
        or ("=" in text and "==" in text)
        or ("&" in text and ENTITY.search(text) is not None)
    )
