"""The shape every small editing modal shares: ctrl+s saves, Escape cancels, and a pair of
buttons that do the same."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, TypeVar

from textual import on
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Button

if TYPE_CHECKING:
    from textual.app import ComposeResult

Result = TypeVar("Result")


class FormScreen(ModalScreen[Result | None]):
    """A modal form; subclasses compose their fields, `yield from self.buttons()`, and
    implement `action_save` (dismissing with the result)."""

    SAVE_LABEL = "Save"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", tooltip="Save and close"),
        Binding("escape", "cancel", "Cancel", tooltip="Close without saving"),
    ]

    def buttons(self) -> ComposeResult:
        with Horizontal(id="confirm-buttons"):
            yield Button(f"{self.SAVE_LABEL} (ctrl+s)", id="save", variant="primary")
            yield Button("Cancel (esc)", id="cancel")

    def action_save(self) -> None:
        raise NotImplementedError

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.action_cancel()
