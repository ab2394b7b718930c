"""Split a document's text into citable passages: summary, numbered paragraphs, footnotes.

A WCO working document taken from a PDF mixes page furniture into its text (stray
asterisks, headings such as ``I. Background``, a footnote in the middle of a
paragraph). Paragraph numbers are the stable anchors, so a paragraph starts only at
the *next* number (``7.`` after ``6.``), and a footnote only at the next footnote
number whose marker the text before it carries (``meetings1``). A document without
numbered paragraphs is cut at blank lines, and its passages are labelled as
unnumbered. A passage's text is its lines joined by single spaces, so a quote taken
from it is verbatim in the source with whitespace normalised.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PARA = re.compile(r"^\s*(\d{1,3})\.\s+(\S.*)$")
_FOOTNOTE = re.compile(r"^\s*(\d{1,2})\s+(\S.*)$")
_HEADING = re.compile(r"^\s*[IVX]{1,5}\.\s+\S")
_FURNITURE = re.compile("^[\\s*_\\-\u2013]*$")
_AGENDA = re.compile(r"^\(Item\s+(.+?)\s+on the Agenda\)$")
_AGENDA_TYPE = re.compile(r"^\([“\"]([A-Z])[”\"]\s+Item on the Agenda\)$")


@dataclass(frozen=True)
class Passage:
    """One citable passage: its IRI segment (``para/5``), label (``5``) and text."""

    segment: str
    label: str
    text: str

    @property
    def claim_segment(self) -> str:
        """The passage part of a claim IRI: ``para-5``, ``summary``, ``footnote-1``."""
        return self.segment.replace("/", "-")


@dataclass(frozen=True)
class Layout:
    """What the document's layout says: its title, agenda item and passages."""

    title: str | None
    agenda_item: str | None
    agenda_item_type: str | None
    header: str
    passages: tuple[Passage, ...]
    numbered: bool


def _join(lines: list[str]) -> str:
    return " ".join(" ".join(lines).split())


def split_passages(text: str) -> Layout:
    """The passages of ``text``, in document order (the summary first)."""
    lines = text.replace("\r\n", "\n").replace("\f", "\n").split("\n")
    body_start = next(
        (i for i, line in enumerate(lines) if (m := _PARA.match(line)) and m.group(1) == "1"),
        None,
    )
    header_end = len(lines) if body_start is None else body_start
    summary, header_lines, summary_end = _summary(lines[:header_end])
    title = next(
        (line.strip() for line in header_lines if line.strip() and not _FURNITURE.match(line)), None
    )
    agenda = agenda_type = None
    for line in header_lines:
        if match := _AGENDA.match(line.strip()):
            agenda = match.group(1)
        if match := _AGENDA_TYPE.match(line.strip()):
            agenda_type = match.group(1)
    passages: list[Passage] = []
    if summary:
        passages.append(Passage("summary", "summary", summary))
    if body_start is not None:
        passages += _numbered(lines[body_start:])
    else:
        passages += _unnumbered(lines[max(summary_end, _after_title(lines)) :])
    return Layout(
        title=title,
        agenda_item=agenda,
        agenda_item_type=agenda_type,
        header=_join(header_lines),
        passages=tuple(passages),
        numbered=body_start is not None,
    )


def _after_title(lines: list[str]) -> int:
    for index, line in enumerate(lines):
        if line.strip() and not _FURNITURE.match(line):
            return index + 1
    return 0


def _summary(lines: list[str]) -> tuple[str, list[str], int]:
    """The summary's text, the header lines around it, and where the summary ends."""
    start = next((i for i, line in enumerate(lines) if line.strip() == "SUMMARY"), None)
    if start is None:
        return "", lines, 0
    end = start + 1
    while end < len(lines) and not (lines[end].strip() and _FURNITURE.match(lines[end])):
        end += 1
    return _join(lines[start + 1 : end]), lines[:start], end


def _numbered(lines: list[str]) -> list[Passage]:
    passages: list[Passage] = []
    current: list[str] = []
    label = ""
    footnote: list[str] | None = None
    footnote_no = 1
    next_para = 1

    def close_paragraph() -> None:
        if label and current:
            passages.append(Passage(f"para/{label}", label, _join(current)))

    for line in lines:
        para = _PARA.match(line)
        if para and int(para.group(1)) == next_para:
            if footnote is not None:
                passages.append(_footnote(footnote_no - 1, footnote))
                footnote = None
            close_paragraph()
            label, current, next_para = para.group(1), [para.group(2)], next_para + 1
            continue
        note = _FOOTNOTE.match(line)
        if note and int(note.group(1)) == footnote_no and _has_marker(current, footnote_no):
            footnote, footnote_no = [note.group(2)], footnote_no + 1
            continue
        if footnote is not None:
            if line.strip():
                footnote.append(line)
                continue
            passages.append(_footnote(footnote_no - 1, footnote))
            footnote = None
            continue
        if _HEADING.match(line) or (line.strip() and _FURNITURE.match(line)):
            close_paragraph()
            label, current = "", []
            continue
        if label:
            current.append(line)
    if footnote is not None:
        passages.append(_footnote(footnote_no - 1, footnote))
    close_paragraph()
    return sorted(passages, key=_order)


def _order(passage: Passage) -> tuple[int, int]:
    kind, _, number = passage.segment.partition("/")
    return (0 if kind == "para" else 1, int(number))


def _has_marker(lines: list[str], number: int) -> bool:
    return re.search(rf"[A-Za-z.)]{number}\b", " ".join(lines)) is not None


def _footnote(number: int, lines: list[str]) -> Passage:
    return Passage(f"footnote/{number}", f"footnote {number}", _join(lines))


def _unnumbered(lines: list[str]) -> list[Passage]:
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip() and not _FURNITURE.match(line):
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    texts = [_join(block) for block in blocks if block]
    return [
        Passage(f"para/{n}", f"paragraph {n} (unnumbered)", text)
        for n, text in enumerate(texts, start=1)
    ]
