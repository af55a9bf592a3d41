"""The parser's fast paths give exactly what the full scans give."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader_tui.blocks import _split_lines, split_blocks
from reader_tui.inline import quick_marks, scan_paragraph
from tests.conftest import corpus_dir, corpus_files


def full_marks(
    text: str, start: int, end: int
) -> tuple[list[tuple[object, ...]], list[int], list[str]]:
    para = scan_paragraph(text, start, end)
    marks = [
        (m.kind, m.color, m.tag_start, m.start, m.end, m.tag_end, m.closed) for m in para.marks
    ]
    return marks, para.stray_closes, [para.visible(m.start, m.end).strip() for m in para.marks]


def fast_marks(
    text: str, start: int, end: int
) -> tuple[list[tuple[object, ...]], list[int], list[str]] | None:
    quick = quick_marks(text, start, end)
    if quick is None:
        return None
    marks, strays, visible = quick
    rows = [(m.kind, m.color, m.tag_start, m.start, m.end, m.tag_end, m.closed) for m in marks]
    return rows, strays, [visible[m].strip() for m in marks]


def blocks_as_tuples(blocks: list) -> list[tuple[object, ...]]:  # type: ignore[type-arg]
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
