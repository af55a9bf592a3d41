"""Text fields that show control characters as pictures and store them as typed.

A summary pasted from a web page, or a keyword read from a post, may hold ESC or a bidi
override; Textual's `Input` and `TextArea` would pass it to the terminal. These show
`terminal.safe`'s picture (one character for one, so the cursor still lines up) and keep
the value exactly as typed. The command palette gets the same input. (The multi-line
editor is in `editor`: Textual's TextArea is not loaded until a screen needs it.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.command import CommandInput, CommandList, CommandPalette, SearchIcon
from textual.containers import Horizontal, Vertical
from textual.expand_tabs import expand_tabs_inline
from textual.message import Message
from textual.widgets import Button, Input, LoadingIndicator

from reader_tui.terminal import safe

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual import events
    from textual.app import ComposeResult
    from textual.widget import Widget


class TextInput(Input):
    """An `Input` whose value is shown with control characters as pictures. Focus does
    not select the text unless asked to (a key typed right after Tab would replace a
    whole note): the cursor goes to the end. Search boxes ask (`select_on_focus=True`):
    opened again, the last words are selected, so typing replaces them.

    ctrl+j submits, as Enter does: Enter typed ahead, before the app put the terminal in
    raw mode, arrives as a line feed (the terminal's line discipline turns CR into LF)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+j", "submit", show=False)]

    def __init__(self, value: str | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("select_on_focus", False)
        super().__init__(value, **kwargs)

    def _on_focus(self, event: events.Focus) -> None:
        super()._on_focus(event)
        if not self.select_on_focus:
            self.cursor_position = len(self.value)

    @property
    def _value(self) -> Text:
        if self.password:
            return super()._value
        text = Text(safe(self.value), no_wrap=True, overflow="ignore", end="")
        return self.highlighter(text) if self.highlighter is not None else text

    def _position_to_cell(self, position: int) -> int:
        return cell_len(expand_tabs_inline(safe(self.value[:position]), 4))


class PaletteInput(CommandInput, TextInput):
    """The palette's search box, showing control characters as pictures."""


class Palette(CommandPalette):
    """Textual's command palette with a search box that shows control characters as
    pictures (a pasted title may hold them). The layout is Textual 8.2's own."""

    def compose(self) -> ComposeResult:
        with Vertical(id="--container"):
            with Horizontal(id="--input"):
                yield SearchIcon()
                yield PaletteInput(placeholder=self._placeholder, select_on_focus=False)
                if not self.run_on_select:
                    yield Button("\u25b6")
            with Vertical(id="--results"):
                yield CommandList()
                yield LoadingIndicator()


_Box = TypeVar("_Box", bound=Input)


def box_on_first_use(
    parent: Widget,
    selector: str,
    kind: type[_Box],
    make: Callable[[], _Box],
    before: Widget,
    show: bool = True,
) -> _Box:
    """The box `selector` finds in `parent`, shown (unless not `show`: made ready); made
    and mounted (before `before`) the first time it is asked for: a screen is on screen
    sooner without its boxes."""
    found = parent.query(selector)
    if found:
        box = found.first(kind)
    else:
        box = make()
        box.display = show
        parent.mount(box, before=before)
    if show:
        box.display = True
    return box


def focus_now(box: Widget) -> None:
    """Give `box` (on a screen, mounted or not yet) the focus before the next key is read:
    keys typed right after the one that opened it were otherwise on their way to the
    widget that had the focus (`Widget.focus` waits a turn of the loop), and were lost.
    A box not yet mounted takes them once it is (its events wait in its queue)."""
    box.screen.set_focus(box)


def field_keys(
    next_action: str = "app.focus_next", description: str = "Next field", tooltip: str = ""
) -> list[Binding]:
    """Tab (`next_action`) and shift+Tab as priority bindings, as `/` is: the focus moves
    before the next key is read, so what is typed right after Tab goes to the field it
    moves to, not to the one it leaves (where it was already on its way)."""
    system = next_action == "app.focus_next"  # (the reading screen's Tab is its own)
    return [
        Binding(
            "tab", next_action, description, show=False, system=system, tooltip=tooltip,
            priority=True,
        ),
        Binding(
            "shift+tab", "app.focus_previous", "Previous field", show=False, system=True,
            priority=True,
        ),
    ]  # fmt: skip


class FindBox(TextInput):
    """The reading screen's find box: shown by `/`, hidden again on Enter, which asks
    for the words to be found (`FindBox.Find`)."""

    class Find(Message):
        """Find these words in the article."""

        def __init__(self, words: str) -> None:
            self.words = words
            super().__init__()

    def __init__(self) -> None:
        super().__init__(
            placeholder="Find in this article (Enter: find; Escape: back)",
            id="find",
            select_on_focus=True,
        )

    @on(Input.Submitted)
    def _find(self, event: Input.Submitted) -> None:
        event.stop()
        self.display = False
        self.post_message(self.Find(event.value))
