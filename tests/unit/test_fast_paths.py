"""The parser's fast paths give exactly what the full scans give."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader_tui.library import index
from reader_tui.post import parse
from reader_tui.post.blocks import Block, _split_lines, split_blocks
from reader_tui.post.highlights import scanned_highlights
from reader_tui.post.quick import quick_highlights
from tests.conftest import ROOT, corpus_dir, corpus_files

if TYPE_CHECKING:
    from reader_tui.models import Article, Highlight

Found = tuple[list[tuple[object, ...]], list[str]]


def rows(found: list[Highlight]) -> list[tuple[object, ...]]:
    """Every field of each highlight (the tags' and the note's too, which `==` leaves out)."""
    return [
        (h.start, h.end, h.color, h.text, h.kind, h.tag_start, h.tag_end, h.note, h.note_end)
        for h in found
    ]


def full_marks(text: str, start: int, end: int) -> Found:
    warnings: list[str] = []
    found = scanned_highlights(text, Block("paragraph", start, end, start, end), warnings)
    return rows(found), warnings


def fast_marks(text: str, start: int, end: int) -> Found | None:
    warnings: list[str] = []
    quick = quick_highlights(text, start, end, warnings)
    return None if quick is None else (rows(quick), warnings)


def blocks_as_tuples(blocks: list[Block]) -> list[tuple[object, ...]]:
    return [(b.kind, b.start, b.end, b.content_start, b.content_end) for b in blocks]


PIECE = st.sampled_from(
    [
        "가나다",
        " ",
        "\n",
        "   \n",
        " \r\n",
        "AB",
        '<span style="color:blue">',
        "<span style='color: red'>",
        "</span>",
        "<mark>",
        "</mark>",
        '<span class="x">',
        "<AI타임스>",
        "라마",
        *("<!-- note: 메모 -->", "<!-- note: a&amp;b&#10;c -->", "<!-- x -->"),
        *("~", "~~", "=", "==", "&", "&amp;", "&nbsp", ";", "R&D", "&#1234;", "&zz;"),
        *("_", "__", "*", "**", "\\", "\\<", "`", "[", "](u)", "!"),
        *(" _가나_ ", "__AB__", "*강조*", "~~줄~~", "`코드`", "[링크](u)", "\\*"),
    ]
)


@pytest.mark.parametrize(
    "inside",
    [
        *(" _가나_ ", "__AB__", "*강조*", "**굵게**", "~~줄~~", "==형광==", "`코드`"),
        *("[링크](u)", "\\*별", '\\<span style="color:red">빨강</span>', "&amp;", "R&D"),
        *("630만~710만", "a = b", "가_나"),
    ],
)
def test_each_kind_of_markup_in_a_highlight_reads_as_the_full_scan_reads_it(inside: str) -> None:
    paragraph = f'앞 <span style="color:blue">{inside} 뒤</span> 끝'
    fast = fast_marks(paragraph, 0, len(paragraph))
    assert fast is None or fast == full_marks(paragraph, 0, len(paragraph))


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
    """`parse` with every fast path off: all blocks from the line walk, and every one
    scanned in full."""
    from unittest import mock

    from reader_tui.post import highlights, layout

    def line_walk(t: str, s: int = 0, e: int | None = None) -> list[Block]:
        return _split_lines(t, s, len(t) if e is None else e)

    with (
        mock.patch.object(layout, "_usual", return_value=None),
        mock.patch.object(layout, "_from_last_break", return_value=None),
        mock.patch.object(layout, "chunks", return_value=None),
        mock.patch.object(layout, "split_blocks", line_walk),
        mock.patch.object(highlights, "quick_highlights", return_value=None),
        mock.patch.object(layout, "_may_highlight", return_value=True),  # scan every block
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
        *("- - -", "___", "-", "   ### 4. 궁금한 점 : -", "    ### 3. 요약 : 들여쓴", "#해시"),
        *("### 2. 키워드 : a ##", "### 3. 요약 :\r", "## ##", "* * *\r", "--- \r"),
        "",
        "",
        "",
        "[링크](https://e.com)",
        "==형광== 펜",
        "`코드 <span>`",
        '<img src="/a.png"> 그림',
        "<b>굵게</b> <SPAN STYLE='COLOR:RED'>대문자</SPAN>",
        "</mark> <font color=red>글꼴 1~2 R&D a=b",
    ]
)


@settings(max_examples=400)
@given(st.lists(BODY_LINE, min_size=1, max_size=16).map("\n".join))
def test_parse_equals_the_reference_path_on_generated_posts(body: str) -> None:
    text = "---\ntitle: t\n---\n" + body
    same_article(parse(text), reference_parse(text))


# Front matter: `plain_mapping` answers only what `yaml.safe_load` would answer.

YAML_VALUES = [
    *("doc", "true", "Yes", "off", "~", "null", "012", "0x1f", "1:20", "1_000", "+3"),
    *("-5", "1.5", ".inf", "2021-12-10", "2024-08-20 21:18:52 +09:00", "=", "<<"),
    *("2021-13-45", "1e3", "0o12", "+.inf", "-.5", "1,000", "[1, 2.5, 3e4]", "제목: 부제"),
    *("a: b", "a #c", "a#c", "C#", "http://x.y/z?q=1", "'it''s'", "'a' b", "''"),
    *('"q"', '"a\\nb"', '"a"b"', "[a, b]", "[]", "[ ]", "[a, [b]]", "[a,]", "[a: b]"),
    *("[a?b]", "[true, 3, x]", "['a']", "{a: b}", "|", ">", "&x a", "*x", "!!str 1"),
    *("%x", "@x", "`x`", "한글 제목", "a\tb", "-x", "- x", "?x", ":x", "x:", "x:y"),
    *("a  b", "'", '"', "[", "a]", "[a]b", "\u2028", "\x85", "\ufeff", "\x7f", "\r"),
]
YAML_VALUE = st.sampled_from(YAML_VALUES)
YAML_KEY = st.sampled_from(["title", "tags", "a", "yes", "null", "x-y", "a.b", "_k", "1"])
YAML_KEY_LINE = st.builds(
    lambda key, colon, value: f"{key}{colon}{value}",
    YAML_KEY,
    st.sampled_from([": ", " : ", ":", ":  "]),
    st.one_of(YAML_VALUE, st.just("")),
)
YAML_LINE = st.one_of(
    YAML_KEY_LINE,
    YAML_KEY_LINE,
    YAML_KEY_LINE,
    st.builds(
        lambda indent, value: f"{indent}- {value}",
        st.sampled_from(["", "  ", "    "]),
        YAML_VALUE,
    ),
    st.sampled_from(["", "  ", "# note", "  # note", "  more", "-", "key", " a: b"]),
)


# Lines of the user's own form, between which one line of any kind is put.
PLAIN_LINE = st.sampled_from(
    [
        *("layout: post", "title: '제목'", "subtitle: '220315Tue AIgroup'", "tags: [AI, LLM]"),
        *("categories:", "  - doc", "comments: true", "", "# a comment"),
    ]
)


def same_as_pyyaml(raw: str) -> None:
    import yaml

    from reader_tui.post.plain_yaml import plain_mapping

    plain = plain_mapping(raw)  # (never raises: what PyYAML refuses, it leaves to it)
    if plain is not None:
        # Whatever it answers, PyYAML reads the same: values, types and key order alike.
        assert repr(plain) == repr(yaml.load(raw, Loader=yaml.CSafeLoader)), raw


def test_a_bad_date_is_left_to_pyyaml_which_may_read_it_as_text() -> None:
    from reader_tui.post.plain_yaml import plain_mapping

    # The next line goes on with the value: to PyYAML it is one string, not a date.
    same_as_pyyaml("date: 2021-13-45\n  more")
    assert plain_mapping("date: 2021-13-45") is None  # PyYAML says what is wrong


def test_a_key_too_long_for_yaml_is_left_to_it() -> None:
    for length in (999, 1000, 1001, 1023, 1024, 1025, 1100):
        same_as_pyyaml(f"{'k' * length}: v")


@pytest.mark.parametrize("value", YAML_VALUES)
def test_each_kind_of_value_reads_as_pyyaml_reads_it(value: str) -> None:
    for raw in (f"title: {value}", f"tags:\n  - {value}\n- x", f"tags: [{value}, x]"):
        same_as_pyyaml(raw)
        same_as_pyyaml(f"a: 1\n{raw}\n\nb: 2\n")


@settings(max_examples=3000)
@given(
    st.lists(PLAIN_LINE, max_size=3),
    st.lists(YAML_LINE, min_size=1, max_size=2),
    st.lists(PLAIN_LINE, max_size=3),
    st.booleans(),
)
def test_plain_front_matter_reads_as_pyyaml_reads_it(
    before: list[str], lines: list[str], after: list[str], crlf: bool
) -> None:
    raw = "\n".join(before + lines + after)
    same_as_pyyaml(raw.replace("\n", "\r\n") if crlf else raw)


def test_the_users_front_matter_takes_the_plain_path() -> None:
    from reader_tui.post.front_matter import FM_CLOSE
    from reader_tui.post.plain_yaml import _simple_mapping, plain_mapping

    own = sorted((ROOT / "notes").glob("*.markdown"))
    own += [p for p in corpus_files() if "zoohoson" in p.parts]
    assert own
    for path in own:
        text = path.read_text(encoding="utf-8")
        opening = text.index("\n")
        close = FM_CLOSE.search(text, opening)
        assert close is not None, path
        raw = text[opening + 1 : close.start() + 1]
        assert plain_mapping(raw) is not None, path
        assert _simple_mapping(raw) == plain_mapping(raw), path  # (the quickest way)
        assert parse(text, str(path)).front_matter["title"]


def test_the_words_yaml_types_are_typed_as_pyyaml_types_them() -> None:
    import itertools

    import yaml

    from reader_tui.post.plain_yaml import _scalar

    # Every way of writing each word in upper and lower case, and near misses.
    words = ["yes", "no", "true", "false", "on", "off", "null", "y", "n", "tru", "nul"]
    spellings = {
        "".join(letters)
        for word in words
        for letters in itertools.product(*((c.lower(), c.upper()) for c in word))
    }
    for word in sorted(spellings | {"~", "~~", "Yes!", "nulls", "offset", "onion"}):
        expected = yaml.load(f"key: {word}", Loader=yaml.CSafeLoader)["key"]
        assert repr(_scalar(word)) == repr(expected), word


def test_plain_front_matter_is_read_without_importing_pyyaml() -> None:
    code = (
        "import sys\n"
        "from reader_tui.post import parse\n"
        "post = '---\\ntitle: \\'제목\\'\\ntags: [AI, LLM]\\ncomments: true\\n---\\n'\n"
        "article = parse(post + '본문\\n')\n"
        "assert article.tags == ('AI', 'LLM') and article.front_matter['comments'] is True\n"
        "assert 'yaml' not in sys.modules, 'yaml was imported'\n"
        "parse('---\\ndate: 2024-08-20\\n---\\n')  # a date: PyYAML types it\n"
        "assert 'yaml' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


@pytest.mark.parametrize(
    ("line", "content"),
    [
        ("## 제목 ##", "제목"),
        ("## 제목 ##   ", "제목"),
        ("### 2. 키워드 : \\#AI \\#C#", "2. 키워드 : \\#AI \\#C#"),
        ("## C#", "C#"),
        ("## 제목 #\t", "제목"),
        ("##", ""),
        ("### ###", ""),
        ("## 끝에 \\##", "끝에 \\##"),
    ],
)
def test_a_headings_closing_hashes_are_not_its_text(line: str, content: str) -> None:
    """As CommonMark: a run of `#` after a space closes the heading; `#` in a word
    (`C#`) is text. (The closing run is looked for only on lines that end with `#`.)"""
    [block] = split_blocks(line + "\n")
    assert block.kind == "heading"
    assert line[block.content_start : block.content_end].strip() == content


# The index's link and URL patterns as first written (`index.LINK`, `index.URL` are these
# as branches that each start with a character, which `re` finds faster).
PLAIN_LINK = re.compile(
    r"(!?)\[((?:[^\[\]\n]|\[[^\]\n]*\])*)\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+\"[^\"]*\")?\)"
)
PLAIN_URL = re.compile(r"<?\b(?:https?|ftp)://[^\s<>]*>?|\bwww\.[^\s<>]+")
LINK_PIECES = st.sampled_from(
    [
        *'<>[]()!" \n\t_.:/',
        *("x", "가", "1", "h", "http", "https://", "ftp://", "www.", "w", "<http://a>", "]("),
        *("![", "[a](b)", '[a](b "t")', "(c)", "xwww.", "ahttp://", "é"),
    ]
)


@settings(max_examples=2000)
@given(st.lists(LINK_PIECES, max_size=24).map("".join))
def test_the_index_finds_the_links_and_urls_their_plain_patterns_find(text: str) -> None:
    links = PLAIN_LINK.sub(lambda m: m[2], text)
    assert index.LINK.sub(index._link_text, text) == links
    if "![" not in text:
        assert index.LINK_ONLY.sub(index._link_text, text) == links
    assert index.URL.sub("", text) == PLAIN_URL.sub("", text)


def test_an_images_alt_text_is_indexed_as_a_links_text_is() -> None:
    assert (
        index.readable("사진![고양이](a.png) [기사](https://a.kr/x) <https://b.kr>")
        == "사진고양이 기사 "
    )
