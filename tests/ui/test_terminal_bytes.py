"""The bytes the real app writes to a real terminal (a pseudo-terminal) while it shows a
hostile post: no escape sequence from the post's text reaches the terminal. The post's
sequences (OSC 52 clipboard writes, `ESC[2J`, OSC 8 links, C1 CSI, bidi overrides) show
as pictures; Textual's own sequences are the same as for a harmless post."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from tests.terminal import Terminal
from tests.ui.test_hostile_text import yaml_quoted

if TYPE_CHECKING:
    from pathlib import Path

    from tests.conftest import MakeLibrary

HOSTILE = "\x1b]52;c;SEVJTA==\x07 \x1b[2J \x1b]8;;http://e.vil\x07 \x9b31m \u202e거꾸로"


def session(folder: Path, text: str) -> bytes:
    """Open the library on a post holding `text`, read the post, quit; the bytes written."""
    notes = folder / "notes"
    notes.mkdir()
    (notes / "2022-03-16-post.md").write_text(
        f"---\ntitle: {yaml_quoted('제목 ' + text)}\n---\n\n[링크](https://e.com)\n"
        f"앞 {text} 뒤\n\n* * *\n\n### 3. 요약 : {text}\n",
        encoding="utf-8",
    )
    terminal = Terminal(str(notes), "--db", str(folder / "library.db"))
    terminal.expect("제목")  # its row, once the background import has run
    terminal.read(0.3)
    terminal.press(b"\r")
    terminal.expect("뒤")
    terminal.read(0.5)
    assert terminal.close() == 0
    return terminal.output


def test_no_escape_sequence_from_a_post_reaches_the_terminal(tmp_path: Path) -> None:
    (tmp_path / "plain").mkdir()
    (tmp_path / "hostile").mkdir()
    harmless = session(tmp_path / "plain", "평범한 글")
    written = session(tmp_path / "hostile", HOSTILE)
    assert b"\x1b]52" not in written  # no clipboard write
    assert b"e.vil" not in written.replace("␛]8;;http://e.vil".encode(), b"")
    assert "\x9b".encode() not in written  # no C1 CSI
    assert "\u202e".encode() not in written  # no bidi override
    # Textual clears the screen itself; the post adds no clear of its own.
    assert written.count(b"\x1b[2J") == harmless.count(b"\x1b[2J")
    shown = written.decode("utf-8", "replace")
    assert "␛]52;c;SEVJTA==" in shown  # the post's text, shown as text


def test_an_export_to_a_terminal_shows_escapes_as_text(make_library: MakeLibrary) -> None:
    post = (
        f"---\ntitle: {yaml_quoted(HOSTILE)}\n---\n\n{HOSTILE} 본문\n\n"
        f'<span style="color:red">{HOSTILE}</span>\n'
    )
    library = make_library({"2022-03-16-post.md": post}, seed=False)
    for kind in ("md", "csv"):
        terminal = Terminal("export", "--format", kind, "--db", library.path)
        terminal.read(10)
        assert b"\x1b]52" not in terminal.output
        assert b"\\x1b]52;c;SEVJTA==" in terminal.output
        os.close(terminal.fd)
        os.waitpid(terminal.pid, 0)


def test_a_post_named_on_the_command_line_opens_at_its_text(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    post = notes / "2022-03-16-post.md"
    post.write_text(
        "---\ntitle: 바로 열기\n---\n\n[링크](https://e.com)\n"
        '첫 문단의 <span style="color:blue">파란 구절</span> 입니다.\n\n* * *\n\n'
        "### 3. 요약 : 요약 한 줄\n",
        encoding="utf-8",
    )
    terminal = Terminal(str(post), "--db", str(tmp_path / "library.db"))
    terminal.expect("파란 구절")  # the article, without going through the library
    terminal.expect("요약 한 줄")  # and its notes pane
    terminal.read(0.3)
    assert b"Traceback" not in terminal.output
    assert terminal.close() == 0
    assert "파란 구절" in post.read_text(encoding="utf-8")  # opened, not changed
