"""The course theme (helpers/theme.py): the one figure builder, and colours, sizes and styles in one place."""

from __future__ import annotations

import pathlib
import re

import plotly.graph_objects as go
import pytest
from plotly.subplots import make_subplots

from helpers import theme
from helpers.figures import compose
from helpers.publish.build import STATIC_DIR, handout_stylesheet

ROOT = pathlib.Path(__file__).resolve().parents[1]

# Grids as make_subplots takes them, the (row, col) of each of three traces, and axis titles by (row, col).
GRIDS = [
    pytest.param(dict(rows=1, cols=2, horizontal_spacing=0.12, subplot_titles=("left", "right")),
                 [(1, 1), (1, 2), (1, 2)], {(1, 2): "Time (s)"}, id="one-row"),
    pytest.param(dict(rows=3, cols=1, shared_xaxes=True, vertical_spacing=0.07, row_heights=[0.27, 0.27, 0.46],
                      subplot_titles=("a", "b", "")),
                 [(1, 1), (2, 1), (3, 1)], {(3, 1): "Time (h)", (1, 1): "Amount (mg-eq)"}, id="stacked-shared-x"),
    pytest.param(dict(rows=2, cols=2, specs=[[{}, {"rowspan": 2}], [{}, None]], column_widths=[0.66, 0.34]),
                 [(1, 1), (2, 1), (1, 2)], {(2, 1): "Time (s)", (1, 2): "Ratio (×)"}, id="rowspan"),
    pytest.param(dict(rows=2, cols=2, specs=[[{"colspan": 2}, None], [{}, {}]], row_heights=[0.58, 0.42]),
                 [(1, 1), (2, 1), (2, 2)], {(1, 1): "Occupancy (fraction)", (2, 2): "Change (%)"}, id="colspan"),
]


def _traces():
    return [go.Scatter(x=[0, 1, 2], y=[1, 3, 2], name="a"), go.Bar(x=["p", "q"], y=[2, 1], name="b"),
            go.Scatter(x=[0, 1], y=[5, 4], mode="markers", name="c")]


def _native(grid: dict, cells, titles: dict, title: str, summary: str) -> go.Figure:
    """The same figure the plotly way: make_subplots, add_trace(row, col), update_xaxes/update_yaxes(row, col)."""
    fig = make_subplots(**grid)
    fig.update_layout(template=theme.COURSE_TEMPLATE, width=theme.FIGURE_WIDTH_PX, height=theme.FIGURE_HEIGHT_PX)
    for trace, (row, col) in zip(_traces(), cells):
        fig.add_trace(trace, row=row, col=col)
    for (row, col), text in titles.items():
        fig.update_xaxes(title_text=text, row=row, col=col)
        fig.update_yaxes(title_text=f"y {text}", range=[0, 10], row=row, col=col)
    fig.update_layout(**compose.finish_layout(title=title, summary=summary, label="model"))
    return fig


@pytest.mark.parametrize("grid, cells, titles", GRIDS)
def test_compose_figure_equals_the_plotly_native_construction(grid, cells, titles):
    built = compose.compose_figure(_traces(), title="A chart", summary="It shows three traces.", label="model",
                                 cells=cells, x_axes={cell: dict(title=text) for cell, text in titles.items()},
                                 y_axes={cell: dict(title=f"y {text}", range=[0, 10]) for cell, text in titles.items()},
                                 **grid)
    assert built.to_plotly_json() == _native(grid, cells, titles, "A chart", "It shows three traces.").to_plotly_json()


def test_compose_figure_with_one_panel_equals_update_xaxes_and_update_yaxes():
    native = go.Figure(_traces())
    native.update_layout(template=theme.COURSE_TEMPLATE, width=theme.FIGURE_WIDTH_PX, height=theme.FIGURE_HEIGHT_PX)
    native.update_xaxes(title_text="Dose (mg)", range=[0, 3])
    native.update_yaxes(title_text="Effect (0–1)")
    native.update_layout(**compose.finish_layout(title="One panel", summary="It shows a dose."), height=500)
    built = compose.compose_figure(_traces(), title="One panel", summary="It shows a dose.", x_title="Dose (mg)",
                                 y_title="Effect (0–1)", x_axes={(1, 1): dict(range=[0, 3])}, layout=dict(height=500))
    assert built.to_plotly_json() == native.to_plotly_json()


def test_axis_titles_for_every_subplot_reach_every_axis():
    fig = compose.compose_figure(_traces(), title="t", summary="A chart.", cells=[(1, 1), (1, 2), (1, 2)], rows=1,
                               cols=2, x_title="Time (s)")
    assert fig.layout.xaxis.title.text == fig.layout.xaxis2.title.text == "Time (s)"
    assert fig.layout.yaxis.title.text is None


def test_annotations_given_in_the_layout_come_after_the_subplot_titles():
    fig = compose.compose_figure(_traces()[:2], title="t", summary="A chart.", cells=[(1, 1), (2, 1)], rows=2, cols=1,
                               subplot_titles=("top", "bottom"), layout=dict(annotations=[dict(text="note", x=0, y=0)]))
    assert [a.text for a in fig.layout.annotations] == ["top", "bottom", "note"]


def test_a_cell_outside_the_grid_is_refused_naming_it():
    with pytest.raises(ValueError, match=r"no subplot at \(row, col\) = \(1, 2\)"):
        compose.compose_figure(_traces()[:1], title="t", summary="A chart.", cells=(1, 2), rows=2, cols=1)
    with pytest.raises(ValueError, match=r"no subplot at \(row, col\) = \(1, 2\)"):
        compose.compose_figure([], title="t", summary="A chart.", rows=2, cols=2,
                             specs=[[{"colspan": 2}, None], [{}, {}]], x_axes={(1, 2): dict(range=[0, 1])})


