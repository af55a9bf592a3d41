"""`reader-tui config`: the settings kept in the library, listed or changed."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from reader_tui.cli.common import UserError, open_library, shared_options
from reader_tui.library import settings

if TYPE_CHECKING:
    import argparse


def cmd_config(args: argparse.Namespace) -> int:
    with open_library(args.db, create=args.value is not None, verbose=args.verbose) as library:
        if args.name is None:
            chosen = settings.load(library)
            for field in dataclasses.fields(settings.Settings):
                name = field.name.replace("_", "-")
                value = settings.shown(getattr(chosen, field.name))
                print(f"{name} = {value}    # {settings.HELP.get(field.name, '')}")
            return 0
        name = args.name.replace("-", "_")
        try:
            value = settings.parse_value(name, "on" if args.value is None else args.value)
        except KeyError as error:
            raise UserError(error.args[0]) from None
        except ValueError as error:
            if args.value is not None:
                raise UserError(str(error)) from None
        if args.value is None:
            print(settings.shown(getattr(settings.load(library), name)))
            return 0
        settings.save(library, **{name: value})
        print(f"{args.name} = {settings.shown(value)}")
    return 0


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    config = commands.add_parser(
        "config",
        parents=[shared_options()],
        help="list or change the settings kept in the library",
        description="With no NAME, list the settings (each with what it does); with NAME, "
        "show one; with NAME and VALUE, change it. The app's palette has the same settings "
        "(Settings).",
    )
    config.add_argument("name", nargs="?", metavar="NAME", help="a setting, e.g. max-post-mb")
    config.add_argument("value", nargs="?", metavar="VALUE", help="its new value, e.g. 10")
    config.set_defaults(func=cmd_config)
