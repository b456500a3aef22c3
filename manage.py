#!/usr/bin/env python
"""Django's command-line utility (the `dondoc` command is the same thing)."""

import sys

from dondoc.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
