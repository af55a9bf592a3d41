"""Highlights that meet: a new one over an old one takes it in (never one inside another),
grows and shrinks by a word, changes colour; each keeps its id, note and card, and the post
written back holds exactly one span over exactly the chosen words."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from reader_tui import writeback
from reader_tui.library import Library, cards, edits, queries
from reader_tui.post import EditError

if TYPE_CHECKING:
    from pathlib import Path

    from tests.conftest import MakeLibrary

POST = """---
title: 겹침
---
[링크](https://example.com/a)

하나 둘 <span style="color:blue">셋 넷</span> 다섯 여섯 일곱.

* * *

### 2. 키워드 : \\#AI
### 3. 요약 : -
### 4. 궁금한 점 : -
"""


@pytest.fixture
def post(make_library: MakeLibrary, tmp_path: Path) -> tuple[Library, Path, int]:
    library = make_library({"2022-03-15-a.md": POST}, seed=False)
    return library, tmp_path / "notes" / "2022-03-15-a.md", queries.articles(library)[0].id


def words(text: str, first: str, last: str) -> tuple[int, int]:
    """The source range from the word `first` to the end of the word `last`."""
    start = text.index(first)
    return start, text.index(last, start) + len(last)


def written(library: Library, path: Path, article_id: int) -> str:
    writeback.apply(library, writeback.prepare(library, article_id), backup=False)
    return path.read_text(encoding="utf-8")


def card_of(library: Library, highlight_id: int) -> int:
    """The id of a highlight's review card (made if new); it must not be retired."""
    cards.sync(library, "2022-03-16T00:00:00+00:00", cloze=False)
    row = library.conn.execute(
        "SELECT id, retired FROM cards WHERE kind = 'highlight' AND highlight_id = ?",
        (highlight_id,),
    ).fetchone()
    assert row is not None
    assert not row[1]
    return int(row[0])


def active(library: Library, article_id: int) -> list[tuple[str, str]]:
    return [
        (h.text, h.color)
        for h in queries.highlights_for(library, article_id)
        if h.status == "active"
    ]


def test_a_selection_over_a_highlight_and_on_extends_it_keeping_its_note_and_card(
    post: tuple[Library, Path, int],
) -> None:
    library, path, article_id = post
    (old,) = queries.highlights_for(library, article_id)
    edits.set_highlight_note(library, old.id, "숫자")
    card = card_of(library, old.id)
    text = path.read_text(encoding="utf-8")
    made = edits.add_highlight(library, article_id, text, *words(text, "넷", "다섯"), "blue")
    assert made.id == old.id
    after = written(library, path, article_id)
    assert after == POST.replace("셋 넷</span> 다섯", "셋 넷 다섯</span>")
    (kept,) = queries.highlights_for(library, article_id)
    assert (kept.id, kept.text, kept.note, kept.origin) == (old.id, "셋 넷 다섯", "숫자", "file")
    assert card_of(library, old.id) == card


def test_a_selection_over_two_highlights_merges_them_with_both_notes(
    post: tuple[Library, Path, int],
) -> None:
    library, path, article_id = post
    text = path.read_text(encoding="utf-8")
    (first,) = queries.highlights_for(library, article_id)
    edits.set_highlight_note(library, first.id, "앞")
    second = edits.add_highlight(library, article_id, text, *words(text, "여섯", "일곱"), "red")
    edits.set_highlight_note(library, second.id, "뒤")
    merged = edits.add_highlight(library, article_id, text, *words(text, "넷", "여섯"), "blue")
    assert merged.id == first.id
    after = written(library, path, article_id)
    assert '하나 둘 <span style="color:blue">셋 넷 다섯 여섯 일곱</span>.' in after
    (kept,) = queries.highlights_for(library, article_id)
    assert (kept.id, kept.note) == (first.id, "앞\n뒤")


def test_a_selection_inside_a_highlight_never_nests_it_recolours_or_says_so(
    post: tuple[Library, Path, int],
) -> None:
    library, path, article_id = post
    text = path.read_text(encoding="utf-8")
    with pytest.raises(EditError, match="already highlighted"):
        edits.add_highlight(library, article_id, text, *words(text, "넷", "넷"), "blue")
    edits.add_highlight(library, article_id, text, *words(text, "넷", "넷"), "red")
    after = written(library, path, article_id)
    assert '하나 둘 <span style="color:red">셋 넷</span> 다섯' in after
    assert after.count("<span") == 1


def test_grow_and_shrink_by_a_word_move_the_end_of_the_span(
    post: tuple[Library, Path, int],
) -> None:
    library, path, article_id = post
    text = path.read_text(encoding="utf-8")
    (h,) = queries.highlights_for(library, article_id)
    grown = edits.resize_highlight(library, article_id, text, h.id, h.start, text.index("다섯") + 2)
    assert grown.id == h.id
    after = written(library, path, article_id)
    assert '<span style="color:blue">셋 넷 다섯</span> 여섯' in after
    (h,) = queries.highlights_for(library, article_id)
    shrunk = edits.resize_highlight(
        library, article_id, after, h.id, h.start, after.index("셋") + 1
    )
    assert shrunk.id == h.id
    assert '<span style="color:blue">셋</span> 넷 다섯 여섯' in written(library, path, article_id)


def test_recolouring_a_posts_highlight_changes_only_its_colour(
    post: tuple[Library, Path, int],
) -> None:
    library, path, article_id = post
    text = path.read_text(encoding="utf-8")
    (h,) = queries.highlights_for(library, article_id)
    assert edits.recolor_highlight(library, article_id, text, h.id, "red").id == h.id
    assert active(library, article_id) == [("셋 넷", "red")]
    assert queries.articles_with_changes(library) == [article_id]
    after = written(library, path, article_id)
    assert after == POST.replace("color:blue", "color:red")
    assert [(x.id, x.color) for x in queries.highlights_for(library, article_id)] == [(h.id, "red")]
