"""`python -m reader_tui`: the command line (see `reader_tui.cli`)."""

import sys

from reader_tui.cli import main

if __name__ == "__main__":
    sys.exit(main())
