"""The headless modules never pull in Textual (checked in a fresh interpreter)."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize(
    "module",
    [
        "reader_tui.models",
        "reader_tui.post",
        "reader_tui.post.inline",
        "reader_tui.post.blocks",
        "reader_tui.grams",
        "reader_tui.library",
    ],
)
def test_headless_module_does_not_import_textual(module: str) -> None:
    code = f"import sys, {module}; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
