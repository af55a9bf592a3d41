"""What the app says after each background refresh: a post it cannot read is told once,
not at every refresh the watch makes."""

from __future__ import annotations

from reader_tui.models import NOT_A_POST, ImportReport
from reader_tui.refresh_news import RefreshNews, Severity

BROKEN = ("/notes/2022-01-01-broken.md", "front matter at line 3: did not find expected key")


def report(
    added: int = 0,
    rejected: tuple[tuple[str, str], ...] = (BROKEN,),
    skipped: tuple[tuple[str, str], ...] = (),
) -> ImportReport:
    return ImportReport(added, 0, 3, 0, 0, rejected, skipped, ())


def warnings(said: list[tuple[str, Severity]]) -> list[str]:
    return [text for text, severity in said if severity == "warning"]


def test_a_refused_post_is_told_once_not_at_every_refresh() -> None:
    news = RefreshNews()
    for refresh in range(3):
        news.refresh_begins()
        said = news.messages(report(), asked=False)
        expected = [f"{BROKEN[0]}: {BROKEN[1]}"] if refresh == 0 else []
        assert warnings(said) == expected


def test_it_is_told_again_when_asked_or_when_the_file_changed() -> None:
    news = RefreshNews()
    news.refresh_begins()
    news.messages(report(), asked=False)
    news.refresh_begins()
    assert len(warnings(news.messages(report(), asked=True))) == 1  # ctrl+r: all of it
    news.saw(["/notes/2022-01-02-other.md"])
    news.refresh_begins()
    assert warnings(news.messages(report(added=1), asked=False)) == []  # another file saved
    news.saw([BROKEN[0]])
    news.refresh_begins()
    assert len(warnings(news.messages(report(), asked=False))) == 1  # saved, still broken
    news.refresh_begins()
    assert warnings(news.messages(report(), asked=False)) == []


def test_a_change_seen_during_a_refresh_is_told_by_the_next_one() -> None:
    news = RefreshNews()
    news.refresh_begins()
    news.messages(report(), asked=False)
    news.refresh_begins()
    news.saw([BROKEN[0]])  # saved while that refresh runs: the next one reads it
    assert warnings(news.messages(report(), asked=False)) == []
    news.refresh_begins()
    assert len(warnings(news.messages(report(), asked=False))) == 1


def test_a_new_reason_or_a_post_broken_again_after_a_fix_is_told() -> None:
    news = RefreshNews()
    news.refresh_begins()
    news.messages(report(), asked=False)
    other = (BROKEN[0], "not UTF-8 text (byte 0); save it as UTF-8")
    news.refresh_begins()
    assert warnings(news.messages(report(rejected=(other,)), asked=False)) == [
        f"{other[0]}: {other[1]}"
    ]
    news.refresh_begins()
    assert warnings(news.messages(report(rejected=()), asked=False)) == []  # fixed
    news.refresh_begins()
    assert len(warnings(news.messages(report(rejected=(other,)), asked=False))) == 1


def test_pages_without_front_matter_are_counted_when_asked_never_warned() -> None:
    news = RefreshNews()
    pages = (("/notes/README.md", NOT_A_POST),)
    news.refresh_begins()
    said = news.messages(report(rejected=(), skipped=pages), asked=False)
    assert said == []
    news.refresh_begins()
    said = news.messages(report(rejected=(), skipped=pages), asked=True)
    assert said == [
        (
            "The library is up to date (3 posts unchanged; 1 files without front matter"
            " skipped (reader-tui import lists them)).",
            "information",
        )
    ]


def test_several_refused_posts_are_one_toast_and_all_kept_for_the_library() -> None:
    """Tried in tmux: two refused posts were two toasts that covered half of an 80x24
    library for ten seconds (five, with a line more, at most). One toast names them now,
    and the library's `!` lists each with why."""
    many = tuple((f"/notes/2022/{n}.md", "cannot be read (Permission denied)") for n in range(5))
    news = RefreshNews()
    news.refresh_begins()
    said = warnings(news.messages(report(added=2, rejected=many), asked=False, folders=["/notes"]))
    assert said == [
        "5 posts not read: 0.md, 1.md, 2.md and 2 more. ! in the library says why and what to do"
    ]
    assert news.refused == [
        (f"2022/{n}.md", "cannot be read (Permission denied)") for n in range(5)
    ]
    news.refresh_begins()  # told once; still listed for `!` until read
    assert warnings(news.messages(report(rejected=many), asked=False)) == []
    assert len(news.refused) == 5
    news.refresh_begins()
    news.messages(report(rejected=()), asked=False)
    assert news.refused == []


def test_a_refused_post_is_named_from_the_folder_the_app_refreshes() -> None:
    """A toast at 80 columns took four lines for `/work/shared/external/jekyll/test/
    source/_broken/bad_post.md: …`; from the folder opened, the name is what the reader
    knows it by. A post outside every such folder keeps its whole path."""
    deep = ("/home/u/blog/_posts/2022/bad.md", "not UTF-8 text (byte 0); save it as UTF-8")
    elsewhere = ("/tmp/other.md", "cannot be read (Permission denied)")
    news = RefreshNews()
    said = news.messages(report(rejected=(deep,)), asked=True, folders=["/home/u/blog/_posts/"])
    assert warnings(said) == ["2022/bad.md: not UTF-8 text (byte 0); save it as UTF-8"]
    news.messages(report(rejected=(deep, elsewhere)), asked=True, folders=["/home/u/blog/_posts"])
    assert news.refused == [
        ("2022/bad.md", "not UTF-8 text (byte 0); save it as UTF-8"),
        ("/tmp/other.md", "cannot be read (Permission denied)"),
    ]


def test_a_post_whose_name_starts_with_two_dots_is_still_inside_its_folder() -> None:
    odd = ("/notes/..draft.md", "front matter at line 2: did not find expected key")
    said = RefreshNews().messages(report(rejected=(odd,)), asked=True, folders=["/notes"])
    assert warnings(said) == ["..draft.md: front matter at line 2: did not find expected key"]


def test_a_folder_the_app_refreshes_that_is_gone_is_named_whole_and_its_articles_kept() -> None:
    """Tried in tmux: the folder opened was deleted while the app ran, and the toast said
    `gone: no such file or folder` (named from its parent, with nothing to do)."""
    gone = ("/home/u/blog/_posts", "no such file or folder")
    said = RefreshNews().messages(
        report(rejected=(gone,)), asked=False, folders=["/home/u/blog/_posts"]
    )
    assert warnings(said) == [
        "/home/u/blog/_posts: no such file or folder; the articles read from it stay in"
        " the library, and it is read again once it is back (ctrl+r: at once)"
    ]
