"""Display helpers: captioned data tables (every handout table needs a <caption>)."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import display as course_display


@pytest.fixture
def shown(monkeypatch):
    """What show_table passed to IPython's display(), as HTML strings."""
    captured = []
    monkeypatch.setattr(course_display, "display", lambda obj: captured.append(obj.to_html()))
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
    from helpers.display import sources_html

    page = sources_html(["schelp2017", "finlay1992_midazolam_microdialysis", "schelp2017"]).data
    assert page.count("<li>") == 2
    assert page.index("schelp2017") < page.index("finlay1992")
    assert "doi:10.1124/jpet.117.241802" in page


def test_show_sources_names_an_unknown_id():
    from helpers.display import sources_html

    with pytest.raises(ValueError, match="no_such_source"):
        sources_html(["no_such_source"])


@pytest.mark.parametrize("name", ["benzodiazepines", "old_age_liver", "drug_classes", "article", "article_checked"])
def test_every_lesson_06_table_shows_with_a_caption_and_header_scopes(monkeypatch, name):
    from helpers.explorers import comparison

    captured = []
    monkeypatch.setattr(comparison, "display", lambda obj: captured.append(obj.data))
    comparison.show_table(name)
    markup, = captured
    assert "<caption>" in markup and 'scope="col"' in markup and 'scope="row"' in markup


def test_an_unknown_lesson_06_table_is_refused_naming_the_choices():
    from helpers.explorers import comparison

    with pytest.raises(ValueError, match="'old_age_liver'"):
        comparison.show_table("prices")


def test_lessons_list_their_sources_with_show_sources_not_a_loop_of_their_own():
    import nbformat

    from conftest import NOTEBOOKS

    for path in NOTEBOOKS[1:7]:
        code = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code")
        assert "show_sources(" in code, f"{path.name} does not end with show_sources(...)"
        assert "citation_text(source_id)" not in code, f"{path.name} loops over its sources by hand"
