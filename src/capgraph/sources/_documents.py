"""Read a document's text: plain text, PDF (its text layer, with pypdf) or DOCX (python-docx)."""

from __future__ import annotations

from pathlib import Path

from capgraph.errors import InputError

#: The document formats ``extract`` reads, by file extension.
DOCUMENT_EXTENSIONS = (".txt", ".pdf", ".docx")


def read_document(path: Path) -> str:
    """The text of ``path``; one clear error (file, what) when it cannot be read."""
    suffix = path.suffix.lower()
    if suffix not in DOCUMENT_EXTENSIONS:
        raise InputError(
            f"unknown document type {suffix or '(none)'!r}; expected one of "
            + ", ".join(DOCUMENT_EXTENSIONS),
            file=str(path),
        )
    if not path.is_file():
        raise InputError("document not found", file=str(path))
    if suffix == ".pdf":
        text = _pdf_text(path)
    elif suffix == ".docx":
        text = _docx_text(path)
    else:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            raise InputError(
                f"not UTF-8 text (byte {error.start}): save it as UTF-8", file=str(path)
            ) from None
    if not text.strip():
        raise InputError(
            "the document holds no text (a scanned PDF has no text layer)", file=str(path)
        )
    return text


def _pdf_text(path: Path) -> str:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:  # pragma: no cover - the extra is installed in the tests
        raise InputError(
            "reading PDF needs the 'extract' extra: pip install capgraph[extract]", file=str(path)
        ) from None
    try:
        reader = PdfReader(path)
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, OSError) as error:
        raise InputError(f"not a readable PDF: {error}", file=str(path)) from None
    return "\n\n".join(pages)


def _docx_text(path: Path) -> str:
    try:
        import docx
    except ImportError:  # pragma: no cover - the extra is installed in the tests
        raise InputError(
            "reading DOCX needs the 'extract' extra: pip install capgraph[extract]", file=str(path)
        ) from None
    from zipfile import BadZipFile

    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (BadZipFile, PackageNotFoundError, KeyError, ValueError, OSError) as error:
        raise InputError(f"not a readable DOCX file: {error}", file=str(path)) from None
    # A blank line between paragraphs, as in the plain-text form of a working document.
    return "\n\n".join(paragraph.text for paragraph in document.paragraphs)
