"""A post as parsed: an `Article` and the pieces it is made of, as frozen dataclasses.
Pure: no I/O, no Textual.

They live apart from the rest of the models (`reader_tui.models`, which gives them too)
so that the app's start, which lists the library and parses no post, does not make
them: a dataclass costs about a millisecond to make.
"""

from __future__ import annotations

from dataclasses import MISSING, Field, dataclass, field, fields
from operator import attrgetter
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

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

_Model = TypeVar("_Model", bound=PickledByFields)
_NOTHING: Any = object()


def slot_init(cls: type[_Model]) -> type[_Model]:
    """Give a frozen, slotted dataclass an `__init__` that sets each field through its
    slot: the same object, made in half the time. (The one `dataclass` writes calls
    `object.__setattr__` for each field, to get past the frozen check; a parse makes
    several of these for every highlight.) Written out and compiled as `dataclass`
    writes its own, with the same parameters and defaults."""
    names = [f.name for f in fields(cls)]
    scope: dict[str, Any] = {"_NOTHING": _NOTHING}
    params, lines = [], []
    for f in fields(cls):
        scope[f"_set_{f.name}"] = getattr(cls, f.name).__set__
        if f.default is not MISSING:
            scope[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
        elif f.default_factory is not MISSING:
            scope[f"_factory_{f.name}"] = f.default_factory
            params.append(f"{f.name}=_NOTHING")
            lines.append(f"    if {f.name} is _NOTHING: {f.name} = _factory_{f.name}()")
        else:
            params.append(f.name)
    lines += [f"    _set_{name}(self, {name})" for name in names]
    source = f"def __init__(self, {', '.join(params)}):\n" + "\n".join(lines)
    exec(source, scope)  # (our own fields' names, as `dataclass` does)
    init = scope["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = init  # type: ignore[method-assign]  # (what this is for)
    return cls


@slot_init
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


@slot_init
@dataclass(frozen=True, slots=True)
class Section(PickledByFields):
    """Where one notes section sits in the post: its heading line and its value."""

    kind: str  # keywords | summary | questions | extra
    heading: str  # the heading text as written, e.g. "### 2. 키워드"
    line_start: int
    value_start: int  # just after the colon (or the heading text, when it has none)
    value_end: int  # end of the last non-blank line of the section
    has_colon: bool


@slot_init
@dataclass(frozen=True, slots=True)
class ExtraSection(PickledByFields):
    """A notes section reader-tui does not model (`### 5. 추가`), kept verbatim."""

    title: str
    text: str


@slot_init
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


@slot_init
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
