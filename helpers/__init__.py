"""Shared code for the benzodiazepine, GABA-A and dopamine course.

Layers point downwards only:

* ``helpers.models``    pure numpy/scipy/pandas teaching models (no plotting);
* ``helpers.figures``   model output -> ``plotly.graph_objects.Figure``;
* ``helpers.explorers`` one declaration -> live ipywidgets view or kernel-free handout figure;
* ``helpers.data``      tables (CSV/YAML) with source ids;
* ``helpers.quiz``      the self-check quiz piece used by every lesson;
* ``helpers.display``   the few display helpers notebooks call (safety box, mode switch).
"""

__all__ = ["models", "figures", "explorers", "quiz", "display"]
