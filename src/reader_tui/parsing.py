"""A reading-note post as text, to an `Article` and back. Pure: no files, no Textual.

`parse` records where every piece came from (`Article.source`); `write` applies only
the splices an edit needs to the original text, so every byte it was not asked to
change stays as it was. `frontmatter.dumps` is never used to write a post: it re-sorts
keys, re-quotes values and folds long lines.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

from reader_tui.blocks import Block, chunk_blocks, chunks, is_plain, lines, split_blocks
from reader_tui.inline import HIGHLIGHT_TAG, Paragraph, quick_marks, scan_paragraph
from reader_tui.models import Article, ExtraSection, Highlight, Section, SourceMap

__all__ = [
    "EditError",
    "ParseError",
    "add_highlight",
    "check_highlight_range",
    "parse",
    "recolor_highlight",
    "remove_highlight",
    "with_notes",
    "write",
]

_YAML = YAMLHandler()
FM_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.M)
FILE_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:-|$)")
SUBTITLE_DATE = re.compile(r"(?<!\d)(\d{2})(\d{2})(\d{2})(?!\d)")
LINK_LINE = re.compile(r"\[링크\]\(\s*<?([^)\s>]+)>?[^)]*\)")
BARE_LINK_LINE = re.compile(
    r"\s*(?:\[[^\]]*\]\(\s*<?([^)\s>]+)>?[^)]*\)|<(https?://[^>\s]+)>|(https?://\S+))\s*$"
)
SECTION_HEADING = re.compile(
    r"(?P<hashes>[ ]{0,3}#{1,6})[ \t]*(?:(?P<number>\d+)[ \t]*[.)][ \t]*)?"
    r"(?P<name>키워드|요약|궁금한[ \t]*점|keywords?|summary|questions?)"
    r"(?=[ \t]*(?:[:：]|$))[ \t]*(?P<colon>[:：])?",
    re.I,
)
SECTION_KINDS = {
    "키워드": "keywords",
    "keyword": "keywords",
    "keywords": "keywords",
    "요약": "summary",
    "summary": "summary",
    "궁금한점": "questions",
    "question": "questions",
    "questions": "questions",
}
KIND_ORDER = ("keywords", "summary", "questions")
KOREAN_NAMES = {"keywords": "키워드", "summary": "요약", "questions": "궁금한 점"}
ENGLISH_NAMES = {"keywords": "Keywords", "summary": "Summary", "questions": "Questions"}
DEFAULT_NUMBERS = {"keywords": 2, "summary": 3, "questions": 4}
QUESTION_ITEM = re.compile(r"(?:[-*+]|\d+[.)]?)[ \t]+(.*)")
# Lines that would change the block structure if written as they are into a section.
BLOCKY = re.compile(r" {0,3}(?:#|([-*_])(?:[ \t]*\1){2,}[ \t]*$|=+[ \t]*$|-+[ \t]*$|`{3,}|~{3,})")
# ... and, in a list of questions, lines that would start a new question.
ITEM_LIKE = re.compile(BLOCKY.pattern + r"|(?:[-*+]|\d+[.)]?)[ \t]")
COLOR = re.compile(r"#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,20}|rgba?\([0-9.,% ]{5,40}\)")


class ParseError(ValueError):
    """The text is not a post reader-tui can read; the message says why."""


class EditError(ValueError):
    """An edit cannot be written into the post; the message says why."""


# --------------------------------------------------------------------------------------
# Parsing
# --------------------------------------------------------------------------------------


def parse(text: str, path: str | None = None) -> Article:
    """Parse the decoded text of a post. Raises `ParseError` for unreadable front matter."""
    fm_span, meta, body_start = _front_matter(text)
    body = _layout(text, body_start)
    warnings: list[str] = []
    highlights = _highlights(text, body.with_marks, warnings)
    sections: list[Section] = []
    notes: dict[str, Any] = {}
    extras: list[ExtraSection] = []
    if body.notes is not None:
        sections, notes, extras = _notes(text, body.notes)

    title = _as_text(meta.get("title"))
    subtitle = _as_text(meta.get("subtitle"))
    subtitle_date = _subtitle_date(subtitle)
    date = _file_date(path) or _meta_date(meta.get("date")) or subtitle_date
    return Article(
        path=path,
        title=title,
        subtitle=subtitle,
        date=date,
        subtitle_date=subtitle_date,
        categories=_as_list(meta.get("categories", meta.get("category"))),
        tags=_as_list(meta.get("tags", meta.get("tag"))),
        front_matter={key: _jsonable(value) for key, value in meta.items()},
        source_url=_source_url(text, body, body_start),
        highlights=tuple(highlights),
        keywords=notes.get("keywords", ()),
        summary=notes.get("summary", ""),
        questions=notes.get("questions", ()),
        extra_sections=tuple(extras),
        warnings=tuple(warnings),
        source=SourceMap(
            front_matter=fm_span,
            body_start=body_start,
            article_end=body.article_end,
            notes_start=body.article_end if body.notes is not None else None,
            sections=tuple(sections),
            text_length=len(text),
            ends_with_newline=text.endswith("\n"),
            newline="\r\n" if "\r\n" in text else "\n",
        ),
    )


@dataclass(slots=True)
class _Body:
    """What `parse` needs of the body's blocks; most of them it never has to build."""

    text: str
    spans: list[tuple[int, int]] | None  # runs of lines between blank lines (None: fences)
    blocks: list[Block] | None  # every block, when the body has fences
    article_end: int
    notes: list[Block] | None  # the blocks after the notes block's `* * *`
    with_marks: list[Block]  # article blocks holding `<` or `==`

    def article_blocks(self) -> Iterator[Block]:
        """The article's blocks in order, split on demand."""
        if self.blocks is not None:
            yield from (b for b in self.blocks if b.start < self.article_end)
            return
        assert self.spans is not None
        for cs, ce in self.spans:
            for block in chunk_blocks(self.text, cs, ce):
                if block.start >= self.article_end:
                    return
                yield block


