"""The stats screen: reviews per day, cards due ahead, streak, states, per article."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Label, Static

from reader_tui.library import LibraryError
from reader_tui.terminal import safe
from reader_tui.widgets.chart import bar_chart
from reader_tui.widgets.keybar import KeyBar
from reader_tui.widgets.scrolls import WrappedScroll
from reader_tui.widgets.text import cell, told_apart

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Sequence

    from textual.app import ComposeResult

    from reader_tui.review import Review, Stats


def chart(
    title: str, days: Sequence[tuple[dt.date, int]], label_every: int = 7, room: int = 120
) -> Content:
    """A titled bar chart, one bar per day, the date of every `label_every`-th day under it;
    the bars are two cells wide, or one when two would not fit in `room` cells."""
    values = [n for _, n in days]
    if not any(values):
        return Content.assemble((f"{title}: none yet", "bold"))
    width = 2 if 3 * len(values) - 1 <= room else 1
    rows = bar_chart(values, height=5, width=width)  # each day: a bar and a gap
    labels = "".join(
        day.strftime("%m-%d").ljust((width + 1) * label_every)
        for i, (day, _) in enumerate(days)
        if i % label_every == 0
    )
    return Content.assemble(
        (f"{title} (total {sum(values)}, most in a day {max(values, default=0)})\n", "bold"),
        ("\n".join(rows) + "\n", "$accent"),
        (labels.rstrip(), "dim"),
    )


class StatsScreen(Screen[None]):
    """What has been reviewed and what is coming."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "back", "Back", tooltip="Back to the library"),
    ]

    def __init__(self, review: Review) -> None:
        super().__init__()
        self.review = review
        self.stats: Stats | None = None

    def compose(self) -> ComposeResult:
        yield Label("Review statistics", id="stats-title")
        with WrappedScroll(id="stats"):
            yield Static("", id="stats-summary")
            yield Static("", id="reviews-chart")
            yield Static("", id="due-chart")
            yield Label("Highlights and questions per article", classes="pane-title")
            yield DataTable(id="per-article", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        try:
            self.review.sync()
            stats = self.review.stats()
        except LibraryError as error:
            self.notify(str(error), severity="error")
            return
        self.show(stats)

    def show(self, stats: Stats) -> None:
        states = ", ".join(f"{n} {name}" for name, n in stats.by_state.items())
        ratings = ", ".join(f"{n} {name}" for name, n in stats.ratings.items())
        streak = f"{stats.streak} day{'s' if stats.streak != 1 else ''}"
        self.query_one("#stats-summary", Static).update(
            Content.assemble(
                ("Streak: ", "bold"),
                f"{streak}   ",
                ("Cards: ", "bold"),
                f"{states}; {stats.retired} retired\n",
                ("Ratings so far: ", "bold"),
                ratings,
            )
        )
        self.stats = stats
        self.draw_charts()
        table = self.query_one("#per-article", DataTable)
        table.add_columns("Highlights", "Questions", "Article")
        shown_rows = stats.per_article[:50]
        apart = told_apart((row["title"], row["path"]) for row in shown_rows)
        for row in shown_rows:
            article = cell(row["title"])
            if row["path"] in apart:  # another row has its title: where each one is
                article = cell(f"{apart[row['path']]} — ").append_text(article)
                article.stylize("dim", 0, len(safe(apart[row["path"]])) + 3)
            table.add_row(str(row["highlights"]), str(row["questions"]), article)

    def on_resize(self) -> None:
        self.draw_charts()

    def draw_charts(self) -> None:
        """The charts, fitted to the width of the screen."""
        stats = self.stats
        if stats is None:
            return
        room = self.query_one("#stats").scrollable_content_region.width or self.size.width - 4
        self.query_one("#reviews-chart", Static).update(
            chart(
                f"Reviews per day, last {len(stats.reviews_per_day)} days",
                stats.reviews_per_day,
                room=room,
            )
        )
        self.query_one("#due-chart", Static).update(
            chart(f"Cards due, next {len(stats.due_per_day)} days", stats.due_per_day, room=room)
        )

    def action_back(self) -> None:
        self.dismiss(None)
