"""Word documents (``.docx``) read as text: one paragraph a line.

Desks and translators exchange articles as Word files. Every command that reads an
article (``lint``, ``terms``, ``annotate``, ``survey``) gets a ``TextFile`` whose lines
are the document's paragraphs, so positions stay ``LINE:COLUMN`` everywhere:

* the line is the paragraph's number, 1-based, counted over the body in document order;
  a table's paragraphs are counted where the table stands, row by row and cell by cell
  (a merged cell once, a nested table where it stands in its cell);
* the column is the character (Unicode code point) in that paragraph, 1-based; a tab
  or a manual line break inside a paragraph counts as one character (shown as a space).

Empty paragraphs are counted (Word numbers them too). Headers, footers, footnotes,
comments and text boxes are not read. A ``.docx`` is never rewritten: ``lint --fix``
and ``--diff`` refuse it (``REWRITE_REFUSED``), since a Word paragraph's text is split
over runs that carry its formatting.

A ``.docx`` is a zip of XML parts: it is refused as a possible zip bomb from the sizes it
declares before anything is inflated (the check the XLSX reader uses), and python-docx
parses the parts with lxml without resolving entities.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from yakugo.glossary.errors import InputError, located
from yakugo.glossary.textfile import TextFile

if TYPE_CHECKING:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

DOCX_KIND = "docx"  # TextFile.kind of a file read from a Word document
REWRITE_REFUSED = "a Word document (.docx) is read, never rewritten: --fix and --diff refuse it; fix it in Word"

# A manual line break (w:br, w:cr) would split one paragraph over two lines: one character still.
_INNER_BREAKS = str.maketrans({"\n": " ", "\r": " ", "\t": " "})


def read_docx(data: bytes, path: str) -> TextFile:
    """The document in ``data`` as a ``TextFile`` (kind ``docx``), one paragraph a line,
    or an ``InputError`` in one line for anything that is not a readable Word document."""
    from yakugo.glossary.spreadsheet import check_inflated_sizes  # brings lxml: only when a .docx is read

    check_inflated_sizes(data, path, "DOCX", "Word document (.docx)")
    try:
        paragraphs = docx_paragraphs(data)
    except RecursionError:
        raise InputError(located(path, None, "not a readable Word document (.docx): tables nested too deep")) from None
    except Exception as error:  # noqa: BLE001 - python-docx and lxml raise many kinds on broken parts
        reason = " ".join(str(error).split()) or type(error).__name__
        raise InputError(located(path, None, f"not a readable Word document (.docx): {reason}")) from None
    return TextFile(path, "\n".join(paragraphs), "utf-8", kind=DOCX_KIND)


def docx_paragraphs(data: bytes) -> list[str]:
    """The text of each paragraph of the document's body, in the order of the module docstring."""
    import io

    from docx import Document  # only when a Word document is read: it costs start-up time

    document = Document(io.BytesIO(data))
    return [paragraph.text.translate(_INNER_BREAKS) for paragraph in _paragraphs_in(document.iter_inner_content())]


def _paragraphs_in(blocks: Iterator[Paragraph | Table]) -> Iterator[Paragraph]:
    from docx.table import Table

    for block in blocks:
        if isinstance(block, Table):
            yield from _paragraphs_of_table(block)
        else:
            yield block


def _paragraphs_of_table(table: Table) -> Iterator[Paragraph]:
    # python-docx repeats a merged cell once per grid column (and row) it spans: read it once.
    # The elements are kept, not only their ids: lxml hands out the same proxy for a node while
    # one is alive, and a kept proxy's id cannot be reused by another.
    seen: dict[int, object] = {}
    for row in table.rows:
        for cell in row.cells:
            element = cell._tc
            if id(element) in seen:
                continue
            seen[id(element)] = element
            yield from _paragraphs_in(cell.iter_inner_content())
