"""Lay a plan's steps out across the months to qualifying, for the timeline picture.

Phases follow one another; the steps of a phase run side by side, so a phase lasts as long
as its longest step. Pure functions: the view passes in each step's typical months.
"""

from dataclasses import dataclass

from pathways.planner import CAREER, PHASE_OF_STEP

PHASES = ["prepare", "apply", "train", "qualify"]
WIDTH = 320  # SVG user units; the picture scales to its container
LEFT, RIGHT = 28, 8
ROW_HEIGHT, BAR_HEIGHT, TOP = 22, 14, 24


@dataclass(frozen=True)
class Bar:
    number: int
    slug: str
    title: str
    start: int
    months: int
    x: float
    y: float
    width: float

    @property
    def end(self):
        return self.start + self.months

    @property
    def label_y(self):
        return self.y + BAR_HEIGHT - 3


@dataclass(frozen=True)
class Timeline:
    bars: list
    total_months: int
    ticks: list
    height: int
    width: int = WIDTH

    @property
    def years(self):
        return self.total_months / 12


def lay_out(steps, months_of):
    """``steps``: (number, slug, title) in plan order; ``months_of``: slug → typical months.
    Steps after qualifying (career steps) are left off the picture."""
    phase_start, starts = 0, {}
    for phase in PHASES:
        in_phase = [slug for _, slug, _ in steps if PHASE_OF_STEP.get(slug) == phase]
        for slug in in_phase:
            starts[slug] = phase_start
        phase_start += max((months_of.get(slug, 0) for slug in in_phase), default=0)
    total = max(phase_start, 1)
    scale = (WIDTH - LEFT - RIGHT) / total
    bars = []
    for row, (number, slug, title) in enumerate(
        step for step in steps if PHASE_OF_STEP.get(step[1]) != CAREER
    ):
        months = months_of.get(slug, 0)
        bars.append(
            Bar(
                number=number,
                slug=slug,
                title=title,
                start=starts[slug],
                months=months,
                x=LEFT + starts[slug] * scale,
                y=TOP + row * ROW_HEIGHT,
                width=max(months * scale, 3),
            )
        )
    ticks = [
        {"label": f"Year {year}" if year else "Now", "x": LEFT + year * 12 * scale}
        for year in range(0, total // 12 + 1)
    ]
    return Timeline(
        bars=bars, total_months=phase_start, ticks=ticks, height=TOP + len(bars) * ROW_HEIGHT + 4
    )
