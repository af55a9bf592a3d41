"""The shape every small editing modal shares: ctrl+s saves, Escape cancels, and a pair of
buttons that do the same."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, TypeVar

from textual import on
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Button, Input, TextArea

from reader_tui.screens.confirm import ConfirmScreen

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.app import ComposeResult

Result = TypeVar("Result")
STILL_HERE = "Your text is still here: save again, or Escape to leave it."
"""What a form that could not save says after the reason."""


class SavingScreen(ModalScreen[Result | None]):
    """A modal that closes with a result once `keep` has saved it (`finish`)."""

    keep: Callable[[Result], bool] | None = None
    """Saves what the modal made before it closes; False (the reason told) keeps it open
    with what was typed, so a busy library or a folder it cannot write loses nothing."""

    def saving_with(self, keep: Callable[[Result], bool]) -> SavingScreen[Result]:
        """This modal, saving its result with `keep` before it closes."""
        self.keep = keep
        return self

    def finish(self, result: Result) -> None:
        """Close with `result` once `keep` (if any) has saved it."""
        if self.keep is None or self.keep(result):
            self.dismiss(result)


class FormScreen(SavingScreen[Result]):
    """A modal form; subclasses compose their fields, `yield from self.buttons()`, and
    implement `action_save` (closing with `finish(result)`)."""

    SAVE_LABEL = "Save"
    # The first field has the focus when the form opens (Textual's pick would be the first
    # focusable widget: a scrolling container, where what is typed went nowhere).
    AUTO_FOCUS = "Input, TextArea"
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

    _loaded: list[str] | None = None  # the fields as the form opened

    def on_mount(self) -> None:
        self._loaded = self._typed()

    def _typed(self) -> list[str]:
        """What the form's fields hold now."""
        return [box.value for box in self.query(Input)] + [
            area.text for area in self.query(TextArea)
        ]

    @property
    def unsaved(self) -> bool:
        """Whether anything was typed since the form opened."""
        return self._loaded is not None and self._typed() != self._loaded

    def keep_text(self) -> str | None:
        """What closing now would lose (see `messages.HoldsText`)."""
        return "the text typed in this dialog" if self.unsaved else None

    def action_cancel(self) -> None:
        """Close without saving; text typed here is not dropped without asking."""
        if not self.unsaved:
            self.dismiss(None)
            return

        def answer(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen("Close without saving what you typed here?"), answer)

    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.action_cancel()
