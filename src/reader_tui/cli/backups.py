"""`reader-tui backups`: the previous versions write-back kept, listed and restored."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from reader_tui.cli.common import UserError, open_library, shared_options
from reader_tui.terminal import plain
from reader_tui.writeback import (
    WriteBack,
    WriteBackError,
    WrittenNotReadError,
    apply,
    backups_folder,
    backups_of,
)

if TYPE_CHECKING:
    import argparse


def cmd_backups(args: argparse.Namespace) -> int:
    with open_library(args.db, create=False, verbose=args.verbose) as library:
        if args.post is None:
            if args.restore is not None:
                raise UserError("--restore needs the post: reader-tui backups POST --restore N")
            folder = backups_folder(library)
            kept = sorted(folder.iterdir()) if folder.is_dir() else []
            for backup in kept:
                print(plain(backup.name))
            print(f"{len(kept)} backup{'' if len(kept) == 1 else 's'} in {plain(str(folder))}")
            return 0
        post = Path(args.post).expanduser().resolve()
        kept = backups_of(library, str(post))
        if args.restore is None:
            for number, backup in enumerate(kept, 1):
                stamp = dt.datetime.strptime(backup.name[:22], "%Y%m%d-%H%M%S-%f")
                print(f"{number}  {stamp:%Y-%m-%d %H:%M:%S}  {backup.stat().st_size} bytes")
            if not kept:
                print(f"no backups of {plain(str(post))}")
            return 0
        if not 1 <= args.restore <= len(kept):
            raise UserError(f"{post}: has {len(kept)} backups; give a number from the list")
        chosen = kept[args.restore - 1]
        try:
            before = post.read_bytes().decode("utf-8", "replace")
            after = chosen.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise UserError(f"{chosen}: cannot be restored ({error})") from None
        # The version being replaced is kept too: a restore can be undone. (The post is
        # read back into the library as it is written.)
        try:
            apply(library, WriteBack(0, str(post), before, after))
        except WrittenNotReadError as error:
            raise UserError(error.told("restored")) from None
        except WriteBackError as error:
            raise UserError(str(error)) from None
        print(f"restored {plain(str(post))} from {plain(chosen.name)}")
    return 0


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    backups = commands.add_parser(
        "backups",
        parents=[shared_options()],
        help="list or restore the previous versions write-back kept",
        description="With no POST, list every backup; with POST, list its backups, newest "
        "last; with --restore N, put backup N back (the version it replaces is kept too).",
    )
    backups.add_argument("post", nargs="?", metavar="POST", help="a post in the library")
    backups.add_argument("--restore", type=int, metavar="N", help="the backup to put back")
    backups.set_defaults(func=cmd_backups)
