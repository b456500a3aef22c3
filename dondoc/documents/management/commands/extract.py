"""``dondoc extract FILE... [--format jsonl|json|text]``: print what docparse reads in each file."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = (
        "Đọc văn bản (DOCX, PDF, bản quét, ảnh, TXT) và in các trường, nhiệm vụ trích xuất được; "
        "--format jsonl (mặc định) in mỗi tệp một dòng JSON theo SCHEMA.md. "
        "Mã thoát 1 nếu có tệp không đọc được."
    )
    requires_system_checks: list = []  # start fast; the database is not needed

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--format", choices=["jsonl", "json", "text"], default="jsonl")
        parser.add_argument("--max-bytes", type=int, default=None,
                            help="giới hạn dung lượng mỗi tệp (mặc định DONDOC_MAX_UPLOAD_BYTES)")

    def handle(self, *args: Any, files: list[str], format: str, max_bytes: int | None, **options: Any) -> None:
        from django.conf import settings

        from dondoc.documents.extraction import run_extract_command

        limit = max_bytes or settings.DONDOC_MAX_UPLOAD_BYTES
        out = getattr(self.stdout, "_out", sys.stdout)
        status = run_extract_command([*files, "--format", format, "--max-bytes", str(limit)], stdout=out)
        out.flush()
        if status:
            sys.exit(status)
