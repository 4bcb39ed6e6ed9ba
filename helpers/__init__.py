"""Shared code for the benzodiazepine, GABA-A and dopamine course.

Layers point downwards only (``tests/test_architecture.py`` checks it):

* data and validation: ``helpers.validation``, ``helpers.course`` (the lesson registry), ``helpers.references``,
  ``helpers.schema``, ``helpers.tables``, ``helpers.glossary``, ``helpers.theme`` (every colour and size);
* ``helpers.models``      pure numpy/scipy/pandas teaching models (no plotting);
* ``helpers.figures``     model output -> ``plotly.graph_objects.Figure`` (``figures.compose``: the one builder);
* ``helpers.activities``  the activity framework: explorer, prediction, exercise, self-check, display, each
  declared once with a live view and a kernel-free handout view;
* ``helpers.lessons``     one module per lesson (``l03_acute_dopamine``...): its explorers and ``show_*`` helpers;
* publishing and authoring: ``helpers.publish`` (handouts), ``helpers.timing``, ``helpers.guides``,
  ``helpers.classroom`` (the class report from learners' records).
"""
