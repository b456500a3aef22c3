"""Argument parsing shared by the reminder commands."""

from __future__ import annotations

import argparse
import datetime as dt


def parse_day(value: str) -> dt.date:
    """A date written dd/mm/yyyy (as officials write it) or yyyy-mm-dd."""
    value = value.strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"Ngày không hợp lệ: “{value}” (viết dd/mm/yyyy, ví dụ 05/03/2026).")
