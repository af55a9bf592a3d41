"""What goes wrong reading or editing a post, as exceptions whose message says why."""

from __future__ import annotations


class ParseError(ValueError):
    """The text is not a post reader-tui can read; the message says why."""


class EditError(ValueError):
    """An edit cannot be written into the post; the message says why."""


FIX_FRONT_MATTER = "correct the YAML between the --- lines and save the post"
"""What a refused post's message says to do about front matter that cannot be read (the
post is read again when it is saved)."""
