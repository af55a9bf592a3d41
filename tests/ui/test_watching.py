"""The notes folder is watched while the app runs: posts added, changed, renamed and
deleted in another program show in the library, and the open article reloads in place,
each within 2 s and without a restart."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.widgets import Label, TextArea

from reader_tui.app import ReaderApp
from reader_tui.library import queries
from reader_tui.widgets.article import ArticleView
from reader_tui.widgets.rows import RowList
from reader_tui.widgets.window import BlockView
from tests.ui.helpers import open_seed, until

if TYPE_CHECKING:
    import pytest
    from textual.pilot import Pilot

    from reader_tui.library import Library
    from reader_tui.screens.reading import ReadingScreen
    from tests.conftest import MakeLibrary

SOON = 2.0  # seconds: what the user waits at most for a change to show


def titles(app: ReaderApp) -> list[str]:
    table = app.screen_stack[0].query_one(RowList)
    return [str(table.get_row_at(i)[1]) for i in range(table.row_count)]


def marks(app: ReaderApp) -> list[str]:
    table = app.screen_stack[0].query_one(RowList)
    return [str(table.get_row_at(i)[-1]) for i in range(table.row_count)]


async def within(pilot: Pilot[None], condition: object, what: str) -> float:
    """Wait for `condition()`; fail if it takes more than SOON. Returns the seconds."""
    started = time.monotonic()
    while not condition():  # type: ignore[operator]
        assert time.monotonic() - started < SOON, f"{what}: not shown within {SOON} s"
        await pilot.pause(0.02)
    return time.monotonic() - started


def post(title: str, body: str = "본문입니다.") -> str:
    return f"---\ntitle: {title}\n---\n\n{body}\n\n* * *\n\n### 3. 요약 : -\n"


async def test_posts_added_changed_renamed_and_deleted_show_in_the_library(
    make_library: MakeLibrary, tmp_path: Path
) -> None:
    library = make_library()
    notes = tmp_path / "notes"
    app = ReaderApp(library, refresh=[str(notes)])
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.watching and len(titles(app)) == 1)
        added = notes / "2022-04-01-new.md"
        added.write_text(post("새로 쓴 글"), encoding="utf-8")
        await within(pilot, lambda: "새로 쓴 글" in titles(app), "added")
        added.write_text(post("제목을 고친 글"), encoding="utf-8")
        await within(pilot, lambda: "제목을 고친 글" in titles(app), "changed")
        before = queries.article_id_for(library, added)
        moved = notes / "sub" / "2022-04-01-moved.md"
        moved.parent.mkdir()
        added.rename(moved)
        await within(pilot, lambda: queries.article_id_for(library, moved) == before, "renamed")
        await within(pilot, lambda: titles(app).count("제목을 고친 글") == 1, "one row")
        assert "missing" not in marks(app)
        moved.unlink()
        await within(pilot, lambda: "missing" in marks(app), "deleted")


async def test_the_open_article_reloads_in_place_when_its_post_changes(
    seed_library: Library, tmp_path: Path
) -> None:
    notes = tmp_path / "notes"
    app = ReaderApp(seed_library, refresh=[str(notes)], save_delay=3600)
    async with app.run_test(size=(120, 30)) as pilot:
        await until(pilot, lambda: app.watching)
        screen: ReadingScreen = await open_seed(pilot)
        view = screen.query_one(ArticleView)
        view.scroll_to(y=25, animate=False, immediate=True)
        await pilot.pause()
        top = view.top_offset()
        top_text = screen.session.text[top : top + 20]
        path = Path(screen.session.article.path)  # type: ignore[union-attr]

        # Another post changes: the open article stays as it is.
        other = notes / "2022-04-02-other.md"
        other.write_text(post("다른 글"), encoding="utf-8")
        await within(pilot, lambda: "다른 글" in titles(app), "another post")
        assert view.top_offset() == top

        # The open post changes in its text (above where the reader is, so offsets move).
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("[링크]", "[링크] 편집기에서 더한 말", 1), encoding="utf-8")

        def shows_edit() -> bool:
            return any(
                "편집기에서 더한 말" in b.rendered.content.plain for b in view.query(BlockView)
            )

        await within(pilot, shows_edit, "the open post")
        await pilot.pause()
        now = view.top_offset()
        assert screen.session.text[now : now + 20] == top_text  # the same passage on top

        # The user types in the summary, not saved yet; the post's summary changes too.
        summary = screen.query_one("#summary", TextArea)
        summary.focus()
        await pilot.press("end", *" 앱에서")
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("국내 AI 그룹 소개", "편집기의 요약"), encoding="utf-8")
        bar = screen.query_one("#conflict-bar")
        await within(pilot, lambda: bar.display, "a conflict")
        assert summary.text == "국내 AI 그룹 소개 앱에서"  # what was typed is kept
        await pilot.press("!")
        assert summary.text == "국내 AI 그룹 소개 앱에서!"  # typing goes on where it was
        article = queries.article(seed_library, screen.article_id)
        assert article.summary == "국내 AI 그룹 소개 앱에서"
        assert [(c.section, c.file_value) for c in article.conflicts] == [
            ("summary", "편집기의 요약")
        ]


async def test_a_post_that_cannot_be_read_is_told_once_not_at_every_refresh(
    make_library: MakeLibrary, tmp_path: Path
) -> None:
    """The refresh at start, the one when the watch begins, and the one after each save
    all read the broken post again: each said so, the same toast again and again."""
    notes = tmp_path / "notes"
    notes.mkdir()
    broken = notes / "2022-04-02-broken.md"
    broken.write_text("---\ntitle: [unclosed\n---\n\n본문\n", encoding="utf-8")

    def told() -> int:
        return sum(broken.name in n.message for n in app._notifications)

    app = ReaderApp(make_library(), refresh=[str(notes)])
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.watching and not app._refreshing and told() == 1)
        # Named from the folder the app was opened on, not by its whole path.
        (toast,) = [n.message for n in app._notifications if broken.name in n.message]
        assert toast.startswith(f"{broken.name}: front matter")
        (notes / "2022-04-03-new.md").write_text(post("새로 쓴 글"), encoding="utf-8")
        await within(pilot, lambda: "새로 쓴 글" in titles(app), "added")
        await pilot.pause(0.3)
        assert told() == 1
        broken.write_text("---\ntitle: [still unclosed\n---\n\n본문\n", encoding="utf-8")
        await within(pilot, lambda: told() == 2, "saved, still broken: told again")
        await pilot.press("ctrl+r")
        await within(pilot, lambda: told() == 3, "asked: told again")


async def test_the_open_post_broken_is_told_once_not_at_every_change_of_the_library(
    seed_library: Library, tmp_path: Path
) -> None:
    """Tried in tmux: with the open post's front matter broken in an editor, the reading
    screen said "cannot be read …; showing the library's copy" again each time any other
    post was saved, since the copy shown never equals the file; and the refresh's toast
    said why too, two toasts for one save. Each breaking save is now one toast."""
    notes = tmp_path / "notes"
    app = ReaderApp(seed_library, refresh=[str(notes)])
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.watching)
        screen: ReadingScreen = await open_seed(pilot)
        path = Path(screen.session.article.path)  # type: ignore[union-attr]

        def told() -> int:
            return sum(path.name in n.message for n in app._notifications)

        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("title:", "title: [broken", 1), encoding="utf-8")
        heading = screen.query_one("#article-title", Label)
        await within(
            pilot,
            lambda: str(heading.render()).startswith("(the library's copy) "),  # while shown
            "the open post broken",
        )
        await pilot.pause(0.3)
        assert told() == 1
        for n, title in enumerate(("다른 글", "또 다른 글")):
            (notes / f"2022-04-0{n + 2}-other.md").write_text(post(title), encoding="utf-8")
            await within(pilot, lambda title=title: title in titles(app), "another post")
            await pilot.pause(0.3)
        assert told() == 1
        path.write_text(text, encoding="utf-8")  # mended: read and shown again
        await within(pilot, lambda: screen.session.text == text, "the post mended")
        assert told() == 1
        await pilot.pause()
        assert not str(heading.render()).startswith("(the library's copy)")
        path.write_bytes(text.encode("utf-8") + b"\xff")  # no longer UTF-8: said, once
        await within(pilot, lambda: told() >= 2, "the open post not UTF-8")
        await pilot.pause(0.3)
        assert told() == 2
        (notes / "2022-04-09-more.md").write_text(post("세 번째 글"), encoding="utf-8")
        await within(pilot, lambda: "세 번째 글" in titles(app), "another post")
        await pilot.pause(0.3)
        assert told() == 2


async def test_a_post_broken_before_it_is_opened_says_why_when_opened(
    seed_library: Library, tmp_path: Path
) -> None:
    """No refresh told it (the app watches no folder): the reading screen says why the
    library's copy is shown."""
    (seed,) = (tmp_path / "notes").iterdir()
    seed.write_text(seed.read_text(encoding="utf-8").replace("title:", "title: [", 1))
    app = ReaderApp(seed_library)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_seed(pilot)
        await pilot.pause()
        (said,) = [n.message for n in app._notifications if seed.name in n.message]
        assert "cannot be read" in said
        assert "showing the library's copy" in said
        heading = screen.query_one("#article-title", Label)
        assert str(heading.render()).startswith("(the library's copy) ")


