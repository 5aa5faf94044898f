"""CSV files for spreadsheets: the one writer every export of the marketplace goes through.

Whatever the export, a French spreadsheet user gets:

- UTF-8 with a byte order mark (without it Excel reads the accents as Windows-1252), ``;`` between
  cells (the list separator of French Excel and LibreOffice, where the comma is the decimal mark),
  CRLF at line ends; served as ``text/csv; charset=utf-8``, as an attachment with an ASCII name;
- numbers written from typed values (int, Decimal, float) with a decimal comma and no thousands
  separator, dates as 2026-03-01 and times as 2026-03-01 14:05 (Europe/Paris): both spreadsheets
  read these as numbers and dates;
- text that a spreadsheet would run as a formula neutralised (OWASP's "CSV injection"): a text cell
  starting with ``=``, ``+``, ``-``, ``@``, a tab, a carriage return or a line feed is prefixed with a
  single quote, which spreadsheets show as text (also when spaces come first). A customer named
  ``=HYPERLINK(...)`` stays a name.

Only text is neutralised. ``Decimal("-3.00")`` is a number and is written ``-3,00``, which the
spreadsheet reads as the number it is; the text ``"-2+3"`` (a product title, say) is written
``'-2+3``. So an export passes amounts, counts and dates as typed values, never as strings it
formatted itself: a pre-formatted ``"-3,00"`` would be treated as text and come out as ``'-3,00``.
"""

from __future__ import annotations

import csv
import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import IO, Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _

BYTE_ORDER_MARK = "\ufeff"
DELIMITER = ";"
CONTENT_TYPE = "text/csv; charset=utf-8"
# What a spreadsheet takes for the start of a formula (OWASP), and the line feed some importers
# drop before looking.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
MAX_FILENAME_LENGTH = 100


def neutralised(text: str) -> str:
    """``text`` as a spreadsheet shows it, never runs it. Spaces before the sign count for nothing:
    an importer that trims cells would find the formula behind them."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) or text.lstrip().startswith(FORMULA_STARTS) else text


def _number(value: Decimal) -> str:
    # "f": never an exponent (Decimal("1E+2") is 100); no thousands separator, a decimal comma.
    return format(value, "f").replace(".", ",")


def cell(value: Any) -> str:
    """One value as the text of its cell: typed values as numbers and dates, anything else as
    neutralised text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return _number(value)
    if isinstance(value, float):
        return _number(Decimal(repr(value)))
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return neutralised(str(value))


class SpreadsheetWriter:
    """Writes rows of values to an open text stream (a file, an HttpResponse) in the marketplace's
    CSV dialect, each value through ``cell``. Has ``writerow``, as ``csv.writer`` does, so that
    Oscar's report formatters can write through it."""

    def __init__(self, stream: IO[str] | HttpResponse):
        self._writer = csv.writer(stream, delimiter=DELIMITER, lineterminator="\r\n")

    def writerow(self, values: Iterable[Any]) -> None:
        self._writer.writerow([cell(value) for value in values])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for values in rows:
            self.writerow(values)


def attachment_filename(name: str) -> str:
    """``name`` (possibly given by a user: an uploaded file's name) as a plain ASCII file name
    ending in .csv: no path, no quote, nothing a browser or a shell would read differently."""
    stem = name[:-4] if name.lower().endswith(".csv") else name
    return f"{slugify(stem)[:MAX_FILENAME_LENGTH].strip('-') or 'export'}.csv"


def csv_attachment(filename: str) -> HttpResponse:
    """An empty CSV download, its byte order mark written: write the rows into it with a
    ``SpreadsheetWriter``."""
    response = HttpResponse(content_type=CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, attachment_filename(filename))
    response.write(BYTE_ORDER_MARK)
    return response


def csv_response(filename: str, header: Iterable[Any], rows: Iterable[Iterable[Any]]) -> HttpResponse:
    """A CSV download of ``header`` then ``rows``.

    Built whole rather than streamed: exports are bounded (one shop's orders, a report's rows, an
    import of at most 5,000 lines), and an error while reading the rows is then an error page, not
    a truncated file.
    """
    response = csv_attachment(filename)
    writer = SpreadsheetWriter(response)
    writer.writerow(header)
    writer.writerows(rows)
    return response
