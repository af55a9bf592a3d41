"""Small modals of the reading screen: a highlight's colour, its note, a notes conflict."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content, Span
from textual.screen import ModalScreen
from textual.widgets import Button, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from reader_tui.library.merge import differences, draft
from reader_tui.post.notes import parse_keywords
from reader_tui.screens.confirm import ConfirmScreen
from reader_tui.screens.form import FormScreen, SavingScreen
from reader_tui.widgets.editor import TextEditor
from reader_tui.widgets.rendering import highlight_style
from reader_tui.widgets.text import shown

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from reader_tui.models import Conflict

COLORS = ("blue", "red", "green", "orange", "purple", "gray")
"""The colours offered; a post may use any CSS colour, and those are shown as they are."""


class ColorScreen(ModalScreen[str | None]):
    """Choose a highlight colour: a number key or the list."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(str(n), f"choose({n - 1})", color, tooltip=f"Highlight in {color}")
            for n, color in enumerate(COLORS, 1)
        ),
        Binding("escape", "cancel", "Cancel", tooltip="No highlight"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="color-chooser", classes="modal"):
            yield Label("Highlight colour", classes="pane-title")
            yield OptionList(
                *(
                    Option(Content(f" {n}  {color} ", [Span(0, 10, highlight_style(color, True))]))
                    for n, color in enumerate(COLORS, 1)
                ),
                id="colors",
            )

    def action_choose(self, index: int) -> None:
        self.dismiss(COLORS[index])

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(COLORS[event.option_index])


class NoteScreen(FormScreen[str]):
    """A highlight's own note, under its passage (saving it empty removes it)."""

    def __init__(self, passage: str, note: str) -> None:
        super().__init__()
        self.passage = passage
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(id="note-editor", classes="modal"):
            yield Label(shown(self.passage), id="note-passage")
            yield Label("Note on this passage", classes="pane-title")
            yield TextEditor(self.note, id="note", soft_wrap=True)
            yield from self.buttons()

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def action_save(self) -> None:
        self.finish(self.query_one(TextArea).text.strip())


def shown_value(section: str, value: Any) -> str:
    """A notes section's value as the user would write it."""
    if section == "keywords":
        return " ".join(f"#{k}" for k in value) or "-"
    if section == "questions":
        return "\n".join(f"? {q}" for q in value) or "-"
    return str(value or "-")


def typed_value(section: str, text: str) -> Any:
    """What the user wrote for a section (as `shown_value` shows it) as its value."""
    if section == "keywords":
        return list(parse_keywords(text))
    if section == "questions":
        lines = (
            line.strip().removeprefix("?").removeprefix("-").strip() for line in text.split("\n")
        )
        return [line for line in lines if line]
    return text.strip()


def marked(text: str, spans: list[tuple[int, int]]) -> Content:
    """`text` as text, the words the other version lacks marked."""
    content = shown(text)
    for start, end in spans:
        content = content.stylize("bold underline", start, end)
    return content


Resolution = tuple[str, Any]
"""How a conflict was settled: ("app" | "file", None) or ("merged", the new value)."""


class ConflictScreen(SavingScreen[Resolution]):
    """Both versions of a notes section side by side, their differences marked; the
    user keeps one, or edits a text made of both."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "keep('app')", "Keep mine", tooltip="Keep the version edited in the app"),
        Binding("f", "keep('file')", "Keep the file's", tooltip="Keep the version in the post"),
        Binding("e", "edit", "Edit both", tooltip="Edit a text made of both versions"),
        Binding("ctrl+s", "save", "Save", show=False, tooltip="Keep the edited text"),
        Binding("escape", "cancel", "Later", tooltip="Decide later; both stay"),
        Binding("down,j", "scroll(1)", "Scroll", show=False, tooltip="Scroll both versions"),
        Binding("up,k", "scroll(-1)", "Scroll up", show=False),
        Binding("pagedown,space", "scroll(10)", "Page", show=False),
        Binding("pageup", "scroll(-10)", "Page up", show=False),
    ]

    def __init__(self, conflict: Conflict) -> None:
        super().__init__()
        self.conflict = conflict
        self.drafted = ""  # the text made of both, as first drafted

    def compose(self) -> ComposeResult:
        section = self.conflict.section
        mine = shown_value(section, self.conflict.app_value)
        theirs = shown_value(section, self.conflict.file_value)
        only_mine, only_theirs = differences(mine, theirs)
        with Vertical(id="conflict", classes="modal"):
            yield Label(
                f"The {section} changed in the post and here since the last import "
                "(words only one side has are underlined).",
                classes="pane-title",
                id="conflict-title",
            )
            with VerticalScroll(id="versions-scroll"), Horizontal(id="versions"):
                with Vertical():
                    yield Label("Here (a)", classes="pane-title")
                    yield Static(marked(mine, only_mine), id="mine")
                with Vertical():
                    yield Label("In the post (f)", classes="pane-title")
                    yield Static(marked(theirs, only_theirs), id="theirs")
            merged = draft(section, self.conflict.app_value, self.conflict.file_value)
            yield TextEditor(shown_value(section, merged), id="merged", soft_wrap=True)
            with Horizontal(id="confirm-buttons"):
                yield Button("Mine (a)", id="app", variant="primary")
                yield Button("The post's (f)", id="file")
                yield Button("Edit both (e)", id="edit")
                yield Button("Save (^s)", id="save")
                yield Button("Later (esc)", id="later")

    def on_mount(self) -> None:
        self.query_one("#merged").display = False
        self.query_one("#save").display = False
        self.drafted = self.query_one("#merged", TextArea).text

    def keep_text(self) -> str | None:
        """What closing now would lose: the text made of both, once edited (`HoldsText`)."""
        edited = self.editing and self.query_one("#merged", TextArea).text != self.drafted
        return "the text you made of both versions" if edited else None

    @property
    def editing(self) -> bool:
        """Whether the text made of both versions is being edited (not before it exists)."""
        editors = self.query("#merged")
        return bool(editors) and bool(editors.first().display)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # While the merged text is edited, letters are typed, not choices.
        if action in ("keep", "edit", "scroll"):
            return not self.editing
        if action == "save":
            return self.editing
        return True

    def action_keep(self, which: str) -> None:
        self.finish((which, None))

    def action_edit(self) -> None:
        """Edit a text made of both versions (each side's own words in place)."""
        editor = self.query_one("#merged", TextArea)
        editor.display = True
        self.query_one("#versions-scroll").styles.max_height = "30vh"
        for button in ("app", "file", "edit"):
            self.query_one(f"#{button}").display = False
        self.query_one("#save").display = True
        editor.focus()
        self.refresh_bindings()

    def action_save(self) -> None:
        text = self.query_one("#merged", TextArea).text
        self.finish(("merged", typed_value(self.conflict.section, text)))

    def action_scroll(self, lines: int) -> None:
        """Long versions scroll (both at once, side by side)."""
        self.query_one("#versions-scroll").scroll_relative(y=lines, animate=False)

    def action_cancel(self) -> None:
        """Later: both versions stay; the text made of both is not dropped unasked."""
        if not self.keep_text():
            self.dismiss(None)
            return

        def answer(drop: bool | None) -> None:
            if drop:
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen("Close without saving what you typed here?"), answer)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        chosen = event.button.id
        if chosen == "edit":
            self.action_edit()
        elif chosen == "save":
            self.action_save()
        elif chosen in ("app", "file"):
            self.action_keep(chosen)
        else:
            self.action_cancel()
