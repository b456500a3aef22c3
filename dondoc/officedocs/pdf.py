"""A PDF copy of a DOCX through LibreOffice headless, when it is installed.

Each conversion uses its own LibreOffice profile directory: two conversions
sharing the default profile block or fail at random. The output file is checked
(LibreOffice exits 0 even when it wrote nothing).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from django.utils.translation import gettext as _

TIMEOUT_SECONDS = 120


class PdfConversionError(Exception):
    """The PDF could not be made; the message is for the clerk (the DOCX is still there)."""


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(data: bytes, *, timeout: float = TIMEOUT_SECONDS) -> bytes:
    binary = soffice_path()
    if binary is None:
        raise PdfConversionError(_("Máy chủ chưa cài LibreOffice nên chưa tạo được bản PDF; đã có bản DOCX."))
    with tempfile.TemporaryDirectory(prefix="dondoc-pdf-") as tmp:
        work = Path(tmp)
        source = work / "van-ban.docx"
        source.write_bytes(data)
        profile = (work / "profile").as_uri()
        command = [
            binary, f"-env:UserInstallation={profile}", "--headless", "--norestore",
            "--convert-to", "pdf", "--outdir", str(work), str(source),
        ]
        try:
            done = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise PdfConversionError(_("LibreOffice chuyển sang PDF quá lâu; đã có bản DOCX.")) from None
        except OSError as exc:
            raise PdfConversionError(_("Không chạy được LibreOffice (%s); đã có bản DOCX.") % exc) from None
        target = work / "van-ban.pdf"
        if not target.exists() or target.stat().st_size == 0:
            detail = (done.stderr or done.stdout).decode("utf-8", "replace").strip()[:300]
            raise PdfConversionError(
                _("LibreOffice không tạo được bản PDF (mã %(code)s%(detail)s); đã có bản DOCX.")
                % {"code": done.returncode, "detail": f": {detail}" if detail else ""}
            )
        return target.read_bytes()
