"""What the app says after a background refresh of the library. Pure: no Textual.

A refresh runs at start, once more when the folders' watch begins, and after every save
the watch sees; a post it cannot read is read (and refused) each time. Each refused post
is told once, not at every refresh: again only when its reason changes, when the watch
saw the file itself change, or when the reader asks (ctrl+r).
"""

from __future__ import annotations

import os
import time
from typing import TYPE_CHECKING, Literal

from reader_tui.models import NO_SUCH_PATH, NOT_A_POST

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from reader_tui.models import ImportReport

Severity = Literal["information", "warning"]
NAMED = 3  # refused posts named in the one toast that tells several


class RefreshNews:
    """The refused posts already told, and the files the watch saw change since. (A
    plain class: the app makes one as it starts, and a dataclass costs half a
    millisecond to define.)"""

    __slots__ = ("_refreshing", "changed", "refused", "told", "told_why")

    def __init__(self) -> None:
        self.told: set[tuple[str, str]] = set()  # (path, reason)
        # Every post the last refresh refused, as named and why (the library's `!`).
        self.refused: list[tuple[str, str]] = []
        # The posts (absolute paths) whose reason the last refresh's toast gave: a screen
        # showing one need not say it again.
        self.told_why: set[str] = set()
        self.changed: set[str] = set()  # seen by the watch, not yet refreshed
        self._refreshing: set[str] = set()  # ... being refreshed now

    def saw(self, paths: Iterable[str]) -> None:
        """The watch saw these files change."""
        self.changed.update(os.path.abspath(path) for path in paths)

    def refresh_begins(self) -> None:
        """A refresh starts: it reads every file the watch saw change until now."""
        self._refreshing, self.changed = self.changed, set()

    def messages(
        self, report: ImportReport, asked: bool, folders: Iterable[str] = ()
    ) -> list[tuple[str, Severity]]:
        """What to say of `report` (`asked`: the reader asked for the refresh). A post in
        one of `folders` (the ones the app refreshes) is named from there, as the reader
        opened it: a toast holds a short name on fewer lines."""
        said: list[tuple[str, Severity]] = []
        # Files that are not posts (a README, a page without front matter) are skipped at
        # every refresh: counted when asked, never a warning.
        pages = [path for path, reason in report.skipped if reason == NOT_A_POST]
        skipped = (
            f"; {len(pages)} files without front matter skipped (reader-tui import lists them)"
            if pages and asked
            else ""
        )
        if report.added or report.updated or report.moved or report.missing:
            counts = (
                f"added {report.added}, updated {report.updated}, moved {report.moved}, "
                f"missing {report.missing}"
            )
            said.append((counts + skipped, "information"))
        elif asked:
            said.append(
                (
                    f"The library is up to date ({report.unchanged} posts unchanged{skipped}).",
                    "information",
                )
            )
        refused = [*report.rejected, *((p, r) for p, r in report.skipped if r != NOT_A_POST)]
        new = [
            (path, reason)
            for path, reason in refused
            if asked or (path, reason) not in self.told or os.path.abspath(path) in self._refreshing
        ]
        roots = [os.path.abspath(folder) for folder in folders]
        shown_as = {
            (path, reason): (_named(path, roots), f"{reason}{_kept(path, reason, roots)}")
            for path, reason in refused
        }
        self.refused = list(shown_as.values())
        self.told_why = {os.path.abspath(new[0][0])} if len(new) == 1 else set()
        if len(new) == 1:
            name, why = shown_as[new[0]]
            said.append((f"{name}: {why}", "warning"))
        elif new:
            # One toast for several: one each covered an 80x24 screen for ten seconds.
            names = [os.path.basename(path) for path, _ in new[:NAMED]]
            more = f" and {len(new) - NAMED} more" if len(new) > NAMED else ""
            said.append(
                (
                    f"{len(new)} posts not read: {', '.join(names)}{more}."
                    " ! in the library says why and what to do",
                    "warning",
                )
            )
        self.told = set(refused)  # a post read again since is no longer refused: forgotten
        self._refreshing = set()
        return said


def _named(path: str, roots: list[str]) -> str:
    """`path` from the first of `roots` it is in (absolute folders), else as it is (and
    a root itself)."""
    for root in roots:
        inside = os.path.relpath(os.path.abspath(path), root)
        if inside == os.curdir:
            return path
        if inside != os.pardir and not inside.startswith(os.pardir + os.sep):  # (`..x.md`)
            return inside
    return path


def _kept(path: str, reason: str, roots: list[str]) -> str:
    """What becomes of a refreshed folder that is gone (moved, deleted, a drive not
    mounted): its articles are not dropped."""
    if reason == NO_SUCH_PATH and os.path.abspath(path) in roots:
        return (
            "; the articles read from it stay in the library, and it is read again once"
            " it is back (ctrl+r: at once)"
        )
    return ""


def now_and_then(
    tell: Callable[[int, int], object],
    after: float = 0.5,
    every: float = 0.25,
    clock: Callable[[], float] = time.monotonic,
) -> Callable[[int, int], None]:
    """`tell` as an import's progress callback (posts done, of how many): from `after`
    seconds on, so that a refresh of a few posts says nothing, and then at most once
    each `every` seconds, and the last post."""
    started = clock()
    told = started

    def progress(done: int, total: int) -> None:
        nonlocal told
        now = clock()
        if now - started >= after and (now - told >= every or done == total):
            told = now
            tell(done, total)

    return progress
