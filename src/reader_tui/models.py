"""The data reader-tui works with, as frozen dataclasses. No I/O, no Textual.

A parsed post's (`Article`, `Highlight`, `Section`, `ExtraSection`, `SourceMap`,
`PickledByFields`) are made in `reader_tui.post.model` when first asked for here: the
app's start needs none of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    import datetime as dt

    from reader_tui.post.model import Article as Article
    from reader_tui.post.model import ExtraSection as ExtraSection
    from reader_tui.post.model import Highlight as Highlight
    from reader_tui.post.model import PickledByFields as PickledByFields
    from reader_tui.post.model import Section as Section
    from reader_tui.post.model import SourceMap as SourceMap

_OF_A_POST = frozenset(
    ("Article", "ExtraSection", "Highlight", "PickledByFields", "Section", "SourceMap")
)


def __getattr__(name: str) -> Any:
    if name not in _OF_A_POST:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module("reader_tui.post.model"), name)
    globals()[name] = value
    return value


def shown_title(title: str, path: str) -> str:
    """An article's title as the app and the exports show it: a post without one (Jekyll
    allows it) by its file's name, never as nothing."""
    return title or path.rsplit("/", 1)[-1]


# --------------------------------------------------------------------------------------
# What the library returns
# --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LibraryEntry:
    """One article as the library lists it."""

    id: int
    path: str
    title: str
    date: dt.date | None
    highlights: int
    open_questions: int
    keywords: tuple[str, ...]
    missing: bool
    conflict: bool
    read: float | None = None  # how far it has been read (0-1); None: never opened


@dataclass(frozen=True, slots=True)
class Place:
    """Where an article was left: the source offset of the first block on screen, the
    current highlight, how far it has been read (0-1)."""

    article_id: int
    position: int
    highlight_id: int | None
    read: float


class StoredHighlight(NamedTuple):
    """A highlight the library knows, with its identity.

    `origin` is `file` (it is in the post) or `app` (made in the app, not yet written
    back); `status` is `active`, `removed` (removed in the app, still in the post) or
    `orphan` (the post no longer has its passage, but the user attached something to it).

    Frozen as the other models are, but a named tuple: a post may have thousands, all
    read when it opens, and a tuple is made from a row in C (10,000: 12 ms -> 3 ms).
    """

    id: int
    article_id: int
    color: str
    text: str
    start: int
    end: int
    note: str = ""
    origin: str = "file"
    status: str = "active"


@dataclass(frozen=True, slots=True)
class Question:
    """A question from the notes, with the answer the user gave in the app."""

    id: int
    text: str
    answer: str = ""
    status: str = "open"  # open | answered


@dataclass(frozen=True, slots=True)
class Conflict:
    """A notes section both the post and the app changed since the last import."""

    section: str  # keywords | summary | questions
    app_value: Any
    file_value: Any


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """An article with everything the library keeps for it."""

    id: int
    path: str
    title: str
    subtitle: str
    date: dt.date | None
    source_url: str | None
    body: str
    keywords: tuple[str, ...]
    summary: str
    questions: tuple[Question, ...]
    highlights: tuple[StoredHighlight, ...]
    extra_sections: tuple[ExtraSection, ...]
    missing: bool
    conflicts: tuple[Conflict, ...]
    warnings: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One search result: which article, what matched, and a snippet with the match."""

    article_id: int
    path: str
    title: str
    kind: str  # title | body | highlight | note | question
    snippet: str
    highlight_id: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "title": self.title,
            "kind": self.kind,
            "snippet": self.snippet,
            "highlight_id": self.highlight_id,
        }


NOT_A_POST = (
    "no front matter (a first line of ---): not a post, as Jekyll sees it; name the file "
    "to import it anyway"
)
"""The reason `ImportReport.skipped` gives a file in a folder that is not a post."""
NO_SUCH_PATH = "no such file or folder"
"""The reason `ImportReport.rejected` gives a path asked for that is not there."""


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What one import did."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    moved: int = 0
    missing: int = 0
    rejected: tuple[tuple[str, str], ...] = ()  # (path, reason): posts that were refused
    skipped: tuple[tuple[str, str], ...] = ()  # (path, reason): not posts, or not followed
    conflicts: tuple[str, ...] = ()  # posts updated whose notes changed in the app too

    def to_json(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "moved": self.moved,
            "missing": self.missing,
            "rejected": [{"path": path, "reason": reason} for path, reason in self.rejected],
            "skipped": [{"path": path, "reason": reason} for path, reason in self.skipped],
            "conflicts": list(self.conflicts),
        }


@dataclass(frozen=True, slots=True)
class ReviewFilter:
    """Review one article, one keyword or one colour (a themed review)."""

    article_id: int | None = None
    keyword: str | None = None
    color: str | None = None

    def describe(self) -> str:
        if self.keyword:
            return f"#{self.keyword.lstrip('#')}"
        if self.color:
            return f"{self.color} highlights"
        return "one article" if self.article_id is not None else ""


@dataclass(frozen=True, slots=True)
class ReviewCard:
    """A review card as the review screen shows it."""

    id: int
    kind: str  # highlight | question | cloze
    article_id: int
    title: str
    date: dt.date | None
    state: int  # 0 new, then fsrs.State: 1 learning, 2 review, 3 relearning
    due: dt.datetime | None
    highlight_id: int | None = None
    passage: str = ""  # the highlight's text
    color: str = ""
    note: str = ""
    orphan: bool = False  # the passage is no longer in the post
    question_id: int | None = None
    question: str = ""
    answer: str = ""
    keyword: str = ""

    @property
    def is_new(self) -> bool:
        return self.state == 0

    @property
    def front(self) -> str:
        """What is shown before the answer is revealed."""
        if self.kind == "question":
            return self.question
        if self.kind == "cloze":
            return blank(self.passage, self.keyword)
        return self.passage


def blank(text: str, keyword: str) -> str:
    """`text` with every occurrence of `keyword` (any case) replaced by a blank."""
    lowered, target = text.lower(), keyword.lower()
    out, at = [], 0
    while True:
        found = lowered.find(target, at)
        if found < 0 or not target:
            break
        out.append(text[at:found])
        out.append("[" + "_" * max(3, len(keyword)) + "]")
        at = found + len(keyword)
    out.append(text[at:])
    return "".join(out)
