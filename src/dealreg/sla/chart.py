"""The geometry of the SLA report page's three charts, per week of submission and per vendor: the
median business hours to decision (a line each, under the vendors' target and hard limit), the
share decided within target (a line each) and the breaches (stacked bars). Pure layout in the
SVG's own units; the template only draws what is computed here, so nothing about scales, gaps or
where a label goes lives in markup.
"""

import math
import uuid
from collections.abc import Iterable
from datetime import date

import msgspec

from dealreg.dates import mondays
from dealreg.sla.reports import Limits, WeekRow

# Drawn at about this many CSS pixels wide, on a phone or beside its twin on a wide screen.
WIDTH = 420
HEIGHT = 220
# Room for the y labels on the left, half a label above, the week labels below.
LEFT, RIGHT, TOP, BOTTOM = 36, 14, 10, 26
MAX_X_LABELS = 6
MAX_Y_TICKS = 5
# The height of a label's text (the page sets 13px in the SVG's units), and the gap between a
# policy line and its label.
TEXT_HEIGHT = 13
LABEL_GAP = 3
# More lines than this are unreadable on a phone; the page says how many vendors are left out.
MAX_SERIES = 8
# Okabe-Ito (its yellow, unreadable on white, swapped for a wine): told apart by colour-blind
# readers too.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#882255", "#000000")


class Tick(msgspec.Struct, frozen=True):
    at: float
    label: str


class Point(msgspec.Struct, frozen=True):
    x: float
    y: float
    title: str


class Line(msgspec.Struct, frozen=True):
    vendor: str
    color: str
    path: str
    points: list[Point]


class Bar(msgspec.Struct, frozen=True):
    x: float
    y: float
    width: float
    height: float
    color: str
    title: str


class Rule(msgspec.Struct, frozen=True, kw_only=True):
    """A policy line across the plot: a target or a hard limit, in business hours, and its label
    (at the plot's right end, above the line where there is room, never over another label)."""

    kind: str
    y: float
    label: str
    label_y: float
    title: str


class Series(msgspec.Struct, frozen=True):
    vendor: str
    color: str


class Chart(msgspec.Struct, frozen=True, kw_only=True):
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    lines: list[Line] = []
    bars: list[Bar] = []
    rules: list[Rule] = []


class Charts(msgspec.Struct, frozen=True, kw_only=True):
    series: list[Series]
    hidden_vendors: int
    hours: Chart
    within_target: Chart
    breaches: Chart


