"""Reading a post again after write-back spliced it: `reparse` gives exactly what `parse`
gives, offsets, tag positions and warnings included, and takes the highlights of the
runs of lines the splices left alone from the parse it already has."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader_tui.post import (
    add_highlight,
    check_highlight_range,
    parse,
    remove_highlight,
    with_notes,
)
from reader_tui.post.reader import reparse
from reader_tui.post.writer import edit
from tests.conftest import corpus_files
from tests.unit.test_writing import edits, posts

if TYPE_CHECKING:
    from pathlib import Path

    from reader_tui.models import Article


def everything(article: Article) -> tuple[Any, ...]:
    """An article with the fields its comparisons leave out: offsets of every piece."""
    return (
        article,
        article.warnings,
        article.foreign_notes,
        article.source,
        [(h.tag_start, h.tag_end, h.note, h.note_end) for h in article.highlights],
    )


def assert_reparsed(
    text: str, original: Article, edited: Article, convert: bool = False
) -> Article:
    """`reparse` after `edited` is written into `text` (`original`: its parse) is `parse`."""
    after, splices = edit(text, edited, convert, original=original)
    again = reparse(after, text, original, splices)
    assert everything(again) == everything(parse(after, original.path))
    return again


def many_highlights(n: int) -> str:
    paragraphs = [
        f'문단 {i}: <span style="color:blue">밑줄 {i}</span> 이어지는 글.' for i in range(n)
    ]
    return "---\ntitle: 밑줄\n---\n\n" + "\n\n".join(paragraphs) + "\n"


def test_highlights_before_the_splices_are_the_ones_already_read() -> None:
    text = many_highlights(50)
    original = parse(text)
    start = text.rindex("이어지는")
    edited = add_highlight(text, original, start, start + 4, "red")
    again = assert_reparsed(text, original, edited)
    assert len(again.highlights) == 51
    # not read again, nor made again: the very objects of the first parse
    assert all(a is b for a, b in zip(again.highlights[:49], original.highlights, strict=False))


def test_highlights_after_a_splice_are_moved_by_what_it_added() -> None:
    text = many_highlights(50)
    original = parse(text)
    start = text.index("이어지는")
    edited = add_highlight(text, original, start, start + 4, "red")
    again = assert_reparsed(text, original, edited)
    added = len('<span style="color:red"></span>')
    assert [h.start for h in again.highlights[2:]] == [
        h.start + added for h in original.highlights[1:]
    ]
    after = edit(text, edited, original=original)[0]
    assert all(after[h.start : h.end] == f"밑줄 {i}" for i, h in enumerate(again.highlights[2:], 1))


def test_a_highlights_note_moves_with_it() -> None:
    text = many_highlights(3).replace("밑줄 2</span>", "밑줄 2</span><!-- note: 메모 -->")
    original = parse(text)
    start = text.index("이어지는")
    again = assert_reparsed(text, original, add_highlight(text, original, start, start + 4))
    assert again.highlights[-1].note == "메모"
    assert again.highlights[-1].note_end != original.highlights[-1].note_end


def test_a_removed_highlight_and_edited_notes(seed_text: str) -> None:
    text = seed_text
    original = parse(text)
    edited = remove_highlight(original, original.highlights[0])
    edited = with_notes(edited, summary="새 요약\n두 줄", questions=["왜?", "어떻게?"])
    assert_reparsed(text, original, edited)


def test_a_post_with_warnings_is_read_again_whole() -> None:
    text = many_highlights(3) + '\n끝 <span style="color:red">닫히지 않은 밑줄\n'
    original = parse(text)
    assert original.warnings
    start = text.index("이어지는")
    edited = add_highlight(text, original, start, start + 4, "red")
    again = assert_reparsed(text, original, edited)
    assert "line 11" in again.warnings[0]  # the new span moved nothing: same line


def test_removing_a_tag_that_hid_a_list_marker() -> None:
    # without its tag the line starts a list item: the run is read again, not reused
    text = (
        '---\ntitle: x\n---\n\n글 한 줄\n<span style="color:red">- 항목</span> 끝\n\n'
        '<span style="color:blue">뒤</span>\n'
    )
    original = parse(text)
    edited = remove_highlight(original, original.highlights[0])
    assert_reparsed(text, original, edited)


def test_a_run_that_was_part_of_a_longer_one_is_read_again() -> None:
    # Removing the empty red span leaves a line of spaces: a blank line, which cuts the
    # run in two. The first half is untouched text, but not the run it was: its blue
    # span now ends with it, never closed.
    text = (
        '---\ntitle: x\n---\n\n가 <span style="color:blue">나\n'
        '   <span style="color:red"></span>\n다</span>\n'
    )
    original = parse(text)
    red = next(h for h in original.highlights if h.color == "red")
    again = assert_reparsed(text, original, remove_highlight(original, red))
    assert again.warnings  # the blue span is never closed now


def test_a_change_the_splices_do_not_tell_is_still_read() -> None:
    before = many_highlights(5)
    after = before.replace("밑줄 3", "밑줄 셋")
    again = reparse(after, before, parse(before), [])
    assert everything(again) == everything(parse(after))
    assert again.highlights[3].text == "밑줄 셋"


@pytest.mark.skipif(not corpus_files(), reason="needs the corpus (READER_TUI_CORPUS)")
@pytest.mark.parametrize("post", corpus_files(), ids=lambda p: p.name)
def test_corpus_posts_edited_read_again_as_parsed(post: Path) -> None:
    text = post.read_text(encoding="utf-8")
    original = parse(text, str(post))
    edited = with_notes(original, summary="다시 쓴 요약")
    if original.highlights:
        edited = remove_highlight(edited, original.highlights[len(original.highlights) // 2])
    body = original.source.body_start
    for at in range(body, original.source.article_end - 2, 997):
        if check_highlight_range(text, edited, at, at + 2) is None:
            edited = add_highlight(text, edited, at, at + 2, "red")
    assert_reparsed(text, original, edited, convert=bool(original.foreign_notes))


PIECE = st.sampled_from(
    [
        "{}",
        "- {}",
        "> {}",
        "1. {}",
        '<span style="color:red">{}</span><!-- note: 메모 -->',
        "=={}==",
        "<mark>{}</mark>",
        '<span style="color:blue"></span>',
        '   <span style="color:red"> </span>',
        "```\n{}\n```",
        "### {}",
        '<span style="color:green">{}',  # opened here, closed by a later piece
        "{}</span>",
    ]
)
WORDS = st.text(alphabet="가나다라 AB*_", min_size=1, max_size=12)


@st.composite
def mixed_posts(draw: st.DrawFn) -> str:
    """Posts of lists, quotes, code, notes after highlights, highlights over several
    lines and lines that become blank when a highlight on them is removed."""
    pieces = draw(st.lists(st.tuples(PIECE, WORDS, st.sampled_from(["\n", "\n\n"])), max_size=9))
    body = "".join(piece.format(words) + joiner for piece, words, joiner in pieces)
    notes = draw(st.sampled_from(["", "\n* * *\n\n### 3. 요약 : 요약\n"]))
    return "---\ntitle: x\n---\n\n" + body + notes


@settings(
    max_examples=300,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    deadline=None,
)
@given(st.data())
def test_reparse_is_parse_of_lists_quotes_code_and_notes(data: st.DataObject) -> None:
    text = data.draw(mixed_posts())
    assert_reparsed(text, parse(text), data.draw(edits(text)))


@settings(
    max_examples=300,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    deadline=None,
)
@given(st.data())
def test_reparse_is_parse(data: st.DataObject) -> None:
    text = data.draw(posts())
    assert_reparsed(text, parse(text), data.draw(edits(text)))
