"""The library screen: every article, newest first; search; open one to read."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Input, Label

from reader_tui.models import LibraryEntry, SearchHit
from reader_tui.store import SearchError, Store, StoreError
from reader_tui.terminal import cell, safe
from reader_tui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from reader_tui.app import ReaderApp


FIRST_ROWS = 60  # rows laid out before the first paint: a tall screenful
MORE_ROWS = 300  # rows added after each following paint (each batch is laid out at once)


class LibraryScreen(Screen[None]):
    """All articles in a table; `/` searches; Enter reads."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", "Search", tooltip="Search titles, text, highlights and notes"),
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
            "f", "filter", "Filter", tooltip="Only articles with a keyword (#AI) or a colour (red)"
        ),
        Binding("escape", "clear_search", "Clear", show=False),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "top", "Top", show=False),
        Binding("G", "bottom", "Bottom", show=False),
    ]

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.sort = "date"
        self.keyword: str | None = None
        self.color: str | None = None
        self.entries: list[LibraryEntry] = []
        self._generation = 0  # bumped by each reload and search, so stale batches stop
        self.hits: list[SearchHit] = []

    def compose(self) -> ComposeResult:
        with Horizontal(id="library-top"):
            yield Label("Library", id="library-title")
            yield Label("", id="due")
        yield Input(placeholder="Search (Korean works: 네이버, 카카, AI)", id="search")
        yield Input(placeholder="Filter: a keyword (#AI) or a highlight colour (red)", id="filter")
        yield DataTable(id="articles", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#search", Input).display = False
        self.query_one("#filter", Input).display = False
        self.reload()
        self.query_one(DataTable).focus()
        self.call_after_refresh(self.show_due)  # after the list is on screen

    @property
    def reader(self) -> ReaderApp:
        return cast("ReaderApp", self.app)

    def show_due(self) -> None:
        """How many cards wait for review, beside the title."""
        try:
            due = self.reader.review.due_count()
        except StoreError:
            return
        self.query_one("#due", Label).update(f"{due} to review (r)" if due else "")

    def action_review(self) -> None:
        from reader_tui.screens.review import ReviewFilter

        only = ReviewFilter(keyword=self.keyword, color=self.color)
        self.reader.open_review(only)

    def action_new_post(self) -> None:
        self.reader.new_post()

    def action_stats(self) -> None:
        self.reader.open_stats()

    def reload(self) -> None:
        """Show every article again (after an import or a sort)."""
        # A screenful first, the rest after each paint: with 10,000 articles the list is
        # usable at once instead of after every row was read and laid out.
        try:
            first = self.store.articles(
                sort=self.sort, keyword=self.keyword, color=self.color, limit=FIRST_ROWS
            )
        except StoreError as error:
            self.notify(str(error), severity="error")
            return
        self.hits = []
        table = self.query_one(DataTable)
        table.clear(columns=True)
        table.add_columns("Date", "Title", "Hl", "Q", "Keywords", "")
        self._generation += 1
        self.entries = first
        self._add_rows(first, self._generation, FIRST_ROWS)
        self._show_count(None if len(first) == FIRST_ROWS else len(first))
        if len(first) < FIRST_ROWS:
            pass
        elif self.store.path == ":memory:":  # no other connection can see it
            rest = self.store.articles(sort=self.sort, keyword=self.keyword, color=self.color)
            self._rest_loaded(rest, self._generation)
        else:
            self.call_after_refresh(self._load_rest, self._generation)  # after the paint

    @work(thread=True, exclusive=True, group="library-list")
    def _load_rest(self, generation: int) -> None:
        """Read the whole list in a thread (with its own connection: SQLite connections
        stay in their thread), so the first screenful is painted and usable meanwhile."""
        try:
            with Store(self.store.path) as own:
                entries = own.articles(sort=self.sort, keyword=self.keyword, color=self.color)
        except StoreError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error")
            return
        self.app.call_from_thread(self._rest_loaded, entries, generation)

    def _rest_loaded(self, entries: list[LibraryEntry], generation: int) -> None:
        if generation != self._generation:
            return
        self.entries = entries
        self._show_count(len(entries))
        self._add_rows(entries, generation, MORE_ROWS)

    def _show_count(self, count: int | None) -> None:
        shown = f"Library — {'…' if count is None else count} articles (sorted by {self.sort})"
        if self.keyword or self.color:
            shown += (
                f", only #{self.keyword}" if self.keyword else f", only {self.color} highlights"
            )
            shown += " — Escape shows all"
        self.query_one("#library-title", Label).update(safe(shown))

    def _add_rows(self, entries: list[LibraryEntry], generation: int, count: int) -> None:
        if generation != self._generation:
            return  # a newer reload or a search replaced the list
        table = self.query_one(DataTable)
        start = table.row_count
        for entry in entries[start : start + count]:
            mark = "missing" if entry.missing else ("conflict" if entry.conflict else "")
            table.add_row(
                entry.date.isoformat() if entry.date else "",
                cell(entry.title),  # titles are text, never markup
                str(entry.highlights),
                str(entry.open_questions) if entry.open_questions else "",
                cell(" ".join(f"#{k}" for k in entry.keywords)),
                mark,
                key=str(entry.id),
            )
        if start + count < len(entries):
            self.call_after_refresh(self._add_rows, entries, generation, MORE_ROWS)

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.display = True
        search.focus()

    def action_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.display = True
        box.focus()

    @on(Input.Submitted, "#filter")
    def apply_filter(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        event.input.display = False
        self.keyword = self.color = None
        if value.lower() in self.store.colors() and not value.startswith("#"):
            self.color = value.lower()
        elif value:
            self.keyword = value.lstrip("#").strip()
        self.reload()
        self.query_one(DataTable).focus()

    def action_clear_search(self) -> None:
        for box in self.query(Input):
            box.value = ""
            box.display = False
        self.keyword = self.color = None
        self.reload()
        self.query_one(DataTable).focus()

    def action_sort(self) -> None:
        self.sort = "title" if self.sort == "date" else "date"
        self.reload()

    def action_cursor_down(self) -> None:
        self.query_one(DataTable).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(DataTable).action_cursor_up()

    def action_top(self) -> None:
        self.query_one(DataTable).move_cursor(row=0)

    def action_bottom(self) -> None:
        table = self.query_one(DataTable)
        table.move_cursor(row=table.row_count - 1)

    @on(Input.Submitted, "#search")
    def run_search(self, event: Input.Submitted) -> None:
        try:
            self.hits = self.store.search(event.value, limit=50)
        except SearchError as error:
            self.notify(str(error), severity="warning")
            return
        self._generation += 1
        table = self.query_one(DataTable)
        table.clear(columns=True)
        table.add_column("Found in")
        table.add_column("Article and passage", width=max(30, self.size.width - 16))
        words = [w for w in re.split(r"[\s\"*()^:+-]+", event.value) if w and not w.isupper()]
        for n, hit in enumerate(self.hits):
            snippet = Content(safe(" ".join(hit.snippet.split())))
            for word in words:
                snippet = snippet.highlight_regex(re.escape(safe(word)), style="bold underline")
            shown = Content.assemble((safe(hit.title), "bold"), "\n  ", snippet)
            table.add_row(hit.kind, shown, key=f"hit-{n}", height=2)
        self.query_one("#library-title", Label).update(
            safe(f"{len(self.hits)} matches for {event.value} — Enter opens, Escape goes back")
        )
        self.query_one(DataTable).focus()

    @on(DataTable.RowSelected)
    def open_article(self, event: DataTable.RowSelected) -> None:
        from reader_tui.screens.reading import ReadingScreen  # when first needed

        key = str(event.row_key.value)
        if key.startswith("hit-"):
            hit = self.hits[int(key[4:])]
            self.app.push_screen(ReadingScreen(self.store, hit.article_id, hit.highlight_id))
        else:
            self.app.push_screen(ReadingScreen(self.store, int(key)), lambda _: self.reload())
