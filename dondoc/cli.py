"""The `dondoc` console command.

Every subcommand is a Django management command (``dondoc extract``,
``dondoc demo``, ``dondoc migrate`` …); hyphenated names such as
``urge-letter`` map to ``urge_letter``.
"""

import os
import sys


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and not args[0].startswith("-"):
        args[0] = args[0].replace("-", "_")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(["dondoc", *args])
    except SystemExit as stop:
        return stop.code if isinstance(stop.code, int) else 1
    return 0
