"""Text from posts, the library, queries and file names, made safe to show: control
characters are shown, never obeyed. No Textual here.

`plain` is for the command line (escapes like `\\x1b`), `safe` for the app (a visible
picture, one character for one, so offsets into the text still line up; the app shows it
through `widgets.text.shown`), and `json_text` writes JSON whose strings carry no raw C1
or bidi controls.
"""

from __future__ import annotations

import json
import re
from typing import Any

# C0 controls except tab and newline, DEL, C1 controls, and bidi embeddings, overrides and
# isolates (they reorder what follows them on screen).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# What json.dumps leaves raw inside strings: C1 controls, DEL and the bidi controls.
_JSON_RAW = re.compile(r"[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
BIDI_MARK = "\u21c6"  # ⇆: a bidi control, shown instead of obeyed


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
    if 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        return BIDI_MARK
    return ch


def safe(text: str) -> str:
    """`text` with control characters shown, not obeyed; the same length."""
    if text.isprintable() or not _CONTROL.search(text):
        return text
    return "".join(visible_char(ch) for ch in text)


def json_text(data: Any) -> str:
    """`data` as indented JSON (Korean kept readable), C1 and bidi controls escaped."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
