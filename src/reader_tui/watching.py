"""Watching the notes folders: which posts changed, in debounced batches. No Textual.

An editor saving a post may write a temporary file and rename it over the post, or
write it twice; `watchfiles` gathers such a burst for `debounce` milliseconds and gives
it as one batch, so the import that follows reads the post once. Where the platform has
no native watcher (or it cannot be set up: too many watches, a network share), the
folder is polled instead.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from watchfiles import Change, DefaultFilter, watch

from reader_tui.library.walk import POST_SUFFIXES

if TYPE_CHECKING:
    import threading
    from collections.abc import Callable, Iterable, Iterator

DEBOUNCE_MS = 300
"""How long a burst of writes is gathered before the batch is given."""


class PostFilter(DefaultFilter):
    """Posts (and folders, which may hold them or be moved away); not editors' swap and
    backup files, nor `.git` and the like."""

    def __call__(self, change: Change, path: str) -> bool:
        if not super().__call__(change, path):
            return False
        suffix = PurePath(path).suffix.lower()
        return suffix in POST_SUFFIXES or not suffix


def post_changes(
    paths: Iterable[str],
    stop: threading.Event,
    debounce_ms: int = DEBOUNCE_MS,
    polling: bool | None = None,
    ready: Callable[[], None] | None = None,
) -> Iterator[set[str]]:
    """Each batch of changed paths that touches `paths` (folders, or posts: a post's
    folder is watched, for the editors that save by renaming over it) until `stop` is
    set. `polling`: None uses the platform's watcher and falls back to polling if it
    cannot start. `ready` is called once the watch is set up: what changed before may
    have been missed (an import then catches up)."""
    given = [Path(p).resolve() for p in paths]
    folders = [str(p) for p in given if p.is_dir()]
    posts = {str(p) for p in given if not p.is_dir()}
    roots = sorted({*folders, *(str(Path(p).parent) for p in posts)})
    if not roots:
        return
    inside = tuple(folder.rstrip(os.sep) + os.sep for folder in folders)

    def wanted(path: str) -> bool:
        return path.startswith(inside) or path in folders or str(Path(path).resolve()) in posts

    while not stop.is_set():
        watched = _identities(roots)
        try:
            for batch in _batches(roots, stop, debounce_ms, polling, ready):
                if any(wanted(path) for path in batch):
                    yield batch
                if _identities(roots) != watched:
                    break  # a folder gone, or another in its place: watched again below
        except (OSError, RuntimeError):
            if _identities(roots) == watched:  # the watcher itself failed, not a folder
                if polling:
                    raise
                polling = True  # where the platform's watcher cannot start: poll
                continue
        ready = None  # (told once, when the first watch began)
        if _identities(roots) == watched:
            return  # `stop` was set
        # A folder was deleted or moved away (or its drive unmounted): its watch ended
        # with it. Wait for it to be back, then say it changed (the app reads it again)
        # and watch it as it is now.
        while None in _identities(roots):
            if stop.wait(1):
                return
        yield set(roots)


def _identities(roots: list[str]) -> list[tuple[int, int] | None]:
    """Which folder each root is (device, inode), or None where there is none now."""
    found: list[tuple[int, int] | None] = []
    for root in roots:
        try:
            info = os.stat(root)
        except OSError:
            found.append(None)
            continue
        found.append((info.st_dev, info.st_ino) if stat.S_ISDIR(info.st_mode) else None)
    return found


def _batches(
    roots: list[str],
    stop: threading.Event,
    debounce_ms: int,
    polling: bool | None,
    ready: Callable[[], None] | None,
) -> Iterator[set[str]]:
    for changes in watch(
        *roots,
        watch_filter=PostFilter(),
        debounce=debounce_ms,
        step=50,
        stop_event=stop,
        rust_timeout=1000,
        yield_on_timeout=True,  # an empty batch: the watch is set up, nothing changed
        raise_interrupt=False,
        force_polling=polling,
        poll_delay_ms=500,
        ignore_permission_denied=True,
    ):
        if ready is not None:
            ready()
            ready = None
        yield {path for _change, path in changes}  # (empty each second: a moment to look)
