"""`promptguard audit report --format html`: one self-contained HTML file with charts.

The charts are drawn with matplotlib (its object API, no pyplot and no GUI backend) as SVG
and inlined, so the file opens offline in any browser: no script, no stylesheet, no font or
image is fetched. What it shows comes from the audit trail, the clearances and the verdicts,
which never hold a prompt or a personal value; the report leaves out even what they do hold
that could be sensitive (subjects such as a code name or a script title, user names, prompt
hashes): only categories, tools, decisions, productions and counts.
"""

from __future__ import annotations

import html
import io
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from promptguard.errors import ReportUnavailable
from promptguard.gate.audit_records import AuditRecord

DECISIONS = ("allow", "notify", "clearance", "block")
DECISION_COLOURS = {
    "allow": "#4c9a5f",
    "notify": "#e0b43c",
    "clearance": "#d9822b",
    "block": "#b3261e",
}
PALETTE = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
    "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
)  # fmt: skip
CLEARANCE_STATUSES = ("valid", "expired", "revoked", "denied", "pending")
TOP = 10


@dataclass
class ProductionData:
    """What one production's state folder says, reduced to what the report may show."""

    name: str
    records: list[AuditRecord] = field(default_factory=list)
    #: clearance status (valid, expired, revoked, ...) -> count, plus "denied" and "pending".
    clearances: Counter = field(default_factory=Counter)


def week_of(timestamp: str) -> str:
    """ISO week of a UTC timestamp, e.g. 2026-W49."""
    try:
        moment = datetime.fromisoformat(timestamp.replace("Z", "+00:00"))
    except ValueError:
        return "unknown"
    year, week, _ = moment.isocalendar()
    return f"{year}-W{week:02d}"


def summarise(productions: list[ProductionData]) -> dict:
    """The numbers behind every chart (also printed as tables under them)."""
    records = [r for p in productions for r in p.records]
    weeks = sorted({week_of(r.time) for r in records})
    by_week: dict[str, Counter] = {week: Counter() for week in weeks}
    for record in records:
        by_week[week_of(record.time)].update(record.categories)
    categories = sorted({c for r in records for c in r.categories})
    by_tool: dict[str, Counter] = {}
    for record in records:
        by_tool.setdefault(record.tool, Counter())[record.decision] += 1
    tools = sorted(by_tool, key=lambda t: (-sum(by_tool[t].values()), t))[:TOP]
    productions_count = Counter({p.name: len(p.records) for p in productions})
    clearances: Counter = Counter()
    for production in productions:
        clearances.update(production.clearances)
    return {
        "total": len(records),
        "first": min((r.time for r in records), default=None),
        "last": max((r.time for r in records), default=None),
        "users": len({r.user for r in records}),
        "decisions": {d: sum(1 for r in records if r.decision == d) for d in DECISIONS},
        "weeks": weeks,
        "categories": categories,
        "findings_by_week": {w: {c: by_week[w].get(c, 0) for c in categories} for w in weeks},
        "tools": tools,
        "decisions_by_tool": {t: {d: by_tool[t].get(d, 0) for d in DECISIONS} for t in tools},
        "productions": dict(productions_count.most_common(TOP)),
        "clearances": {s: clearances.get(s, 0) for s in CLEARANCE_STATUSES},
    }


def render_html(productions: list[ProductionData], title: str, since: str | None = None) -> str:
    """The whole report as one HTML document."""
    summary = summarise(productions)
    charts = _Charts()
    sections = [
        (
            "Findings by category and week",
            charts.findings_by_week(summary),
            _table(
                ["week", *summary["categories"]],
                [[w, *summary["findings_by_week"][w].values()] for w in summary["weeks"]],
            ),
        ),
        (
            "Decisions by destination tool",
            charts.decisions_by_tool(summary),
            _table(
                ["tool", *DECISIONS],
                [[t, *summary["decisions_by_tool"][t].values()] for t in summary["tools"]],
            ),
        ),
        (
            "Top productions (checks)",
            charts.productions(summary),
            _table(["production", "checks"], [[p, n] for p, n in summary["productions"].items()]),
        ),
        (
            "Clearances: granted (still valid), expired, revoked, denied; requests pending",
            charts.clearances(summary),
            _table(["status", "count"], [[s, n] for s, n in summary["clearances"].items()]),
        ),
    ]
    decisions = ", ".join(f"{d} {n}" for d, n in summary["decisions"].items())
    period = (
        f"{summary['first']} to {summary['last']}" if summary["total"] else "no checks recorded"
    )
    body = [
        f"<h1>{_e(title)}</h1>",
        '<p class="meta">',
        f"Checks: <b>{summary['total']}</b> by {summary['users']} user(s), {_e(period)}"
        + (f" (since {_e(since)})" if since else "")
        + f".<br>Decisions: {_e(decisions)}.<br>Generated {date.today().isoformat()} by "
        "promptguard. This report holds no prompt, no personal value and no subject (names, "
        "titles, code names): categories, tools, productions and counts only.</p>",
    ]
    for heading, svg, table in sections:
        body.append(f"<section><h2>{_e(heading)}</h2>{svg}{table}</section>")
    return _PAGE.format(title=_e(title), body="\n".join(body))


