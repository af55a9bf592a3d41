"""A vertical scroll whose lines wrap: it never scrolls sideways, so its keys panel (`?`)
does not offer to; and text in it that wraps as Korean does."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from reader_tui.widgets.wrapping import Wrapped

if TYPE_CHECKING:
    from textual.visual import VisualType


class WrappedScroll(VerticalScroll):
    """`VerticalScroll` without its sideways keys in the keys panel (they still do what
    they did: nothing, with nothing to the side)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(key, action, show=False, system=True)
        for key, action in (
            ("left", "scroll_left"),
            ("right", "scroll_right"),
            ("ctrl+pageup", "page_left"),
            ("ctrl+pagedown", "page_right"),
        )
    ]


class WrappedStatic(Static):
    """A `Static` whose `Content` breaks its lines as `Wrapped` does: no line starts with
    closing punctuation (a question card written `차이는 ?` kept its `?` alone on a line)."""

    def update(self, content: VisualType = "", *, layout: bool = True) -> None:
        super().update(
            Wrapped.of(content) if isinstance(content, Content) else content, layout=layout
        )
