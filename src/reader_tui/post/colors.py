"""The colour a highlight tag asks for, in every common form, and writing it back in the
same form. Pure.

Read: `<span style="color:…">` (the user's), `background:` and `background-color:`
(Korean study blogs' `#fff5b1`), `<mark>` (yellow unless it says), `<font color="…">`.
A colour with a name is given by its name (`#ff0000`, `rgb(255, 0, 0)`: red); black and
near-black text is not a highlight (a span pasted from a web page keeps the page's
`color: rgb(0, 0, 0)`).
"""

from __future__ import annotations

import re
from functools import lru_cache

STYLE_ATTR = re.compile(r"""\bstyle\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.I)
COLOR_ATTR = re.compile(r"""\bcolor\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.I)
DECLARATION = re.compile(
    r"(?:^|;)\s*(?P<property>background-color|background|color)\s*:\s*(?P<value>[^;]+)", re.I
)
HEX = re.compile(r"#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})\b", re.I)
RGB = re.compile(r"rgba?\(\s*([0-9.]+%?)\s*,?\s*([0-9.]+%?)\s*,?\s*([0-9.]+%?)[^)]*\)", re.I)
WORD = re.compile(r"[a-z]{3,20}", re.I)

NAMES = {
    "black": (0, 0, 0),
    "white": (255, 255, 255),
    "red": (255, 0, 0),
    "lime": (0, 255, 0),
    "green": (0, 128, 0),
    "blue": (0, 0, 255),
    "yellow": (255, 255, 0),
    "cyan": (0, 255, 255),
    "magenta": (255, 0, 255),
    "silver": (192, 192, 192),
    "gray": (128, 128, 128),
    "maroon": (128, 0, 0),
    "olive": (128, 128, 0),
    "purple": (128, 0, 128),
    "teal": (0, 128, 128),
    "navy": (0, 0, 128),
    "orange": (255, 165, 0),
    "gold": (255, 215, 0),
    "coral": (255, 127, 80),
    "pink": (255, 192, 203),
    "brown": (165, 42, 42),
    "violet": (238, 130, 238),
    "orangered": (255, 69, 0),
    "crimson": (220, 20, 60),
    "tomato": (255, 99, 71),
    "skyblue": (135, 206, 235),
}
BY_RGB = {rgb: name for name, rgb in NAMES.items()}
ALIASES = {"grey": "gray", "aqua": "cyan", "fuchsia": "magenta"}
NOT_COLORS = frozenset({"none", "transparent", "inherit", "initial", "unset", "currentcolor"})


def _channel(text: str) -> int:
    value = float(text.rstrip("%"))
    return round(value * 2.55) if text.endswith("%") else round(value)


def _rgb(color: str) -> tuple[int, int, int] | None:
    if color.startswith("#"):
        digits = color[1:]
        if len(digits) in (3, 4):
            digits = "".join(d * 2 for d in digits[:3])
        return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)
    m = RGB.fullmatch(color)
    if m:
        return _channel(m[1]), _channel(m[2]), _channel(m[3])
    return NAMES.get(ALIASES.get(color, color))


def named(value: str) -> str | None:
    """The colour in a CSS value (`#FF0000`, `rgb(255,0,0)`, `Red`, `#fff5b1 url(x)`),
    by its name when it has one, else as written (lower-cased); None if there is none."""
    value = value.strip().strip("'\"").strip().lower()
    found = HEX.search(value) or RGB.search(value)
    color = found.group(0) if found else None
    if color is None:
        words = [w for w in WORD.findall(value) if w not in NOT_COLORS]
        color = words[0] if words else None
    if color is None:
        return None
    color = ALIASES.get(color, color)
    rgb = _rgb(color)
    return BY_RGB.get(rgb, color) if rgb is not None else color


def near_black(color: str) -> bool:
    """Whether a text colour reads as black: the page's own text, not a highlight."""
    rgb = _rgb(color)
    if rgb is None:
        return False
    return max(rgb) <= 64  # every channel dark: black, #222, rgb(33, 37, 41); not navy


@lru_cache(maxsize=256)
def tag_color(name: str, attrs: str) -> str | None:
    """The highlight colour a `<span>`, `<mark>` or `<font>` tag asks for, or None when it
    is no highlight (a span without a colour, black text)."""
    name = name.lower()
    style = STYLE_ATTR.search(attrs)
    declarations: dict[str, str] = {}
    if style:
        value = next(group for group in style.groups() if group is not None)
        for m in DECLARATION.finditer(value):
            declarations.setdefault(m.group("property").lower(), m.group("value"))
    for key in ("background-color", "background"):
        if key in declarations:
            found = named(declarations[key])
            if found:
                return found
    text = declarations.get("color")
    if text is None and name == "font":
        attr = COLOR_ATTR.search(attrs)
        text = next(group for group in attr.groups() if group is not None) if attr else None
    if text is not None:
        found = named(text)
        if found and not near_black(found):
            return found
        return None
    return "yellow" if name == "mark" else None


def recolored(tag: str, color: str) -> str | None:
    """The opening tag `tag` asking for `color` instead, in its own form (the same
    property of the same attribute); None when it has no colour to change."""
    style = STYLE_ATTR.search(tag)
    if style:
        value_start = next(i for i in (1, 2, 3) if style.group(i) is not None)
        start, end = style.span(value_start)
        value = tag[start:end]
        decl = next(
            (
                m
                for key in ("background-color", "background", "color")
                for m in DECLARATION.finditer(value)
                if m.group("property").lower() == key
            ),
            None,
        )
        if decl is not None:
            old = decl.group("value").rstrip()
            if HEX.search(old):
                swapped = HEX.sub(color, old, count=1)
            elif RGB.search(old):
                swapped = RGB.sub(color, old, count=1)
            else:
                swapped = color
            at = start + decl.start("value")
            return tag[:at] + swapped + tag[at + len(old) :]
    attr = COLOR_ATTR.search(tag)
    if attr:
        index = next(i for i in (1, 2, 3) if attr.group(i) is not None)
        a, b = attr.span(index)
        return tag[:a] + color + tag[b:]
    return None
