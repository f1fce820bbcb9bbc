"""The report as a tagged PDF, with WeasyPrint (the optional extra ``wyoutcomes[pdf]``).

The HTML stays the canonical output; the PDF is printed from it with the page's own print
stylesheet. ``SOURCE_DATE_EPOCH`` is set to the end of the reported quarter while printing, so
the same report gives the same PDF bytes; the PDF is tagged (``pdf_tags``) so headings, tables
and figures keep their structure for screen readers, and its language is the page's (en-GB).
"""

from __future__ import annotations

import os
from datetime import date, datetime, timezone
from pathlib import Path

__all__ = ["pdf_bytes", "weasyprint_missing", "write_pdf"]


def weasyprint_missing() -> str:
    """Why WeasyPrint cannot be used here, or an empty string when it can."""
    try:
        import weasyprint  # noqa: F401  (only checking it imports)
    except ImportError as exc:
        return f"WeasyPrint is not installed ({exc}); pip install 'wyoutcomes[pdf]'"
    except OSError as exc:  # installed, but the system's Pango/cairo libraries are missing
        return f"WeasyPrint cannot load its system libraries ({exc})"
    return ""


def pdf_bytes(html: str, reported_to: date, *, compress: bool = True) -> bytes:
    """The PDF of a rendered report (PDF/UA-1, tagged); its dates are the reported period's end.

    ``compress=False`` writes plain object streams, for reading the structure in tests.
    """
    import weasyprint

    epoch = int(
        datetime(
            reported_to.year, reported_to.month, reported_to.day, tzinfo=timezone.utc
        ).timestamp()
    )
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        document = weasyprint.HTML(string=html)
        return document.write_pdf(
            pdf_variant="pdf/ua-1", pdf_tags=True, uncompressed_pdf=not compress
        )
    finally:
        if before is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def write_pdf(html: str, path: str | Path, reported_to: date) -> None:
    """Write the PDF of a rendered report to ``path``."""
    Path(path).write_bytes(pdf_bytes(html, reported_to))
