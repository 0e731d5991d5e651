"""Which functions fill each group of :data:`bench.results.GROUPS`, in the order they run.

A new measure: a module ``bench/<measure>.py`` with ``measure(run: Run) -> None`` that sets its keys in
``run.measures`` (details in ``run.details``, anything worth knowing in ``run.note``), its keys as a group in
``results.GROUPS`` (and a goal in ``results.GOALS`` if it has one), and one entry here.
"""

from __future__ import annotations

from collections.abc import Callable

from bench import (
    build_time,
    figures_time,
    install_time,
    lighthouse,
    nbval_time,
    page_weight,
    phone,
    static_switch,
    widget_speed,
)
from bench.harness import Run

Measure = Callable[[Run], None]

MEASURES: dict[str, tuple[Measure, ...]] = {
    "build": (build_time.measure,),
    "nbval": (nbval_time.measure,),
    "widget": (widget_speed.measure,),
    "site": (static_switch.measure, page_weight.measure),
    "phone": (phone.measure,),
    "figures": (figures_time.measure,),
    "lighthouse": (lighthouse.measure,),
    "install": (install_time.measure,),
}
