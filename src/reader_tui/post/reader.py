"""A post's decoded text to an `Article` that remembers where every piece came from. Pure."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reader_tui.models import Article, ExtraSection, Section, SourceMap
from reader_tui.post.blocks import contains
from reader_tui.post.conventions import DEFAULT_NAMES, may_have_notes, read_foreign
from reader_tui.post.errors import FIX_FRONT_MATTER, ParseError
from reader_tui.post.front_matter import (
    as_list,
    as_text,
    file_date,
    jsonable,
    meta_date,
    read_front_matter,
    subtitle_date,
)
from reader_tui.post.highlights import article_highlights
from reader_tui.post.layout import Body, layout, own_form, source_url
from reader_tui.post.notes import read_sections
from reader_tui.post.unchanged import highlights_after
from reader_tui.post.usual import usual_sections

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from reader_tui.post.splices import Splice


def parse(
    text: str, path: str | None = None, names: Mapping[str, Iterable[str]] = DEFAULT_NAMES
) -> Article:
    """Parse the decoded text of a post. Raises `ParseError` for unreadable front matter.
    Without the user's notes block, notes under other study-note headings (`names`) are
    read too (see `conventions`)."""
    return _parse(text, path, names)


def reparse(
    text: str,
    before: str,
    original: Article,
    splices: Iterable[Splice],
    names: Mapping[str, Iterable[str]] = DEFAULT_NAMES,
) -> Article:
    """`parse(text, original.path, names)`, where `text` is `before` with `splices` made
    (as `writer.edit` gives them) and `original` is `parse(before, …)`: the highlights
    of every run of lines the splices left as it was are taken from `original`, not read
    again (see `unchanged`)."""
    if original.warnings:  # (they name lines, which the splices may have moved)
        return _parse(text, original.path, names)
    return _parse(text, original.path, names, (before, original, splices))


def _parse(
    text: str,
    path: str | None,
    names: Mapping[str, Iterable[str]],
    earlier: tuple[str, Article, Iterable[Splice]] | None = None,
) -> Article:
    fm_span, meta, body_start = read_front_matter(text)
    front_matter = _as_json(meta)
    body = layout(text, body_start, marks=earlier is None)
    warnings: list[str] = []
    runs = body.runs() if earlier is not None else None
    if earlier is not None and runs is not None:
        highlights = highlights_after(text, runs, body.article_end, *earlier, warnings)
    else:  # (a post with fenced code is laid out whole, its highlights' blocks with it)
        highlights = article_highlights(text, body, warnings)
    sections: list[Section] = []
    notes: dict[str, Any] = {}
    extras: list[ExtraSection] = []
    foreign: list[str] = []
    if body.usual is not None:
        sections, notes, extras = usual_sections(text, body.usual)
    elif body.notes is not None:
        sections, notes, extras = read_sections(text, body.notes, body.headings)
    else:
        notes, foreign = _foreign(text, body, body_start, names)
    title = as_text(meta.get("title"))
    subtitle = as_text(meta.get("subtitle"))
    from_subtitle = subtitle_date(subtitle)
    # As Jekyll: the front matter's date wins over the file name's.
    date = meta_date(meta.get("date")) or file_date(path) or from_subtitle
    return Article(
        path=path,
        title=title,
        subtitle=subtitle,
        date=date,
        subtitle_date=from_subtitle,
        categories=as_list(meta.get("categories", meta.get("category"))),
        tags=as_list(meta.get("tags", meta.get("tag"))),
        front_matter=front_matter,
        source_url=source_url(text, body, body_start),
        highlights=tuple(highlights),
        keywords=notes.get("keywords", ()),
        summary=notes.get("summary", ""),
        questions=notes.get("questions", ()),
        extra_sections=tuple(extras),
        foreign_notes=tuple(foreign),
        warnings=tuple(warnings),
        source=SourceMap(
            front_matter=fm_span,
            body_start=body_start,
            article_end=body.article_end,
            notes_start=body.article_end if body.notes is not None else None,
            sections=tuple(sections),
            text_length=len(text),
            ends_with_newline=text.endswith("\n"),
            newline="\r\n" if contains(text, "\r\n") else "\n",
        ),
    )


def outline(
    text: str, names: Mapping[str, Iterable[str]] = DEFAULT_NAMES
) -> tuple[int, int, tuple[str, ...]]:
    """What the reading view needs of a post, without reading its highlights or notes:
    where its body starts, where its article ends, and the headings of notes in another
    blog's form (`Article.foreign_notes`). Raises `ParseError` as `parse` does."""
    _span, meta, body_start = read_front_matter(text)
    _as_json(meta)
    body = layout(text, body_start, marks=False)
    foreign = _foreign(text, body, body_start, names)[1] if body.notes is None else []
    return body_start, body.article_end, tuple(foreign)


def _as_json(meta: dict[str, Any]) -> dict[str, Any]:
    try:
        # (Most values are text: kept as they are without a call.)
        return {k: v if type(v) is str else jsonable(v) for k, v in meta.items()}
    except RecursionError:
        raise ParseError(f"front matter is nested too deeply to read; {FIX_FRONT_MATTER}") from None


def _foreign(
    text: str, body: Body, body_start: int, names: Mapping[str, Iterable[str]]
) -> tuple[dict[str, Any], list[str]]:
    """Notes under another blog's headings, for a post without the user's notes block."""
    if own_form(text, body_start) or not may_have_notes(text, body_start, names):
        return {}, []
    return read_foreign(text, list(body.article_blocks()), names)
