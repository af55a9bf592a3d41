"""The data reader-tui works with, as frozen dataclasses. No I/O, no Textual."""

from __future__ import annotations

from dataclasses import Field, dataclass, field, fields
from operator import attrgetter
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

if TYPE_CHECKING:
    import datetime as dt


class PickledByFields:
    """A frozen dataclass pickled as its class and its fields, made again by its
    `__init__`: what an import's workers send back, several times faster both ways than
    the state dataclasses pickle slotted classes with (a Python loop over `fields()`)."""

    __slots__ = ()
    __dataclass_fields__: ClassVar[dict[str, Field[Any]]]

    def __reduce__(self) -> tuple[type[PickledByFields], tuple[Any, ...]]:
        cls = type(self)
        values = _FIELD_VALUES.get(cls)
        if values is None:
            values = _FIELD_VALUES[cls] = attrgetter(*(f.name for f in fields(cls)))
        return cls, values(self)


_FIELD_VALUES: dict[type[PickledByFields], attrgetter[tuple[Any, ...]]] = {}


@dataclass(frozen=True, slots=True)
class Highlight(PickledByFields):
    """A highlighted passage of a post.

    `start`/`end` are offsets into the decoded text of the post the highlight was parsed
    from: `text[start:end]` is the source between the opening and the closing tag.
    `text` is what a reader sees there. The tag positions are bookkeeping for the writer
    and do not take part in comparisons.
    """

    start: int
    end: int
    color: str
    text: str
    kind: str = "span"  # span | mark | equals
    tag_start: int = field(default=-1, compare=False)
    tag_end: int = field(default=-1, compare=False)
    # A note written right after the closing tag (`<!-- note: … -->`) and where it ends.
    note: str = field(default="", compare=False)
    note_end: int = field(default=-1, compare=False)

    @property
    def closed(self) -> bool:
        return self.tag_end > self.end


@dataclass(frozen=True, slots=True)
class Section(PickledByFields):
    """Where one notes section sits in the post: its heading line and its value."""

    kind: str  # keywords | summary | questions | extra
    heading: str  # the heading text as written, e.g. "### 2. 키워드"
    line_start: int
    value_start: int  # just after the colon (or the heading text, when it has none)
    value_end: int  # end of the last non-blank line of the section
    has_colon: bool


@dataclass(frozen=True, slots=True)
class ExtraSection(PickledByFields):
    """A notes section reader-tui does not model (`### 5. 추가`), kept verbatim."""

    title: str
    text: str


@dataclass(frozen=True, slots=True)
class SourceMap(PickledByFields):
    """Where the parsed pieces of a post came from, so the writer can splice."""

    front_matter: tuple[int, int] | None = None
    body_start: int = 0
    article_end: int = 0  # where the notes block (its `* * *` line) begins, or len(text)
    notes_start: int | None = None  # start of the `* * *` line
    sections: tuple[Section, ...] = ()
    text_length: int = 0
    ends_with_newline: bool = True
    newline: str = "\n"


@dataclass(frozen=True, slots=True)
class Article(PickledByFields):
    """One reading-note post, parsed.

    Comparisons cover what a reader cares about; `warnings` (diagnostics) and `source`
    (offsets of every piece in the text it was parsed from) are left out of them.
    """

    path: str | None = None
    title: str = ""
    subtitle: str = ""
    date: dt.date | None = None
    subtitle_date: dt.date | None = None
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    front_matter: dict[str, Any] = field(default_factory=dict)
    source_url: str | None = None
    highlights: tuple[Highlight, ...] = ()
    keywords: tuple[str, ...] = ()
    summary: str = ""
    questions: tuple[str, ...] = ()
    extra_sections: tuple[ExtraSection, ...] = ()
    # The headings notes were read from when they are in another blog's form (`## 🤔 궁금한
    # 점`), not the user's block: such notes are read, not rewritten.
    foreign_notes: tuple[str, ...] = field(default=(), compare=False)
    warnings: tuple[str, ...] = field(default=(), compare=False)
    source: SourceMap = field(default_factory=SourceMap, compare=False, repr=False)

    def to_json(self) -> dict[str, Any]:
        """The article as `reader-tui show --json` prints it."""
        return {
            "path": self.path,
            "title": self.title,
            "subtitle": self.subtitle,
            "date": self.date.isoformat() if self.date else None,
            "subtitle_date": self.subtitle_date.isoformat() if self.subtitle_date else None,
            "categories": list(self.categories),
            "tags": list(self.tags),
            "source_url": self.source_url,
            "highlights": [
                {"color": h.color, "text": h.text, "start": h.start, "end": h.end}
                for h in self.highlights
            ],
            "keywords": list(self.keywords),
            "summary": self.summary,
            "questions": list(self.questions),
            "extra_sections": [{"title": s.title, "text": s.text} for s in self.extra_sections],
            "front_matter": self.front_matter,
            "warnings": list(self.warnings),
        }


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
