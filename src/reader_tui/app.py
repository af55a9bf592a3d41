"""ReaderApp: returns the first screen and refreshes the library in the background."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen

from reader_tui.commands import ArticleCommands
from reader_tui.models import ImportReport
from reader_tui.screens.library import LibraryScreen
from reader_tui.store import Store, StoreError
from reader_tui.terminal import safe
from reader_tui.writeback import AUTO, auto_enabled

if TYPE_CHECKING:
    from reader_tui.review import Clock, Review
    from reader_tui.screens.review import ReviewFilter

# The reading screen (and the help panel, which brings a Markdown parser) are imported
# when first needed: the library is on screen sooner.


class ReaderApp(App[None]):
    """Read, highlight and take notes on reading-note posts."""

    CSS_PATH = "app.tcss"
    TITLE = "reader-tui"
    COMMANDS = App.COMMANDS | {ArticleCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "question_mark", "toggle_help", "Keys", tooltip="Show or hide every key of this screen"
        ),
    ]

    class LibraryRefreshed(Message):
        """A background import finished."""

        def __init__(self, report: ImportReport | None, error: str | None = None) -> None:
            self.report = report
            self.error = error
            super().__init__()

    def __init__(
        self,
        store: Store,
        refresh: Sequence[str] = (),
        open_article: int | None = None,
        start: str | None = None,
        review_filter: ReviewFilter | None = None,
        clock: Clock | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.refresh_paths = list(refresh)
        self.open_article = open_article
        self.start = start  # "review" or "stats": open on that screen
        self.review_filter = review_filter
        self.clock = clock
        self._review: Review | None = None

    @property
    def review(self) -> Review:
        """Cards and scheduling, made when first needed (the library shows sooner)."""
        if self._review is None:
            from reader_tui.review import Review, utc_now

            self._review = Review.from_settings(self.store, self.clock or utc_now)
        return self._review

    @review.setter
    def review(self, review: Review) -> None:
        self._review = review

    def open_review(self, only: ReviewFilter | None = None) -> None:
        """Start a review session (of everything, or of one article, keyword or colour)."""
        from reader_tui.screens.review import ReviewScreen

        self.push_screen(ReviewScreen(self.store, self.review, only), self._after_review)

    def _after_review(self, _: object) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, LibraryScreen):
                screen.show_due()

    def open_stats(self) -> None:
        from reader_tui.screens.stats import StatsScreen

        self.push_screen(StatsScreen(self.review))

    def action_toggle_help(self) -> None:
        """Show the keys of the current screen beside it, or hide them."""
        from textual.widgets import HelpPanel

        if self.screen.query(HelpPanel):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand(
            "Search the library", "Find a word in titles, text, highlights and notes", self.search
        )
        yield SystemCommand("Show keys", "List every key of this screen", self.action_toggle_help)
        yield SystemCommand("Review", "The cards due now and today's new ones", self.open_review)
        yield SystemCommand("New post", "A post for an article, in your convention", self.new_post)
        yield SystemCommand(
            "Cloze cards: turn on or off",
            "Also review each keyword of an article blanked in its highlights",
            self.toggle_cloze,
        )
        auto = auto_enabled(self.store)
        yield SystemCommand(
            f"Automatic write-back: turn {'off' if auto else 'on'}",
            "Write notes and highlights into the post after each save (now "
            f"{'on' if auto else 'off'})",
            self.toggle_auto_write_back,
        )
        yield SystemCommand(
            "Review statistics", "Reviews per day, cards due, streak", self.open_stats
        )
        from reader_tui.screens.reading import ReadingScreen

        if isinstance(screen, ReadingScreen):
            yield SystemCommand(
                "Toggle side panes", "Show or hide highlights and notes", screen.action_toggle_panes
            )
            yield SystemCommand(
                "Note on the highlight", "Write a note on the current one", screen.action_edit_note
            )
            yield SystemCommand(
                "Review this article",
                "Only this article's cards",
                lambda: self.open_review(ReviewFilter(article_id=screen.article_id)),
            )

    def notes_folder(self) -> str:
        """Where a new post goes: the folder the app refreshes, else the newest post's."""
        for path in self.refresh_paths:
            if Path(path).is_dir():
                return path
        newest = self.store.articles(limit=1)
        return str(Path(newest[0].path).parent) if newest else "notes"

    def new_post(self) -> None:
        """Ask for a link, a title and the text; create the post, import it, open it."""
        from reader_tui.newpost import NewPostError, create_post
        from reader_tui.screens.newpost import NewPost, NewPostScreen

        folder = self.notes_folder()

        def create(facts: NewPost | None) -> None:
            if facts is None:
                return
            try:
                path = create_post(folder, facts.url, facts.title, facts.topic or None, facts.text)
                self.store.import_paths([path])
            except (NewPostError, StoreError, OSError) as error:
                self.notify(f"No post created: {error}", severity="error", timeout=10)
                return
            article_id = self.store.article_id_for(path)
            for screen in self.screen_stack:
                if isinstance(screen, LibraryScreen):
                    screen.reload()
            if article_id is not None:
                self.notify(f"Created {safe(str(path))}")
                self.open_reading(article_id)

        self.push_screen(NewPostScreen(folder), create)

    def toggle_cloze(self) -> None:
        from reader_tui.review import CLOZE_SETTING, Review, utc_now

        cloze = self.store.setting(CLOZE_SETTING) != "on"
        self.store.set_setting(CLOZE_SETTING, "on" if cloze else "off")
        self._review = Review.from_settings(self.store, self.clock or utc_now)
        self.notify(
            "Cloze cards are on: keywords blanked in highlights come in with the next review."
            if cloze
            else "Cloze cards are off for new ones (cards already made stay)."
        )

    def toggle_auto_write_back(self) -> None:
        auto = not auto_enabled(self.store)
        self.store.set_setting(AUTO, "on" if auto else "off")
        self.notify(
            "Notes and highlights now go into the post after each save (a backup is kept)."
            if auto
            else "Automatic write-back is off: w writes an article back."
        )

    def search(self) -> None:
        """Go to the library and open its search box."""
        while not isinstance(self.screen, LibraryScreen) and len(self.screen_stack) > 1:
            self.pop_screen()
        if isinstance(self.screen, LibraryScreen):
            self.screen.action_search()

    def open_reading(self, article_id: int) -> None:
        """Open an article's reading screen from anywhere."""
        from reader_tui.screens.reading import ReadingScreen

        while isinstance(self.screen, ReadingScreen):
            self.screen.action_save()
            self.pop_screen()
        self.push_screen(ReadingScreen(self.store, article_id))

    def get_default_screen(self) -> Screen[None]:
        return LibraryScreen(self.store)

    def on_mount(self) -> None:
        if self.open_article is not None:
            from reader_tui.screens.reading import ReadingScreen

            self.push_screen(ReadingScreen(self.store, self.open_article))
        elif self.start == "review":
            self.open_review(self.review_filter)
        elif self.start == "stats":
            self.open_stats()
        if self.refresh_paths:
            self.sub_title = "refreshing the library…"
        # After the first paint: the thread would otherwise compete with it.
        self.call_after_refresh(self.refresh_library)

    @work(thread=True, exclusive=True)
    def refresh_library(self) -> None:
        """Import or refresh the notes folders, then make review cards for what is new;
        the library stays usable meanwhile."""
        try:
            # SQLite connections belong to the thread that opened them.
            with Store(self.store.path) as own:
                report = own.import_paths(self.refresh_paths) if self.refresh_paths else None
                from reader_tui.review import Review, utc_now

                Review.from_settings(own, self.clock or utc_now).sync()
        except StoreError as error:
            self.post_message(self.LibraryRefreshed(None, str(error)))
            return
        self.post_message(self.LibraryRefreshed(report))

    def on_reader_app_library_refreshed(self, message: LibraryRefreshed) -> None:
        self.sub_title = ""
        if message.error:
            self.notify(message.error, severity="error", timeout=10)
            return
        report = message.report
        if report is None:  # only the cards were brought up to date
            for screen in self.screen_stack:
                if isinstance(screen, LibraryScreen):
                    screen.show_due()
            return
        if report.added or report.updated or report.moved or report.missing:
            self.notify(
                f"added {report.added}, updated {report.updated}, moved {report.moved}, "
                f"missing {report.missing}"
            )
        for path, reason in report.rejected[:5]:
            self.notify(f"{path}: {reason}", severity="warning", timeout=10)
        for screen in self.screen_stack:
            if isinstance(screen, LibraryScreen):
                screen.reload()
                screen.show_due()