async def test_ctrl_r_refreshes_by_hand_and_says_so(seed_library: Library, tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    app = ReaderApp(seed_library, refresh=[str(notes)], watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: not app.sub_title)
        (notes / "2022-04-03-hand.md").write_text(post("손으로 새로 고침"), encoding="utf-8")
        await pilot.pause(0.5)
        assert "손으로 새로 고침" not in titles(app)  # not watched: nothing yet
        await pilot.press("ctrl+r")
        await until(pilot, lambda: "손으로 새로 고침" in titles(app))
        await pilot.press("ctrl+r")
        await until(
            pilot,
            lambda: any("up to date" in n.message for n in app._notifications),
        )


async def test_a_folder_gone_while_the_app_runs_is_named_whole_and_its_articles_stay(
    seed_library: Library, tmp_path: Path
) -> None:
    import shutil

    notes = tmp_path / "notes"
    app = ReaderApp(seed_library, refresh=[str(notes)], watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: not app.sub_title)
        listed = titles(app)
        shutil.rmtree(notes)  # deleted, moved, or a drive not mounted
        await pilot.press("ctrl+r")
        await until(pilot, lambda: any("no such" in n.message for n in app._notifications))
        (told,) = [n.message for n in app._notifications if "no such" in n.message]
        assert told.startswith(f"{notes}: no such file or folder; the articles read from it")
        assert titles(app) == listed


async def test_the_open_post_renamed_then_deleted(seed_library: Library, tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    app = ReaderApp(seed_library, refresh=[str(notes)])
    async with app.run_test(size=(120, 30)) as pilot:
        await until(pilot, lambda: app.watching)
        screen: ReadingScreen = await open_seed(pilot)
        session = screen.session
        old = Path(session.article.path)  # type: ignore[union-attr]
        new = notes / "2022-03-15-renamed.markdown"
        old.rename(new)
        await within(
            pilot,
            lambda: session.article is not None and session.article.path == str(new),
            "renamed",
        )
        assert session.text == new.read_text(encoding="utf-8")
        new.unlink()
        await within(pilot, lambda: session.article is not None and session.article.missing, "gone")
        view = screen.query_one(ArticleView)
        assert any("LG" in b.rendered.content.plain for b in view.query(BlockView))  # kept
        assert any("missing" in n.message for n in app._notifications)


QUIT_AT_ONCE = """
import asyncio, sys
from pathlib import Path
from reader_tui.app import ReaderApp
from reader_tui.library import Library, importing, queries

folder = Path(sys.argv[1])
with Library(folder.parent / "library.db") as library:
    importing.import_paths(library, [folder])
    app = ReaderApp(library, open_article=queries.articles(library)[0].id, refresh=[str(folder)])

    async def main() -> None:
        async with app.run_test() as pilot:
            await pilot.press("ctrl+q")  # before the watch has begun

    asyncio.run(main())
print("ended")
"""


def test_quitting_before_the_watch_begins_ends_the_process(tmp_path: Path) -> None:
    """ctrl+q at once: the watch, started just after, sees the app ended and does not
    keep the process alive (it hung there for good, waiting for the watch's thread)."""
    import subprocess
    import sys

    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "2022-01-01-a.md").write_text(post("글"), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", QUIT_AT_ONCE, str(notes)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("ended")


async def test_quitting_during_a_big_first_import_does_not_wait_for_it(tmp_path: Path) -> None:
    """The app opened on a big folder imports it in the background, saying how far it
    has got; quitting stops the import after the batch it is in (saved whole), not
    after every post."""
    from reader_tui.library import Library, importing

    notes = tmp_path / "notes"
    notes.mkdir()
    total = 3000
    for n in range(total):
        (notes / f"2022-01-01-p{n}.md").write_text(
            post(f"글 {n}", "본문의 문장. " * 80), encoding="utf-8"
        )
    with Library(tmp_path / "library.db") as library:
        app = ReaderApp(library, refresh=[str(notes)], watch=False)
        async with app.run_test(size=(120, 40)) as pilot:
            title = app.screen.query_one("#library-title", Label)
            await until(pilot, lambda: "importing" in str(title.render()), timeout=60)
            heading = str(title.render())
            assert heading.startswith("Library — importing ")
            assert heading.split(" posts…")[0].endswith(" of 3,000")
            await until(pilot, lambda: bool(queries.articles(library)), timeout=60)
            await pilot.press("ctrl+q")
        kept = len(queries.articles(library))
        assert 0 < kept < total
        assert library.check() is None
        assert importing.import_paths(library, [notes]).added == total - kept


async def test_an_import_that_fails_midway_leaves_no_count_in_the_title(
    seed_library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The count of a long import goes when the import ends, also when it fails (a full
    disk): the title never says it is still importing."""
    from reader_tui.library import LibraryError, importing

    def fails_midway(_library: object, _paths: object, **options: Any) -> None:
        time.sleep(0.6)  # long enough to be told
        options["progress"](200, 3000)
        time.sleep(0.3)
        raise LibraryError("library.db: the disk is full; free some space and try again")

    monkeypatch.setattr(importing, "import_paths", fails_midway)
    app = ReaderApp(seed_library, refresh=[str(tmp_path)], watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        title = app.screen.query_one("#library-title", Label)
        await until(pilot, lambda: "importing 200 of 3,000" in str(title.render()))
        await until(pilot, lambda: any("disk is full" in n.message for n in app._notifications))
        await pilot.pause()
        assert str(title.render()).startswith("Library — 1 article ")
