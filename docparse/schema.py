"""to_schema: ParsedDocument -> the JSON object of SCHEMA.md."""

from __future__ import annotations

from typing import Any

from docparse.model import ParsedDocument


def to_schema(parsed: ParsedDocument) -> dict[str, Any]:
    """The ``document`` and ``tasks`` of SCHEMA.md (dates as ISO strings)."""
    doc = parsed.document
    return {
        "document": {
            "kind": doc.kind,
            "number": doc.number,
            "issuer": doc.issuer,
            "place": doc.place,
            "issued_on": doc.issued_on.isoformat() if doc.issued_on else None,
            "subject": doc.subject,
            "signer": doc.signer,
            "signer_title": doc.signer_title,
            "recipients": list(doc.recipients),
            "references": [
                {"number": r.number, "date": r.date.isoformat() if r.date else None}
                for r in doc.references
            ],
        },
        "tasks": [
            {
                "text": t.text,
                "lead": list(t.lead),
                "support": list(t.support),
                "due": t.due.isoformat() if t.due else None,
                "due_text": t.due_text,
                "recurring": t.recurring,
            }
            for t in parsed.tasks
        ],
    }
