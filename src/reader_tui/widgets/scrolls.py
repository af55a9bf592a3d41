"""A vertical scroll whose lines wrap: it never scrolls sideways, so its keys panel (`?`)
does not offer to."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll


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
