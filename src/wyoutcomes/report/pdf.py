"""The report as a tagged PDF, with WeasyPrint (the optional extra ``wyoutcomes[pdf]``).

The HTML stays the canonical output; the PDF is printed from it with the page's own print
stylesheet. ``SOURCE_DATE_EPOCH`` is set to the end of the reported quarter while printing, so
the same report gives the same PDF bytes; the PDF is tagged (``pdf_tags``) so headings, tables
and figures keep their structure for screen readers, and its language is the page's (en-GB).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from datetime import date, datetime, timezone
from pathlib import Path

__all__ = ["pdf_bytes", "pdf_pages", "weasyprint_missing", "write_pdf"]


def weasyprint_missing() -> str:
    """Why WeasyPrint cannot be used here, or an empty string when it can."""
    try:
        import weasyprint  # noqa: F401  (only checking it imports)
    except ImportError as exc:
        return f"WeasyPrint is not installed ({exc}); pip install 'wyoutcomes[pdf]'"
    except OSError as exc:  # installed, but the system's Pango/cairo libraries are missing
        return f"WeasyPrint cannot load its system libraries ({exc})"
    return ""


def pdf_pages(html: str, reported_to: date, *, compress: bool = True) -> tuple[bytes, int]:
    """The PDF of a rendered report and how many pages it has (laid out once)."""
    import weasyprint

    with _epoch(reported_to):
        document = weasyprint.HTML(string=html).render(pdf_variant="pdf/ua-1", pdf_tags=True)
        data = document.write_pdf(
            pdf_variant="pdf/ua-1", pdf_tags=True, uncompressed_pdf=not compress
        )
    return data, len(document.pages)


def pdf_bytes(html: str, reported_to: date, *, compress: bool = True) -> bytes:
    """The PDF of a rendered report (PDF/UA-1, tagged); its dates are the reported period's end.

    ``compress=False`` writes plain object streams, for reading the structure in tests.
    """
    return pdf_pages(html, reported_to, compress=compress)[0]


def write_pdf(html: str, path: str | Path, reported_to: date) -> int:
    """Write the PDF of a rendered report to ``path``; return its number of pages."""
    data, pages = pdf_pages(html, reported_to)
    Path(path).write_bytes(data)
    return pages


@contextlib.contextmanager
def _epoch(reported_to: date) -> Iterator[None]:
    """``SOURCE_DATE_EPOCH`` at the reported period's end while printing (same PDF bytes)."""
    epoch = int(
        datetime(
            reported_to.year, reported_to.month, reported_to.day, tzinfo=timezone.utc
        ).timestamp()
    )
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before
