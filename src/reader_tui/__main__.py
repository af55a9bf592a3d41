"""`python -m reader_tui`: the command line (see `reader_tui.cli`)."""

from reader_tui.cli import run

if __name__ == "__main__":
    run()
