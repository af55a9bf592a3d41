"""What tells apart articles of one title, as the lists show it after the title."""

from __future__ import annotations

from reader_tui.widgets.text import told_apart


def test_the_same_name_in_two_folders_is_told_by_its_folder() -> None:
    apart = told_apart(
        [
            ("빨라야 산다", "/c/history/6a5d2e5/2021-12-31-logi.md"),
            ("빨라야 산다", "/c/zoohoson/article/2021/2021-12-31-logi.md"),
            ("다른 글", "/c/zoohoson/article/2021/other.md"),
        ]
    )
    assert apart == {
        "/c/history/6a5d2e5/2021-12-31-logi.md": "history/6a5d2e5",
        "/c/zoohoson/article/2021/2021-12-31-logi.md": "zoohoson/article/2021",
    }


def test_two_names_in_one_folder_are_told_by_their_names() -> None:
    apart = told_apart([("제목", "/n/a.md"), ("제목", "/n/b.md"), ("제목", "/n/a.md")])
    assert apart == {"/n/a.md": "a.md", "/n/b.md": "b.md"}  # one article twice: still two
