"""Server-side SVG charts: no JavaScript, no CDN — the page and its print carry them."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from dondoc.reports.queries import MonthPoint, UnitRow, percent

COMPLETION, ON_TIME = "#1f6fb2", "#2e8b57"
ASSIGNED, DONE, OVERDUE = "#1f6fb2", "#2e8b57", "#a4161a"


def _short(text: str, limit: int = 38) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def rate_bars(rows: Sequence[UnitRow]) -> SafeString:
    """Completion rate and on-time rate of each unit, as paired horizontal bars."""
    label_w, bar_w, step = 260, 400, 26
    height = 30 + step * len(rows)
    parts = [
        f'<svg class="chart" viewBox="0 0 {label_w + bar_w + 70} {height}" role="img" '
        f'aria-label="{escape(_("Tỷ lệ hoàn thành và tỷ lệ đúng hạn theo đơn vị"))}">',
        f'<rect x="{label_w}" y="4" width="10" height="10" fill="{COMPLETION}"/>'
        f'<text x="{label_w + 14}" y="13" font-size="11">{escape(_("Tỷ lệ hoàn thành"))}</text>',
        f'<rect x="{label_w + 140}" y="4" width="10" height="10" fill="{ON_TIME}"/>'
        f'<text x="{label_w + 154}" y="13" font-size="11">{escape(_("Tỷ lệ đúng hạn"))}</text>',
    ]
    for i, row in enumerate(rows):
        y = 24 + i * step
        parts.append(f'<text x="{label_w - 6}" y="{y + 13}" font-size="11" text-anchor="end">'
                     f'<title>{escape(row.ref.name)}</title>{escape(_short(row.ref.name))}</text>')
        for j, (value, colour) in enumerate(((row.figures.completion_rate, COMPLETION),
                                             (row.figures.on_time_rate, ON_TIME))):
            width = round((value or 0) * bar_w, 1)
            by = y + j * 10
            parts.append(f'<rect x="{label_w}" y="{by}" width="{width}" height="9" fill="{colour}">'
                         f'<title>{escape(percent(value))}</title></rect>')
            parts.append(f'<text x="{label_w + width + 4}" y="{by + 8}" font-size="9">{escape(percent(value))}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))


def trend_lines(points: Sequence[MonthPoint]) -> SafeString:
    """Per month of assignment: tasks assigned, done and overdue, as three lines."""
    width, height, left, bottom, top = 720, 240, 40, 40, 30
    plot_w, plot_h = width - left - 20, height - top - bottom
    peak = max([1, *(max(p.assigned, p.done, p.overdue) for p in points)])
    n = max(1, len(points) - 1)

    def xy(i: int, value: int) -> str:
        return f"{left + plot_w * i / n:.1f},{top + plot_h * (1 - value / peak):.1f}"

    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="{escape(_("Diễn biến theo tháng giao"))}">',
             f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="#888"/>',
             f'<text x="{left - 4}" y="{top + 4}" font-size="10" text-anchor="end">{peak}</text>',
             f'<text x="{left - 4}" y="{top + plot_h}" font-size="10" text-anchor="end">0</text>']
    legend = ((ASSIGNED, _("Được giao"), "assigned"), (DONE, _("Đã hoàn thành"), "done"),
              (OVERDUE, _("Quá hạn"), "overdue"))
    for k, (colour, name, attr) in enumerate(legend):
        parts.append(f'<rect x="{left + k * 130}" y="6" width="10" height="10" fill="{colour}"/>'
                     f'<text x="{left + k * 130 + 14}" y="15" font-size="11">{escape(name)}</text>')
        coords = " ".join(xy(i, getattr(p, attr)) for i, p in enumerate(points))
        parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{coords}"/>')
        for i, p in enumerate(points):
            cx, cy = xy(i, getattr(p, attr)).split(",")
            parts.append(f'<circle cx="{cx}" cy="{cy}" r="3" fill="{colour}">'
                         f'<title>{escape(p.label)}: {getattr(p, attr)}</title></circle>')
    every = max(1, len(points) // 12)
    for i, p in enumerate(points):
        if i % every == 0:
            x = left + plot_w * i / n
            parts.append(f'<text x="{x:.1f}" y="{top + plot_h + 16}" font-size="10" '
                         f'text-anchor="middle">{escape(p.label)}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))
