"""The library screen: every article, newest first; search; open one to read."""

from __future__ import annotations

import re
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, Label

from reader_tui.library import Library, LibraryError, queries
from reader_tui.messages import (
    Importing,
    LibraryChanged,
    NewPost,
    OpenArticle,
    OpenReview,
    OpenStats,
    ShowLibrary,
)
from reader_tui.models import LibraryEntry, ReviewFilter, SearchHit
from reader_tui.screens.listing import (
    ARTICLE_COLUMNS,
    HIT_COLUMNS,
    article_row,
    article_rows,
    hit_row,
)
from reader_tui.widgets.fields import TextInput, box_on_first_use, field_keys, focus_now
from reader_tui.widgets.keybar import KeyBar
from reader_tui.widgets.rows import Row, RowList
from reader_tui.widgets.text import read_mark, short_folder, shown, told_apart

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from reader_tui.review import Review

FIRST_ROWS = 60  # rows laid out before the first paint: a tall screenful
BOXES = {
    "search": "Search (Korean works: 네이버, 카카, AI)",
    "filter": "Filter: a keyword (#AI) or a highlight colour (red)",
}


def new_box(which: str, shown: bool = True) -> TextInput:
    """The search or the filter box, made (mounted by the screen)."""
    box = TextInput(placeholder=BOXES[which], id=which, select_on_focus=True)
    box.display = shown
    return box


FIRST_HITS = 50  # search hits shown at once; the rest follow a page at a time
HIT_PAGE = 200
NO_MARKS = ("", "")  # a hit's words are styled where it is listed (hit_row), not bracketed


class LibraryLater(Screen[None]):
    """The library's place at the bottom of the screens while the app opens on another
    (a post, the review): the library is built over it when it is first reached, not
    before that screen's first paint (a blank screen for a moment, the first time)."""

    def on_screen_resume(self) -> None:
        if self.is_current:
            self.post_message(ShowLibrary())


