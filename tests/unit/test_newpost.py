"""New posts in the user's exact convention, made by the real CLI."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from reader_tui.library import Library, queries
from reader_tui.newpost import NewPostError, create_post, slug_for
from reader_tui.post import parse
from tests.conftest import SEED, run_cli, write_lock_held

if TYPE_CHECKING:
    from pathlib import Path


def test_a_new_post_looks_like_the_users_own(tmp_path: Path) -> None:
    path = create_post(
        tmp_path,
        "https://byline.network/2022/03/4-128/",
        "[AI 핫이슈 읽기] 국내 AI 연합체 무엇이 있나",
        topic="AIgroup",
        text="22.03.05. 바이라인 박성은 기자\n\n본문 첫 문단.\n",
        date=dt.date(2022, 3, 15),
    )
    assert path.name == "2022-03-15-AIgroup.markdown"
    text = path.read_text(encoding="utf-8")
    seed = SEED.read_text(encoding="utf-8")
    # the front matter is the seed's, line for line
    assert text.split("\n---\n", 1)[0] == seed.split("\n---\n", 1)[0]
    assert "\n[링크](https://byline.network/2022/03/4-128/)\n22.03.05. 바이라인" in text
    assert text.endswith("* * *\n\n### 2. 키워드 : -\n### 3. 요약 : -\n### 4. 궁금한 점 : -\n")
    article = parse(text, str(path))
    assert (article.keywords, article.summary, article.questions) == ((), "", ())
    assert article.subtitle == "220315Tue AIgroup"
    assert article.source_url == "https://byline.network/2022/03/4-128/"
    assert article.date == dt.date(2022, 3, 15)


@pytest.mark.parametrize(
    "title",
    ["“큰따옴표” 그리고 'AI' 이야기", 'It\'s "quoted": yes # no', "- 목록처럼 시작 : 콜론"],
)
def test_titles_with_quotes_survive(tmp_path: Path, title: str) -> None:
    path = create_post(tmp_path, "https://example.com/a", title, date=dt.date(2022, 1, 3))
    assert parse(path.read_text(encoding="utf-8")).title == title


def test_file_names_never_leave_the_folder_nor_overwrite(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    day = dt.date(2022, 1, 3)
    first = create_post(notes, "https://e.com/x", "제목", slug="../../etc/passwd", date=day)
    second = create_post(notes, "https://e.com/x", "제목", slug="../../etc/passwd", date=day)
    assert first.parent == second.parent == notes
    assert (first.name, second.name) == (
        "2022-01-03-EtcPasswd.markdown",
        "2022-01-03-EtcPasswd-2.markdown",
    )
    assert (
        slug_for("한글 제목만", None, "https://news.naver.com/main/read.naver") == "HangeulJemokman"
    )
    assert slug_for("!!!", None, "https://news.naver.com/main/read.naver") == "MainRead"
    assert slug_for("한글", None, "https://e.com/") == "Hangeul"
    assert slug_for("…", None, "https://e.com/") == "post"


def test_bad_input_is_refused_clearly(tmp_path: Path) -> None:
    with pytest.raises(NewPostError, match="not a web link"):
        create_post(tmp_path, "javascript:alert(1)", "제목")
    with pytest.raises(NewPostError, match="needs a title"):
        create_post(tmp_path, "https://e.com", "  ")
    with pytest.raises(NewPostError, match="no such folder"):
        create_post(tmp_path / "nope", "https://e.com", "제목")


def test_new_through_the_cli_from_stdin_is_imported(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    db = tmp_path / "library.db"
    result = subprocess.run(
        [
            sys.executable, "-m", "reader_tui", "new", "https://e.com/ai",
            "--title", "새 글 'AI'", "--topic", "AI 뉴스", "--from", "-",
            "--folder", str(notes), "--date", "2022-03-16", "--no-open", "--db", str(db),
        ],
        input="붙여 넣은 기사 본문입니다.\n",
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    (path,) = notes.iterdir()
    assert path.name == "2022-03-16-AI.markdown"
    assert f"created {path}" in result.stdout
    with Library(db) as library:
        (entry,) = queries.articles(library)
        assert entry.title == "새 글 'AI'"
        article = queries.article(library, entry.id)
        assert article.subtitle == "220316Wed AI 뉴스"
        assert "붙여 넣은 기사 본문입니다." in article.body


def test_a_korean_title_gives_a_romanised_file_name(tmp_path: Path) -> None:
    path = create_post(tmp_path, "https://byline.network/2022/03/4-128/", "국내 인공지능 연합체")
    assert path.name.endswith("-GuknaeIngongjineungYeonhapche.markdown")


def test_new_warns_on_an_empty_body_and_refuses_a_link_that_has_a_post(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    db = str(tmp_path / "library.db")
    args = ("new", "https://e.com/ai", "--title", "글", "--folder", str(notes), "--no-open")
    first = run_cli(*args, "--from", "-", "--db", db)
    assert first.returncode == 0, first.stderr
    assert "no article text yet" in first.stderr
    again = run_cli(*args, "--from", "-", "--db", db, stdin="본문")
    assert again.returncode == 1
    (existing,) = notes.iterdir()
    assert f"already has a post, {existing}" in again.stderr
    assert f"reader-tui {existing}" in again.stderr
    assert len(list(notes.iterdir())) == 1
    forced = run_cli(*args, "--from", "-", "--again", "--db", db, stdin="본문")
    assert forced.returncode == 0
    assert len(list(notes.iterdir())) == 2


def test_new_on_a_busy_library_says_what_it_made_and_how_to_read_it(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    db = tmp_path / "library.db"
    Library(db).close()
    command = [
        sys.executable, "-m", "reader_tui", "new", "https://e.com/ai", "--title", "새 글",
        "--from", "-", "--folder", str(notes), "--no-open", "--db", str(db),
    ]  # fmt: skip
    with write_lock_held(db):
        busy = subprocess.run(command, input="본문\n", capture_output=True, text=True, timeout=60)
    (path,) = notes.iterdir()  # the text from stdin is kept, in the post
    assert busy.returncode == 1
    assert "Traceback" not in busy.stderr
    (line,) = busy.stderr.splitlines()
    assert "the library is busy" in line
    assert f"reader-tui import {path} reads it" in line
    imported = subprocess.run(
        [sys.executable, "-m", "reader_tui", "import", str(path), "--db", str(db)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert imported.returncode == 0, imported.stderr
    with Library(db) as library:
        (entry,) = queries.articles(library)
        assert entry.title == "새 글"


def test_a_command_on_a_busy_library_says_so_in_one_line(tmp_path: Path) -> None:
    db = tmp_path / "library.db"
    Library(db).close()
    with write_lock_held(db):
        changed = subprocess.run(
            [sys.executable, "-m", "reader_tui", "config", "review-cloze", "on", "--db", str(db)],
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
    assert changed.returncode == 1
    (line,) = changed.stderr.splitlines()
    assert (
        line
        == f"reader-tui: {db}: the library is busy (another reader-tui is writing to it); try again"
    )
