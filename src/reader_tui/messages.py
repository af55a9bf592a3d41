"""Requests and facts that screens and the palette post; the App handles them.

Screens never import the App nor call its methods: they post one of these, and it bubbles
up to the App, which pushes the screen asked for. A screen that changed the library says
so with `LibraryEdited`; `LibraryChanged` goes the other way: the App tells every screen
in the stack that the library changed, and each updates what it shows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

from textual.message import Message

from reader_tui.models import ImportReport, ReviewFilter

if TYPE_CHECKING:
    from collections.abc import Collection


@runtime_checkable
class HoldsText(Protocol):
    """A screen that may hold text the user typed and the library does not have yet."""

    def keep_text(self) -> str | None:
        """Save what can be saved; say what would be lost by closing now (None: nothing)."""
        ...


class OpenArticle(Message):
    """Read an article, at one of its highlights or at a passage of its text."""

    def __init__(self, article_id: int, highlight_id: int | None = None, find: str = "") -> None:
        self.article_id = article_id
        self.highlight_id = highlight_id
        self.find = find  # words to mark and land on (a search hit in the text)
        super().__init__()


class OpenReview(Message):
    """Start a review session (of everything, or of one article, keyword or colour);
    `study_now`: its new cards regardless of the daily limit (studying one article)."""

    def __init__(self, only: ReviewFilter | None = None, study_now: bool = False) -> None:
        self.only = only or ReviewFilter()
        self.study_now = study_now
        super().__init__()


class OpenStats(Message):
    """Show the review statistics."""


class OpenSearch(Message):
    """Go to the library and type a search."""


class NewPost(Message):
    """Ask for a link, a title and the text, and make a post of them."""


class LibraryEdited(Message):
    """A screen changed the library (notes, highlights, ratings); the App passes it on."""


class LibraryChanged(Message, bubble=False):
    """The library changed (an import, an edit, a review): show it as it is now.

    `report` is the import's, when an import made the change; `not_read`, for a refresh,
    every post it could not read, as named and why; `told_why`, the posts (absolute
    paths) whose reason the refresh's toast gave."""

    def __init__(
        self,
        report: ImportReport | None = None,
        not_read: list[tuple[str, str]] | None = None,
        told_why: Collection[str] = (),
    ) -> None:
        self.report = report
        self.not_read = not_read
        self.told_why = told_why
        super().__init__()


class Importing(Message, bubble=False):
    """A long import is under way: how many of its posts it has been through (`total`
    0: it is over, done or not)."""

    def __init__(self, done: int, total: int) -> None:
        self.done = done
        self.total = total
        super().__init__()


class ShowLibrary(Message):
    """The library's place was reached (see `LibraryLater`): build the library there."""


class Refreshed(Message):
    """A background import finished (`error` says why it did not)."""

    def __init__(self, report: ImportReport | None, error: str | None = None) -> None:
        self.report = report
        self.error = error
        super().__init__()


class PostsChanged(Message):
    """Posts under the watched folders were written, moved or deleted."""

    def __init__(self, paths: set[str]) -> None:
        self.paths = paths
        super().__init__()
