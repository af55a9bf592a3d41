"""The real command in a pseudo-terminal (120x40): keys typed as a terminal sends them,
everything it writes kept, for tests that need a real terminal."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import sys
import termios
import time


class Terminal:
    """`reader-tui ARGS` in a 120x40 pseudo-terminal; everything it writes is kept."""

    def __init__(self, *args: str) -> None:
        pid, fd = pty.fork()
        if pid == 0:  # the child: the app, on the terminal's other side
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
            os.environ["TERM"] = "xterm-256color"
            os.environ["COLUMNS"], os.environ["LINES"] = "120", "40"  # pytest sets its own
            os.execv(sys.executable, [sys.executable, "-m", "reader_tui", *args])
        self.pid, self.fd, self.output = pid, fd, b""

    def read(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.fd], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    return  # the app ended
                if not chunk:
                    return
                self.output += chunk

    def expect(self, text: str, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while text.encode() not in self.output:
            assert time.monotonic() < deadline, f"never showed {text!r}"
            self.read(0.2)

    def press(self, keys: bytes) -> None:
        os.write(self.fd, keys)

    def close(self) -> int:
        self.press(b"\x11")  # ctrl+q
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            self.read(0.2)
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                os.close(self.fd)
                return os.waitstatus_to_exitcode(status)
        os.kill(self.pid, 9)
        raise AssertionError("the app did not quit")