def test_one_cell_per_trace_is_required():
    with pytest.raises(ValueError, match="one \\(row, col\\) per trace \\(3\\); got 2"):
        compose.compose_figure(_traces(), title="t", summary="A chart.", cells=[(1, 1), (2, 1)], rows=2, cols=1)


def test_a_figure_needs_a_summary_sentence():
    with pytest.raises(ValueError, match="summary must be one sentence"):
        compose.compose_figure(_traces(), title="t", summary=" ")


def test_building_does_not_change_the_kept_empty_grid():
    first = compose.compose_figure(_traces()[:1], title="first", summary="A chart.", cells=(2, 1), rows=2, cols=1,
                                 x_axes={(2, 1): dict(title="Time (h)")}, layout=dict(annotations=[dict(text="x")]))
    second = compose.compose_figure(_traces()[:1], title="second", summary="A chart.", cells=(2, 1), rows=2, cols=1)
    assert first.layout.xaxis2.title.text == "Time (h)" and second.layout.xaxis2.title.text is None
    assert len(second.layout.annotations) == 0


def test_legend_under_the_title_moves_down_one_line_per_title_line():
    one = compose.legend_under_title(height=500, title="Title")["legend"]["y"]
    two = compose.legend_under_title(height=500, title="Title<br><sup>second line</sup>")["legend"]["y"]
    assert one - two == pytest.approx(compose.TITLE_LINE_PX / 500)


def test_every_explorer_figure_has_a_theme_width_and_its_legend_above_or_beside_the_plot():
    from conftest import explorers

    for name, explorer in explorers().items():
        if getattr(explorer, "build", None) is None:
            continue   # a table explorer: no figure
        layout = explorer.figure(**explorer.defaults).layout
        assert layout.width in theme.FIGURE_WIDTHS_PX, f"{name}: width {layout.width}"
        if layout.showlegend is not False and layout.legend.y is not None:
            beside = layout.legend.x is not None and layout.legend.x > 1
            above = layout.legend.orientation == "h"
            assert beside or above, f"{name}: legend neither above nor beside the plot"


COURSE_CSS = STATIC_DIR / "course.css"
# Set per chart by course.js (each with a fallback in course.css), so not theme properties.
SET_BY_SCRIPT = {"--course-print-zoom", "--course-screen-zoom"}


def test_the_handout_stylesheet_starts_with_every_theme_property():
    stylesheet = handout_stylesheet()
    assert stylesheet.startswith(theme.handout_css())
    properties = theme.handout_properties()
    assert all(f"  {name}: {value};\n" in theme.handout_css() for name, value in properties.items())
    assert properties["--course-font-family"] == theme.FONT_FAMILY
    assert properties["--course-text"] == theme.NEUTRAL["text"]
    assert properties["--course-solution"] == theme.FEEDBACK_COLOURS["right"]
    assert properties["--course-background"] == theme.COURSE_TEMPLATE.layout.paper_bgcolor


def test_course_css_takes_every_colour_and_length_from_the_theme():
    """course.css names colours and fixed lengths only as var(--course-...) (the colour-literal test finds any hex,
    rgb() or named colour); each one it uses is defined by the theme, and the theme defines none it does not use."""
    course_css = COURSE_CSS.read_text(encoding="utf-8")
    used = set(re.findall(r"var\((--course-[\w-]+)\)", course_css))
    with_fallback = set(re.findall(r"var\((--course-[\w-]+),", course_css))
    defined = set(theme.handout_properties())
    assert used <= defined, f"not defined by helpers.theme.handout_css: {sorted(used - defined)}"
    assert with_fallback == SET_BY_SCRIPT
    pages = "".join(path.read_text(encoding="utf-8") for path in (ROOT / "helpers" / "publish").rglob("*")
                    if path.suffix in (".py", ".css", ".j2", ".js"))
    assert all(f"var({name}" in pages for name in defined), "a theme property no page uses"
    assert not re.search(r"(?<![\w(-])\d+(?:\.\d+)?px\b", course_css.replace("margin: -1px", "").replace(
        "width: 1px; height: 1px;", "")), "a length in px written in course.css (only the screen-reader clip may)"
    font_rules = re.findall(r"font-family:\s*([^;]+);", course_css)
    assert font_rules and all(rule.startswith("var(") for rule in font_rules), font_rules


def test_printed_page_and_column_match_the_theme():
    page = re.search(r"@page\s*{([^}]*)}", (STATIC_DIR / "course.css").read_text(encoding="utf-8")).group(1)
    assert "size: A4;" in page and f"margin: {theme.PAGE_MARGIN_MM}mm;" in page
    script = (STATIC_DIR / "course.js").read_text(encoding="utf-8")
    assert f"PRINT_COLUMN_PX = {theme.PRINT_COLUMN_PX};" in script
    assert theme.PRINT_COLUMN_PX < theme.FIGURE_WIDTH_PX <= min(theme.FIGURE_WIDTHS_PX)


def test_safety_box_summary_and_quiz_use_the_theme_styles():
    from helpers.activities import display, quiz

    assert theme.SAFETY_BOX_STYLE in display.safety_box().data
    fig = compose.compose_figure([], title="t", summary="A chart.")
    assert theme.SUMMARY_STYLE in display.summary_html(fig).data
    form = quiz.quiz_html([quiz.Question("Q?", ["a", "b"], answer=0, explanation="Because.")])
    assert theme.FEEDBACK_COLOURS["right"] in form and theme.QUIZ_FIELDSET_BORDER in form