def nice_ticks(highest: float, *, whole: bool) -> list[float]:
    """0 and round steps (1, 2 or 5 times a power of ten) up to at least `highest`; whole numbers for counts."""
    # Figures are shown to the hundredth: below a millionth the default axis holds them (and
    # the step's power of ten would underflow to 0 for a value near the smallest float).
    if highest < 1e-6:
        return [0.0, 1.0]
    raw = highest / (MAX_Y_TICKS - 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    if whole:
        step = max(1.0, math.ceil(step))
    # The 1e-9 forgives float noise (3.0000000001 is 3); at least one step above 0, always.
    count = max(1, math.ceil(highest / step - 1e-9))
    return [step * i for i in range(count + 1)]


def _number(value: float) -> str:
    return f"{value:g}"


def _slot(weeks: list[date]) -> float:
    return (WIDTH - RIGHT - LEFT) / len(weeks)


def _x(weeks: list[date]) -> dict[date, float]:
    """Each week at the middle of its slot, so a bar never straddles the plot's edge."""
    return {week: LEFT + _slot(weeks) * (i + 0.5) for i, week in enumerate(weeks)}


def _x_ticks(weeks: list[date], x: dict[date, float]) -> list[Tick]:
    every = math.ceil(len(weeks) / MAX_X_LABELS)
    return [Tick(x[week], f"{week.day} {week:%b}") for week in weeks[::every]]


def _y(ticks: list[float]) -> tuple[list[Tick], float]:
    """The ticks placed on the plot, and the SVG units per data unit."""
    scale = (HEIGHT - BOTTOM - TOP) / ticks[-1]
    return [Tick(HEIGHT - BOTTOM - value * scale, _number(value)) for value in ticks], scale


def _share_ticks() -> list[Tick]:
    """0 to 100 per cent in quarters (the numbers alone: "100%" is wider than the margin)."""
    return [
        Tick(HEIGHT - BOTTOM - share * (HEIGHT - BOTTOM - TOP), f"{share * 100:g}")
        for share in (0, 0.25, 0.5, 0.75, 1)
    ]


def _rules(
    shown: list[uuid.UUID],
    names: dict[uuid.UUID, str],
    limits: dict[uuid.UUID, Limits],
    scale: float,
) -> list[Rule]:
    """One line per distinct target and per distinct hard limit of the charted vendors; its label
    names the vendors it is theirs when they differ."""
    rules = []
    for kind, word, of_vendor in (
        ("target", "target", {v: limits[v].target_hours for v in shown if v in limits}),
        ("hard_limit", "hard limit", {v: limits[v].hard_limit_hours for v in shown if v in limits}),
    ):
        holders: dict[float, list[str]] = {}
        for vendor, value in of_vendor.items():
            holders.setdefault(value, []).append(names[vendor])
        for hours, vendors in sorted(holders.items()):
            label = f"{word} {_number(hours)} h"
            if len(holders) > 1:
                label += f": {vendors[0]}" if len(vendors) == 1 else f": {len(vendors)} vendors"
            y = HEIGHT - BOTTOM - hours * scale
            rules.append(
                Rule(
                    kind=kind,
                    y=y,
                    label=label,
                    label_y=y,
                    title=f"{word.capitalize()}: {_number(hours)} business hours "
                    f"({', '.join(vendors)})",
                )
            )
    return _place_labels(rules)


def _place_labels(rules: list[Rule]) -> list[Rule]:
    """Each label's baseline: just above its line, or just below it when the line is too near the
    top of the picture; then moved as little as keeps every label inside the plot (below the top
    of the picture, above the week labels) and off the others. Where there are more lines than
    labels fit one above another, the lowest lines go unlabelled (they keep their titles)."""
    ordered = sorted(rules, key=lambda rule: rule.y)
    room = 1 + int((HEIGHT - BOTTOM - TEXT_HEIGHT) // TEXT_HEIGHT)
    labelled, unlabelled = ordered[:room], ordered[room:]
    baselines = []
    for rule in labelled:
        above = rule.y - LABEL_GAP
        baselines.append(above if above >= TEXT_HEIGHT else rule.y + LABEL_GAP + TEXT_HEIGHT)
    floor = float(TEXT_HEIGHT)
    for i, baseline in enumerate(baselines):
        baselines[i] = max(baseline, floor)
        floor = baselines[i] + TEXT_HEIGHT
    ceiling = float(HEIGHT - BOTTOM)
    for i in reversed(range(len(baselines))):
        baselines[i] = min(baselines[i], ceiling)
        ceiling = baselines[i] - TEXT_HEIGHT
    return [
        msgspec.structs.replace(rule, label_y=baseline)
        for rule, baseline in zip(labelled, baselines, strict=True)
    ] + [msgspec.structs.replace(rule, label="") for rule in unlabelled]


def _path(points: list[Point], weeks: list[date], present: list[date]) -> str:
    """One polyline per run of consecutive weeks: a week without decisions is a gap, not a zero."""
    index = {week: i for i, week in enumerate(weeks)}
    parts = []
    previous: int | None = None
    for point, week in zip(points, present, strict=True):
        command = "L" if previous is not None and index[week] == previous + 1 else "M"
        parts.append(f"{command}{point.x:.1f},{point.y:.1f}")
        previous = index[week]
    return " ".join(parts)


def _top_vendors(rows: Iterable[WeekRow]) -> tuple[list[uuid.UUID], dict[uuid.UUID, str], int]:
    """The vendors with the most submissions (at most MAX_SERIES), by name, and how many more."""
    submitted: dict[uuid.UUID, int] = {}
    names: dict[uuid.UUID, str] = {}
    for row in rows:
        submitted[row.vendor_id] = submitted.get(row.vendor_id, 0) + row.figures.submitted
        names[row.vendor_id] = row.vendor
    ranked = sorted(submitted, key=lambda v: (-submitted[v], names[v]))
    shown = sorted(ranked[:MAX_SERIES], key=lambda v: names[v])
    return shown, names, len(ranked) - len(shown)


def build(
    rows: list[WeekRow],
    first_day: date,
    last_day: date,
    limits: dict[uuid.UUID, Limits] | None = None,
) -> Charts:
    """The charts of the weeks of [first_day, last_day]; `limits`, the charted vendors' targets
    and hard limits, are drawn across the hours chart (and its scale reaches them)."""
    limits = limits or {}
    weeks = mondays(first_day, last_day)
    x = _x(weeks)
    x_ticks = _x_ticks(weeks, x)
    shown, names, hidden = _top_vendors(rows)
    colors = {vendor: PALETTE[i] for i, vendor in enumerate(shown)}
    by_vendor = {vendor: [r for r in rows if r.vendor_id == vendor] for vendor in shown}

    hours = [
        r.figures.median_hours_to_decision
        for r in rows
        if r.vendor_id in colors and r.figures.median_hours_to_decision is not None
    ]
    hours += [limits[vendor].hard_limit_hours for vendor in shown if vendor in limits]
    hours += [limits[vendor].target_hours for vendor in shown if vendor in limits]
    hour_ticks, hour_scale = _y(nice_ticks(max(hours, default=0.0), whole=False))
    lines = []
    for vendor in shown:
        decided = [r for r in by_vendor[vendor] if r.figures.median_hours_to_decision is not None]
        points = [
            Point(
                x[r.week],
                HEIGHT - BOTTOM - (r.figures.median_hours_to_decision or 0.0) * hour_scale,
                f"{names[vendor]}, week of {r.week.isoformat()}: median "
                f"{_number(r.figures.median_hours_to_decision or 0.0)} business hours "
                f"over {r.figures.decided} decided",
            )
            for r in decided
        ]
        path = _path(points, weeks, [r.week for r in decided])
        lines.append(Line(names[vendor], colors[vendor], path, points))

    shares = []
    for vendor in shown:
        decided = [r for r in by_vendor[vendor] if r.figures.decided_within_target is not None]
        points = [
            Point(
                x[r.week],
                HEIGHT
                - BOTTOM
                - (r.figures.decided_within_target or 0.0) * (HEIGHT - BOTTOM - TOP),
                f"{names[vendor]}, week of {r.week.isoformat()}: "
                f"{r.figures.decided_within_target or 0.0:.0%} of {r.figures.decided} decided "
                "within target",
            )
            for r in decided
        ]
        path = _path(points, weeks, [r.week for r in decided])
        shares.append(Line(names[vendor], colors[vendor], path, points))

    per_week: dict[date, int] = {}
    for r in rows:
        if r.vendor_id in colors:
            per_week[r.week] = per_week.get(r.week, 0) + r.figures.breaches
    breach_ticks, breach_scale = _y(nice_ticks(max(per_week.values(), default=0), whole=True))
    width = max(1.0, _slot(weeks) * 0.7)
    stacked: dict[date, float] = {}
    bars = []
    for vendor in shown:
        for r in by_vendor[vendor]:
            if not r.figures.breaches:
                continue
            height = r.figures.breaches * breach_scale
            base = stacked.get(r.week, HEIGHT - BOTTOM)
            stacked[r.week] = base - height
            bars.append(
                Bar(
                    x=x[r.week] - width / 2,
                    y=base - height,
                    width=width,
                    height=height,
                    color=colors[vendor],
                    title=f"{names[vendor]}, week of {r.week.isoformat()}: "
                    f"{r.figures.breaches} breached",
                )
            )

    return Charts(
        series=[Series(names[vendor], colors[vendor]) for vendor in shown],
        hidden_vendors=hidden,
        hours=Chart(
            x_ticks=x_ticks,
            y_ticks=hour_ticks,
            lines=lines,
            rules=_rules(shown, names, limits, hour_scale),
        ),
        within_target=Chart(x_ticks=x_ticks, y_ticks=_share_ticks(), lines=shares),
        breaches=Chart(x_ticks=x_ticks, y_ticks=breach_ticks, bars=bars),
    )
