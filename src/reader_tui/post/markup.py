"""Inline Markdown's patterns and the types a scan of a paragraph gives. Pure.

A paragraph scans into `Run`s (visible text, its style and its source range) and `Mark`s
(highlights). `scanner.py` does the full scan, `quick.py` the fast path for paragraphs
whose only markup is highlight tags; both return these types.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

_ATTR = r"""\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?"""
# One literal `<` first, so a search over a whole post runs at str.find speed.
HTML_TAG = re.compile(
    r"<(?:!--.*?--|(?P<close>/)?(?P<name>[A-Za-z][A-Za-z0-9-]*)(?P<attrs>(?:"
    + _ATTR
    + r")*)\s*/?)>",
    re.S,
)
AUTOLINK = re.compile(
    r"<(?P<url>[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>"
    r"|<(?P<email>[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)>"
)
ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
LINK_TAIL = re.compile(
    r"""\(\s*(?P<dest><[^<>\n]*>|[^\s()<>]*(?:\([^\s()]*\)[^\s()]*)*)"""
    r"""(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)"""
)
SPECIAL = re.compile(r"[\\`*_~=<\[!&\n]")
ESCAPABLE = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
HIGHLIGHT_TAGS = frozenset({"span", "mark", "font"})
HIGHLIGHT_TAG = re.compile(r"<(/?)(span|mark|font)((?:" + _ATTR + r")*)\s*/?>", re.I)
HIGHLIGHT_PAIR = re.compile(
    r"<(?:(span|mark|font)((?:" + _ATTR + r")*)\s*>([^<]*)(</(?:\1)\s*>)"
    r"|/?(?:span|mark|font)(?:" + _ATTR + r")*\s*/?>)",
    re.I,
)
"""A highlight tag as `HIGHLIGHT_TAG` matches one, or, where an opening tag is closed with
no `<` between, both tags and the text between: its name, attributes, text and closing
tag (groups 1 to 4; None for a lone tag)."""


@dataclass(frozen=True, slots=True)
class Style:
    """The inline styles in force for a run of text."""

    bold: bool = False
    italic: bool = False
    strike: bool = False
    code: bool = False
    link: str | None = None
    image: bool = False


PLAIN = Style()


@dataclass(frozen=True, slots=True)
class Run:
    """Visible text with one style, from the source range `[start, end)`.

    A literal run maps `text[i]` to `start + i`. Any other run (an escape, an entity, a
    line break) is one unit: all of its text comes from the whole range.
    """

    text: str
    start: int
    end: int
    style: Style
    literal: bool = True


class Mark(NamedTuple):
    """A highlight found in a paragraph: `<span style="color:…">`, `<mark>` or `==…==`.

    `start`/`end` bound the source between the tags; `tag_start`/`tag_end` include them
    (`tag_end == end` when the span was never closed).
    """

    kind: str
    color: str | None
    tag_start: int
    start: int
    end: int
    tag_end: int
    closed: bool = True


@dataclass(slots=True)
class Paragraph:
    """The result of scanning one paragraph."""

    runs: list[Run] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    #: offsets of `</span>`/`</mark>` tags that closed nothing
    stray_closes: list[int] = field(default_factory=list)
    #: source ranges a new highlight must not start or end inside of (tags, escapes, ...)
    atoms: list[tuple[int, int]] = field(default_factory=list)
    #: a link's `[` and its `](url)`: a new highlight holds both or neither
    pairs: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)

    def visible(self, start: int, end: int) -> str:
        """The visible characters whose source lies in `[start, end)`."""
        out: list[str] = []
        for run in self.runs:
            if run.end <= start or run.start >= end:
                continue
            if run.literal:
                out.append(
                    run.text[max(start, run.start) - run.start : min(end, run.end) - run.start]
                )
            elif start <= run.start:
                out.append(run.text)
        return "".join(out)