def _may_highlight(text: str, block: Block) -> bool:
    return (
        text.find("<", block.content_start, block.content_end) >= 0
        or text.find("==", block.content_start, block.content_end) >= 0
    )


def _layout(text: str, body_start: int) -> _Body:
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
        return _Body(text, None, blocks, article_end, notes, candidates)
    # The notes block opens at the last `* * *` with a notes heading after it. Walk the
    # runs backwards; a run whose lines all start with letters holds neither.
    article_end, notes = len(text), None
    seen_heading = False
    later: list[Block] = []
    for cs, ce in reversed(spans):
        if is_plain(text, cs, ce):
            later[:0] = chunk_blocks(text, cs, ce)
            continue
        run = chunk_blocks(text, cs, ce)
        for index in range(len(run) - 1, -1, -1):
            block = run[index]
            if block.kind == "heading" and SECTION_HEADING.match(text, block.start, block.end):
                seen_heading = True
            elif block.kind == "break" and seen_heading:
                article_end, notes = block.start, run[index + 1 :] + later
                break
        if notes is not None:
            break
        later[:0] = run
    marked: list[Block] = []
    for cs, ce in spans:
        if cs >= article_end:
            break
        if text.find("<", cs, ce) < 0 and text.find("==", cs, ce) < 0:
            continue
        for block in chunk_blocks(text, cs, min(ce, article_end)):
            if block.kind not in ("code", "break") and _may_highlight(text, block):
                marked.append(block)
    return _Body(text, spans, None, article_end, notes, marked)


