"""Inline Markdown of one paragraph: what a reader sees, and where each character came from.

One scanner serves both the parser (highlight spans and their visible text) and the
article view (styled runs with a source offset for every visible character), so the two
can never disagree about where a highlight is.

The rules follow CommonMark where it matters for reading notes (code spans, escapes,
entities, links, images, autolinks, inline HTML) and kramdown, which renders the user's
blog, for emphasis: a delimiter run opens when followed by a non-space and closes when
preceded by one, so `**"인용"**은` is bold as it is on their site.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

from reader_tui.post.colors import tag_color
from reader_tui.post.markup import (
    AUTOLINK,
    ENTITY,
    ESCAPABLE,
    HIGHLIGHT_TAGS,
    HTML_TAG,
    LINK_TAIL,
    PLAIN,
    SPECIAL,
    Mark,
    Paragraph,
    Run,
    Style,
)


def _category(ch: str) -> str:
    if not ch or ch.isspace():
        return "space"
    if ch in ESCAPABLE or unicodedata.category(ch).startswith("P"):
        return "punct"
    return "other"


@dataclass(slots=True)
class _Delim:
    char: str
    start: int
    count: int
    original: int
    can_open: bool
    can_close: bool
    index: int  # position in the token list


@dataclass(slots=True)
class _Token:
    kind: str  # text | char | open | close | delim | hidden
    start: int
    end: int
    text: str = ""
    style: str = ""  # for open/close: bold italic strike code link image eq
    link: str | None = None


class _Scanner:
    """Scans `src[start:end]` into tokens, then resolves emphasis into runs."""

    def __init__(self, src: str, start: int, end: int, hidden: list[tuple[int, int]]) -> None:
        self.src = src
        self.end = end
        self.hidden = hidden
        self.tokens: list[_Token] = []
        self.delims: list[_Delim] = []
        self.result = Paragraph()
        self.open_tags: list[tuple[str, str | None, int, int]] = []  # kind, color, tag_start, start
        self.pos = start

    # -- phase 1: tokens -------------------------------------------------------------
    def scan(self, start: int, end: int, link_depth: int = 0) -> None:
        src = self.src
        i = start
        while i < end:
            m = SPECIAL.search(src, i, end)
            if m is None:
                self._text(i, end)
                break
            j = m.start()
            if j > i:
                self._text(i, j)
            ch = src[j]
            i = self._special(ch, j, end, link_depth)

    def _text(self, start: int, end: int) -> None:
        if start < end and self.src[start] in " \t" and self._after_line_break():
            # A line's indentation is not seen, even after a tag at its start.
            while start < end and self.src[start] in " \t":
                start += 1
        if start < end:
            self.tokens.append(_Token("text", start, end, self.src[start:end]))

    def _after_line_break(self) -> bool:
        for token in reversed(self.tokens):
            if token.kind != "hidden":
                return token.kind == "char" and token.text == "\n"
        return False

    def _hide(self, start: int, end: int) -> None:
        self.tokens.append(_Token("hidden", start, end))
        self.result.atoms.append((start, end))

    def _special(self, ch: str, j: int, end: int, link_depth: int) -> int:
        src = self.src
        if ch == "\n":
            return self._newline(j, end)
        if ch == "\\":
            nxt = src[j + 1] if j + 1 < end else ""
            if nxt in ESCAPABLE and nxt:
                self.tokens.append(_Token("char", j, j + 2, nxt))
                self.result.atoms.append((j, j + 2))
                return j + 2
            self._text(j, j + 1)
            return j + 1
        if ch == "`":
            return self._code(j, end)
        if ch == "<":
            if src.startswith("</span>", j):
                self._hide(j, j + 7)
                self._close_tag("span", j, j + 7)
                return j + 7
            return self._angle(j, end)
        if ch == "&":
            m = ENTITY.match(src, j, end)
            if m:
                value = html.unescape(m.group())
                if value != m.group():
                    self.tokens.append(_Token("char", j, m.end(), value))
                    self.result.atoms.append((j, m.end()))
                    return m.end()
            self._text(j, j + 1)
            return j + 1
        if ch == "[" or (ch == "!" and src.startswith("[", j + 1)):
            return self._link(j, end, link_depth)
        if ch in "*_~=":
            return self._delim(ch, j, end)
        self._text(j, j + 1)
        return j + 1

    def _newline(self, j: int, end: int) -> int:
        src = self.src
        # Trailing spaces before a line break (and the CR of a CRLF) and the next line's
        # indentation are not seen.
        k = len(self.tokens) - 1
        while k >= 0:
            last = self.tokens[k]
            if last.kind == "hidden":
                k -= 1
                continue
            if last.kind != "text":
                break
            stripped = last.text.rstrip(" \t\r")
            if len(stripped) == len(last.text):
                break
            if stripped:
                self.tokens[k] = _Token("text", last.start, last.start + len(stripped), stripped)
                break
            del self.tokens[k]
            k -= 1
        self.tokens.append(_Token("char", j, j + 1, "\n"))
        k = j + 1
        while k < end and src[k] in " \t":
            k += 1
        for hs, he in self.hidden:
            if hs == k:
                k = he
                while k < end and src[k] in " \t":
                    k += 1
        return k

    def _code(self, j: int, end: int) -> int:
        src = self.src
        n = 1
        while j + n < end and src[j + n] == "`":
            n += 1
        closer = re.compile(rf"(?<!`)`{{{n}}}(?!`)")
        m = closer.search(src, j + n, end)
        if m is None:
            self._text(j, j + n)
            return j + n
        cs, ce = j + n, m.start()
        content = src[cs:ce].replace("\n", " ")
        if len(content) >= 2 and content[0] == " " and content[-1] == " " and content.strip():
            cs, ce, content = cs + 1, ce - 1, content[1:-1]
        self.tokens.append(_Token("open", j, cs, style="code"))
        self.tokens.append(_Token("text", cs, ce, content))
        self.tokens.append(_Token("close", ce, m.end(), style="code"))
        self.result.atoms.append((j, m.end()))
        return m.end()

    def _angle(self, j: int, end: int) -> int:
        src = self.src
        m = AUTOLINK.match(src, j, end)
        if m:
            target = m.group("url") or "mailto:" + m.group("email")
            inner_start, inner_end = j + 1, m.end() - 1
            self.tokens.append(_Token("open", j, inner_start, style="link", link=target))
            self._text(inner_start, inner_end)
            self.tokens.append(_Token("close", inner_end, m.end(), style="link"))
            self.result.atoms.append((j, m.end()))
            return m.end()
        m = HTML_TAG.match(src, j, end)
        if m is None:
            self._text(j, j + 1)
            return j + 1
        name = (m.group("name") or "").lower()
        self._hide(j, m.end())
        if name in HIGHLIGHT_TAGS:
            if m.group("close"):
                self._close_tag(name, j, m.end())
            else:
                color = tag_color(name, m.group("attrs") or "")
                self.open_tags.append((name, color, j, m.end()))
        return m.end()

    def _close_tag(self, name: str, j: int, tag_end: int) -> None:
        for k in range(len(self.open_tags) - 1, -1, -1):
            if self.open_tags[k][0] == name:
                kind, color, tag_start, start = self.open_tags.pop(k)
                # Spans opened after this one and still open are left unclosed (reported).
                if color is not None:
                    self.result.marks.append(Mark(kind, color, tag_start, start, j, tag_end))
                return
        self.result.stray_closes.append(j)

    def _link(self, j: int, end: int, link_depth: int) -> int:
        src = self.src
        image = src[j] == "!"
        open_end = j + 2 if image else j + 1
        depth, k = 1, open_end
        while k < end:
            c = src[k]
            if c == "\\":
                k += 2
                continue
            if c == "\n" and src.startswith("\n", k + 1):
                break
            if c == "[":
                depth += 1
            elif c == "]":
                depth -= 1
                if depth == 0:
                    break
            k += 1
        tail = LINK_TAIL.match(src, k + 1, end) if k < end and depth == 0 else None
        if tail is None or link_depth > 0:
            self._text(j, open_end)
            return open_end
        dest = tail.group("dest").strip("<>")
        style = "image" if image else "link"
        self.tokens.append(_Token("open", j, open_end, style=style, link=dest))
        self.scan(open_end, k, link_depth + 1)
        self.tokens.append(_Token("close", k, tail.end(), style=style))
        self.result.atoms.append((k, tail.end()))
        self.result.atoms.append((j, open_end))
        self.result.pairs.append(((j, open_end), (k, tail.end())))
        return tail.end()

    def _delim(self, ch: str, j: int, end: int) -> int:
        src = self.src
        k = j
        while k < end and src[k] == ch:
            k += 1
        count = k - j
        before = _category(src[j - 1] if j > 0 else "")
        after = _category(src[k] if k < end else "")
        can_open = after != "space"
        can_close = before != "space"
        if ch == "_":
            # Intraword underscores (snake_case, URLs) are text, as everywhere.
            can_open = can_open and before != "other"
            can_close = can_close and after != "other"
        if ch in "~=" and count != 2:
            can_open = can_close = False
        if can_open or can_close:
            self.delims.append(_Delim(ch, j, count, count, can_open, can_close, len(self.tokens)))
            self.tokens.append(_Token("delim", j, k, src[j:k]))
        else:
            self._text(j, k)
        return k

    # -- phase 2: emphasis -----------------------------------------------------------
    def resolve(self) -> None:
        """Pair delimiter runs (closers left to right, each with the nearest opener)."""
        opens: dict[int, list[tuple[int, str]]] = {}
        closes: dict[int, list[tuple[int, str]]] = {}
        delims = self.delims
        for ci, closer in enumerate(delims):
            if not closer.can_close:
                continue
            oi = ci - 1
            while closer.count > 0 and oi >= 0:
                opener = delims[oi]
                if opener.char == closer.char and opener.can_open and opener.count > 0:
                    if closer.char in "~=":
                        use = 2
                    else:
                        use = 2 if opener.count >= 2 and closer.count >= 2 else 1
                    style = {
                        "~": "strike",
                        "=": "eq",
                    }.get(closer.char, "bold" if use == 2 else "italic")
                    o_at = opener.start + opener.count - use
                    opens.setdefault(opener.index, []).append((o_at, style))
                    closes.setdefault(closer.index, []).append(
                        (closer.start + closer.original - closer.count, style)
                    )
                    opener.count -= use
                    closer.count -= use
                    for between in delims[oi + 1 : ci]:
                        between.count = 0 if between.count == between.original else between.count
                    if opener.count == 0:
                        oi -= 1
                    continue
                oi -= 1
        expanded: list[_Token] = []
        for index, token in enumerate(self.tokens):
            if token.kind != "delim":
                expanded.append(token)
                continue
            used: list[tuple[int, int, str, str]] = []  # start, end, kind, style
            for at, style in closes.get(index, []):
                used.append((at, at + (1 if style == "italic" else 2), "close", style))
            for at, style in opens.get(index, []):
                used.append((at, at + (1 if style == "italic" else 2), "open", style))
            used.sort()
            pos = token.start
            for us, ue, kind, style in used:
                if us > pos:
                    self._literal(expanded, pos, us)
                expanded.append(_Token(kind, us, ue, style=style))
                self.result.atoms.append((us, ue))
                pos = ue
            if pos < token.end:
                self._literal(expanded, pos, token.end)
        self.tokens = expanded

    def _literal(self, out: list[_Token], start: int, end: int) -> None:
        out.append(_Token("text", start, end, self.src[start:end]))

    # -- phase 3: runs -----------------------------------------------------------------
    def runs(self) -> list[Run]:
        depth: dict[str, int] = {}
        links: list[str | None] = []
        runs: list[Run] = []
        eq_stack: list[int] = []
        style = PLAIN
        for token in self.tokens:
            kind = token.kind
            if kind == "text":
                runs.append(Run(token.text, token.start, token.start + len(token.text), style))
            elif kind == "char":
                runs.append(Run(token.text, token.start, token.end, style, literal=False))
            elif kind == "open" or kind == "close":
                if token.style == "eq":
                    if kind == "open":
                        eq_stack.append(token.start)
                    elif eq_stack:
                        tag_start = eq_stack.pop()
                        self.result.marks.append(
                            Mark(
                                "equals", "yellow", tag_start, tag_start + 2, token.start, token.end
                            )
                        )
                    continue
                depth[token.style] = depth.get(token.style, 0) + (1 if kind == "open" else -1)
                if token.style in ("link", "image"):
                    if kind == "open":
                        links.append(token.link)
                    elif links:
                        links.pop()
                style = Style(
                    bold=depth.get("bold", 0) > 0,
                    italic=depth.get("italic", 0) > 0,
                    strike=depth.get("strike", 0) > 0,
                    code=depth.get("code", 0) > 0,
                    link=links[-1] if links else None,
                    image=depth.get("image", 0) > 0,
                )
        return runs


def scan_paragraph(
    src: str, start: int, end: int, hidden: list[tuple[int, int]] | None = None
) -> Paragraph:
    """Scan the inline Markdown of `src[start:end]` (one paragraph or heading).

    `hidden` lists source ranges at line starts that belong to the block structure
    (blockquote markers, list bullets) and are not part of the text.
    """
    scanner = _Scanner(src, start, end, hidden or [])
    scanner.scan(start, end)
    scanner.resolve()
    result = scanner.result
    result.runs = scanner.runs()
    # A span still open at the end of its paragraph ends there (and is reported).
    content_end = end
    while content_end > start and src[content_end - 1] in " \t\r\n":
        content_end -= 1
    for kind, color, tag_start, open_end in scanner.open_tags:
        if color is not None:
            result.marks.append(
                Mark(
                    kind,
                    color,
                    tag_start,
                    open_end,
                    max(open_end, content_end),
                    max(open_end, content_end),
                    closed=False,
                )
            )
    result.marks.sort(key=lambda mark: (mark.tag_start, -mark.tag_end))
    return result
