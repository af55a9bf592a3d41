"""The writer: only what was edited changes, and both round-trip laws hold."""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader_tui.post import (
    EditError,
    add_highlight,
    check_highlight_range,
    parse,
    recolor_highlight,
    remove_highlight,
    with_notes,
    write,
)

if TYPE_CHECKING:
    from reader_tui.models import Article

TAGS = re.compile(r"</?(?:span|mark)\b[^>]*>|==")


def content(article: Article) -> Article:
    """An article without offsets: what must survive a write and a re-parse."""
    return dataclasses.replace(
        article,
        highlights=tuple(dataclasses.replace(h, start=0, end=0) for h in article.highlights),
    )


def assert_written(text: str, edited: Article) -> str:
    new = write(text, edited)
    assert content(parse(new, edited.path)) == content(edited)
    return new


SEED_FRONT = (
    "---\nlayout: post\ntitle: '[AI 핫이슈 읽기] 국내 AI'\nsubtitle: '220315Tue AIgroup'\n"
    "categories: doc\ntags: article\ncomments: true\n---\n\n"
)


def test_unchanged_article_writes_the_same_bytes(seed_text: str) -> None:
    assert write(seed_text, parse(seed_text)) == seed_text


def test_summary_edit_changes_only_that_line(seed_text: str) -> None:
    edited = with_notes(parse(seed_text), summary="AI 연합체 정리")
    new = assert_written(seed_text, edited)
    assert new == seed_text.replace(
        "### 3. 요약 : 국내 AI 그룹 소개", "### 3. 요약 : AI 연합체 정리"
    )


def test_keywords_are_written_in_the_users_form(seed_text: str) -> None:
    edited = with_notes(parse(seed_text), keywords=["AI", "#LLM", " 초거대 AI "])
    new = assert_written(seed_text, edited)
    assert "### 2. 키워드 : \\#AI \\#LLM \\#초거대 AI\n" in new
    assert new.endswith("### 4. 궁금한 점 : -")  # still no final newline


def test_emptied_section_is_a_dash(seed_text: str) -> None:
    new = assert_written(seed_text, with_notes(parse(seed_text), keywords=[], summary=""))
    assert "### 2. 키워드 : -\n### 3. 요약 : -\n" in new


def test_one_question_inline_several_as_a_list(seed_text: str) -> None:
    one = assert_written(seed_text, with_notes(parse(seed_text), questions=["왜?"]))
    assert one.endswith("### 4. 궁금한 점 : 왜?")
    many = assert_written(
        seed_text, with_notes(parse(seed_text), questions=["왜?", "어떻게?\n정말?"])
    )
    assert many.endswith("### 4. 궁금한 점 :\n- 왜?\n- 어떻게?\n  정말?")


def test_front_matter_quoting_and_trailing_spaces_stay(seed_text: str) -> None:
    text = '---\ntitle:   "x"   \nb: 2\na: 1\n---\n줄 끝 공백   \n\n* * *\n\n### 3. 요약 : 옛\n'
    new = assert_written(text, with_notes(parse(text), summary="새"))
    assert new == text.replace("옛", "새")


def test_notes_block_is_appended_when_the_post_has_none() -> None:
    text = SEED_FRONT + "본문 한 줄"
    new = assert_written(text, with_notes(parse(text), summary="요약"))
    assert new == text + "\n\n* * *\n\n### 2. 키워드 : -\n### 3. 요약 : 요약\n### 4. 궁금한 점 : -"
    with_newline = text + "\n"
    new = assert_written(with_newline, with_notes(parse(with_newline), keywords=["a"]))
    assert new.endswith(
        "본문 한 줄\n\n* * *\n\n### 2. 키워드 : \\#a\n### 3. 요약 : -\n### 4. 궁금한 점 : -\n"
    )


def test_missing_section_is_inserted_in_place() -> None:
    text = SEED_FRONT + "본문\n\n* * *\n\n### 2. 키워드 : \\#a\n### 4. 궁금한 점 : -\n"
    new = assert_written(text, with_notes(parse(text), summary="끼운 요약"))
    assert new.endswith("### 2. 키워드 : \\#a\n### 3. 요약 : 끼운 요약\n### 4. 궁금한 점 : -\n")


