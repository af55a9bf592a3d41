"""Shared fixtures: the seed post and the optional corpus."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "notes" / "2022-03-15-AIgroup.markdown"


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    """A notes folder holding a copy of the seed post."""
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / SEED.name).write_bytes(SEED.read_bytes())
    return folder


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def corpus_dir() -> Path | None:
    """The folder `READER_TUI_CORPUS` names, when it is set and exists."""
    value = os.environ.get("READER_TUI_CORPUS")
    if not value:
        return None
    path = Path(value)
    return path if path.is_dir() else None


def corpus_files() -> list[Path]:
    root = corpus_dir()
    if root is None:
        return []
    return sorted(
        p for p in root.rglob("*") if p.suffix in (".md", ".markdown") and p.name != "README.md"
    )