def _front_matter(text: str) -> tuple[tuple[int, int] | None, dict[str, Any], int]:
    start = 1 if text.startswith("\ufeff") else 0
    if not text.startswith("---", start):
        return None, {}, 0
    first_nl = text.find("\n", start)
    if first_nl < 0 or text[start + 3 : first_nl].strip():
        return None, {}, 0
    close = FM_CLOSE.search(text, first_nl + 1)
    if close is None:
        return None, {}, 0
    raw = text[first_nl + 1 : close.start()]
    try:
        meta = _YAML.load(raw) if raw.strip() else {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        problem = getattr(error, "problem", None) or "is not valid YAML"
        raise ParseError(f"front matter{where}: {problem}") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise ParseError("front matter is not a list of `key: value` lines")
    end = close.end()
    if end < len(text) and text[end] == "\n":
        end += 1
    return (0, end), {str(key): value for key, value in meta.items()}, end


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    return str(value).strip()


def _as_list(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, (list, tuple)):
        return tuple(str(item).strip() for item in value if str(item).strip())
    return tuple(part for part in str(value).split() if part)


def _jsonable(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(key): _jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(item) for item in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _valid_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _file_date(path: str | None) -> dt.date | None:
    if not path:
        return None
    m = FILE_DATE.match(os.path.basename(path))
    return _valid_date(int(m[1]), int(m[2]), int(m[3])) if m else None


def _meta_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        m = re.match(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})", value)
        if m:
            return _valid_date(int(m[1]), int(m[2]), int(m[3]))
    return None


def _subtitle_date(subtitle: str) -> dt.date | None:
    for m in SUBTITLE_DATE.finditer(subtitle):
        date = _valid_date(2000 + int(m[1]), int(m[2]), int(m[3]))
        if date:
            return date
    return None


def _source_url(text: str, body: _Body, start: int) -> str | None:
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
        if any(
            block.kind == "heading" and SECTION_HEADING.match(text, block.start, block.end)
            for block in blocks[index + 1 :]
        ):
            return index
    return None


def _paragraph_of(text: str, block: Block) -> Paragraph:
    return scan_paragraph(text, block.content_start, block.content_end, block.hidden)


def _line_number(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _highlights(text: str, blocks: Iterable[Block], warnings: list[str]) -> list[Highlight]:
    found: list[Highlight] = []
    for block in blocks:
        quick = (
            quick_marks(text, block.content_start, block.content_end) if not block.hidden else None
        )
        if quick is not None:
            marks, strays, visible = quick
        else:
            para = _paragraph_of(text, block)
            marks, strays = para.marks, para.stray_closes
            visible = [para.visible(mark.start, mark.end) for mark in marks]
        for mark, seen in zip(marks, visible, strict=True):
            found.append(
                Highlight(
                    start=mark.start,
                    end=mark.end,
                    color=mark.color or "yellow",
                    text=seen.strip(),
                    kind=mark.kind,
                    tag_start=mark.tag_start,
                    tag_end=mark.tag_end,
                )
            )
            if not mark.closed:
                warnings.append(
                    f"line {_line_number(text, mark.tag_start)}: <{mark.kind}> is never closed;"
                    " the highlight ends with its paragraph"
                )
        for offset in strays:
            warnings.append(
                f"line {_line_number(text, offset)}: a closing tag with no opening tag is ignored"
            )
    return found


def _notes(
    text: str, blocks: list[Block]
) -> tuple[list[Section], dict[str, Any], list[ExtraSection]]:
    headings = [block for block in blocks if block.kind == "heading"]
    sections: list[Section] = []
    notes: dict[str, Any] = {}
    extras: list[ExtraSection] = []
    for index, block in enumerate(headings):
        following = headings[index + 1].start if index + 1 < len(headings) else len(text)
        line_end = text.find("\n", block.start)
        line_end = following if line_end < 0 or line_end > following else line_end
        section_end = _trim_end(text, block.start, following)
        m = SECTION_HEADING.match(text, block.start, min(line_end, block.end))
        kind = SECTION_KINDS.get(re.sub(r"\s+", "", m.group("name")).lower()) if m else None
        if m is None or kind is None or kind in notes:
            heading_text = text[block.content_start : block.content_end].strip()
            extras.append(ExtraSection(heading_text, text[block.start : section_end]))
            continue
        value_start = m.end() if m.group("colon") else m.end("name")
        raw = text[value_start:section_end] if section_end > value_start else ""
        sections.append(
            Section(
                kind=kind,
                heading=text[block.start : m.start("name") + len(m.group("name"))],
                line_start=block.start,
                value_start=value_start,
                value_end=max(section_end, value_start),
                has_colon=bool(m.group("colon")),
            )
        )
        notes[kind] = _read_value(kind, raw)
    return sections, notes, extras


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \t\r\n":
        end -= 1
    return end


def _value_lines(raw: str) -> tuple[str, list[str]]:
    first, _, rest = raw.partition("\n")
    following = [line.rstrip(" \t\r") for line in rest.split("\n")] if rest else []
    return first.strip(), following


def _unescape(line: str, pattern: re.Pattern[str] = BLOCKY) -> str:
    if line.startswith("\\") and pattern.match(line[1:]):
        return line[1:]
    return line


def _read_value(kind: str, raw: str) -> Any:
    if kind == "keywords":
        return parse_keywords(raw)
    if kind == "summary":
        first, following = _value_lines(raw)
        return normalize_text("\n".join([first, *(_unescape(line) for line in following)]))
    return _parse_questions(raw)


def parse_keywords(raw: str) -> tuple[str, ...]:
    """`\\#AI \\#LLM`, `\\# 마케팅`, `#tag`, `AI, LLM` and `-` (none) as a list of keywords."""
    value = " ".join(raw.split())
    if value in ("", "-"):
        return ()
    if "#" in value:
        parts = re.split(r"\\?#", value)
        head, tags = parts[0], parts[1:]
        found = list(re.split(r"[,，、]", head)) + tags
    elif re.search(r"[,，、]", value):
        found = re.split(r"[,，、]", value)
    else:
        found = value.split()
    return normalize_keywords(found)


def _parse_questions(raw: str) -> tuple[str, ...]:
    first, following = _value_lines(raw)
    questions: list[list[str]] = []
    current: list[str] | None = None
    if first and first != "-":
        current = [first]
        questions.append(current)
    for line in following:
        if not line.strip():
            current = None
            continue
        item = QUESTION_ITEM.fullmatch(line)
        if item:
            current = [_unescape(item.group(1).strip(), ITEM_LIKE)]
            questions.append(current)
        elif current is not None:
            current.append(_unescape(line.strip(), ITEM_LIKE))
        else:
            current = [_unescape(line.strip(), ITEM_LIKE)]
            questions.append(current)
    return normalize_questions("\n".join(question) for question in questions)


# --------------------------------------------------------------------------------------
# Normalising notes the way a post stores them
# --------------------------------------------------------------------------------------


def normalize_keywords(keywords: Iterable[str]) -> tuple[str, ...]:
    """Keywords as the post keeps them: no `#`, single spaces, no blanks or repeats."""
    seen: dict[str, None] = {}
    for keyword in keywords:
        clean = " ".join(keyword.replace("#", " ").replace("\\", " ").split()).strip(" ,，、")
        if clean and clean != "-":
            seen.setdefault(clean, None)
    return tuple(seen)


def normalize_text(value: str) -> str:
    """A summary as the post keeps it: no trailing spaces, no blank first or last lines."""
    text_lines = [line.rstrip() for line in value.replace("\r\n", "\n").split("\n")]
    while text_lines and not text_lines[0].strip():
        text_lines.pop(0)
    while text_lines and not text_lines[-1].strip():
        text_lines.pop()
    if text_lines:
        text_lines[0] = text_lines[0].strip()
    result = "\n".join(text_lines)
    return "" if result == "-" else result


def normalize_questions(questions: Iterable[str]) -> tuple[str, ...]:
    """Questions as the post keeps them: stripped lines, no blank lines, no `-`."""
    result = []
    for question in questions:
        parts = [line.strip() for line in question.replace("\r\n", "\n").split("\n")]
        clean = "\n".join(part for part in parts if part)
        if clean and clean != "-":
            result.append(clean)
    return tuple(result)


# --------------------------------------------------------------------------------------
# Edits
# --------------------------------------------------------------------------------------


def with_notes(
    article: Article,
    *,
    keywords: Sequence[str] | None = None,
    summary: str | None = None,
    questions: Sequence[str] | None = None,
) -> Article:
    """A copy of `article` with some notes replaced, normalised as the post will keep them."""
    return replace(
        article,
        keywords=article.keywords if keywords is None else normalize_keywords(keywords),
        summary=article.summary if summary is None else normalize_text(summary),
        questions=article.questions if questions is None else normalize_questions(questions),
    )


def _block_at(text: str, article: Article, start: int, end: int) -> Block | None:
    for block in split_blocks(text, article.source.body_start, article.source.article_end):
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
        replace(h, color=color.lower(), kind="span")
        if (h.start, h.end) == (highlight.start, highlight.end)
        else h
        for h in article.highlights
    )
    return replace(article, highlights=changed)


# --------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class _Splice:
    start: int
    rank: int  # at one offset: closing tags, then opening tags, then other text
    tiebreak: int
    end: int
    replacement: str


def write(text: str, edited: Article) -> str:
    """`text` with the edits that `edited` makes to `parse(text)`, and nothing else changed.

    `edited` is `parse(text)` changed through `with_notes`, `add_highlight`,
    `remove_highlight` and `recolor_highlight` (or `dataclasses.replace`).
    """
    original = parse(text, edited.path)
    splices = _highlight_splices(text, original, edited)
    splices += _notes_splices(text, original, edited)
    if not splices:
        return text
    out: list[str] = []
    pos = 0
    for splice in sorted(splices):
        if splice.start < pos:
            raise EditError("two edits touch the same part of the post")
        out.append(text[pos : splice.start])
        out.append(splice.replacement)
        pos = splice.end
    out.append(text[pos:])
    return "".join(out)


def _open_tag(color: str) -> str:
    return f'<span style="color:{color}">'


def _highlight_splices(text: str, original: Article, edited: Article) -> list[_Splice]:
    before = {(h.start, h.end): h for h in original.highlights}
    after = {(h.start, h.end): h for h in edited.highlights}
    splices: list[_Splice] = []
    for key, h in before.items():
        new = after.get(key)
        if new is None:
            splices.append(_Splice(h.tag_start, 2, 0, h.start, ""))
            if h.closed:
                splices.append(_Splice(h.end, 2, 0, h.tag_end, ""))
        elif new.color != h.color:
            if not COLOR.fullmatch(new.color):
                raise EditError(f"{new.color!r} is not a colour")
            splices.append(_Splice(h.tag_start, 2, 0, h.start, _open_tag(new.color)))
            if h.closed and h.kind != "span":
                splices.append(_Splice(h.end, 2, 0, h.tag_end, "</span>"))
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
        splices.append(_Splice(h.start, 1, -h.end, h.start, _open_tag(h.color)))
        splices.append(_Splice(h.end, 0, -h.start, h.end, "</span>"))
    return splices


def _format_value(kind: str, article: Article, nl: str) -> str:
    """The text after the colon of a section, in the user's own form."""
    if kind == "keywords":
        keywords = article.keywords
        return " " + (" ".join(f"\\#{keyword}" for keyword in keywords) if keywords else "-")
    if kind == "summary":
        if not article.summary:
            return " -"
        first, *rest = article.summary.split("\n")
        return " " + nl.join([first, *(_escape(line) for line in rest)])
    questions = article.questions
    if not questions:
        return " -"
    if len(questions) == 1 and "\n" not in questions[0]:
        return " " + questions[0]
    items = []
    for question in questions:
        first, *rest = question.split("\n")
        rest = [f"  {_escape(line, ITEM_LIKE)}" for line in rest]
        items.append(nl.join([f"- {first}", *rest]))
    return nl + nl.join(items)


def _escape(line: str, pattern: re.Pattern[str] = BLOCKY) -> str:
    return "\\" + line if pattern.match(line) else line


def _section_name(kind: str, neighbour: Section | None) -> str:
    english = neighbour is not None and not re.search(r"[가-힣]", neighbour.heading)
    return (ENGLISH_NAMES if english else KOREAN_NAMES)[kind]


def _heading_for(kind: str, neighbour: Section | None, offset: int) -> str:
    hashes, number = "###", None
    if neighbour is not None:
        m = SECTION_HEADING.match(neighbour.heading)
        if m:
            hashes = m.group("hashes").strip()
            if m.group("number"):
                number = int(m.group("number")) + offset
    else:
        number = DEFAULT_NUMBERS[kind]
    prefix = f"{hashes} {number}. " if number is not None and number >= 0 else f"{hashes} "
    return f"{prefix}{_section_name(kind, neighbour)} :"


def _notes_splices(text: str, original: Article, edited: Article) -> list[_Splice]:
    source = original.source
    nl = source.newline
    changed = [kind for kind in KIND_ORDER if getattr(edited, kind) != getattr(original, kind)]
    if not changed:
        return []
    by_kind = {section.kind: section for section in source.sections}
    if source.notes_start is None:
        block = nl.join(
            f"{_heading_for(kind, None, 0)}{_format_value(kind, edited, nl)}" for kind in KIND_ORDER
        )
        if text.endswith(nl * 2) or not text:
            lead = ""
        elif text.endswith(nl):
            lead = nl
        else:
            lead = nl * 2
        tail = nl if source.ends_with_newline or not text else ""
        return [_Splice(len(text), 3, 0, len(text), f"{lead}* * *{nl}{nl}{block}{tail}")]
    splices = []
    for kind in changed:
        value = _format_value(kind, edited, nl)
        section = by_kind.get(kind)
        if section is not None:
            if not section.has_colon:
                value = " :" + value
            splices.append(_Splice(section.value_start, 3, 0, section.value_end, value))
            continue
        position = KIND_ORDER.index(kind)
        before = [by_kind[k] for k in KIND_ORDER[:position] if k in by_kind]
        after = [by_kind[k] for k in KIND_ORDER[position + 1 :] if k in by_kind]
        if before:
            anchor = before[-1]
            offset = position - KIND_ORDER.index(anchor.kind)
            line = _heading_for(kind, anchor, offset) + value
            splices.append(_Splice(anchor.value_end, 4 + position, 0, anchor.value_end, nl + line))
        else:
            anchor = after[0]
            offset = position - KIND_ORDER.index(anchor.kind)
            line = _heading_for(kind, anchor, offset) + value
            splices.append(_Splice(anchor.line_start, 1, position, anchor.line_start, line + nl))
    return splices
