"""Lesson 00's explorer: practise the controls on random spikes at a chosen rate (no finding of a later lesson)."""

from helpers.activities.explorer import register
from helpers.activities.explorer import Dropdown, Explorer
from helpers.activities.parameters import slider
from helpers.figures import circuit as figures
from helpers.models import circuit


@register
def firing_practice_explorer() -> Explorer:
    return Explorer(
        name="firing_practice",
        title="Practice: random spikes at the rate you set",
        description="Lesson 00: practise the controls. Move the slider, change the dropdown, hover, zoom.",
        controls=[
            slider(circuit.PRACTICE_RATE),
            Dropdown("cells", "Cells shown", tuple((str(n), n) for n in figures.PRACTICE_CELLS), 5),
        ],
        build=figures.firing_practice_figure,
    )
