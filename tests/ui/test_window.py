"""A long article keeps widgets only for the blocks near the view (spacers stand for the
rest at their heights): the rows worked out for every block match Textual's own layout,
and reading, finding, walking highlights, the caret, resizing and reopening reach the
far end of a post of thousands of paragraphs as they do a short one."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from textual.content import Content

from reader_tui.app import ReaderApp
from reader_tui.library import queries
from reader_tui.screens.reading import ReadingScreen
from reader_tui.widgets.article import ArticleView
from reader_tui.widgets.highlights import HighlightsPane
from reader_tui.widgets.window import BlockView
from tests.conftest import corpus_files
from tests.ui.helpers import until

if TYPE_CHECKING:
    from pathlib import Path

    from textual.pilot import Pilot

    from reader_tui.library import Library
    from tests.conftest import MakeLibrary

# Every kind of block the article draws differently, quotes three deep included.
KINDS = """## 제목 {n}

문단 {n}: 국내 AI 연합체가 초거대 모델을 함께 연구한다는 소식이 잇달아 들려온다. \
서울대)네이버)초대규모)연구센터)카이스트)초창의적)연구센터)는 세계 학회에서 성과를 보였다.

> 인용 {n}: 하이퍼클로바의 현재 한계점을 극복하기 위한 여러 연구 노력들이 반년 만에 \
벌써 성과가 나오고 있다.
>
> > 두 겹 인용 {n}: 카카오브레인은 작년 말 초거대 AI를 비롯한 최첨단 AI 기술 개발을 위해
> >
> > > 세 겹 인용 {n}: 여섯 대학의 연구실 일곱 곳과 산학 협력팀을 만들었다.

* 항목 {n} 하나: 고려대, 서울대, 포스텍
* 항목 {n} 둘: 한양대, 카이스트, 유니스트(UNIST)

```
code {n} = "그대로 보이는 줄"
```

| 열 | 값 {n} |
|----|------|
| a  | b    |

* * *
"""


def long_post(sections: int, highlights: bool = True) -> str:
    # Quotes of different lengths: some wrap one row later if their width is off by one.
    parts = [
        KINDS.format(n=n).replace("인용 ", "인용 " + "가나 " * (n % 13)) for n in range(sections)
    ]
    if highlights:
        parts = [
            part.replace(f"문단 {n}:", f'<span style="color:blue">밑줄 {n}</span>:')
            for n, part in enumerate(parts)
        ]
    last = '마지막 문단: <span style="color:red">끝까지 온 밑줄</span> 찾을말여기'
    return "---\ntitle: 긴 글\n---\n\n" + "\n".join(parts) + f"\n{last}\n"


def open_post(library: Library, name: str) -> ReaderApp:
    article_id = next(a.id for a in queries.articles(library) if a.path.endswith(name))
    return ReaderApp(library, open_article=article_id)


async def opened(pilot: Pilot[None]) -> ArticleView:
    await until(pilot, lambda: isinstance(pilot.app.screen, ReadingScreen))
    view = pilot.app.screen.query_one(ArticleView)
    await until(pilot, lambda: bool(view.shown) and view.virtual_size.height > 0)
    await pilot.pause()
    return view


def styles_of(block: BlockView) -> str:
    """The styles drawn on a block now (its marks, the caret)."""
    shown = block.render()
    assert isinstance(shown, Content)
    return " | ".join(str(span.style) for span in shown.spans)


def mounted(view: ArticleView) -> list[BlockView]:
    return [v for v in view.query(BlockView) if v.display]


def on_screen(view: ArticleView, text: str) -> bool:
    """Whether a mounted block holding `text` is inside the view's visible rows."""
    top, bottom = view.scroll_y, view.scroll_y + view.size.height
    return any(
        text in v.rendered.content.plain
        and v.virtual_region.y < bottom
        and v.virtual_region.bottom > top
        for v in mounted(view)
    )


