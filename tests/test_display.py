"""Display helpers: captioned data tables (every handout table needs a <caption>)."""

from __future__ import annotations

import html
import re

import pandas as pd
import pytest

from helpers.activities import display as course_display


@pytest.fixture
def shown(monkeypatch):
    """What show_table passed to IPython's display(), as HTML strings."""
    captured = []
    monkeypatch.setattr(course_display, "display", lambda obj: captured.append(obj.data))
    return captured


def test_show_table_gives_a_dataframe_a_caption_and_readable_numbers(shown):
    table = pd.DataFrame({"drug": ["diazepam", "alprazolam"], "half-life (h)": [45.0, 11.2],
                          "fraction left": [0.70712345, float("nan")], "doses": [1200, 3]})
    course_display.show_table(table, "Half-lives in the model (h) & doses")
    markup, = shown
    assert "<caption>Half-lives in the model (h) &amp; doses</caption>" in markup
    assert ">45<" in markup and ">11.2<" in markup and ">0.7071<" in markup and ">1,200<" in markup
    assert ">–<" in markup and "nan" not in markup.lower() and "0.000000" not in markup
    assert "row_heading" not in markup, "a plain 0, 1, 2… index is hidden"


def test_show_table_keeps_a_stylers_own_formatting(shown):
    styler = pd.DataFrame({"dose (mg)": [0.123456, 2.0]}, index=["a", "b"]).style.format("{:.1f} mg")
    course_display.show_table(styler, "Doses")
    markup, = shown
    assert "<caption>Doses</caption>" in markup
    assert ">0.1 mg<" in markup and ">2.0 mg<" in markup


def test_show_sources_lists_each_traceable_citation_once_in_order():
    from helpers.activities.display import sources_html

    page = sources_html(["schelp2017", "finlay1992_midazolam_microdialysis", "schelp2017"]).data
    assert page.count("<li>") == 2
    assert page.index("schelp2017") < page.index("finlay1992")
    assert "doi:10.1124/jpet.117.241802" in page


def test_show_sources_names_an_unknown_id():
    from helpers.activities.display import sources_html

    with pytest.raises(ValueError, match="no_such_source"):
        sources_html(["no_such_source"])


def test_every_header_cell_has_a_scope_and_the_corner_names_the_row_headers(shown):
    table = pd.DataFrame({"half-life (h)": [45.0, 11.2]}, index=["diazepam", "<alprazolam>"])
    course_display.show_table(table, "Half-lives", row_header="Drug & metabolite")
    markup, = shown
    header_cells = re.findall(r"<th\b[^>]*>", markup)
    assert len(header_cells) == 4 and all("scope=" in cell for cell in header_cells)
    assert markup.count('scope="col"') == 2 and markup.count('scope="row"') == 2
    assert re.search(r'<th class="blank level0" scope="col" >Drug &amp; metabolite</th>', markup)
    assert "&lt;alprazolam&gt;" in markup, "a DataFrame's row labels are escaped"


def test_a_table_without_a_caption_is_refused():
    with pytest.raises(ValueError, match="caption"):
        course_display.table_html(pd.DataFrame({"a": [1]}))


def test_the_caption_argument_replaces_a_stylers_caption_and_leaves_the_styler_alone():
    styler = pd.DataFrame({"a": [1]}).style.set_caption("Old")
    assert "<caption>New</caption>" in course_display.table_html(styler, "New")
    assert "<caption>Old</caption>" in course_display.table_html(styler)
    assert styler.caption == "Old"


@pytest.mark.parametrize("styler_name, row_header", [
    ("benzodiazepine_styler", "Drug"), ("old_age_liver_styler", "Drug"), ("drug_class_styler", "Drug class"),
    ("article_styler", "Drug Class"), ("article_check_styler", "Drug class (article)")])
def test_every_lesson_06_table_shows_with_a_caption_and_header_scopes(shown, styler_name, row_header):
    from helpers.figures import comparison

    styler = getattr(comparison, styler_name)()
    course_display.show_table(styler, row_header=row_header)
    markup, = shown
    assert "<caption>" in markup and f'scope="col" >{html.escape(row_header)}</th>' in markup
    assert markup.count('scope="row"') == len(styler.data)


def test_there_is_one_show_table_and_no_html_patching_in_the_explorers():
    import inspect

    from helpers import lessons as explorers
    from helpers.lessons import all_explorers

    all_explorers()
    for module in [m for name, m in sorted(vars(explorers).items()) if inspect.ismodule(m)]:
        source = inspect.getsource(module)
        assert not re.search(r"def show_table\(", source) and ".to_html().replace" not in source, module.__name__
        assert "accessible_html" not in source and "<table" not in source, module.__name__


def test_lessons_list_their_sources_with_show_sources_not_a_loop_of_their_own():
    from conftest import NOTEBOOKS, code_text

    for path in NOTEBOOKS[1:7]:
        code = code_text(path)
        assert "show_sources(" in code, f"{path.name} does not end with show_sources(...)"
        assert "citation_text(source_id)" not in code, f"{path.name} loops over its sources by hand"


def test_show_figure_in_a_handout_shows_the_chart_as_chart_html_then_its_summary(monkeypatch):
    import plotly.graph_objects as go

    from helpers.activities import base

    captured = []
    monkeypatch.setenv(base.HANDOUT_ENV, "1")
    monkeypatch.setattr(course_display, "display", lambda obj: captured.append(obj.data))
    monkeypatch.setattr(base, "display", lambda obj: captured.append(obj.data))
    fig = go.Figure(go.Bar(x=[1, 2], y=[3, 4]), layout={"width": 600, "meta": {"summary": "Two bars."}})
    course_display.show_figure(fig)
    chart, summary = captured
    assert chart.startswith('<div class="course-chart" data-trace-types="bar" style="max-width:600px">')
    assert "Plotly.newPlot" in chart and "plotly.js v" not in chart, "plotly.js is left to the page builder"
    assert "Figure summary" in summary
