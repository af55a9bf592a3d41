"""Opening the seed post in a real terminal until its text shows, vs hike 1.4.0.

Usage: python bench/terminal.py [POST]   (default notes/2022-03-15-AIgroup.markdown)

Each run starts the app in a fresh tmux session (a private socket, 160x45) and reads the
screen every few milliseconds until a line of the post's first paragraph is on it: the
time a reader waits to start reading. hike (a Markdown browser built on Textual) opens
the same file in the same way; it is installed into `.venv-hike/` on first use (the
package registry is needed once). Ours opens the post from a library that already
holds it, as on any day but the first. Median of 7 runs each, alternating; goal <= 0.5x.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HIKE_VENV = ROOT / ".venv-hike"
RUNS = 7


def hike() -> Path:
    """hike 1.4.0's command, installed into its own environment if it is not there."""
    command = HIKE_VENV / "bin" / "hike"
    if not command.exists():
        subprocess.run([sys.executable, "-m", "venv", str(HIKE_VENV)], check=True)
        pip = [str(HIKE_VENV / "bin" / "python"), "-m", "pip", "install", "-q"]
        subprocess.run([*pip, "hike==1.4.0"], check=True)
    return command


def until_shown(command: list[str], text: str, env: dict[str, str]) -> float:
    """Seconds from starting `command` in a new terminal until `text` is on its screen."""
    socket = f"bench-{os.getpid()}-{time.monotonic_ns()}"  # a server of its own each run
    tmux = ["tmux", "-L", socket]
    shell = " ".join(f"'{part}'" for part in command)
    started = time.perf_counter()
    subprocess.run(
        [*tmux, "new-session", "-d", "-x", "160", "-y", "45", shell], check=True, env=env
    )
    try:
        while True:
            screen = subprocess.run(
                [*tmux, "capture-pane", "-p"], capture_output=True, text=True, check=False
            ).stdout
            if text in screen:
                return time.perf_counter() - started
            if time.perf_counter() - started > 30:
                raise RuntimeError(f"{command[0]} never showed {text!r}:\n{screen}")
            time.sleep(0.005)
    finally:
        subprocess.run([*tmux, "kill-server"], check=False, capture_output=True)


def main() -> None:
    if shutil.which("tmux") is None:
        sys.exit("bench/terminal.py needs tmux")
    post = Path(
        sys.argv[1] if len(sys.argv) > 1 else ROOT / "notes" / "2022-03-15-AIgroup.markdown"
    )
    first = next(
        line
        for line in post.read_text(encoding="utf-8").splitlines()
        if len(line) > 40 and not line.startswith(("[", "#", "-", "title", "subtitle"))
    )
    text = first[:12]  # what both show at the top of the first screen
    ours = [str(Path(sys.executable).parent / "reader-tui"), str(post)]
    theirs = [str(hike()), "--no-navigation", str(post)]
    # As installed: the package's modules compiled once (this machine sets
    # PYTHONDONTWRITEBYTECODE, so an editable checkout would compile on every start).
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "src")],
        check=True,
        capture_output=True,
    )
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "READER_TUI_DB": str(Path(tmp) / "library.db")}
        until_shown(ours, text, env)  # the library made and the post imported, once
        until_shown(theirs, text, env)  # hike's first start (its caches) too
        our_times, their_times = [], []
        for _ in range(RUNS):
            our_times.append(until_shown(ours, text, env))
            their_times.append(until_shown(theirs, text, env))
    o, h = statistics.median(our_times), statistics.median(their_times)
    print(f"post: {post.name}; waited for {text!r}")
    print(
        f"open until its text shows: {o:.2f} s vs hike 1.4.0 {h:.2f} s"
        f" = {o / h:.2f}x (goal <= 0.5x)"
    )


if __name__ == "__main__":
    main()
