"""Benchmark docparse: documents per second by format, OCR speed, linear growth.

Run: .venv/bin/python bench/extract.py [DEV_DIR]
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import docparse  # noqa: E402
from docparse.tests.conftest import BODY, HEADER_LEFT, make_docx, render_page  # noqa: E402

DEV = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docparse" / "tests" / "golden"


def rate(label: str, func, items: list, min_seconds: float = 2.0) -> None:
    count = 0
    start = time.perf_counter()
    while time.perf_counter() - start < min_seconds:
        for item in items:
            func(item)
            count += 1
    elapsed = time.perf_counter() - start
    print(f"{label:<34} {count / elapsed:10.1f} documents/s")


def main() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(DEV.glob("*.txt"))]
    print(f"docparse benchmark — {len(texts)} text documents from {DEV}")
    rate("text (.txt, parse only)", docparse.parse_text, texts)
    raw = [t.encode("utf-8") for t in texts]
    rate("text (.txt, read + parse)", lambda d: docparse.parse_file(d, "a.txt"), raw)

    docx = make_docx()
    rate("DOCX (read + parse)", lambda d: docparse.parse_file(d, "a.docx"), [docx])

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:
        with tempfile.TemporaryDirectory() as folder:
            src = Path(folder) / "letter.docx"
            src.write_bytes(docx)
            subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{folder}/p",
                            "--convert-to", "pdf", "--outdir", folder, str(src)],
                           check=True, capture_output=True, timeout=180)
            pdf = (Path(folder) / "letter.pdf").read_bytes()
        rate("PDF with text layer (read + parse)", lambda d: docparse.parse_file(d, "a.pdf"),
             [pdf])
    else:
        print("PDF: skipped (LibreOffice not installed to make one)")

    if shutil.which("tesseract"):
        image = render_page([*HEADER_LEFT, *BODY] * 3)
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        data = buffer.getvalue()
        runs = 3
        start = time.perf_counter()
        for _ in range(runs):
            docparse.parse_file(data, "scan.png")
        print(f"{'OCR (one A4-width page, vie)':<34} {(time.perf_counter() - start) / runs:10.2f} s/page")
    else:
        print("OCR: skipped (tesseract not installed)")

    # Linear growth: one long document built from the dev bodies.
    # Without "Nơi nhận" the whole text is one long body, so the task
    # segmentation (not just the header) is measured.
    corpus = "\n\n".join(
        "\n".join(ln for ln in t.splitlines() if "Nơi nhận" not in ln) for t in texts
    )
    for megabytes in (1, 2, 4):
        size = megabytes * 1024 * 1024
        text = (corpus * (size // len(corpus.encode("utf-8")) + 1))[: size // 2]
        while len(text.encode("utf-8")) < size:
            text += corpus
        text = text.encode("utf-8")[:size].decode("utf-8", errors="ignore")
        start = time.perf_counter()
        parsed = docparse.parse_text(text)
        elapsed = time.perf_counter() - start
        print(f"parse {megabytes} MB of text{'':<19} {elapsed:10.2f} s"
              f"  ({len(parsed.tasks)} tasks, {elapsed / megabytes:.2f} s/MB)")


if __name__ == "__main__":
    main()
