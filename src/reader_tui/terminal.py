"""Text from posts made safe to print: control characters shown, never obeyed."""

from __future__ import annotations

import re

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