class LibraryScreen(Screen[None]):
    """All articles in a table; `/` searches; Enter reads."""

    # The list has the focus when the screen shows, unless keys typed ahead (`f#AI`) gave
    # it to a box first (not Textual's first focusable widget: the hidden search box).
    AUTO_FOCUS = "RowList"

    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority bindings: seen as typed, so the keys after them go to their box.
        Binding(
            "slash",
            "search",
            "Search",
            tooltip="Search titles, text, highlights and notes",
            priority=True,
        ),
        Binding("s", "sort", "Sort", tooltip="Sort by date or by title"),
        Binding(
            "r",
            "review",
            "Review",
            tooltip="Review the cards due (only the filtered keyword or colour, if any)",
        ),
        Binding("t", "stats", "Stats", tooltip="Reviews per day, cards due, streak"),
        Binding("n", "new_post", "New", tooltip="Create a post for an article"),
        Binding(
            "f",
            "filter",
            "Filter",
            tooltip="Only articles with a keyword (#AI) or a colour (red)",
            priority=True,
        ),
        Binding(
            "c", "continue", "Continue", tooltip="Open the article read last, where it was left"
        ),
        Binding("exclamation_mark", "not_read", "Not read", tooltip="Posts not read, and why"),
        Binding("escape", "clear_search", "Clear", show=False),
        Binding("q", "app.quit", "Quit", tooltip="Quit (asks first if anything is unsaved)"),
        *field_keys(),  # (`s` typed right after Tab sorts the list, not in the search box)
    ]

    class StartSearch(Message):
        """Open the search box (the palette's "Search the library")."""

    def __init__(self, library: Library, review: Review, folder: str | None = None) -> None:
        super().__init__()
        self.library = library
        self.review = review
        self.folder = folder  # only the articles under this folder (Escape: all of them)
        self.sort = "date"
        self.keyword: str | None = None
        self.color: str | None = None
        self.entries: list[LibraryEntry] = []
        self._generation = 0  # bumped by each reload and search, so stale batches stop
        self._listed = (-1, -1)  # the library file's state when the list was read
        self.hits: list[SearchHit] = []
        self._place: tuple[str, float] | None = None  # (row key, scroll) to come back to
        self.found_words = ""  # the words of the last search, marked where a hit opens
        self._count: int | None = None  # articles listed (None: still being read)
        self._importing: tuple[int, int] | None = None  # a long import's (done, total)
        self.not_read: list[tuple[str, str]] = []  # what the last refresh could not read

    def compose(self) -> ComposeResult:
        with Horizontal(id="library-top"):
            yield Label("Library", id="library-title")
            yield Label("", id="continue")
            yield Label("", id="due")
        yield new_box("search", shown=False)  # from the start: what is typed ahead goes in
        yield RowList(id="articles")
        yield Label(
            "No posts in the library yet.\n\n"
            "Import a folder of posts from a terminal: reader-tui import ~/blog/_posts\n"
            "or open one: reader-tui ~/blog/_posts\n"
            "or press n to make a new post from an article's link.",
            id="empty",
        )
        yield KeyBar()

    def on_mount(self) -> None:
        self.reload()
        self.call_after_refresh(self.show_due)  # after the list is on screen
        self.call_after_refresh(self._ready_boxes)

    def show_continue(self) -> None:
        """The article read last and how far, to take up again with c."""
        try:
            last = queries.last_opened(self.library)
        except LibraryError:
            return
        label = self.query_one("#continue", Label)
        if last is None:
            label.update("")
            return
        entry, place = last
        title = entry.title if len(entry.title) <= 30 else entry.title[:29] + "…"
        label.update(shown(f"c continue “{title}” {read_mark(place.read)}"))

    def show_due(self) -> None:
        """How many cards wait for review, and the article read last, beside the title."""
        self.show_continue()
        try:
            due = self.review.due_count()
        except LibraryError:
            return
        self.query_one("#due", Label).update(f"{due} to review (r)" if due else "")

    @on(Importing)
    def show_importing(self, message: Importing) -> None:
        """A long import goes on: how far, in the title (the list shows it when done)."""
        self._importing = (message.done, message.total) if message.total else None
        self._show_count(self._count)

    @on(LibraryChanged)
    def show_changes(self, message: LibraryChanged) -> None:
        """The library changed (an import, an edit, a review): show it as it is now; a
        list of search hits stays as it is."""
        if message.not_read is not None:  # a refresh: `!` is offered while some are not
            self.not_read = message.not_read
            self.refresh_bindings()
        if not self.hits and self.library.state() != self._listed:
            self.reload(keep_place=True)  # (a refresh that found every post unchanged: not)
        self.show_due()

    def action_not_read(self) -> None:
        from reader_tui.screens.not_read import NotReadScreen  # (not needed to start)

        self.app.push_screen(NotReadScreen(self.not_read))

    def action_review(self) -> None:
        self.post_message(OpenReview(ReviewFilter(keyword=self.keyword, color=self.color)))

    def action_continue(self) -> None:
        try:
            last = queries.last_opened(self.library)
        except LibraryError as error:
            self.notify(str(error), severity="error")
            return
        if last is None:
            self.notify("No article has been opened yet: Enter opens the one under the cursor.")
            return
        self.post_message(OpenArticle(last[0].id))

    def action_new_post(self) -> None:
        self.post_message(NewPost())

    def action_stats(self) -> None:
        self.post_message(OpenStats())

    def reload(self, keep_place: bool = False) -> None:
        """Show every article again (after an import or a sort); `keep_place` keeps the
        cursor on the same article and the list where it was (coming back from reading)."""
        rows_now = self.query_one(RowList)
        self._listed = self.library.state()
        self._place = (
            (rows_now.rows[rows_now.cursor_row].key, rows_now.scroll_y)
            if keep_place and rows_now.rows
            else None
        )
        # A screenful first, the rest read in a thread after the first paint: with 10,000
        # articles the list is usable at once.
        try:
            first = queries.articles(
                self.library,
                sort=self.sort,
                keyword=self.keyword,
                color=self.color,
                folder=self.folder,
                limit=FIRST_ROWS,
            )
        except LibraryError as error:
            self.notify(str(error), severity="error")
            return
        self.hits = []
        rows = self.query_one(RowList)
        rows.set_columns(ARTICLE_COLUMNS)
        self._generation += 1
        self.entries = first
        apart = told_apart((entry.title, entry.path) for entry in first)
        rows.add_rows([article_row(entry, apart.get(entry.path, "")) for entry in first])
        self._put_back()
        self._show_count(None if len(first) == FIRST_ROWS else len(first))
        if len(first) < FIRST_ROWS:
            pass
        elif not self.library.shared:  # no other connection can see it
            rest = queries.articles(
                self.library,
                sort=self.sort,
                keyword=self.keyword,
                color=self.color,
                folder=self.folder,
            )
            self._rest_loaded(rest, *article_rows(rest, FIRST_ROWS), self._generation)
        else:
            self.call_after_refresh(self._load_rest, self._generation)  # after the paint

    @work(thread=True, exclusive=True, group="library-list")
    def _load_rest(self, generation: int) -> None:
        """Read the whole list in a thread (with its own connection: SQLite connections
        stay in their thread), so the first screenful is painted and usable meanwhile."""
        try:
            with self.library.for_thread() as own:
                entries = queries.articles(
                    own, sort=self.sort, keyword=self.keyword, color=self.color, folder=self.folder
                )
        except LibraryError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error")
            return
        rows, twins = article_rows(entries, FIRST_ROWS)
        self.app.call_from_thread(self._rest_loaded, entries, rows, twins, generation)

    def _rest_loaded(
        self, entries: list[LibraryEntry], rows: list[Row], twins: dict[int, Row], generation: int
    ) -> None:
        """The rest of the list after the first screenful (`twins`: rows of the first
        screenful made again, their title being another's in the rest)."""
        if generation != self._generation:
            return  # a newer reload or a search replaced the list
        self.entries = entries
        self._show_count(len(entries))
        listed = self.query_one(RowList)
        for index, row in twins.items():
            listed.rows[index] = row
        listed.add_rows(rows)
        self._put_back()
        self._place = None

    def _put_back(self) -> None:
        """The cursor back on the article it was on, the list scrolled as it was."""
        if self._place is None:
            return
        key, scroll_y = self._place
        rows = self.query_one(RowList)
        index = next((i for i, row in enumerate(rows.rows) if row.key == key), None)
        if index is None:
            return
        rows.cursor_row = index
        rows.scroll_to(y=scroll_y, animate=False)
        self._place = None

    def _show_count(self, count: int | None) -> None:
        self._count = count
        articles = (
            "1 article" if count == 1 else f"{'…' if count is None else f'{count:,}'} articles"
        )
        if self._importing is not None:  # first, where a narrow title bar still shows it
            articles = "importing {:,} of {:,} posts…".format(*self._importing)
        heading = f"Library — {articles} (sorted by {self.sort})"
        if self.keyword or self.color:
            heading += (
                f", only #{self.keyword}" if self.keyword else f", only {self.color} highlights"
            )
        elif self.folder:
            heading += f", in {short_folder(self.folder)}"
        if self.keyword or self.color or self.folder:
            heading += " — Escape shows all"
        self.query_one("#library-title", Label).update(shown(heading))
        empty = count == 0 and not (self.keyword or self.color or self.folder or self._importing)
        self.query_one("#empty", Label).display = empty
        self.query_one(RowList).display = not empty

    @on(StartSearch)
    def action_search(self) -> None:
        focus_now(self._box("search"))

    def action_filter(self) -> None:
        focus_now(self._box("filter"))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("search", "filter"):  # in a box, `/` and `f` are what is typed
            return not isinstance(self.app.focused, Input)
        return action != "not_read" or bool(self.not_read)

    def _ready_boxes(self) -> None:
        """The filter box, made hidden after the first frame: ready for what is typed."""
        if self.is_attached:
            self._box("filter", show=False)

    def _box(self, which: str, show: bool = True) -> Input:
        """The search or the filter box, shown (made the first time)."""
        make = partial(new_box, which)
        return box_on_first_use(self, f"#{which}", Input, make, self.query_one(RowList), show)

    @on(Input.Submitted, "#filter")
    def apply_filter(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        event.input.display = False
        self.keyword = self.color = None
        if value.lower() in queries.colors(self.library) and not value.startswith("#"):
            self.color = value.lower()
        elif value:
            self.keyword = value.lstrip("#").strip()
        self.reload()
        self.query_one(RowList).focus()

    def action_clear_search(self) -> None:
        for box in self.query(Input):
            box.value = ""
            box.display = False
        self.keyword = self.color = self.folder = None
        self.reload()
        self.query_one(RowList).focus()

    def action_sort(self) -> None:
        self.sort = "title" if self.sort == "date" else "date"
        self.reload()

    @on(Input.Submitted, "#search")
    def run_search(self, event: Input.Submitted) -> None:
        from reader_tui.library import search  # (with its index: imported when first used)

        query = event.value
        try:
            found = search.search(self.library, query, limit=FIRST_HITS, marks=NO_MARKS)
        except search.SearchError as error:
            self.notify(str(error), severity="warning")
            return
        self._generation += 1
        self.hits = []
        rows = self.query_one(RowList)
        rows.set_columns(HIT_COLUMNS, row_height=2)
        words = [w for w in re.split(r"[\s\"*()^:+-]+", query) if w and not w.isupper()]
        self.found_words = " ".join(words)
        self._add_hits(found.hits, found.total, query, self._generation)
        if found.total > len(found.hits):  # the rest, page by page, after the first paint
            self._more_hits(query, self._generation)
        rows.focus()

    def _add_hits(self, hits: list[SearchHit], total: int, query: str, generation: int) -> None:
        from reader_tui.library.search import counted

        if generation != self._generation:
            return  # a newer search or the article list replaced these
        words = self.found_words.split()
        apart = told_apart((hit.title, hit.path) for hit in [*self.hits, *hits])
        found = []
        for n, hit in enumerate(hits, len(self.hits)):
            found.append(hit_row(f"hit-{n}", hit, words, apart.get(hit.path, "")))
        self.hits += hits
        self.query_one(RowList).add_rows(found)
        shown_now = len(self.hits)
        count = (
            counted(total, "match", "matches")
            if shown_now >= total
            else f"{shown_now} of {total} matches (the rest coming)"
        )
        self.query_one("#library-title", Label).update(
            shown(f"{count} for {query} — Enter opens, Escape goes back")
        )

    @work(thread=True, exclusive=True, group="library-list")
    def _more_hits(self, query: str, generation: int) -> None:
        """The hits after the first page, a page at a time, with the thread's own
        connection; each page is added as it comes."""
        from reader_tui.library import search

        offset = FIRST_HITS
        try:
            with self.library.for_thread() as own:
                while generation == self._generation:
                    found = search.search(own, query, limit=HIT_PAGE, offset=offset, marks=NO_MARKS)
                    if not found.hits:
                        return
                    self.app.call_from_thread(
                        self._add_hits, found.hits, found.total, query, generation
                    )
                    offset += len(found.hits)
        except (search.SearchError, LibraryError) as error:
            self.app.call_from_thread(self.notify, str(error), severity="warning")

    @on(RowList.Picked)
    def open_article(self, event: RowList.Picked) -> None:
        key = event.key
        if key.startswith("hit-"):
            hit = self.hits[int(key[4:])]
            self.post_message(OpenArticle(hit.article_id, hit.highlight_id, self.found_words))
        else:
            self.post_message(OpenArticle(int(key)))