async def rows_match_the_layout(pilot: Pilot[None], view: ArticleView) -> int:
    """Scroll the whole article a page at a time; at each stop every mounted block must be
    where the rows put it. Returns how many blocks were checked."""
    checked: set[int] = set()
    while True:
        await pilot.pause()
        rows = view.measured_rows()
        assert rows is not None
        assert view.virtual_size.height == rows.total
        index = {id(r): i for i, r in enumerate(view.shown)}
        for block in mounted(view):
            i = index.get(id(block.rendered))
            if i is None:  # drawn again since: find it by where it starts
                i = next(
                    n
                    for n, r in enumerate(view.shown)
                    if r.block.start == block.rendered.block.start
                )
            region = block.virtual_region_with_margin
            assert (region.y, region.height) == (rows.tops[i], rows.tops[i + 1] - rows.tops[i]), (
                i,
                block.rendered.content.plain[:40],
            )
            checked.add(i)
        if view.scroll_y >= view.max_scroll_y:
            return len(checked)
        view.scroll_to(y=view.scroll_y + view.size.height, animate=False, immediate=True)


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
async def test_the_rows_of_every_block_match_textuals_layout(
    make_library: MakeLibrary, size: tuple[int, int]
) -> None:
    library = make_library({"2022-03-15-long.md": long_post(40)}, seed=False)
    app = open_post(library, "long.md")
    async with app.run_test(size=size) as pilot:
        view = await opened(pilot)
        assert len(mounted(view)) < len(view.shown) / 2  # not every block is a widget
        assert await rows_match_the_layout(pilot, view) == len(view.shown)


@pytest.mark.skipif(not corpus_files(), reason="needs the corpus (READER_TUI_CORPUS)")
async def test_the_rows_match_the_layout_on_the_longest_corpus_posts(
    make_library: MakeLibrary, tmp_path: Path
) -> None:
    longest = sorted(corpus_files(), key=lambda p: p.stat().st_size)[-3:]
    posts = {
        f"2022-01-0{n}-{p.stem}.md": p.read_text(encoding="utf-8") for n, p in enumerate(longest)
    }
    library = make_library(posts, seed=False)
    for name in posts:
        app = open_post(library, name)
        async with app.run_test(size=(80, 24)) as pilot:
            view = await opened(pilot)
            assert await rows_match_the_layout(pilot, view) == len(view.shown)


LONG = {"2022-03-15-long.md": long_post(300)}  # 2,400 blocks


async def test_end_shows_the_last_paragraph(make_library: MakeLibrary) -> None:
    app = open_post(make_library(LONG, seed=False), "long.md")
    async with app.run_test(size=(80, 24)) as pilot:
        view = await opened(pilot)
        assert len(view.shown) > 2000
        assert len(mounted(view)) < 100
        await pilot.press("end")
        await until(pilot, lambda: on_screen(view, "마지막 문단"))
        assert len(mounted(view)) < 100
        await pilot.press("home")
        await until(pilot, lambda: on_screen(view, "제목 0"))


async def test_find_and_highlights_reach_the_far_end(make_library: MakeLibrary) -> None:
    app = open_post(make_library(LONG, seed=False), "long.md")
    async with app.run_test(size=(160, 45)) as pilot:
        view = await opened(pilot)
        await pilot.press("slash", *"찾을말여기", "enter")
        await until(pilot, lambda: on_screen(view, "찾을말여기"))
        (block,) = [v for v in mounted(view) if "찾을말여기" in v.rendered.content.plain]
        assert "bold reverse" in styles_of(block)  # marked as the current match
        await pilot.press("escape", "home")
        await until(pilot, lambda: on_screen(view, "제목 0"))
        await pilot.press("p")  # the previous highlight, from none: the last one
        await until(pilot, lambda: on_screen(view, "끝까지 온 밑줄"))
        last = view.highlights[-1]
        assert view.active == last.id
        assert view.view_for(last.start) is not None


async def test_the_caret_walks_across_the_mounted_blocks(make_library: MakeLibrary) -> None:
    app = open_post(make_library(LONG, seed=False), "long.md")
    async with app.run_test(size=(80, 24)) as pilot:
        view = await opened(pilot)
        await pilot.press("v")
        for _ in range(120):  # a paragraph at a time, far past the first blocks mounted
            await pilot.press("down")
        caret = view.caret_at
        assert caret is not None
        assert caret.block >= 110
        text = view.shown[caret.block].content.plain
        assert on_screen(view, text)
        (block,) = [v for v in mounted(view) if v.rendered.content.plain == text]
        assert "reverse" in styles_of(block)  # the caret is drawn on it


