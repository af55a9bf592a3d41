"""How a post reads on the reading screen: a quote's bar on every line, lists inside
quotes, kramdown's attribute lists hidden, footnotes as numbered marks with the notes at
the end, an image's alt text whole, fenced code without its fences."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

from reader_tui.app import ReaderApp
from reader_tui.widgets.article import ArticleView
from reader_tui.widgets.window import BlockView
from tests.ui.helpers import open_seed

if TYPE_CHECKING:
    from tests.conftest import MakeLibrary

POST = """---
title: 모양
---
* TOC
{:toc}

## 첫째 {#first}

> 인용의 첫 줄은 좁은 화면에서 여러 줄로 접히는 긴 문장입니다. 두 번째 문장도 이어집니다.
> * 인용 속 목록 하나[^a]
> * 인용 속 목록 둘

본문의 문장[^b] 하나.
{: .note}

[^b]: 둘째 주석
[^a]: 첫째 주석

![국내외 현황. 그래픽=전유진 기자](https://example.com/a.jpg)

* 목록 뒤의 코드

```python
print("그대로")
```
"""


async def test_quotes_lists_attributes_footnotes_and_images_read_as_jekyll_shows_them(
    make_library: MakeLibrary,
) -> None:
    library = make_library({"2022-03-15-shape.md": POST}, seed=False)
    app = ReaderApp(library)
    async with app.run_test(size=(60, 40)) as pilot:
        screen = await open_seed(pilot)
        view = screen.query_one(ArticleView)
        blocks = list(view.query(BlockView))
        shown = [b.rendered.content.plain for b in blocks]
        assert not any("TOC" in s or "{:" in s or "{#" in s for s in shown), shown
        assert shown[0] == "첫째"
        quote = blocks[1]
        assert quote.has_class("quoted")
        assert quote.size.height > 1  # wrapped, and the bar is drawn on every line
        screen_lines = [strip.text for strip in app.screen._compositor.render_strips()]
        region = quote.region
        bars = [screen_lines[y][region.x] for y in range(region.y, region.bottom)]
        assert set(bars) == {"▌"}, bars
        items = blocks[2:4]
        assert [b.rendered.content.plain for b in items] == [
            "• 인용 속 목록 하나¹",
            "• 인용 속 목록 둘",
        ]
        assert all(b.has_class("quoted") for b in items)
        assert shown[4] == "본문의 문장² 하나."
        assert shown[5] == "[image: 국내외 현황. 그래픽=전유진 기자]"  # one image, whole
        assert shown[7] == 'print("그대로")'  # the code, without its fences
        assert shown[-1] == "² 둘째 주석\n¹ 첫째 주석"  # numbered as cited, at the end


NESTED = """---
title: 인용 속 인용
---

> 첫 단계 인용.
>
> > 두 번째 단계 인용.
> >
> > > 세 번째 단계 인용.

> 다시 첫 단계.
> > 바로 붙은 두 번째 단계.
> 게으르게 이어진 줄.

본문.
"""


async def test_a_quote_inside_a_quote_is_drawn_one_level_further_in(
    make_library: MakeLibrary,
) -> None:
    """Each level of a quote is its own block, drawn further in with its own bar; a line
    of `>` alone ends a quote's paragraph; a line one level less deep goes on the deeper
    quote it follows, as CommonMark reads it."""
    library = make_library({"2022-03-15-nested.md": NESTED}, seed=False)
    app = ReaderApp(library)
    async with app.run_test(size=(60, 30)) as pilot:
        screen = await open_seed(pilot)
        blocks = list(screen.query_one(ArticleView).query(BlockView))
        seen = [(b.rendered.content.plain, b.rendered.block.level) for b in blocks]
        assert seen == [
            ("첫 단계 인용.", 1),
            ("두 번째 단계 인용.", 2),
            ("세 번째 단계 인용.", 3),
            ("다시 첫 단계.", 1),
            ("바로 붙은 두 번째 단계.\n게으르게 이어진 줄.", 2),
            ("본문.", 0),
        ]
        screen_lines = [strip.text for strip in app.screen._compositor.render_strips()]
        bars = [screen_lines[b.region.y].index("▌") for b in blocks[:3]]
        assert bars[0] < bars[1] < bars[2]  # each level further in
        assert [b.region.y for b in blocks[:3]] == [
            blocks[0].region.y,
            blocks[0].region.bottom + 1,
            blocks[1].region.bottom + 1,
        ]  # a blank row below each, as below any block


async def test_no_line_of_the_article_starts_with_closing_punctuation(
    make_library: MakeLibrary,
) -> None:
    # A run without spaces wider than the pane (a pasted table cell, a long compound):
    # Textual folds it wherever the width runs out, which puts `)` first on a line.
    run = "서울대)네이버)초대규모)" * 12
    post = f"---\ntitle: 접기\n---\n앞 문장. {run} 끝.\n"
    library = make_library({"2022-03-15-fold.md": post}, seed=False)
    app = ReaderApp(library)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_seed(pilot)
        block = screen.query_one(ArticleView).query_one(BlockView)
        region = block.content_region
        folded = [line.plain for line in Content(block.rendered.content.plain).wrap(region.width)]
        assert any(line.startswith(")") for line in folded[1:])  # what Textual alone does
        screen_lines = [strip.text for strip in app.screen._compositor.render_strips()]
        drawn = [
            screen_lines[y][region.x : region.right].rstrip()
            for y in range(region.y, region.bottom)
        ]
        assert len(drawn) == block.size.height > 3
        assert "".join(drawn).replace(" ", "") == block.rendered.content.plain.replace(" ", "")
        assert not any(line.startswith(")") for line in drawn), drawn


def test_a_long_post_drawn_whole_takes_little_more_than_its_text() -> None:
    """Every shown character keeps where its source begins and ends; for a long post
    drawn whole, all of it is kept in about 4 bytes a character (it was 80, so a 50 MB
    post took 2 GB), checked on a 1 MB post of plain paragraphs and lists."""
    import tracemalloc

    from reader_tui.post.blocks import split_blocks
    from reader_tui.widgets.rendering import render_block

    paragraph = "국내 AI 연합체가 초거대 모델을 함께 연구한다는 소식이 들려온다. " * 8
    text = "---\ntitle: 긴 글\n---\n\n" + "".join(
        f"{paragraph}{n}\n\n* 항목 {n}: 고려대, **서울대**, [포스텍](https://x.kr)\n\n"
        for n in range(2400)
    )
    blocks = split_blocks(text, 0, len(text))
    tracemalloc.start()
    try:
        drawn = [render_block(text, block, []) for block in blocks]
        kept, _peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(drawn) >= 4800
    assert drawn[1].source_range(0, len(drawn[1].content.plain)) is not None
    assert kept / len(text) < 10


def test_every_shown_character_maps_back_to_its_source() -> None:
    """A character shown as written comes from the source character at its offset; one
    standing for a piece of markup (a bullet, an entity, a footnote mark) from a place
    inside its block; a highlight's shown range holds exactly the characters whose
    source is inside it. Checked on every block of the user's example post."""
    from pathlib import Path

    from reader_tui.post import parse
    from reader_tui.post.blocks import split_blocks
    from reader_tui.terminal import safe
    from reader_tui.widgets.rendering import render_block

    notes = Path(__file__).resolve().parents[2] / "notes"
    for path in sorted(notes.glob("*.m*")):
        text = path.read_text(encoding="utf-8")
        marks = parse(text, str(path)).highlights
        assert marks
        for block in split_blocks(text, 0, len(text)):
            rendered = render_block(text, block, [])
            plain = rendered.content.plain
            for i, shown in enumerate(plain):
                start, end = rendered.offset_at(i), rendered.end_at(i)
                assert block.start <= start <= end <= block.end, (path.name, i)
                if end == start + 1 and shown != "\n":
                    assert safe(text[start]) == shown, (path.name, i, shown)
            for mark in marks:
                found = rendered.shown_range(mark.start, mark.end)
                inside = [
                    i for i in range(len(plain)) if mark.start <= rendered.offset_at(i) < mark.end
                ]
                assert found == ((inside[0], inside[-1] + 1) if inside else None)
