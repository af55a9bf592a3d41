"""ReaderApp: returns the first screen and refreshes the library in the background."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen

from reader_tui.commands import ArticleCommands
from reader_tui.models import ImportReport
from reader_tui.screens.library import LibraryScreen
from reader_tui.store import Store, StoreError

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
    ) -> None:
        super().__init__()
        self.store = store
        self.refresh_paths = list(refresh)
        self.open_article = open_article

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
        from reader_tui.screens.reading import ReadingScreen

        if isinstance(screen, ReadingScreen):
            yield SystemCommand(
                "Toggle side panes", "Show or hide highlights and notes", screen.action_toggle_panes
            )
            yield SystemCommand(
                "Note on the highlight", "Write a note on the current one", screen.action_edit_note
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
        if self.refresh_paths:
            self.sub_title = "refreshing the library…"
            self.refresh_library()

    @work(thread=True, exclusive=True)
    def refresh_library(self) -> None:
        """Import or refresh the notes folders; the library stays usable meanwhile."""
        try:
            # SQLite connections belong to the thread that opened them.
            with Store(self.store.path) as own:
                report = own.import_paths(self.refresh_paths)
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
        assert report is not None
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