class _Charts:
    """matplotlib figures as inline SVG strings."""

    def __init__(self) -> None:
        try:
            import matplotlib
            from matplotlib.figure import Figure
        except ImportError:
            raise ReportUnavailable(
                "the HTML report needs matplotlib: pip install 'promptguard[report]'"
            ) from None
        self._matplotlib = matplotlib
        self._figure = Figure

    def _svg(self, figure) -> str:  # noqa: ANN001
        buffer = io.StringIO()
        with self._matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "pg"}):
            figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
        svg = buffer.getvalue()
        svg = svg[svg.index("<svg") :]  # no XML prolog or DOCTYPE inside HTML
        svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.DOTALL)
        return f'<figure class="chart">{svg}</figure>'

    def _new(self, height: float = 3.2):  # noqa: ANN202
        from matplotlib.ticker import MaxNLocator

        figure = self._figure(figsize=(8, height), dpi=96)
        axes = figure.add_subplot()
        axes.spines[["top", "right"]].set_visible(False)
        for axis in (axes.xaxis, axes.yaxis):
            axis.set_major_locator(MaxNLocator(integer=True))  # counts: whole numbers
        return figure, axes

    @staticmethod
    def _empty(axes, message: str = "nothing recorded") -> None:  # noqa: ANN001
        axes.text(0.5, 0.5, message, ha="center", va="center", transform=axes.transAxes)
        axes.set_xticks([])
        axes.set_yticks([])

    def findings_by_week(self, summary: dict) -> str:
        figure, axes = self._new()
        weeks, categories = summary["weeks"], summary["categories"]
        if not weeks or not categories:
            self._empty(axes, "no findings recorded")
            return self._svg(figure)
        bottom = [0] * len(weeks)
        for index, category in enumerate(categories):
            values = [summary["findings_by_week"][w][category] for w in weeks]
            axes.bar(weeks, values, bottom=bottom, label=category, color=_colour(index))
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        axes.set_ylabel("checks with this finding")
        axes.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1, 1))
        axes.tick_params(axis="x", labelrotation=45, labelsize=8)
        return self._svg(figure)

    def decisions_by_tool(self, summary: dict) -> str:
        tools = summary["tools"]
        figure, axes = self._new(max(2.2, 0.45 * len(tools) + 1.2))
        if not tools:
            self._empty(axes)
            return self._svg(figure)
        left = [0] * len(tools)
        for decision in DECISIONS:
            values = [summary["decisions_by_tool"][t][decision] for t in tools]
            axes.barh(tools, values, left=left, label=decision, color=DECISION_COLOURS[decision])
            left = [a + v for a, v in zip(left, values, strict=True)]
        axes.invert_yaxis()
        axes.set_xlabel("checks")
        axes.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1, 1))
        return self._svg(figure)

    def productions(self, summary: dict) -> str:
        names = list(summary["productions"])
        figure, axes = self._new(max(2.0, 0.45 * len(names) + 1.0))
        if not names:
            self._empty(axes)
            return self._svg(figure)
        axes.barh(names, list(summary["productions"].values()), color=PALETTE[0])
        axes.invert_yaxis()
        axes.set_xlabel("checks")
        return self._svg(figure)

    def clearances(self, summary: dict) -> str:
        figure, axes = self._new(2.8)
        statuses = list(summary["clearances"])
        values = list(summary["clearances"].values())
        colours = ["#4c9a5f", "#9c755f", "#7f7f7f", "#b3261e", "#d9822b"]
        bars = axes.bar(statuses, values, color=colours)
        axes.bar_label(bars, fontsize=8)
        axes.set_ylabel("count")
        return self._svg(figure)


def _colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _table(header: list[str], rows: Iterable[list[object]]) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<details><summary>Numbers</summary><table><tr>{head}</tr>{body}</table></details>"


_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font: 15px/1.45 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto;
        padding: 0 1rem; color: #1d2329; }}
h1 {{ font-size: 1.5rem; }} h2 {{ font-size: 1.15rem; margin-top: 2rem; }}
.meta {{ color: #4a5560; }}
figure.chart {{ margin: .5rem 0; }} figure.chart svg {{ max-width: 100%; height: auto; }}
table {{ border-collapse: collapse; margin: .5rem 0; }}
th, td {{ border: 1px solid #d5d9de; padding: .2rem .5rem; text-align: right; }}
th:first-child, td:first-child {{ text-align: left; }}
</style>
</head>
<body>
{body}
</body>
</html>
"""


def production_data(config, since: str | None = None) -> ProductionData:  # noqa: ANN001
    """Read one production's audit trail, clearances and requests (their state today)."""
    from promptguard.approvals.queue import DENIED, PENDING, ApprovalQueue
    from promptguard.gate.audit import AuditLog

    name = config.production or config.root.name
    records = AuditLog(config.state_dir).records(since)
    queue = ApprovalQueue(config.state_dir)
    counts: Counter = Counter()
    for state in queue.clearances.states():
        if state.status in ("valid", "expired", "revoked"):
            counts[state.status] += 1
    for entry in queue.entries():
        if entry.status in (DENIED, PENDING):
            counts[entry.status] += 1
    return ProductionData(name=name, records=records, clearances=counts)
