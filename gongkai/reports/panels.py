"""Edit-view panels: the table 二 figures as a grid of labelled inputs, and the report's state."""

from django.urls import reverse
from wagtail.admin.panels import Panel

from gongkai.reports.annual import TABLE2_LAYOUT
from gongkai.reports.forms import entered_cells, table2_field_name
from gongkai.reports.selectors import report_problems


class Table2FiguresPanel(Panel):
    """One small table per 第二十条 item with an input per cell, under the official labels."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "reports/admin/table2_figures_panel.html"

        def is_shown(self):
            return bool(self.instance.pk)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            fmt = self.instance.format
            blocks = []
            for block in TABLE2_LAYOUT[fmt]:
                rows = {}
                for cell_block, row, row_label, col, _label in entered_cells(fmt):
                    if cell_block is block:
                        field = self.form[table2_field_name(f"{row}.{col}")]
                        rows.setdefault(row, (row_label, []))[1].append(field)
                if rows:
                    blocks.append((block, list(rows.values())))
            context["blocks"] = blocks
            return context


class ReportStatePanel(Panel):
    """When the tables were computed, what still stops publication, and the review page."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "reports/admin/state_panel.html"

        def is_shown(self):
            return bool(self.instance.pk)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            report = self.instance
            context["report"] = report
            context["problems"] = report_problems(report)
            context["review_url"] = reverse(
                "wagtailsnippets_reports_annualreport:review", args=[report.pk]
            )
            return context
