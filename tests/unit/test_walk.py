"""The walk an import or refresh makes: each post once, however many ways lead to it."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from reader_tui.library import Library, importing
from reader_tui.library.walk import walk
from tests.unit.posts import write_post

if TYPE_CHECKING:
    from pathlib import Path


def paths(found: list[tuple[str, int, int]]) -> list[str]:
    return sorted(os.path.basename(path) for path, _, _ in found)


def files(found: list[tuple[str, int, int]]) -> list[tuple[int, int]]:
    """The files found, one (device, inode) each time one is found."""
    return sorted((os.stat(path).st_dev, os.stat(path).st_ino) for path, _, _ in found)


def test_a_post_reached_through_links_or_named_twice_is_found_once(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    first = write_post(notes / "2022", "2022-03-15-a.md", "본문\n")
    second = write_post(notes / "2022", "2022-03-16-b.md", "본문\n")
    both = files([(str(first), 0, 0), (str(second), 0, 0)])
    (notes / "a-again.md").symlink_to(first)  # a file link inside the folder
    (notes / "year").symlink_to(notes / "2022")  # a folder link inside it
    assert files(walk([notes]).found) == both
    os.link(first, notes / "a-hard.md")  # one file, two names
    assert files(walk([notes]).found) == both
    # the folder and a folder in it, and a post in both, given together
    assert files(walk([notes, notes / "2022", first]).found) == both


def test_a_hard_linked_post_is_found_once_by_the_name_met_first(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    post = write_post(notes, "2022-03-15-a.md", "본문\n")
    os.link(post, notes / "2022-03-15-b.md")
    assert len(walk([notes]).found) == 1


def test_a_link_out_of_the_folder_is_skipped_with_its_reason(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    write_post(notes, "2022-03-15-a.md", "본문\n")
    outside = write_post(tmp_path / "elsewhere", "2022-03-16-b.md", "본문\n")
    (notes / "b.md").symlink_to(outside)
    gathered = walk([notes])
    assert paths(gathered.found) == ["2022-03-15-a.md"]
    assert [reason for _, reason in gathered.skipped] == [
        f"a link to {outside}, outside the folder; not followed"
    ]


def test_a_library_imports_each_linked_post_once(library: Library, tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    first = write_post(notes / "2022", "2022-03-15-a.md", "본문\n")
    (notes / "year").symlink_to(notes / "2022")
    (notes / "a.md").symlink_to(first)
    assert importing.import_paths(library, [notes]).added == 1
    assert importing.import_paths(library, [notes, first]).unchanged == 1


def test_a_folder_given_with_a_folder_inside_it_finds_each_post_once(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    post = write_post(notes / "2022", "2022-03-15-a.md", "본문\n")
    assert files(walk([notes, notes / "2022"]).found) == files([(str(post), 0, 0)])
    assert files(walk([post, notes]).found) == files([(str(post), 0, 0)])
