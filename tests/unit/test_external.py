"""Posts nobody on this project wrote (`../shared/external`): read the way Jekyll and
their authors mean them. The expected values were written by hand from each file and
Jekyll's documented rules (front matter `date` wins, one-digit dates, flattened tags,
categories from the folders above `_posts`, no front matter: not a post)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from reader_tui.library import Library, importing
from reader_tui.post import parse, write
from tests.conftest import external_dir, external_posts, parsed_posts

if TYPE_CHECKING:
    from collections.abc import Iterator

    from reader_tui.models import ImportReport

EXTERNAL = external_dir()
needs_external = pytest.mark.skipif(EXTERNAL is None, reason="../shared/external is not there")
D = dt.date


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Library, ImportReport]]:
    assert EXTERNAL is not None
    with Library(tmp_path_factory.mktemp("external") / "library.db") as library:
        report = importing.import_paths(library, [EXTERNAL])
        yield library, report


def row(
    library: Library, name: str
) -> tuple[str, dt.date | None, tuple[str, ...], tuple[str, ...]]:
    assert EXTERNAL is not None
    found = library.rows(
        "SELECT title, date, tags, categories FROM articles WHERE path = ?",
        (str((EXTERNAL / name).resolve()),),
    )
    assert found, name
    r = found[0]
    date = D.fromisoformat(r["date"]) if r["date"] else None
    return r["title"], date, tuple(json.loads(r["tags"])), tuple(json.loads(r["categories"]))


J = "jekyll/test/source/"
JEKYLL = {
    # The front matter's date wins over the file name's, in its own time zone.
    J + "_posts/2010-01-09-date-override.markdown": ("", D(2010, 1, 10), (), ()),
    J + "_posts/2010-01-09-time-override.markdown": ("", D(2010, 1, 10), (), ()),
    J + "_posts/2010-01-09-timezone-override.markdown": ("", D(2010, 1, 10), (), ()),
    J + "_posts/2010-01-16-override-data.markdown": ("", D(2010, 1, 10), ("A", "string"), ()),
    J + "_dates/time_with_timezone.md": ("", D(2015, 10, 1), (), ()),
    # One-digit month and day in the file name.
    J + "_posts/2017-2-5-i-dont-like-zeroes.md": ("", D(2017, 2, 5), (), ()),
    # Categories and tags: a list, a string of words, one, none, a number.
    J + "_posts/2009-01-27-array-categories.markdown": (
        "Array categories in YAML",
        D(2009, 1, 27),
        (),
        ("foo", "bar", "baz"),
    ),
    J + "_posts/2009-01-27-categories.markdown": (
        "Categories in YAML",
        D(2009, 1, 27),
        (),
        ("foo", "bar", "baz"),
    ),
    J + "_posts/2009-01-27-category.markdown": ("Category in YAML", D(2009, 1, 27), (), ("foo",)),
    J + "_posts/2009-01-27-empty-categories.markdown": ("Category in YAML", D(2009, 1, 27), (), ()),
    J + "_posts/2013-05-10-number-category.markdown": (
        "Number Category in YAML",
        D(2013, 5, 10),
        (),
        ("2013",),
    ),
    J + "_posts/2009-05-18-tags.markdown": (
        "Some Tags",
        D(2009, 5, 18),
        ("food", "cooking", "pizza"),
        (),
    ),
    J + "_posts/2009-05-18-tag.markdown": ("A Tag", D(2009, 5, 18), ("code",), ()),
    J + "_posts/2009-05-18-empty-tags.markdown": ("Some Tags", D(2009, 5, 18), (), ()),
    # Categories from the folders between the site and `_posts` (not below it).
    J + "category/_posts/2008-09-23-categories.markdown": (
        "Categories",
        D(2008, 9, 23),
        (),
        ("category",),
    ),
    J + "foo/_posts/bar/2008-12-12-topical-post.markdown": (
        "Topical Post",
        D(2008, 12, 12),
        (),
        ("foo",),
    ),
    J + "win/_posts/2009-05-24-yaml-linebreak.markdown": (
        "Test title",
        D(2009, 5, 24),
        ("Ruby",),
        ("win",),
    ),
    J + "_posts/es/2008-11-21-nested.markdown": ("Nested", D(2008, 11, 21), (), ()),
    # A BOM and CRLF.
    J + "_encodings/UTF8CRLFandBOM.md": ("UTF8CRLFandBOM", D(2017, 4, 5), (), ("bom",)),
    # Korean blogs: tags as a list of one-item lists (`- [Spring]`), flattened.
    "korean/sbsun/_posts/programming/spring/2022-12-17-spring-security.md": (
        "[Spring] Spring Security",
        D(2022, 12, 17),
        ("Spring",),
        ("Spring",),
    ),
    "korean/lunaticsy/_posts/development-books/learning-domain-driven-design/"
    "2022-06-26-learning-domain-driven-design-04.md": (
        "도메인 주도 설계 첫걸음 - 04장 바운디드 컨텍스트 연동",
        D(2022, 7, 5),  # the front matter's, not the file name's 2022-06-26
        (
            "공부",
            "책",
            "도메인 주도 설계 첫걸음",
            "도메인 주도 설계",
            "domain-driven design",
            "DDD",
            "도메인",
            "비즈니스",
            "아키텍처",
            "소프트웨어 설계",
        ),
        ("개발 책", "도메인 주도 설계 첫걸음(Done)"),
    ),
}


@needs_external
@pytest.mark.parametrize("name", list(JEKYLL))
def test_front_matter_as_jekyll_reads_it(imported: tuple[Library, ImportReport], name: str) -> None:
    assert row(imported[0], name) == JEKYLL[name]


@needs_external
def test_what_is_not_a_post_is_skipped_and_counted_and_the_broken_refused(
    imported: tuple[Library, ImportReport],
) -> None:
    _library, report = imported
    skipped = {Path(path).name for path, _reason in report.skipped}
    assert skipped == {
        "README.md",
        "2009-06-22-no-yaml.markdown",
        "hello-json.md",  # JSON and TOML front matter: not Jekyll's
        "hello-toml.md",
    }
    rejected = {Path(path).name for path, _reason in report.rejected}
    assert rejected == {"bad_post.md", "Unicode16LECRLFandBOM.md"}


@needs_external
def test_every_file_round_trips_byte_for_byte() -> None:
    assert EXTERNAL is not None
    posts = external_posts()
    assert len(posts) > 100
    for path, text, article in parsed_posts(posts):  # (what is refused: see above)
        assert write(text, article) == text, path


K = "korean/"
KOREAN = {
    # Highlights as background spans (#fff5b1), every one of them.
    K + "dayeon5952/_posts/2024-07-10-[정보처리기사]-응용SW기초기술활용-2.markdown": (
        28, {"#fff5b1"}, "인터넷에 연결된 모든 컴퓨터 자원을 구분하기", (), "", ()
    ),
    K + "dayeon5952/_posts/2024-12-29-[패키지매니저]-npm,pnpm,yarn,yarn-berry.markdown": (
        1, {"#fff5b1"}, "yarn, yarn init", (), "", ()
    ),
    K + "meaningful96/_posts/Etc/2024-08-01-category.md": (
        13, {"blue", "coral", "cyan", "gold", "green", "navy"}, "하양색", (), "", ()
    ),
    K + "sbsun/_posts/programming/spring/2022-12-17-spring-security.md": (
        15, {"blue", "red"}, "애플리케이션 보안(인증과 권한, 인가 등)을", (), "", ()
    ),
    # `## 🤔 궁금한 점` with a list: the questions.
    K + "hyunayeo/til/2025-08/2025-08-22-spring-cache-implementation.md": (
        0, set(), None, (), "",
        (
            "분산 환경에서 캐시 동기화는 어떻게 처리할까? (Redis 등)",
            "캐시 메모리 사용량을 실시간으로 모니터링하는 방법은?",
            "캐시 hit/miss 비율을 측정하고 최적화하는 전략은?",
            "대용량 데이터에서 캐시 키 충돌을 방지하는 방법은?",
        ),
    ),
    # `# 요약` at the top, as a list: the summary, one line an item.
    K + "lunaticsy/_posts/development-books/clean-code/2022-07-13-clean-code-03.md": (
        0, set(), None, (), "작게 만들어라!\n한 가지만 해라!", ()
    ),
    K + "lunaticsy/_posts/development-books/clean-code/2022-07-13-clean-code-06.md": (
        0, set(), None, (), "추!\n상!\n화!", ()
    ),
    # Headings of the article's own (`## **예외 처리 방법**`) are not notes.
    K + "sbsun/_posts/programming/java/2023-03-24-java-checkexception-and-uncheckexception.md": (
        0, set(), None, (), "", ()
    ),
}  # fmt: skip


@needs_external
@pytest.mark.parametrize("name", list(KOREAN))
def test_highlights_and_notes_of_korean_study_posts(name: str) -> None:
    assert EXTERNAL is not None
    article = parse((EXTERNAL / name).read_text(encoding="utf-8"), str(EXTERNAL / name))
    count, colors, first, keywords, summary, questions = KOREAN[name]
    assert len(article.highlights) == count
    assert {h.color for h in article.highlights} == colors
    if first is not None:
        assert article.highlights[0].text.startswith(first)
    assert (article.keywords, article.summary, article.questions) == (keywords, summary, questions)
    assert bool(article.foreign_notes) == bool(keywords or summary or questions)


@pytest.mark.parametrize(
    ("notes", "keywords", "summary", "questions"),
    [
        ("### 키워드\n\n- `Redis Lua`, `WRONGTYPE`\n", ("Redis Lua", "WRONGTYPE"), "", ()),
        ("## 키워드 : \\#AI \\#LLM\n", ("AI", "LLM"), "", ()),
        ("#### **오늘 TIL 3줄 요약**\n\n한 줄.\n두 줄.\n", (), "한 줄.\n두 줄.", ()),
        ("## 🤔 궁금증\n\n- 왜?\n- 어떻게?\n", (), "", ("왜?", "어떻게?")),
        ("# 요약\n- 첫째\n\n# 본문\n\n긴 글.\n", (), "첫째", ()),
    ],
    ids=["keyword list", "hash keywords", "bold TIL summary", "궁금증", "summary at the top"],
)
def test_the_common_study_note_forms(
    notes: str, keywords: tuple[str, ...], summary: str, questions: tuple[str, ...]
) -> None:
    article = parse(f"---\ntitle: t\n---\n\n본문.\n\n{notes}")
    assert (article.keywords, article.summary, article.questions) == (keywords, summary, questions)


def test_the_heading_names_are_the_users_to_add_and_take_out() -> None:
    from reader_tui.post.conventions import names_from

    text = "---\ntitle: t\n---\n\n본문.\n\n## 개념 정리\n\n- 뜻\n\n## 의문\n\n- 왜?\n"
    assert parse(text).summary == "뜻"
    mine = names_from("summary:-정리;questions:의문")
    article = parse(text, names=mine)
    assert (article.summary, article.questions) == ("", ("왜?",))
