"""What the admin lists' CSV and XLSX downloads add to Wagtail's own export
(``SpreadsheetExportMixin``, behind ``ModelViewSet.list_export``).

- Columns are declared once, as ``ExportColumn(key, heading, value)``: the
  heading translated, the value read by a function (a registrant without a
  country is an empty cell, not an error).
- CSV starts with a byte-order mark, so spreadsheet software reads Arabic as
  UTF-8, and every cell goes through the search exports' formula guard
  (``safe_cell``): a registrant's organisation ``=cmd|…`` stays text.
  Wagtail already keeps XLSX cells that look like formulas as strings.
- Dates and times are ISO 8601 in CSV; real dates in XLSX.
- An XLSX downloaded in a right-to-left language opens right to left.
- The file's name carries the day it was taken.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone, translation
from wagtail.admin.views.mixins import ExcelDateFormatter

from search.http.export_columns import safe_cell  # the search exports' formula guard


@dataclass(frozen=True)
class ExportColumn:
    key: str
    heading: Any  # a lazy translation
    value: Callable


class SafeSpreadsheetMixin:
    """Mixed into a Wagtail ``IndexView`` before its own classes."""

    export_columns: tuple[ExportColumn, ...] = ()
    export_name = "export"

    @property
    def list_export(self):
        return [column.key for column in self.export_columns]

    @property
    def export_headings(self):
        return {column.key: column.heading for column in self.export_columns}

    def get_filename(self):
        return f"{self.export_name}-{timezone.localdate().isoformat()}"

    def to_row_dict(self, item):
        return {column.key: column.value(item) for column in self.export_columns}

    def preprocess_field_value(self, field, value, export_format):
        if export_format == self.FORMAT_CSV:
            if isinstance(value, datetime.date | datetime.time):
                return value.isoformat()
            return safe_cell(super().preprocess_field_value(field, value, export_format))
        return super().preprocess_field_value(field, value, export_format)

    def stream_csv(self, queryset):
        yield "\ufeff"
        yield from super().stream_csv(queryset)

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response

    def write_xlsx(self, queryset, output):
        from openpyxl import Workbook

        workbook = Workbook(write_only=True, iso_dates=True)
        worksheet = workbook.create_sheet(title="Sheet1")
        worksheet.sheet_view.rightToLeft = translation.get_language_bidi()
        worksheet.append(self.get_heading(queryset, field) for field in self.list_export)
        date_format = ExcelDateFormatter().get()
        for item in queryset:
            row = self.to_row_dict(item)
            worksheet.append(self.generate_xlsx_row(worksheet, row, date_format=date_format))
        workbook.save(output)