async def test_a_resize_keeps_the_paragraph_at_the_top(make_library: MakeLibrary) -> None:
    app = open_post(make_library(LONG, seed=False), "long.md")
    async with app.run_test(size=(160, 45)) as pilot:
        view = await opened(pilot)
        view.scroll_to(y=view.max_scroll_y // 2, animate=False, immediate=True)
        await pilot.pause()
        top = view.top_offset()
        await pilot.resize_terminal(120, 40)
        await until(pilot, lambda: view.size.width < 100)
        await pilot.pause()
        assert view.top_offset() == top
        text = view.shown[view.first_visible()].content.plain
        assert on_screen(view, text)


async def test_a_long_article_reopens_where_it_was_left(make_library: MakeLibrary) -> None:
    library = make_library(LONG, seed=False)
    async with open_post(library, "long.md").run_test(size=(80, 24)) as pilot:
        view = await opened(pilot)
        view.scroll_to(y=view.max_scroll_y * 0.9, animate=False, immediate=True)
        await pilot.pause()
        left_at = view.top_offset()
        await pilot.press("q")
        await pilot.pause()
    async with open_post(library, "long.md").run_test(size=(80, 24)) as pilot:
        view = await opened(pilot)
        await until(pilot, lambda: view.top_offset() == left_at)
        assert on_screen(view, view.shown[view.first_visible()].content.plain)


async def test_the_highlights_list_wraps_again_for_a_new_width(
    make_library: MakeLibrary,
) -> None:
    sentence = "국내 AI 연합체가 초거대 모델을 함께 연구한다는 소식이 잇달아 들려온다"
    passages = "\n\n".join(f'<span style="color:blue">{n}: {sentence}</span>' for n in range(300))
    post = {"2022-03-15-passages.md": f"---\ntitle: 밑줄들\n---\n\n{passages}\n"}
    app = open_post(make_library(post, seed=False), "passages.md")
    async with app.run_test(size=(160, 45)) as pilot:
        view = await opened(pilot)
        pane = pilot.app.screen.query_one(HighlightsPane)
        await until(pilot, lambda: pane.virtual_size.height > 0)
        wide = pane.virtual_size.height
        assert wide >= len(view.highlights)  # one option (a line or more) per highlight
        await pilot.resize_terminal(120, 45)  # narrower panes: the passages wrap again
        await until(pilot, lambda: pane.virtual_size.height > wide)
        await pilot.resize_terminal(160, 45)
        await until(pilot, lambda: pane.virtual_size.height == wide)


def one_long_paragraph() -> dict[str, str]:
    """A post whose article is one paragraph hundreds of rows tall (text pasted without
    its line breaks), with a highlight and a rare word far inside it."""
    words = [f"단어{n % 97}는" if n % 5 else f"word{n}" for n in range(6000)]
    words[3000] = '<span style="color:blue">깊숙이 숨은 밑줄</span>'
    words[4500] = "드문낱말"
    body = " ".join(words)
    return {"2022-03-15-paragraph.md": f"---\ntitle: 한 문단\n---\n\n첫 문단.\n\n{body}\n"}


def visible_text(view: ArticleView) -> str:
    """The text on the view's rows as Textual draws them (row by row of each block)."""
    top, bottom = int(view.scroll_y), int(view.scroll_y) + view.size.height
    lines = []
    for block in sorted(mounted(view), key=lambda v: v.virtual_region.y):
        region = block.virtual_region
        for y in range(max(top, region.y), min(bottom, region.bottom)):
            lines.append(block.render_line(y - region.y).text)
    return "\n".join(lines)


async def test_a_highlight_deep_in_a_long_paragraph_is_shown_not_the_paragraphs_top(
    make_library: MakeLibrary,
) -> None:
    """`n`, a match and the reader's place went to the top of their paragraph: in one
    hundreds of rows tall, far from what they were."""
    library = make_library(one_long_paragraph(), seed=False)
    async with open_post(library, "paragraph.md").run_test(size=(80, 24)) as pilot:
        view = await opened(pilot)
        await pilot.press("n")
        await until(pilot, lambda: "깊숙이 숨은 밑줄" in visible_text(view))
        assert "첫 문단" not in visible_text(view)
        await pilot.press("v")  # the caret starts on the top row, where the reader is
        await pilot.pause()
        assert "깊숙이 숨은 밑줄" in visible_text(view)
        await pilot.press("escape")
        await pilot.press("slash", *"드문낱말", "enter")
        await until(pilot, lambda: "드문낱말" in visible_text(view))
        rows = visible_text(view).splitlines()  # far off: a third down, not at the bottom
        assert next(n for n, row in enumerate(rows) if "드문낱말" in row) < len(rows) // 2
        view.scroll_to(y=view.scroll_y + 7, animate=False, immediate=True)
        await pilot.pause()
        seen = visible_text(view).splitlines()[0]
        await pilot.resize_terminal(70, 24)  # the paragraph wraps again: the same place
        await until(pilot, lambda: view.size.width < 75)
        await pilot.pause()
        assert seen.split()[0] in visible_text(view).splitlines()[0]  # the row holding it
        seen = visible_text(view).splitlines()[0]
        await pilot.press("q")
        await pilot.pause()
    async with open_post(library, "paragraph.md").run_test(size=(70, 24)) as pilot:
        view = await opened(pilot)
        await until(pilot, lambda: visible_text(view).splitlines()[:1] == [seen])
