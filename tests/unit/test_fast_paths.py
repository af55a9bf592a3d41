"""The parser's fast paths give exactly what the full scans give."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader_tui.post import parse
from reader_tui.post.blocks import Block, _split_lines, split_blocks
from reader_tui.post.quick import quick_marks
from reader_tui.post.scanner import scan_paragraph
from tests.conftest import corpus_dir, corpus_files

if TYPE_CHECKING:
    from reader_tui.models import Article

Marks = tuple[list[tuple[object, ...]], list[int], list[str]]


def full_marks(text: str, start: int, end: int) -> Marks:
    para = scan_paragraph(text, start, end)
    marks: list[tuple[object, ...]] = [
        (m.kind, m.color, m.tag_start, m.start, m.end, m.tag_end, m.closed) for m in para.marks
    ]
    return marks, para.stray_closes, [para.visible(m.start, m.end).strip() for m in para.marks]


def fast_marks(text: str, start: int, end: int) -> Marks | None:
    quick = quick_marks(text, start, end)
    if quick is None:
        return None
    marks, strays, visible = quick
    rows: list[tuple[object, ...]] = [
        (m.kind, m.color, m.tag_start, m.start, m.end, m.tag_end, m.closed) for m in marks
    ]
    return rows, strays, [text.strip() for text in visible]


def blocks_as_tuples(blocks: list[Block]) -> list[tuple[object, ...]]:
    return [(b.kind, b.start, b.end, b.content_start, b.content_end) for b in blocks]


PIECE = st.sampled_from(
    [
        "가나다",
        " ",
        "\n",
        "   \n",
        "AB",
        '<span style="color:blue">',
        "<span style='color: red'>",
        "</span>",
        "<mark>",
        "</mark>",
        '<span class="x">',
        "<AI타임스>",
        "라마",
    ]
)


@settings(max_examples=500)
@given(st.lists(PIECE, min_size=1, max_size=12).map("".join))
def test_quick_marks_agree_with_the_full_scan(paragraph: str) -> None:
    fast = fast_marks(paragraph, 0, len(paragraph))
    if fast is not None:
        assert fast == full_marks(paragraph, 0, len(paragraph))


LINE = st.sampled_from(
    [
        "가나다",
        "  들여쓴 줄",
        "- 항목",
        "1. 번호",
        "> 인용",
        "### 제목",
        "* * *",
        "===",
        "",
        "",
        "**굵게** 시작",
        "<span>x",
    ]
)


@settings(max_examples=500)
@given(st.lists(LINE, min_size=1, max_size=12).map("\n".join))
def test_block_split_fast_path_agrees_with_the_line_walk(text: str) -> None:
    assert blocks_as_tuples(split_blocks(text)) == blocks_as_tuples(
        _split_lines(text, 0, len(text))
    )


@pytest.mark.skipif(corpus_dir() is None, reason="READER_TUI_CORPUS is not set")
def test_fast_paths_agree_on_every_corpus_post() -> None:
    for path in corpus_files():
        text = Path(path).read_text(encoding="utf-8")
        blocks = split_blocks(text)
        assert blocks_as_tuples(blocks) == blocks_as_tuples(_split_lines(text, 0, len(text))), path
        for block in blocks:
            if block.kind in ("code", "break") or block.hidden:
                continue
            fast = fast_marks(text, block.content_start, block.content_end)
            if fast is not None:
                assert fast == full_marks(text, block.content_start, block.content_end), path


def reference_parse(text: str, path: str | None = None) -> Article:
    """`parse` with every fast path off: all blocks from the line walk."""
    from unittest import mock

    from reader_tui.post import highlights, layout

    def line_walk(t: str, s: int = 0, e: int | None = None) -> list[Block]:
        return _split_lines(t, s, len(t) if e is None else e)

    with (
        mock.patch.object(layout, "chunks", return_value=None),
        mock.patch.object(layout, "split_blocks", line_walk),
        mock.patch.object(highlights, "quick_marks", return_value=None),
    ):
        return parse(text, path)


def same_article(a: Article, b: Article) -> None:
    assert a == b
    assert a.source == b.source
    assert a.warnings == b.warnings
    assert [(h.tag_start, h.tag_end) for h in a.highlights] == [
        (h.tag_start, h.tag_end) for h in b.highlights
    ]


@pytest.mark.skipif(corpus_dir() is None, reason="READER_TUI_CORPUS is not set")
def test_parse_equals_the_reference_path_on_every_corpus_post() -> None:
    for path in corpus_files():
        text = Path(path).read_text(encoding="utf-8")
        same_article(parse(text, str(path)), reference_parse(text, str(path)))


BODY_LINE = st.sampled_from(
    [
        "가나다",
        '<span style="color:red">빨강</span> 끝',
        "<span style='color:blue'>열림",
        "</span> 닫힘",
        "**굵게** 글",
        "- 항목",
        "> 인용",
        "### 2. 키워드 : \\#a",
        "### 3. 요약 : 요약",
        "### 5. 추가",
        "* * *",
        "---",
        "===",
        "",
        "",
        "",
        "[링크](https://e.com)",
        "==형광== 펜",
        "`코드 <span>`",
    ]
)


@settings(max_examples=400)
@given(st.lists(BODY_LINE, min_size=1, max_size=16).map("\n".join))
def test_parse_equals_the_reference_path_on_generated_posts(body: str) -> None:
    text = "---\ntitle: t\n---\n" + body
    same_article(parse(text), reference_parse(text))
