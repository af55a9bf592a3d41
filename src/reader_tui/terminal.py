"""Text from posts made safe to show: control characters shown, never obeyed.

`plain` is for the command line (escapes like `\\x1b`), `safe` for the app (the
character's picture, one for one, so offsets into the text still line up)."""

from __future__ import annotations

import re

from rich.text import Text

# C0 controls except tab and newline, DEL, C1 controls, and bidi overrides.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def plain(text: str) -> str:
    """`text` with control characters replaced by visible escapes (`\\x1b` for ESC)."""
    return _CONTROL.sub(
        lambda m: (
            f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}"
        ),
        text,
    )


def visible_char(ch: str) -> str:
    """A control character as its picture (␛ for ESC), anything else as itself."""
    code = ord(ch)
    if code < 0x20 and ch != "\n":
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    if 0x80 <= code < 0xA0:
        return "\ufffd"
    return ch


def safe(text: str) -> str:
    """`text` with control characters shown, not obeyed; the same length."""
    if text.isprintable():
        return text
    return "".join(visible_char(ch) for ch in text)


def cell(value: str) -> Text:
    """A table cell showing `value` as it is (DataTable reads plain strings as markup)."""
    return Text(safe(value), end="", no_wrap=True)
