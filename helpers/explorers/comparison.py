"""Lesson 06 explorers: filtered comparison charts, and filterable styled tables.

* :func:`half_life_explorer`, :func:`equivalence_explorer`: charts with Dropdown controls
  (drug class, half-life band, sort); handouts show them with plotly dropdowns.
* :class:`TableFilter`: a styled table with dropdown filters. Live, it is ipywidgets Dropdowns
  and one ``widgets.HTML`` rewritten on every change (never an Output widget); in a handout
  it is the full table as accessible HTML (caption, header scope).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

import ipywidgets as widgets
from IPython.display import HTML, display

from helpers import tables
from helpers.display import in_handout
from helpers.explorers import register
from helpers.explorers.core import Dropdown, Explorer
from helpers.figures import comparison as figures

DRUG_CLASS_OPTIONS = (("All", "all"), ("Benzodiazepines", "benzodiazepine"), ("Z-drugs", "z-drug"))
BAND_OPTIONS = (("Any", "all"), ("Short (under 6 h)", "short"), ("Intermediate (6–24 h)", "intermediate"),
                ("Long (24 h or more)", "long"))
BENZODIAZEPINE_SORT_OPTIONS = (("Longest-acting first", "half_life"), ("Name (A–Z)", "name"),
                               ("Most disagreement first", "disagreement"))
MECHANISM_OPTIONS = tuple((m.capitalize() if m != "Gi/o-coupled receptor" else m, m.lower())
                          for m in tables.MECHANISM_CHOICES)
EFFECT_OPTIONS = tuple((e.capitalize(), e) for e in tables.EFFECT_CHOICES)
DRUG_CLASS_SORT_OPTIONS = (("As in the table", "table"), ("Name (A–Z)", "name"), ("Mechanism class", "mechanism"),
                           ("Accumbens dopamine effect", "effect"))


def _benzodiazepine_controls() -> list[Dropdown]:
    return [Dropdown("drug_class", "Class", DRUG_CLASS_OPTIONS, "all"),
            Dropdown("half_life_band_name", "Half-life band", BAND_OPTIONS, "all"),
            Dropdown("sort_by", "Sort", BENZODIAZEPINE_SORT_OPTIONS, "half_life")]


@register
def half_life_explorer() -> Explorer:
    return Explorer(
        name="half_life_ranges",
        title="Half-lives of each drug and its active metabolite, as the sources give them",
        description="Filter by class and half-life band; compare the ranges the sources give with the single value "
                    "the course's model uses (hover over a bar for its sources).",
        controls=_benzodiazepine_controls(),
        build=figures.half_life_figure,
    )


@register
def equivalence_explorer() -> Explorer:
    return Explorer(
        name="equivalent_doses",
        title="Equivalent to diazepam 10 mg? It depends whom you ask",
        description="Sort by disagreement: where do Ashton, VA/DoD and WHO differ, and by how much?",
        controls=_benzodiazepine_controls(),
        build=figures.equivalence_figure,
    )


@dataclass
class TableFilter:
    """A styled table with dropdown filters; ``select(**values)`` gives the rows, ``styler`` styles them."""

    title: str
    controls: list
    select: Callable
    styler: Callable
    row_header: str

    def html(self, **values) -> str:
        """The filtered, styled table as accessible HTML (says so in words when no row matches)."""
        settings = {c.name: c.default for c in self.controls} | values
        return figures.accessible_html(self.styler(self.select(**settings)), row_header=self.row_header)

    def widget(self) -> LiveTableFilter:
        return LiveTableFilter(self)

    def show(self) -> None:
        """Live: dropdowns over the table. Handout: the whole table, with a note about the live filters."""
        if in_handout():
            note = ("<p><em>In the live notebook, dropdowns filter and sort this table; "
                    "the handout shows every row.</em></p>")
            display(HTML(f"<h4>{html.escape(self.title)}</h4>{note}{self.html()}"))
        else:
            display(self.widget().view)


class LiveTableFilter:
    """ipywidgets Dropdowns and one HTML widget holding the table; ``set(**values)`` moves dropdowns from code."""

    def __init__(self, table_filter: TableFilter):
        self.table_filter = table_filter
        style, layout = {"description_width": "initial"}, widgets.Layout(width="min(520px, 100%)")
        self.controls = {c.name: widgets.Dropdown(options=list(c.options), value=c.default, description=c.label,
                                                  style=style, layout=layout)
                         for c in table_filter.controls}
        self.table = widgets.HTML(table_filter.html())
        for control in self.controls.values():
            control.observe(self._redraw, names="value")
        header = widgets.HTML(f"<b>Interactive demo: {html.escape(table_filter.title)}</b>")
        self.view = widgets.VBox([header, *self.controls.values(), self.table], layout=widgets.Layout(width="100%"))

    @property
    def values(self) -> dict:
        return {name: control.value for name, control in self.controls.items()}

    def set(self, **values) -> None:
        for name, value in values.items():
            self.controls[name].value = value

    def _redraw(self, _change=None) -> None:
        self.table.value = self.table_filter.html(**self.values)


def benzodiazepine_table_filter() -> TableFilter:
    """Table 1 with the same filters as the half-life and equivalence charts."""
    return TableFilter("Filter and sort the benzodiazepine table", _benzodiazepine_controls(),
                       tables.select_benzodiazepines, figures.benzodiazepine_styler, row_header="Drug")


def drug_class_table_filter() -> TableFilter:
    """Table 2 filtered by mechanism class and accumbens dopamine effect."""
    controls = [Dropdown("mechanism", "Mechanism class", MECHANISM_OPTIONS, "all"),
                Dropdown("accumbens_dopamine", "Accumbens dopamine", EFFECT_OPTIONS, "all"),
                Dropdown("sort_by", "Sort", DRUG_CLASS_SORT_OPTIONS, "table")]
    return TableFilter("Filter and sort the drug-class table", controls, tables.select_drug_classes,
                       figures.drug_class_styler, row_header="Drug class")


def show_table(name: str) -> None:
    """Show one of the lesson's full tables: 'benzodiazepines', 'old_age_liver', 'drug_classes', 'article'
    or 'article_checked'."""
    stylers = {"benzodiazepines": (figures.benzodiazepine_styler, "Drug"),
               "old_age_liver": (figures.old_age_liver_styler, "Drug"),
               "drug_classes": (figures.drug_class_styler, "Drug class"),
               "article": (figures.article_styler, "Drug Class"),
               "article_checked": (figures.article_check_styler, "Drug class (article)")}
    if name not in stylers:
        raise ValueError(f"name must be one of {', '.join(repr(n) for n in stylers)}; got {name!r}")
    styler, row_header = stylers[name]
    display(HTML(figures.accessible_html(styler(), row_header=row_header)))
