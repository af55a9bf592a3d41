"""Which changes the folder watch reports: posts, in one batch per burst of writes (an
editor's temporary file renamed over the post), not editors' swap files; natively and by
polling, where the platform has no watcher."""

from __future__ import annotations

import os
import threading
import time
from typing import TYPE_CHECKING

import pytest

from reader_tui.watching import post_changes

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path


def batches_after(
    folder: Path,
    polling: bool,
    change: Callable[[], object],
    enough: Callable[[list[set[str]]], bool] = bool,
    wait: float = 5,
) -> list[set[str]]:
    """The batches the watch gives for what `change()` does, once the watch is set up
    (waiting at most `wait` seconds for `enough` of them, then a moment more)."""
    stop, ready = threading.Event(), threading.Event()
    seen: list[set[str]] = []

    def watch() -> None:
        seen.extend(post_changes([str(folder)], stop, 100, polling, ready=ready.set))

    thread = threading.Thread(target=watch)
    thread.start()
    try:
        assert ready.wait(10), "the watch never started"
        change()
        deadline = time.monotonic() + wait
        while not enough(seen) and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)  # anything more it would say
    finally:
        stop.set()
        thread.join(10)
    assert not thread.is_alive()
    return seen


@pytest.mark.parametrize("polling", [False, True], ids=["native", "polling"])
def test_an_editors_save_is_one_batch_naming_the_post(tmp_path: Path, polling: bool) -> None:
    post = tmp_path / "2022-03-15-post.md"
    post.write_text("처음", encoding="utf-8")

    def save_as_an_editor_does() -> None:
        (tmp_path / ".2022-03-15-post.md.swp").write_text("swap", encoding="utf-8")
        temporary = tmp_path / "2022-03-15-post.md.tmp~"
        temporary.write_text("고친 글", encoding="utf-8")
        os.replace(temporary, post)

    batches = batches_after(tmp_path, polling, save_as_an_editor_does)
    assert len(batches) == 1
    assert batches[0] - {str(tmp_path)} == {str(post)}  # polling also names the folder


@pytest.mark.parametrize("polling", [False, True], ids=["native", "polling"])
def test_a_folder_deleted_and_made_again_is_watched_again(tmp_path: Path, polling: bool) -> None:
    """Tried in tmux: the folder the app was opened on was deleted and made again, and a
    post then written into it never showed: its watch had ended with the first folder."""
    import shutil

    folder = tmp_path / "notes"
    folder.mkdir()
    post = folder / "2022-05-01-back.md"

    def delete_and_make_again() -> None:
        shutil.rmtree(folder)
        time.sleep(1.5)  # (the watch sees it gone)
        folder.mkdir()
        time.sleep(1.5)  # (and back)
        post.write_text("---\ntitle: 다시\n---\n", encoding="utf-8")

    def listed(seen: list[set[str]]) -> bool:
        return any(str(post) in batch for batch in seen)

    seen = batches_after(folder, polling, delete_and_make_again, listed, wait=10)
    assert listed(seen), seen
