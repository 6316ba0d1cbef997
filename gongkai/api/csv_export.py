"""Lists as CSV files that Excel opens correctly: UTF-8 with a byte-order mark, CRLF rows."""

import csv
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

Column = tuple[str, Callable[[object], object]]
"""A header and a function from a row object to its cell."""

BOM = "\ufeff"
# A cell starting with these is taken as a formula by spreadsheets (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class _Echo:
    """csv.writer needs a file; this one hands each line back to the streaming response."""

    def write(self, value: str) -> str:
        return value


def csv_response(filename: str, columns: Sequence[Column], rows: Iterable) -> StreamingHttpResponse:
    """Stream ``rows`` as a CSV download named ``filename`` (may be Chinese)."""
    writer = csv.writer(_Echo())

    def lines():
        yield BOM + writer.writerow([header for header, _ in columns])
        for row in rows:
            yield writer.writerow([cell_text(get(row)) for _, get in columns])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "；".join(cell_text(item) for item in value)
    return formula_safe(str(value))


def formula_safe(value):
    """A text a spreadsheet would run as a formula (=HYPERLINK(...), +cmd...) quoted with ', so
    that it shows as typed; other values as they are (numbers stay numbers in a workbook). Every
    CSV and XLSX export passes its cells through this: their text comes from the public too."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value
