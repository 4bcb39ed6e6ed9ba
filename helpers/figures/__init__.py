"""Pure figure builders: model output -> ``plotly.graph_objects.Figure``.

Every builder uses :mod:`helpers.theme` (palette, axis titles with units,
a one-sentence text summary for screen readers) and keeps the same traces, in the
same order, for every parameter value, so explorers can update them in place.
"""