def test_add_highlight_inserts_one_span(seed_text: str) -> None:
    article = parse(seed_text)
    start = seed_text.index("LG는 최근")
    end = start + len("LG는 최근 국내외 13개 기업")
    edited = add_highlight(seed_text, article, start, end, "red")
    new = assert_written(seed_text, edited)
    assert new == (
        seed_text[:start]
        + '<span style="color:red">'
        + seed_text[start:end]
        + "</span>"
        + seed_text[end:]
    )
    assert len(parse(new).highlights) == 7


def test_remove_highlight_leaves_its_text(seed_text: str) -> None:
    article = parse(seed_text)
    target = article.highlights[2]
    new = assert_written(seed_text, remove_highlight(article, target))
    assert "카카오브레인은 작년 말" in new
    assert new.count("<span") == seed_text.count("<span") - 1
    assert len(new) == len(seed_text) - len('<span style="color:blue">') - len("</span>")


@pytest.mark.parametrize(
    ("text", "recoloured"),
    [
        ("글 <mark>표시</mark> 끝\n", '글 <mark style="background-color:red">표시</mark> 끝\n'),
        (
            '글 <span style="background:#fff5b1">표시</span> 끝\n',
            '글 <span style="background:red">표시</span> 끝\n',
        ),
        (
            '글 <span style="background-color: #fff5b1; font-weight: 700;">표시</span> 끝\n',
            '글 <span style="background-color: red; font-weight: 700;">표시</span> 끝\n',
        ),
        ('글 <font color="#0000ff">표시</font> 끝\n', '글 <font color="red">표시</font> 끝\n'),
        (
            '글 <span style="color:blue; font-size:130%">표시</span> 끝\n',
            '글 <span style="color:red; font-size:130%">표시</span> 끝\n',
        ),
        ("글 ==표시== 끝\n", '글 <span style="color:red">표시</span> 끝\n'),
    ],
    ids=["mark", "background", "background-color", "font", "color", "equals"],
)
def test_recolour_keeps_the_highlights_own_form(text: str, recoloured: str) -> None:
    article = parse(text)
    new = assert_written(text, recolor_highlight(article, article.highlights[0], "red"))
    assert new == recoloured


def test_removing_an_unclosed_span_removes_only_its_opening_tag() -> None:
    text = '<span style="color:blue">\n열린 문단\n\n다음\n'
    article = parse(text)
    new = assert_written(text, remove_highlight(article, article.highlights[0]))
    assert new == "\n열린 문단\n\n다음\n"


@pytest.mark.parametrize(
    ("source", "selected", "message"),
    [
        ("가 **굵게** 나", "굵", None),
        ("가 [링크](https://e.com) 나", "e.com", "inside markup"),
        ("가 `코드` 나", "코", "inside markup"),
        ("[링크 글](https://e.com) 뒤", "[링크", "link's brackets"),
        ("[링크 글](https://e.com) 뒤", "[링크 글](https://e.com) 뒤", None),
        ('가 <span style="color:red">빨간 글</span> 나', "빨간 글", "already highlighted"),
        ('가 <span style="color:red">빨간 글</span> 나', "글</span> 나", "overlap"),
        ('가 <span style="color:red">빨간 글</span> 나', "style", "inside markup"),
        ("첫 문단\n\n둘째", "문단\n\n둘", "one paragraph"),
        ("가   나", "   ", "visible text"),
    ],
)
def test_ranges_that_cannot_be_highlighted_say_why(
    source: str, selected: str, message: str | None
) -> None:
    article = parse(source)
    start = source.index(selected)
    reason = check_highlight_range(source, article, start, start + len(selected))
    if message is None:
        assert reason is None
    else:
        assert reason is not None
        assert message in reason
        with pytest.raises(EditError):
            add_highlight(source, article, start, start + len(selected))


def test_partial_overlap_is_refused() -> None:
    source = '가 <span style="color:red">빨간 글</span> 나'
    article = parse(source)
    start = source.index("가")
    end = source.index("간")
    assert "overlap" in (check_highlight_range(source, article, start, end) or "")


def test_bad_colour_is_refused(seed_text: str) -> None:
    with pytest.raises(EditError, match="colour"):
        add_highlight(seed_text, parse(seed_text), 300, 310, 'red"><script>')


# -- Hypothesis ---------------------------------------------------------------------------

