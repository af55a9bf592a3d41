"""ReaderApp: composes the screens, routes the messages they post, refreshes the library.

No SQL and no screen internals here: screens post `messages.*`, the App pushes the screen
asked for and tells every screen when the library changed.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.worker import get_current_worker

from reader_tui.commands import article_commands
from reader_tui.library import Library, LibraryError, queries, settings
from reader_tui.messages import (
    HoldsText,
    Importing,
    LibraryChanged,
    LibraryEdited,
    NewPost,
    OpenArticle,
    OpenReview,
    OpenSearch,
    OpenStats,
    PostsChanged,
    Refreshed,
    ShowLibrary,
)
from reader_tui.refresh_news import RefreshNews, now_and_then
from reader_tui.review import Clock, Review, utc_now
from reader_tui.screens.confirm import ConfirmScreen
from reader_tui.screens.library import LibraryLater, LibraryScreen
from reader_tui.terminal import safe
from reader_tui.widgets.fields import Palette

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from textual.notifications import SeverityLevel
    from textual.screen import Screen

    from reader_tui.models import ReviewFilter
    from reader_tui.screens.newpost import PostFacts

# The reading screen (and the help panel, which brings a Markdown parser) are imported
# when first needed: the library is on screen sooner.


class ReaderApp(App[None]):
    """Read, highlight and take notes on reading-note posts."""

    CSS_PATH = "app.tcss"
    TITLE = "reader-tui"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "question_mark", "toggle_help", "Keys", tooltip="Show or hide every key of this screen"
        ),
        Binding(
            "ctrl+r",
            "refresh",
            "Refresh",
            show=False,
            tooltip="Read the notes folders again now (they are also watched)",
        ),
    ]

    def __init__(
        self,
        library: Library,
        refresh: Sequence[str] = (),
        open_article: int | None = None,
        start: str | None = None,
        review_filter: ReviewFilter | None = None,
        study_now: bool = False,
        new_per_day: int | None = None,
        clock: Clock | None = None,
        save_delay: float | None = None,
        folder: str | None = None,
        watch: bool = True,
        debounce_ms: int | None = None,
    ) -> None:
        super().__init__()
        self.library = library
        self.refresh_paths = list(refresh)
        self.open_article = open_article
        self.start = start  # "review" or "stats": open on that screen
        self.review_filter = review_filter
        self.clock = clock or utc_now
        # Notes save themselves this long after typing stops (None: the session's delay).
        self.save_delay = save_delay
        self.folder = folder  # the library shows only this folder's articles at first
        self.watch_posts = watch  # the refreshed folders are watched while the app runs
        self.debounce_ms = debounce_ms  # None: watching.DEBOUNCE_MS
        self._refreshing = False  # an import runs in the background
        self._refresh_again = False  # ... and something changed since it started
        self._told: str | None = None  # who asked for the refresh running now (ctrl+r)
        self.news = RefreshNews()  # what was said of the refreshes, and what changed since
        self.watching = False  # the folders are being watched
        self.study_now = study_now  # a review started on one article takes all its new cards
        self.review = Review.from_settings(library, self.clock)
        if new_per_day is not None:  # for this run only; the setting stays as it is
            self.review.new_per_day = new_per_day
        # The palette's "Open: <title>" for every article, read when the palette opens.
        self.article_commands = article_commands(lambda: queries.articles(self.library))

    def get_default_screen(self) -> Screen[None]:
        # Opening on another screen, the library is built when first shown, not first.
        later = self.open_article is not None or self.start is not None
        return LibraryLater() if later else self.library_screen()

    def library_screen(self) -> LibraryScreen:
        return LibraryScreen(self.library, self.review, self.folder)

    @on(ShowLibrary)
    def show_library(self) -> None:
        """Build the library over its place, if that place is on top (not another screen
        pushed since the place asked)."""
        if isinstance(self.screen, LibraryLater):
            self.push_screen(self.library_screen())

    def on_unmount(self) -> None:
        gc.unfreeze()  # a process that runs another app (the tests) collects this one's

    def on_mount(self) -> None:
        # What is alive now lives as long as the app: the collector need not walk it
        # again each time a post's objects make it run (thawed when the app ends).
        gc.freeze()
        # The first screen asked for is pushed now, not after a message: it is the first
        # thing painted (the library would otherwise be drawn first, then covered).
        if self.open_article is not None:
            self.open_reading(OpenArticle(self.open_article))
        elif self.start == "review":
            self.open_review(OpenReview(self.review_filter, self.study_now))
        elif self.start == "stats":
            self.open_stats()
        if self.refresh_paths:
            self.sub_title = "refreshing the library…"
        # After the first paint: the thread would otherwise compete with it.
        self.call_after_refresh(self.request_refresh)
        if self.watch_posts and self.refresh_paths:
            self.call_after_refresh(self.watch_folders)

    # -- routing -----------------------------------------------------------------------

    @on(OpenArticle)
    def open_reading(self, message: OpenArticle) -> None:
        """Read an article; a reading screen already open gives way (its notes are saved
        when it closes)."""
        from reader_tui.screens.reading import ReadingScreen

        while isinstance(self.screen, ReadingScreen):
            self.pop_screen()
        self.push_screen(
            ReadingScreen(
                self.library,
                message.article_id,
                message.highlight_id,
                self.save_delay,
                find=message.find,
            )
        )

    @on(OpenReview)
    def open_review(self, message: OpenReview) -> None:
        from reader_tui.screens.review import ReviewScreen

        self.push_screen(ReviewScreen(self.library, self.review, message.only, message.study_now))

    @on(OpenStats)
    def open_stats(self) -> None:
        from reader_tui.screens.stats import StatsScreen

        self.push_screen(StatsScreen(self.review))

    @on(OpenSearch)
    def open_search(self) -> None:
        """Back to the library, its search box open."""
        while len(self.screen_stack) > 1 and not isinstance(self.screen, LibraryScreen):
            self.pop_screen()
        self.show_library()
        self.screen.post_message(LibraryScreen.StartSearch())

    @on(NewPost)
    def new_post(self) -> None:
        """Ask for a link, a title and the text; create the post, import it, open it."""
        from reader_tui.newpost import NewPostError, add_post
        from reader_tui.screens.form import STILL_HERE
        from reader_tui.screens.newpost import NewPostScreen

        folder = self.notes_folder()

        def create(facts: PostFacts) -> bool:
            try:
                path, article_id = add_post(self.library, folder, *facts)
            except (NewPostError, LibraryError, OSError) as error:
                self.notify(f"No post created: {error}. {STILL_HERE}", severity="error", timeout=10)
                return False
            self.tell_screens(LibraryChanged())
            self.notify(f"Created {path}")
            self.post_message(OpenArticle(article_id))
            return True

        self.push_screen(NewPostScreen(folder).saving_with(create))

    @on(LibraryEdited)
    def pass_on_edit(self) -> None:
        self.tell_screens(LibraryChanged())

    def tell_screens(self, message: LibraryChanged | Importing) -> None:
        """Pass a change on to every screen in the stack (each shows what it needs)."""
        for screen in self.screen_stack:  # (a message each: one is handled once)
            screen.post_message(
                LibraryChanged(message.report, message.not_read, message.told_why)
                if isinstance(message, LibraryChanged)
                else Importing(message.done, message.total)
            )

    def notes_folder(self) -> str:
        """Where a new post goes: the folder the app refreshes, else the newest post's."""
        for path in self.refresh_paths:
            if Path(path).is_dir():
                return path
        newest = queries.articles(self.library, limit=1)
        return str(Path(newest[0].path).parent) if newest else "notes"

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """A toast; its text (which may name a post, a query or a title) is shown as text:
        never parsed as markup, control characters as pictures."""
        super().notify(
            safe(message), title=safe(title), severity=severity, timeout=timeout, markup=False
        )

    # -- the palette and global keys ---------------------------------------------------

    def action_toggle_help(self) -> None:
        """Show the keys of the current screen beside it, or hide them."""
        from textual.widgets import HelpPanel

        if self.screen.query(HelpPanel):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    async def action_quit(self) -> None:
        """Quit; text typed but not saved (a dialog's, or notes the library would not take)
        is never dropped without asking."""
        lost = [
            what
            for screen in self.screen_stack
            if isinstance(screen, HoldsText)
            for what in [screen.keep_text()]
            if what
        ]
        if not lost:
            self.exit()
            return

        def answer(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self.exit()

        self.push_screen(ConfirmScreen(f"Quit and lose {' and '.join(lost)}?"), answer)

    def action_command_palette(self) -> None:
        """The palette, with this library's articles beside the app's and screen's commands."""
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            providers = {*self.COMMANDS, *self.screen.COMMANDS, self.article_commands}
            self.push_screen(Palette(providers=providers, id="--command-palette"))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        post = self.post_message
        chosen = settings.load(self.library)
        auto = "off" if chosen.auto_write_back else "on"
        for title, help_text, message in (
            ("Search the library", "Find a word in titles, text, highlights and notes", OpenSearch),
            ("Review", "The cards due now and today's new ones", OpenReview),
            ("Review statistics", "Reviews per day, cards due, streak", OpenStats),
            ("New post", "A post for an article, in your convention", NewPost),
        ):
            yield SystemCommand(title, help_text, lambda m=message: post(m()))
        yield SystemCommand("Show keys", "List every key of this screen", self.action_toggle_help)
        yield SystemCommand(
            "Settings",
            "Every setting kept in the library (new cards a day, retention, write-back, …)",
            self.open_settings,
        )
        yield SystemCommand(
            "Refresh the library",
            "Read the notes folders again now (ctrl+r; they are also watched)",
            self.action_refresh,
        )
        yield SystemCommand(
            "Cloze cards: turn on or off",
            "Also review each keyword of an article blanked in its highlights",
            lambda: self.toggle(
                "review_cloze",
                "Cloze cards are on: keywords blanked in highlights come in with the next review.",
                "Cloze cards are off for new ones (cards already made stay).",
            ),
        )
        yield SystemCommand(
            f"Automatic write-back: turn {auto}",
            "Write notes and highlights into the post after each save (now "
            f"{'on' if chosen.auto_write_back else 'off'})",
            lambda: self.toggle(
                "auto_write_back",
                "Notes and highlights now go into the post after each save (a backup is kept).",
                "Automatic write-back is off: w writes an article back.",
            ),
        )

    def open_settings(self) -> None:
        from reader_tui.screens.settings import SettingsScreen

        chosen = settings.load(self.library)
        self.push_screen(SettingsScreen(chosen).saving_with(self.change_settings))

    def change_settings(self, changed: dict[str, Any], said: str = "") -> bool:
        """Save `changed` settings and say so (`said`, or their names); False, the reason
        told, if the library would not take them (a busy one: nothing changes)."""
        if not changed:
            return True
        try:
            settings.save(self.library, **changed)
        except LibraryError as error:
            self.notify(f"{error}. The settings are as they were.", severity="error")
            return False
        self.review.use(settings.load(self.library))
        self.notify(said or f"Saved: {', '.join(name.replace('_', '-') for name in changed)}.")
        self.tell_screens(LibraryChanged())
        return True

    def toggle(self, name: str, on: str, off: str) -> None:
        """Turn a yes-or-no setting the other way, and say what it means now."""
        value = not getattr(settings.load(self.library), name)
        self.change_settings({name: value}, on if value else off)

    # -- the background refresh --------------------------------------------------------

    def action_refresh(self) -> None:
        """ctrl+r: read the notes folders again now, and say what changed."""
        if not self.refresh_paths:
            self.notify("No notes folder to refresh: open the app on a folder or a post.")
            return
        self.request_refresh(told="ctrl+r")

    def request_refresh(self, told: str | None = None) -> None:
        """Refresh the library in the background; one import at a time (a request while
        one runs makes it run once more when it ends)."""
        if self._refreshing:
            self._refresh_again = True
            self._told = self._told or told
            return
        self._refreshing, self._told = True, told
        self.news.refresh_begins()
        self.refresh_library()

    @work(thread=True, group="refresh")
    def refresh_library(self) -> None:
        """Import or refresh the notes folders, then make review cards for what is new;
        the library stays usable meanwhile."""
        try:
            with self.library.for_thread() as own:
                report = None
                if self.refresh_paths:  # (imported here: the first frame needs none of it)
                    from reader_tui.library import importing

                    stop = get_current_worker().cancelled_event  # set as the app quits
                    report = importing.import_paths(
                        own,
                        self.refresh_paths,
                        progress=now_and_then(lambda *done: self.post_message(Importing(*done))),
                        stop=stop.is_set,
                    )
                Review.from_settings(own, self.clock).sync()
        except LibraryError as error:
            self.post_message(Refreshed(None, str(error)))
            return
        self.post_message(Refreshed(report))

    @on(Importing)
    def show_importing(self, message: Importing) -> None:
        self.tell_screens(Importing(message.done, message.total))

    @on(Refreshed)
    def show_refresh(self, message: Refreshed) -> None:
        self._refreshing = False
        told, self._told = self._told, None
        self.sub_title = ""
        self.tell_screens(Importing(0, 0))  # over, even when it failed: no count left
        if message.error:
            self.notify(message.error, severity="error", timeout=10)
        else:
            report = message.report
            # (a folder gone since is still one: named whole, its articles said to stay)
            folders = [str(Path(p).parent) if Path(p).is_file() else p for p in self.refresh_paths]
            said = self.news.messages(report, told is not None, folders) if report else []
            for text, severity in said:
                self.notify(text, severity=severity, timeout=10 if severity == "warning" else None)
            self.tell_screens(LibraryChanged(report, self.news.refused, self.news.told_why))
        if self._refresh_again:
            self._refresh_again = False
            self.request_refresh()

    @work(thread=True, group="watch", exit_on_error=False)
    def watch_folders(self) -> None:
        """Watch the notes folders (a post's folder, for a post) until the app ends; each
        batch of changed posts is imported as at start."""
        from reader_tui.watching import DEBOUNCE_MS, post_changes

        stop = get_current_worker().cancelled_event
        if not self.is_running:  # ended before this began: its workers were cancelled then
            return
        try:
            for batch in post_changes(
                self.refresh_paths, stop, self.debounce_ms or DEBOUNCE_MS, ready=self._watching
            ):
                self.post_message(PostsChanged(batch))
        except OSError as error:
            self.call_from_thread(
                self.notify,
                f"The notes folders are not watched ({error}); ctrl+r refreshes by hand.",
                severity="warning",
            )

    def _watching(self) -> None:
        """From the watch's thread, once it is set up: catch up with anything written
        between the first import and now."""
        self.post_message(PostsChanged(set()))
        self.watching = True

    @on(PostsChanged)
    def import_changed_posts(self, message: PostsChanged) -> None:
        self.news.saw(message.paths)
        self.request_refresh()
