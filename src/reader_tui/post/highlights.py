"""Highlights in a post: read from their tags, checked, added, removed, recoloured. Pure.

A highlight is `<span style="color:…">…</span>`, `<mark>` or `==…==`; a new one is
written as a span. Every check a new highlight must pass lives in
`check_highlight_range`, for the app and the writer alike.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace
from itertools import accumulate
from typing import TYPE_CHECKING

from reader_tui.models import Article, Highlight
from reader_tui.post.blocks import (
    BLANK_LINES,
    Block,
    chunk_blocks,
    chunks,
    contains,
    is_plain,
    plain_paragraph,
    split_blocks,
)
from reader_tui.post.colors import recolored
from reader_tui.post.errors import EditError
from reader_tui.post.layout import Body, blocks_holding, run_start
from reader_tui.post.markup import HIGHLIGHT_PAIR
from reader_tui.post.quick import (
    markup_at,
    never_closed,
    other_markup,
    pair_highlights,
    quick_highlights,
    quick_pairs,
    stray_close,
)
from reader_tui.post.scanner import scan_paragraph
from reader_tui.post.splices import Splice

if TYPE_CHECKING:
    from collections.abc import Iterable

    from reader_tui.post.markup import Paragraph

COLOR = re.compile(r"#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,20}|rgba?\([0-9.,% ]{5,40}\)")


NOTE = re.compile(r"<!-- note: (.*?) -->", re.S)
"""A highlight's note, right after its closing tag: an HTML comment, which Jekyll does not
show, so the post reads as before."""


def read_note(written: str) -> str:
    return written.replace("&#10;", "\n").replace("--&gt;", "-->").replace("&amp;", "&")


def note_comment(note: str) -> str:
    """A note as written after its highlight (one line; `-->` cannot end it early)."""
    if not note:
        return ""
    written = note.replace("&", "&amp;").replace("-->", "--&gt;").replace("\n", "&#10;")
    return f"<!-- note: {written} -->"


def _paragraph_of(text: str, block: Block) -> Paragraph:
    return scan_paragraph(text, block.content_start, block.content_end, block.hidden)


def read_highlights(text: str, blocks: Iterable[Block], warnings: list[str]) -> list[Highlight]:
    found: list[Highlight] = []
    for block in blocks:
        start, end = block.content_start, block.content_end
        quick = None if block.hidden else quick_highlights(text, start, end, warnings)
        found += quick if quick is not None else scanned_highlights(text, block, warnings)
    return found


def article_highlights(text: str, body: Body, warnings: list[str]) -> list[Highlight]:
    """The highlights of the article `body` lays out (see `layout`)."""
    if body.with_marks is None:  # (laid out from its last break: no runs split)
        found = _one_pass(text, body.start, body.article_end)
        if found is not None:
            highlights, said = found
            warnings += said
            return highlights
    return read_highlights(text, body.marked(), warnings)


def _one_pass(text: str, start: int, end: int) -> tuple[list[Highlight], list[str]] | None:
    """The highlights of text[start:end] (and the warnings), from one pass over its
    highlight tags (`_most_pairs`); None when a tag spans a blank line or a `==` may mark
    one (`read_highlights` of the blocks holding a mark decides)."""
    matches = list(HIGHLIGHT_PAIR.finditer(text, start, end))
    if not matches:
        return None if contains(text, "==", start, end) else ([], [])
    first = run_start(text, start, matches[0].start())
    if contains(text, "==", start, first):  # (from `first` on, `_most_pairs` looks)
        return None
    warnings: list[str] = []
    found = _most_pairs(text, matches, first, end, warnings)
    return None if found is None else (found, warnings)


_NOT_PROSE = r"(?:[ \t\r#>*+\-_=~`]|\d{1,9}[.)])"
"""How a line may start a block other than a paragraph, or go on one with an indent
(`blocks.is_plain` asks about any digit; a line like `2022년` goes on a paragraph)."""
_NOT_PROSE_FIRST = re.compile(_NOT_PROSE)
_NOT_PROSE_LINE = re.compile(r"\n" + _NOT_PROSE)


def _most_pairs(
    text: str, matches: list[re.Match[str]], start: int, end: int, warnings: list[str]
) -> list[Highlight] | None:
    """The highlights of text[start:end] (`matches`: its `HIGHLIGHT_PAIR` matches, the
    first in the run of lines `start` opens), most of them read at once.

    At once: the pairs of tags in runs of prose lines whose every `<` is in a pair of
    tags, with no other markup, as `_run_highlights` reads each such run. Each other run
    that holds a tag is read by `_run_highlights`. None: a tag spans a blank line, or a
    `==` may mark a highlight."""
    pieces: list[str] = []  # the text outside the tags, and each pair's text
    origins: list[int] = []  # where each piece starts
    odd: list[int] = []  # where the run is not for reading at once
    pos = start
    for match in matches:
        at = match.start()
        pieces.append(text[pos:at])
        origins.append(pos)
        pos = match.end()
        if "\n" in text[at:pos] and BLANK_LINES.search(text, at, pos):  # (runs apart)
            return None
        if match.lastindex is None:  # (a lone tag)
            odd.append(at)
        else:
            pieces.append(match[3])
            origins.append(match.start(3))
    pieces.append(text[pos:end])
    origins.append(pos)
    joined = "".join(pieces)
    if "=" in joined and "==" in joined:  # (see `blocks.contains`)
        return None
    if "<" in joined or other_markup(joined):
        offsets = list(accumulate(map(len, pieces)))
        for at in markup_at(joined):
            k = bisect_right(offsets, at)
            odd.append(origins[k] + at - (offsets[k - 1] if k else 0))
    if _NOT_PROSE_FIRST.match(text, start):
        odd.append(start)
    odd += [m.start() + 1 for m in _NOT_PROSE_LINE.finditer(text, start, end)]
    if not odd:
        return pair_highlights(text, matches)
    aside = _in_runs_with(text, matches, odd)
    found: list[Highlight] = []
    at_once: list[re.Match[str]] = []
    index = 0
    while index < len(matches):
        if index not in aside:
            at_once.append(matches[index])
            index += 1
            continue
        found += pair_highlights(text, at_once)
        at_once = []
        at = matches[index].start()
        gap = BLANK_LINES.search(text, at)
        run_end = min(gap.start() if gap is not None else len(text), end)
        stop = index + 1
        while stop < len(matches) and matches[stop].start() < run_end:
            stop += 1
        run = matches[index:stop]
        found += _run_highlights(text, run, run_start(text, start, at), run_end, warnings)
        index = stop
    return found + pair_highlights(text, at_once)


def _in_runs_with(text: str, matches: list[re.Match[str]], odd: list[int]) -> set[int]:
    """The matches (by number) in a run of lines that holds one of the offsets `odd`."""
    starts = [match.start() for match in matches]
    between: dict[int, tuple[int, int]] = {}  # by the next match: the first and last offset
    for at in odd:
        right = bisect_left(starts, at)
        first, last = between.get(right, (at, at))
        between[right] = (min(first, at), max(last, at))
    found: set[int] = set()
    for right, (first, last) in between.items():
        left, stop = right - 1, first
        while left >= 0 and left not in found and _same_run(text, matches[left].end(), stop):
            found.add(left)
            left, stop = left - 1, matches[left].start()
        after = last
        while (
            right < len(matches)
            and right not in found
            and _same_run(text, after, matches[right].start())
        ):
            found.add(right)
            after = matches[right].end()
            right += 1
    return found


def _same_run(text: str, start: int, end: int) -> bool:
    """Whether no blank line lies between `start` and `end`."""
    return start >= end or BLANK_LINES.search(text, start, end) is None


def _run_highlights(
    text: str, tags: list[re.Match[str]], start: int, end: int, warnings: list[str]
) -> list[Highlight]:
    """The highlights of the run of lines text[start:end], which holds `tags`
    (`HIGHLIGHT_PAIR` matches)."""
    paragraph = plain_paragraph(text, start, end) if is_plain(text, start, end) else None
    if paragraph is None:
        marks = [at for tag in tags for at in (tag.start(), tag.start(4)) if at >= 0]
        return read_highlights(
            text, blocks_holding(chunk_blocks(text, start, end), marks), warnings
        )
    stop = paragraph.content_end
    if all(tag[1] for tag in tags) and text.count("<", start, stop) == 2 * len(tags):
        quick = quick_pairs(text, tags, start, stop)
        if quick is not None:
            return quick
    return read_highlights(text, [paragraph], warnings)


def scanned_highlights(text: str, block: Block, warnings: list[str]) -> list[Highlight]:
    """The highlights of `block` as the full scan of its paragraph reads them."""
    para = _paragraph_of(text, block)
    found = []
    for mark in para.marks:
        # (A note's comment looked for by its first characters first: most have none.)
        note = (
            NOTE.match(text, mark.tag_end, block.content_end)
            if mark.closed and text.startswith("<!", mark.tag_end)
            else None
        )
        found.append(  # (fields in order, not by name: a post has hundreds)
            Highlight(
                mark.start,
                mark.end,
                mark.color or "yellow",
                para.visible(mark.start, mark.end).strip(),
                mark.kind,
                mark.tag_start,
                mark.tag_end,
                read_note(note.group(1)) if note else "",
                note.end() if note else -1,
            )
        )
        if not mark.closed:
            warnings.append(never_closed(text, mark.tag_start, mark.kind))
    warnings.extend(stray_close(text, offset) for offset in para.stray_closes)
    return found


def _block_at(text: str, article: Article, start: int, end: int) -> Block | None:
    body_start, article_end = article.source.body_start, article.source.article_end
    runs = chunks(text, body_start, article_end)
    if runs is None:  # fenced code: blocks may cross blank lines
        blocks = split_blocks(text, body_start, article_end)
    else:  # no block crosses a blank line: only the run that holds `start` is split
        at = bisect_right(runs, (start, len(text))) - 1
        blocks = chunk_blocks(text, *runs[at]) if at >= 0 else []
    for block in blocks:
        if block.kind in ("paragraph", "item", "quote", "heading") and (
            block.content_start <= start and end <= block.content_end
        ):
            return block
    return None


def check_highlight_range(text: str, article: Article, start: int, end: int) -> str | None:
    """Why `[start, end)` cannot become a new highlight, or None when it can."""
    if not (article.source.body_start <= start < end <= article.source.article_end):
        return "a highlight must lie inside the article, not its front matter or notes"
    block = _block_at(text, article, start, end)
    if block is None:
        return "a highlight must stay within one paragraph"
    para = _paragraph_of(text, block)
    for atom_start, atom_end in para.atoms:
        if atom_start < start < atom_end or atom_start < end < atom_end:
            return "a highlight cannot begin or end inside markup (a tag, a link or inline code)"
    for (os_, oe), (cs, ce) in para.pairs:
        if (start <= os_ and oe <= end) != (start <= cs and ce <= end):
            return (
                "a highlight cannot cross a link's brackets: take the whole link or text inside it"
            )
    for hs, he in block.hidden:
        if hs < start < he or hs < end < he:
            return "a highlight cannot begin or end inside a quote or list marker"
    for h in article.highlights:
        outer = h.tag_start <= start and end <= h.tag_end
        inner = start <= h.tag_start and h.tag_end <= end
        apart = end <= h.tag_start or h.tag_end <= start
        if (start, end) == (h.start, h.end):
            return "that passage is already highlighted"
        if not (outer or inner or apart) or (outer and not (h.start <= start and end <= h.end)):
            return "a highlight cannot overlap part of another highlight"
    if not para.visible(start, end).strip():
        return "a highlight needs some visible text"
    return None


def visible_text(text: str, article: Article, start: int, end: int) -> str | None:
    """The text a reader sees of `text[start:end]`, or None when it is not within one
    paragraph of the article."""
    block = _block_at(text, article, start, end)
    return None if block is None else _paragraph_of(text, block).visible(start, end).strip()


def add_highlight(
    text: str, article: Article, start: int, end: int, color: str = "blue"
) -> Article:
    """`article` with a new highlight on `text[start:end]` (raises `EditError` if it can't be)."""
    if not COLOR.fullmatch(color):
        raise EditError(f"{color!r} is not a colour (use a name like blue or a #hex value)")
    reason = check_highlight_range(text, article, start, end)
    if reason:
        raise EditError(reason)
    block = _block_at(text, article, start, end)
    assert block is not None
    visible = _paragraph_of(text, block).visible(start, end).strip()
    new = Highlight(start, end, color.lower(), visible, "span", start, end)
    ordered = sorted([*article.highlights, new], key=lambda h: (h.tag_start, -h.tag_end))
    return replace(article, highlights=tuple(ordered))


def remove_highlight(article: Article, highlight: Highlight) -> Article:
    """`article` without `highlight` (its text stays in the post)."""
    kept = tuple(
        h for h in article.highlights if (h.start, h.end) != (highlight.start, highlight.end)
    )
    return replace(article, highlights=kept)


def recolor_highlight(article: Article, highlight: Highlight, color: str) -> Article:
    """`article` with `highlight` shown in another colour."""
    if not COLOR.fullmatch(color):
        raise EditError(f"{color!r} is not a colour (use a name like blue or a #hex value)")
    changed = tuple(
        replace(h, color=color.lower(), kind="span" if h.kind == "equals" else h.kind)
        if (h.start, h.end) == (highlight.start, highlight.end)
        else h
        for h in article.highlights
    )
    return replace(article, highlights=changed)


def _open_tag(color: str) -> str:
    return f'<span style="color:{color}">'


def highlight_splices(text: str, original: Article, edited: Article) -> list[Splice]:
    before = {(h.start, h.end): h for h in original.highlights}
    after = {(h.start, h.end): h for h in edited.highlights}
    splices: list[Splice] = []
    for key, h in before.items():
        new = after.get(key)
        if new is None:
            splices.append(Splice(h.tag_start, 2, 0, h.start, ""))
            if h.closed:
                splices.append(Splice(h.end, 2, 0, max(h.tag_end, h.note_end), ""))
            continue
        if new.note != h.note and h.closed:
            noted = max(h.tag_end, h.note_end)
            splices.append(Splice(h.tag_end, 3, 0, noted, note_comment(new.note)))
        if new.color != h.color:
            if not COLOR.fullmatch(new.color):
                raise EditError(f"{new.color!r} is not a colour")
            # In the highlight's own form: the same tag and property, the colour changed
            # (`background:#fff5b1` stays a background); `==…==` becomes a span.
            tag = text[h.tag_start : h.start]
            own = recolored(tag, new.color) if h.kind != "equals" else None
            if own is None and h.kind == "mark":
                own = tag[:5] + f' style="background-color:{new.color}"' + tag[5:]
            splices.append(Splice(h.tag_start, 2, 0, h.start, own or _open_tag(new.color)))
            if own is None and h.closed and h.kind != "span":
                splices.append(Splice(h.end, 2, 0, h.tag_end, "</span>"))
    added = sorted((h for key, h in after.items() if key not in before), key=lambda h: h.start)
    # New highlights are checked against the ones that stay, not the ones being removed.
    staying = replace(
        original, highlights=tuple(h for h in original.highlights if (h.start, h.end) in after)
    )
    for index, h in enumerate(added):
        for other in added[index + 1 :]:
            if h.start < other.start < h.end < other.end:
                raise EditError("a highlight cannot overlap part of another highlight")
    for h in added:
        if not COLOR.fullmatch(h.color):
            raise EditError(f"{h.color!r} is not a colour")
        reason = check_highlight_range(text, staying, h.start, h.end)
        if reason:
            raise EditError(reason)
        # Outer highlights open first and close last when new ones share an offset.
        splices.append(Splice(h.start, 1, -h.end, h.start, _open_tag(h.color)))
        splices.append(Splice(h.end, 0, -h.start, h.end, "</span>" + note_comment(h.note)))
    return splices