WORD = st.text(alphabet="가나다라마바사아자차카타파하ABCabc123", min_size=1, max_size=6)
SENTENCE = st.lists(WORD, min_size=1, max_size=8).map(" ".join)
DECOR = st.sampled_from(
    ["{}", "**{}**", '<span style="color:blue">{}</span>', "`{}`", "[{}](https://e.com/x)"]
)


@st.composite
def paragraphs(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.tuples(DECOR, SENTENCE), min_size=1, max_size=4))
    joiner = draw(st.sampled_from([" ", "\n", "   \n"]))
    return joiner.join(decor.format(words) for decor, words in parts)


@st.composite
def posts(draw: st.DrawFn) -> str:
    front = draw(st.sampled_from(["", SEED_FRONT, '---\ntitle: "x"\n---\n']))
    body = "\n\n".join(draw(st.lists(paragraphs(), min_size=1, max_size=5)))
    link = draw(st.sampled_from(["", "[링크](https://e.com/a)\n"]))
    notes = draw(
        st.sampled_from(
            [
                "",
                "\n\n* * *\n\n### 2. 키워드 : \\#AI\n### 3. 요약 : 요약\n### 4. 궁금한 점 : -",
                "\n\n* * *\n\n### 3. 요약 : 요약\n### 5. 추가 : 더\n",
                "\n\n* * *\n\n### Keywords: #a, #b\n",
            ]
        )
    )
    ending = draw(st.sampled_from(["", "\n"]))
    return front + link + body + notes + ending


LINE = st.text(alphabet="가나다 AB?-#*=`1.", min_size=0, max_size=12)
MULTILINE = st.lists(LINE, min_size=1, max_size=3).map("\n".join)


@st.composite
def edits(draw: st.DrawFn, text: str) -> Article:
    article = parse(text)
    for _ in range(draw(st.integers(0, 4))):
        action = draw(st.sampled_from(["notes", "add", "remove", "recolor"]))
        if action == "notes":
            article = with_notes(
                article,
                keywords=draw(st.lists(st.text(alphabet="가나AB 12#,\\", max_size=6), max_size=3)),
                summary=draw(MULTILINE),
                questions=draw(st.lists(MULTILINE, max_size=3)),
            )
        elif action == "add":
            start = draw(
                st.integers(
                    article.source.body_start, max(article.source.body_start, len(text) - 1)
                )
            )
            end = draw(st.integers(start + 1, min(len(text), start + 30)))
            if check_highlight_range(text, article, start, end) is None:
                article = add_highlight(
                    text, article, start, end, draw(st.sampled_from(["blue", "red"]))
                )
        elif action == "remove" and article.highlights:
            article = remove_highlight(article, draw(st.sampled_from(article.highlights)))
        elif action == "recolor" and article.highlights:
            article = recolor_highlight(article, draw(st.sampled_from(article.highlights)), "green")
    return article


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(posts())
def test_writing_an_unchanged_article_gives_the_same_text(text: str) -> None:
    assert write(text, parse(text)) == text


@settings(
    max_examples=300,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    deadline=None,
)
@given(st.data())
def test_parse_of_write_gives_the_edited_article(data: st.DataObject) -> None:
    text = data.draw(posts())
    edited = data.draw(edits(text))
    new = write(text, edited)
    assert content(parse(new)) == content(edited)
    # and highlight edits only add or remove tags: the article's text is otherwise the same
    old_article = text[: parse(text).source.article_end]
    new_article = new[: parse(new).source.article_end]
    before, after = TAGS.sub("", old_article), TAGS.sub("", new_article)
    assert after.startswith(before)
    assert after[len(before) :].strip() == ""  # at most the blank line before a new notes block


def test_crossing_new_highlights_are_refused() -> None:
    text = "가나다라마바사\n"
    article = parse(text)
    first = dataclasses.replace(add_highlight(text, article, 0, 4).highlights[0])
    crossing = dataclasses.replace(first, start=2, end=6, tag_start=2, tag_end=6)
    with pytest.raises(EditError, match="overlap"):
        write(text, dataclasses.replace(article, highlights=(first, crossing)))


def test_highlight_over_the_tags_of_one_just_removed() -> None:
    text = '앞 <span style="color:blue">가나다</span>'
    article = parse(text)
    old = article.highlights[0]
    article = remove_highlight(article, old)
    article = add_highlight(text, article, old.start, len(text), "red")
    new = assert_written(text, article)
    assert new == '앞 <span style="color:red">가나다</span>'
