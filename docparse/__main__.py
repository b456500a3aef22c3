"""``python -m docparse FILE... --format jsonl``."""

import sys

from docparse.cli import run

sys.exit(run(sys.argv[1:]))
