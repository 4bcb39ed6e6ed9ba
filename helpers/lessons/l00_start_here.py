"""Lesson 00's explorer: practise the controls on random spikes at a chosen rate (no finding of a later lesson)."""

from helpers.activities.explorer import register
from helpers.activities.explorer import Dropdown, Explorer, Slider
from helpers.figures import circuit as figures


@register
def firing_practice_explorer() -> Explorer:
    return Explorer(
        name="firing_practice",
        title="Practice: random spikes at the rate you set",
        description="Lesson 00: practise the controls. Move the slider, change the dropdown, hover, zoom.",
        controls=[
            Slider("rate_hz", "Firing rate", figures.PRACTICE_RATE_RANGE_HZ[0], figures.PRACTICE_RATE_RANGE_HZ[1],
                   1.0, 4.0, "Hz", handout_points=(0.0, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 50.0)),
            Dropdown("cells", "Cells shown", tuple((str(n), n) for n in figures.PRACTICE_CELLS), 5),
        ],
        build=figures.firing_practice_figure,
    )
