"""What the README tells a newcomer to type exists: its reader-tui commands and options
parse (their --help runs), and its make targets are in the Makefile."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

from reader_tui.cli import COMMANDS
from tests.conftest import ROOT, run_cli

README = (ROOT / "README.md").read_text(encoding="utf-8")


def readme_commands() -> list[list[str]]:
    """Every `reader-tui ...` line of the README's shell blocks, as words."""
    lines = []
    for block in re.findall(r"```sh\n(.*?)```", README, re.S):
        for line in block.replace("\\\n", " ").splitlines():
            line = line.split("#")[0].strip()
            if "reader-tui" in line and not line.startswith(("eval", "pipx", "sqlite-utils")):
                words = shlex.split(line)
                lines.append(words[[w.endswith("reader-tui") for w in words].index(True) + 1 :])
    return lines


def test_every_command_the_readme_shows_exists_and_parses() -> None:
    commands = readme_commands()
    assert len(commands) > 15
    for words in commands:
        if words and words[0] in COMMANDS:
            result = run_cli(words[0], "--help")
            assert result.returncode == 0, words
            for option in [w.split("=")[0] for w in words if w.startswith("--")]:
                assert option in result.stdout, (words, option)
        else:  # the app on a folder or a post: its options are the opener's
            assert all(w in ("--db",) or not w.startswith("-") for w in words), words


def test_every_make_target_the_readme_names_is_in_the_makefile() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z]+):", makefile, re.M))
    named = set(re.findall(r"`make (\w+)`", README)) | set(re.findall(r"^make (\w+)", README, re.M))
    assert {"run", "test", "help", "check", "bench", "fuzz", "soak", "screenshot"} <= named
    assert named <= targets


def test_shell_completion_offers_the_commands() -> None:
    out = Path(os.environ.get("TMPDIR", "/tmp")) / f"completion-{os.getpid()}.txt"
    env = {
        **os.environ,
        "_ARGCOMPLETE": "1",
        "COMP_LINE": "reader-tui se",
        "COMP_POINT": "13",
        "_ARGCOMPLETE_STDOUT_FILENAME": str(out),
    }
    subprocess.run([sys.executable, "-m", "reader_tui"], env=env, timeout=60, check=False)
    try:
        assert out.read_text().split() == ["search"]
    finally:
        out.unlink(missing_ok=True)
