"""Which files an import reads: the posts under the folders given, and the posts named.

A folder is untrusted ground: only regular files are read (a FIFO named `x.md` would
hang the read; sockets and devices likewise), a symlink is followed only when its target
stays inside the folder being imported (a link to `/etc/shadow` is not a post), each
real file and folder is visited once (two links to `.` do not make the walk exponential,
a second link to a post is not a second article), and a name that is not UTF-8 is
skipped with a warning that names it. Paths are the real files' paths. No Textual.
"""

from __future__ import annotations

import functools
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reader_tui.models import NO_SUCH_PATH
from reader_tui.terminal import plain

if TYPE_CHECKING:
    from collections.abc import Iterable

POST_SUFFIXES = (".md", ".markdown")
NOT_REGULAR = "not a regular file (a pipe, socket or device); skipped"
OUTSIDE = "a link to {target}, outside the folder; not followed"
BAD_NAME = "the file name is not UTF-8; rename the file to import it"


@dataclass(slots=True)
class Walk:
    """What an import found: its folders, its posts as (path, mtime in ns, size), the
    posts named directly, and what it skipped (path, reason) or refused."""

    roots: list[str] = field(default_factory=list)
    found: list[tuple[str, int, int]] = field(default_factory=list)
    named: set[str] = field(default_factory=set)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)
    # Whether a post may have been met twice (a link followed, several paths given): the
    # posts found are then told apart by their files at the end (see `_one_each`).
    may_repeat: bool = False


def shown_path(path: str) -> str:
    """A path as a message may show it: undecodable bytes and controls escaped."""
    return plain(path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace"))


def readable_name(path: str) -> bool:
    """Whether `path` is valid UTF-8 (os gives undecodable bytes as surrogates)."""
    if path.isascii():
        return True
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def walk(paths: Iterable[str | Path]) -> Walk:
    """Gather the posts of `paths` (folders are walked, files taken as named)."""
    result = Walk()
    seen: set[tuple[int, int]] = set()
    paths = list(paths)
    result.may_repeat = len(paths) > 1
    for raw in paths:
        path = Path(raw).expanduser()
        try:
            real = path.resolve()
            info = real.stat()
        except FileNotFoundError:
            result.rejected.append((shown_path(str(raw)), NO_SUCH_PATH))
            continue
        except (OSError, RuntimeError) as error:  # RuntimeError: a link loop
            reason = getattr(error, "strerror", None) or error
            result.rejected.append((shown_path(str(raw)), f"cannot be read ({reason})"))
            continue
        if stat.S_ISDIR(info.st_mode):
            result.roots.append(str(real))
            _walk_folder(str(real), result, seen)
        elif not stat.S_ISREG(info.st_mode):
            result.rejected.append((shown_path(str(raw)), NOT_REGULAR))
        elif not readable_name(str(real)):
            result.rejected.append((shown_path(str(real)), BAD_NAME))
        elif (info.st_dev, info.st_ino) not in seen:
            seen.add((info.st_dev, info.st_ino))
            result.named.add(str(real))
            result.found.append((str(real), info.st_mtime_ns, info.st_size))
    if result.may_repeat:
        _one_each(result)
    return result


def _one_each(result: Walk) -> None:
    """Keep the first of the posts found that are one file (met through a link, or under
    two of the paths given)."""
    unique: dict[tuple[int, int], tuple[str, int, int]] = {}
    for post in result.found:
        try:
            info = os.stat(post[0])
        except OSError:
            continue  # gone since: as the walk would not have met it
        unique.setdefault((info.st_dev, info.st_ino), post)
    result.found = list(unique.values())


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _walk_folder(root: str, result: Walk, seen: set[tuple[int, int]]) -> None:
    folders: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        current = stack.pop()
        try:
            here = os.stat(current)
            if (here.st_dev, here.st_ino) in folders:
                continue  # a second way into a folder already walked
            folders.add((here.st_dev, here.st_ino))
            entries = list(os.scandir(current))
        except OSError:
            continue
        found = result.found
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                if entry.is_symlink():
                    _follow(entry.path, root, result, stack, seen)
                    continue
                # The entry's type comes with the folder listing: only posts cost a stat.
                if entry.is_dir(follow_symlinks=False):
                    if readable_name(entry.path):
                        stack.append(entry.path)
                    else:
                        result.skipped.append((shown_path(entry.path), BAD_NAME))
                    continue
                if not name.endswith(POST_SUFFIXES):
                    continue
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            path = entry.path
            # `_take` written out for the common case, a regular file with one name (an
            # ASCII one here): met again only through a link, which sets `may_repeat`.
            # A refresh of 10,000 unchanged posts is mostly this loop.
            if info.st_nlink == 1 and stat.S_ISREG(info.st_mode) and path.isascii():
                found.append((path, info.st_mtime_ns, info.st_size))
            else:
                _take(path, path, info, result, seen)


def _take(
    path: str, target: str, info: os.stat_result, result: Walk, seen: set[tuple[int, int]]
) -> None:
    """A post met at `path` (its real file `target`), unless it is no regular file, its name
    is not UTF-8, or it was met already."""
    if not stat.S_ISREG(info.st_mode):
        result.skipped.append((shown_path(path), NOT_REGULAR))
        return
    if not readable_name(path):
        result.skipped.append((shown_path(path), BAD_NAME))
        return
    key = (info.st_dev, info.st_ino)
    if key in seen:
        return  # the same post through another link
    seen.add(key)
    result.found.append((target, info.st_mtime_ns, info.st_size))


def _follow(
    path: str, root: str, result: Walk, stack: list[str], seen: set[tuple[int, int]]
) -> None:
    """A symlink met in the walk: followed only when its target stays inside `root`."""
    result.may_repeat = True
    target = os.path.realpath(path)
    try:
        info = os.stat(target)
    except OSError:
        return
    is_folder = stat.S_ISDIR(info.st_mode)
    if not is_folder and not path.endswith(POST_SUFFIXES):
        return
    if not _inside(target, root):
        reason = OUTSIDE.format(target=shown_path(target))
        result.skipped.append((shown_path(path), reason))
    elif is_folder:
        stack.append(target)
    else:
        _take(path, target, info, result, seen)


@functools.lru_cache(maxsize=256)
def _site_root(posts: str) -> str | None:
    """The Jekyll site a `_posts` folder belongs to: the nearest folder above it with a
    `_config.yml` (or a `_posts` of its own); None when nothing says where the site is."""
    parent = Path(posts).parent
    for folder in [parent, *parent.parents]:
        if (folder / "_config.yml").is_file() or (folder / "_config.toml").is_file():
            return str(folder)
        if folder != parent and (folder / "_posts").is_dir():
            return str(folder)
    return None


def folder_categories(path: str) -> tuple[str, ...]:
    """The categories Jekyll takes from the folders between the site and `_posts`
    (`site/foo/_posts/post.md`: foo); none when the post is not under `_posts`."""
    parts = Path(path).parts
    if "_posts" not in parts[:-1]:
        return ()
    posts = Path(*parts[: parts.index("_posts") + 1])
    root = _site_root(str(posts))
    if root is None:
        return ()
    return posts.parent.relative_to(root).parts
