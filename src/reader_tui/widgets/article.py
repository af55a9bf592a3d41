"""The article view: our own Markdown renderer with a map from screen text to source.

Textual's `Markdown` widget drops inline HTML, so the user's `<span>` highlights would
vanish. Each block is rendered here as `Content` (bold, italics, links, code, the
highlights in their colours) with, for every visible character, its offset in the post.
Text from a post is only ever text: control characters become their visible pictures
(one for one, so offsets still line up) and Textual markup is never parsed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar
from unicodedata import normalize

from textual.binding import Binding, BindingType
from textual.color import Color, ColorParseError
from textual.containers import VerticalScroll
from textual.content import Content, Span
from textual.geometry import Region
from textual.message import Message
from textual.widgets import Static

from reader_tui.post.blocks import Block, split_blocks
from reader_tui.post.markup import Run
from reader_tui.post.scanner import scan_paragraph
from reader_tui.terminal import safe

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from reader_tui.models import StoredHighlight
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


@dataclass(slots=True)
class RenderedBlock:
    """One block as shown: its content and, for each character, where its source
    begins (`offsets`) and ends (`ends`: an escape or entity is taken whole)."""

    block: Block
    content: Content
    offsets: list[int]
    ends: list[int]

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
        return self.offsets[start], self.ends[end - 1]

    def char_index(self, x: int, y: int) -> int:
        """The index in the shown text of column `x` (a character index) on line `y`."""
        lines = self.content.plain.split("\n")
        y = max(0, min(y, len(lines) - 1))
        return sum(len(line) + 1 for line in lines[:y]) + max(0, min(x, len(lines[y])))


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
    if "[^" not in text[start:end]:
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
        code_offsets = list(range(block.content_start, block.content_start + len(body)))
        code_ends = [offset + 1 for offset in code_offsets]
        content = Content(shown, [Span(0, len(shown), "dim")])
        return RenderedBlock(block, content, code_offsets, code_ends)
    if block.kind == "break":
        rule = Content("─" * 40, [Span(0, 40, "dim")])
        return RenderedBlock(block, rule, [block.start] * 40, [block.start] * 40)
    end = shown_end(text, block)
    paragraph = scan_paragraph(text, block.content_start, end, block.hidden)
    pieces: list[str] = [prefix]
    offsets: list[int] = [block.start] * len(prefix)
    ends: list[int] = [block.start] * len(prefix)
    spans: list[Span] = []
    position = len(prefix)
    runs = paragraph.runs
    numbers = footnotes or {}
    if "[^" in text[block.content_start : end]:
        runs = _joined(runs)  # the scanner may split `[^1]` at its brackets

    def add(shown: str, start: int, stop: int, literal: bool, style: str = "") -> None:
        nonlocal position
        pieces.append(shown)
        if style:
            spans.append(Span(position, position + len(shown), style))
        if literal:
            offsets.extend(range(start, start + len(shown)))
            ends.extend(range(start + 1, start + len(shown) + 1))
        else:
            offsets.extend([start] * len(shown))
            ends.extend([stop] * len(shown))
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
    for h in highlights:
        if h.end <= block.content_start or h.start >= block.content_end:
            continue
        inside = [
            i for i, offset in enumerate(offsets) if h.start <= offset < h.end and i >= len(prefix)
        ]
        if inside:
            spans.append(Span(inside[0], inside[-1] + 1, highlight_style(h.color, h.id == active)))
    return RenderedBlock(block, Content(plain, spans), offsets, ends)


CARET_KEYS = (
    ("w b", "word"),
    (") (", "sentence"),
    ("← →", "char"),
    ("↑ ↓", "paragraph"),
    ("v", "select from here"),
    ("esc", "no caret"),
)
SELECTING_KEYS = (
    ("w b ) ( ← → ↑ ↓", "extend"),
    ("h", "blue"),
    ("H", "red"),
    ("c", "colour…"),
    ("v", "unselect"),
    ("esc", "drop selection"),
)
FOUND = "bold underline on $warning 35%"  # every match of a find
FOUND_NOW = "bold reverse"  # the one the reader is on
WORD_START = re.compile(r"(?<!\S)\S")
SENTENCE_START = re.compile(r"(?<=[.!?。…])[\"'”’)\]]*\s+(?=\S)")


class BlockView(Static):
    """One rendered block of the article."""

    def __init__(self, rendered: RenderedBlock, **kwargs: object) -> None:
        block = rendered.block
        classes = f"block-{block.kind}"
        depth = block.level if block.kind == "quote" else block.quote
        if depth:  # the bar on every line of a quote, deeper quotes further in
            classes += f" quoted quote-{min(depth, 3)}"
        super().__init__(rendered.content, classes=classes, **kwargs)  # type: ignore[arg-type]
        self.rendered = rendered

    def show(self, rendered: RenderedBlock, content: Content | None = None) -> None:
        self.rendered = rendered
        self.update(rendered.content if content is None else content)


@dataclass(frozen=True, slots=True)
class Caret:
    """A position in the shown text: block number and character index in it."""

    block: int
    index: int


class ArticleView(VerticalScroll, can_focus=True):
    """A post rendered block by block; keeps the offset map for every character.

    With `v` a caret appears: move it by character, word, sentence or paragraph, press
    `v` (or space) to start selecting, and the screen's highlight keys take the selection.
    """

    ALLOW_SELECT = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("v", "caret", "Caret/select", tooltip="Show a caret; again: select"),
        Binding(
            "space", "space", "Page/select", show=False, tooltip="Next page; with a caret: select"
        ),
        Binding("left", "move('char', -1)", "Char back", show=False),
        Binding("right", "move('char', 1)", "Char on", show=False),
        Binding("w", "move('word', 1)", "Word on", show=False, tooltip="Caret: next word"),
        Binding("b", "back", "Page back", show=False, tooltip="Page back; with a caret: word back"),
        Binding(
            "right_parenthesis",
            "move('sentence', 1)",
            "Sentence on",
            show=False,
            tooltip="Caret: next sentence",
        ),
        Binding(
            "left_parenthesis",
            "move('sentence', -1)",
            "Sentence back",
            show=False,
            tooltip="Caret: sentence back",
        ),
        Binding(
            "down,j", "line(1)", "Line down", show=False, tooltip="Scroll; caret: next paragraph"
        ),
        Binding("up,k", "line(-1)", "Line up", show=False, tooltip="Scroll; caret: paragraph back"),
        Binding(
            "escape",
            "leave_caret",
            "Leave",
            tooltip="Drop the selection, then the caret, then the find's marks",
        ),
    ]

    class HighlightShown(Message):
        """The article scrolled to a highlight."""

        def __init__(self, highlight_id: int) -> None:
            self.highlight_id = highlight_id
            super().__init__()

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.text = ""
        self.highlights: list[StoredHighlight] = []
        self.active: int | None = None
        self._blocks: list[Block] = []
        self.footnotes: dict[str, int] = {}
        self._views: list[BlockView] = []
        self.caret_at: Caret | None = None
        self.select_from: Caret | None = None
        self.found: list[tuple[int, int, int]] = []  # find matches: (block, start, end)
        self.found_at = -1  # the current match

    def show_article(
        self, text: str, body_start: int, body_end: int, highlights: Sequence[StoredHighlight]
    ) -> None:
        """Render `text[body_start:body_end]` with its highlights."""
        self.text = text
        self.highlights = list(highlights)
        blocks = [
            block
            for block in split_blocks(text, body_start, body_end)
            if "{:toc}" not in text[block.content_start : block.content_end]  # Jekyll's own
        ]
        # Footnotes at the end, numbered in the order they are cited.
        notes = [block for block in blocks if is_footnote(text, block)]
        self._blocks = [block for block in blocks if block not in notes] + notes
        self.footnotes = footnote_numbers(text, body_start, body_end)
        self.remove_children()
        self.caret_at = self.select_from = None
        self.found, self.found_at = [], -1
        rendered = [
            render_block(text, block, self._in(block), footnotes=self.footnotes)
            for block in self._blocks
        ]
        self._views = [
            BlockView(shown)
            for shown in rendered
            if shown.content.plain.strip() or shown.block.kind == "break"
        ]
        self.mount_all(self._views)

    def _in(self, block: Block) -> list[StoredHighlight]:
        return [h for h in self.highlights if h.start < block.end and h.end > block.start]

    def set_highlights(self, highlights: Sequence[StoredHighlight]) -> None:
        self.highlights = list(highlights)
        self._rerender()

    def _rerender(self, only: Sequence[int] | None = None) -> None:
        indices = range(len(self._views)) if only is None else sorted(set(only))
        for index in indices:
            view = self._views[index]
            block = view.rendered.block
            rendered = render_block(self.text, block, self._in(block), self.active, self.footnotes)
            view.show(rendered, self._decorated(index, rendered))

    # -- the caret ---------------------------------------------------------------------

    def _decorated(self, index: int, rendered: RenderedBlock) -> Content | None:
        """The block's content with the caret and the keyboard selection drawn on it."""
        caret = self.caret_at
        content = rendered.content
        marks = [m for m in self.found if m[0] == index]
        for n, (_block, start, end) in enumerate(self.found):
            if _block == index:
                current = n == self.found_at
                content = content.stylize(FOUND_NOW if current else FOUND, start, end)
        if caret is None or not rendered.content.plain:
            return content if marks else None
        span = self.selection_span()
        if span is not None and span[0] == index:
            content = content.stylize("reverse", span[1], span[2])
        elif self.select_from is not None and index in (self.select_from.block, caret.block):
            content = content.stylize("reverse dim", 0, len(content.plain))
        if caret.block == index:
            content = content.stylize("reverse underline", caret.index, caret.index + 1)
        return content

    def selection_span(self) -> tuple[int, int, int] | None:
        """The keyboard selection as (block, start, end) in shown characters: as in a text
        editor, the caret sits before the character it is drawn on, so the selection runs
        from the anchor up to the caret, not through the character after it (`w` and `)`
        stop at the next word or sentence: the spaces before it are left out). None
        without a selection or when it spans paragraphs."""
        if (
            self.caret_at is None
            or self.select_from is None
            or self.select_from.block != self.caret_at.block
        ):
            return None
        start, end = sorted((self.select_from.index, self.caret_at.index))
        plain = self._views[self.caret_at.block].rendered.content.plain
        while end > start and plain[end - 1].isspace():
            end -= 1
        return self.caret_at.block, start, end

    def keyboard_selection(self) -> tuple[BlockView, int, int] | str | None:
        """What the keyboard selected, or why it cannot be highlighted, or None."""
        if self.select_from is None or self.caret_at is None:
            return None
        span = self.selection_span()
        if span is None:
            return "A highlight must stay within one paragraph."
        return self._views[span[0]], span[1], span[2]

    def mode_keys(self) -> Sequence[tuple[str, str]] | None:
        """The key bar's keys while a caret is shown (else the screen's)."""
        if self.caret_at is None:
            return None
        if self.select_from is None:
            return CARET_KEYS
        return SELECTING_KEYS

    def _mode_changed(self) -> None:
        self.screen.refresh_bindings()  # the key bar shows the keys of the new mode

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Without a caret the arrows scroll and Escape goes back, as they always do.
        if action == "move":
            return self.caret_at is not None
        if action == "leave_caret":
            return self.caret_at is not None or bool(self.found)
        return True

    def action_line(self, direction: int) -> None:
        """↓/↑ (j/k): scroll a line; with a caret shown, move it a paragraph."""
        if self.caret_at is None:
            self.scroll_relative(y=direction, animate=False)
        else:
            self.action_move("block", direction)

    def action_space(self) -> None:
        """Space: the next page; with a caret shown, start or drop the selection."""
        if self.caret_at is None:
            self.scroll_page_down(animate=False)
        else:
            self.action_caret()

    def action_back(self) -> None:
        """b: a page back; with a caret shown, a word back."""
        if self.caret_at is None:
            self.scroll_page_up(animate=False)
        else:
            self.action_move("word", -1)

    def action_caret(self) -> None:
        """Show the caret at the top of the view; with one shown, start or drop a selection."""
        if not self._views:
            return
        if self.caret_at is None:
            self.caret_at = Caret(self._first_visible(), 0)
            self._move_to(self.caret_at, self.caret_at)
        else:
            self.select_from = None if self.select_from is not None else self.caret_at
            self._rerender([self.caret_at.block])
        self._mode_changed()

    def action_leave_caret(self) -> None:
        """Escape: drop the selection, then the caret, then the find's marks."""
        if self.caret_at is None:
            self.find("")
            return
        old = [c.block for c in (self.caret_at, self.select_from) if c is not None]
        if self.select_from is not None:
            self.select_from = None
        else:
            self.caret_at = None
        self._rerender(old)
        self._mode_changed()

    def clear_caret(self) -> None:
        """Drop the selection and the caret (after a highlight is made)."""
        old = [c.block for c in (self.caret_at, self.select_from) if c is not None]
        self.caret_at = self.select_from = None
        self._rerender(old)
        self._mode_changed()

    def _first_visible(self) -> int:
        for index, view in enumerate(self._views):
            if view.virtual_region.bottom > self.scroll_y and view.rendered.content.plain:
                return index
        return 0

    def action_move(self, unit: str, direction: int) -> None:
        """Move the caret by a character, word, sentence or paragraph."""
        caret = self.caret_at
        if caret is None:
            return
        block, index = caret.block, caret.index
        plain = self._views[block].rendered.content.plain
        if unit == "block":
            block = max(0, min(len(self._views) - 1, block + direction))
            index = 0
        elif unit == "char":
            index += direction
            if index >= len(plain) and block + 1 < len(self._views):
                block, index = block + 1, 0
            elif index < 0 and block > 0:
                block -= 1
                index = max(0, len(self._views[block].rendered.content.plain) - 1)
        else:
            pattern = WORD_START if unit == "word" else SENTENCE_START
            starts = [0] + [
                m.end() if unit == "sentence" else m.start() for m in pattern.finditer(plain)
            ]
            if direction > 0:
                later = [s for s in starts if s > index]
                if later:
                    index = later[0]
                elif block + 1 < len(self._views):
                    block, index = block + 1, 0
                else:
                    index = max(0, len(plain) - 1)
            else:
                earlier = [s for s in starts if s < index]
                if earlier:
                    index = earlier[-1]
                elif block > 0:
                    block -= 1
                    index = 0
        index = max(0, min(index, max(0, len(self._views[block].rendered.content.plain) - 1)))
        self._move_to(caret, Caret(block, index))

    def _move_to(self, old: Caret, new: Caret) -> None:
        self.caret_at = new
        touched = [old.block, new.block]
        if self.select_from is not None:
            touched.append(self.select_from.block)
        self._rerender(touched)
        self._scroll_to_char(new.block, new.index)

    def _scroll_to_char(self, block: int, index: int) -> None:
        """Bring a character's line into view (its share of the block's height)."""
        view = self._views[block]
        plain = view.rendered.content.plain
        region = view.virtual_region
        line = int(region.height * index / max(1, len(plain)))
        self.scroll_to_region(
            Region(region.x, region.y + line, region.width, 1), animate=False, immediate=True
        )

    # -- find ----------------------------------------------------------------------------

    def find(self, query: str) -> int:
        """Mark every match of `query` in the shown text (case ignored; an NFD post found
        by NFC words and the other way round; if the whole query is not there, each of
        its words); returns how many there are."""
        touched = {m[0] for m in self.found}
        self.found, self.found_at = [], -1
        query = " ".join(query.split()).casefold()
        if query:
            self.found = self._matches([query]) or self._matches(query.split())
        touched |= {m[0] for m in self.found}
        self._rerender(sorted(touched))
        self.post_message(self.FindChanged())
        return len(self.found)

    def _matches(self, needles: Sequence[str]) -> list[tuple[int, int, int]]:
        forms = {form for n in needles for form in (normalize("NFC", n), normalize("NFD", n))}
        found = []
        for index, view in enumerate(self._views):
            if view.rendered.block.kind == "break":
                continue
            plain = view.rendered.content.plain.casefold()
            if len(plain) != len(view.rendered.content.plain):
                plain = view.rendered.content.plain.lower()  # keep indices one to one
            spans = set()
            for form in forms:
                spans |= {(m.start(), m.end()) for m in re.finditer(re.escape(form), plain) if form}
            found += [(index, start, end) for start, end in sorted(spans)]
        return found

    def next_match(self, direction: int, nearest: bool = False) -> None:
        """Go to the next (or previous) match; `nearest`: the first from the view's top."""
        if not self.found:
            return
        old = self.found[self.found_at][0] if self.found_at >= 0 else None
        if nearest or self.found_at < 0:
            top = self._first_visible()
            self.found_at = next((n for n, m in enumerate(self.found) if m[0] >= top), 0)
        else:
            self.found_at = (self.found_at + direction) % len(self.found)
        block, start, _end = self.found[self.found_at]
        self._rerender([block] if old is None else [block, old])
        self._scroll_to_char(block, start)

    class FindChanged(Message):
        """Matches of a find were marked or cleared (the keys on the bar change)."""

    def top_offset(self) -> int:
        """The source offset of the first block on screen (where the reader is)."""
        if not self._views:
            return 0
        return self._views[self._first_visible()].rendered.block.start

    def read_so_far(self) -> float:
        """How much of the article has been on screen, from its top: 0-1."""
        height = self.virtual_size.height
        if height <= self.size.height:
            return 1.0
        return min(1.0, (self.scroll_y + self.size.height) / height)

    def show_offset(self, offset: int) -> None:
        """Scroll so the block holding the source offset is at the top."""
        view = self.view_for(offset) or next(
            (v for v in self._views if v.rendered.block.start >= offset), None
        )
        if view is not None:
            self.scroll_to_widget(view, animate=False, top=True, immediate=True)

    def view_for(self, offset: int) -> BlockView | None:
        """The block view that shows the source offset."""
        for view in self._views:
            if view.rendered.block.start <= offset <= view.rendered.block.end:
                return view
        return None

    def resized(self, highlight: StoredHighlight, words: int) -> tuple[int, int] | str:
        """The source range of `highlight` grown (`words` > 0) or shrunk by a word at its
        end, or why it cannot be."""
        view = self.view_for(highlight.start)
        if view is None:
            return "That highlight is not on screen."
        rendered = view.rendered
        inside = [
            i
            for i, offset in enumerate(rendered.offsets)
            if highlight.start <= offset < highlight.end
        ]
        if not inside:
            return "That highlight is not on screen."
        plain = rendered.content.plain
        start, end = inside[0], inside[-1] + 1
        if words > 0:
            while end < len(plain) and plain[end].isspace():
                end += 1
            if end >= len(plain):
                return "The highlight already reaches the end of its paragraph."
            while end < len(plain) and not plain[end].isspace():
                end += 1
        else:
            while end > start and plain[end - 1].isspace():
                end -= 1
            while end > start and not plain[end - 1].isspace():
                end -= 1
            if not plain[start:end].strip():
                return "One word is left; x removes the highlight."
        found = rendered.source_range(start, end)
        return "Nothing to highlight there." if found is None else found

    def go_to(self, highlight: StoredHighlight) -> None:
        """Scroll to a highlight and mark it."""
        self.active = highlight.id
        self._rerender()
        view = self.view_for(highlight.start)
        if view is not None:
            self.scroll_to_widget(view, animate=False, top=True)
        self.post_message(self.HighlightShown(highlight.id))
