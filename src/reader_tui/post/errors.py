"""What goes wrong reading or editing a post, as exceptions whose message says why."""

from __future__ import annotations


class ParseError(ValueError):
    """The text is not a post reader-tui can read; the message says why."""


class EditError(ValueError):
    """An edit cannot be written into the post; the message says why."""
