"""The text layer of a PDF, page by page: the one place promptguard reads PDF files (pypdf).

pypdf is imported on first use only. Encrypted files that open with an empty password (owner
protection only) are read; anything else pypdf cannot read, and a PDF without any text layer
(a scanned image), is a `ScriptReadError` with a one-line reason.
"""

from __future__ import annotations

import io

from promptguard._util import one_line
from promptguard.errors import ScriptReadError


def pdf_pages(data: bytes, name: str = "document.pdf") -> list[str]:
    """The text of each page; raises ScriptReadError when there is none to read."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):  # owner-only protection opens
            raise ScriptReadError(f"{name}: PDF is encrypted; export an unprotected copy")
        pages = [page.extract_text() or "" for page in reader.pages]
    except ScriptReadError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, NotImplementedError) as error:
        raise ScriptReadError(f"{name}: not a readable PDF: {one_line(error)}") from None
    if not any(p.strip() for p in pages):
        raise ScriptReadError(f"{name}: PDF has no text layer (scanned image?)")
    return pages
