"""The shipped plotly.js basic bundle matches the installed plotly and draws every course chart."""

import plotly.offline

from conftest import explorers
from helpers.activities.plotlyjs import BASIC_TRACE_TYPES, basic_bundle, bundle_version, fits_basic_bundle


def test_bundle_version_is_the_installed_plotly_js_version():
    assert bundle_version() == plotly.offline.get_plotlyjs_version()


def test_bundle_header_names_the_basic_build_and_its_version():
    header = basic_bundle()[:200]
    assert "plotly.js (basic - minified)" in header
    assert f"v{bundle_version()}" in header


def test_every_explorer_chart_uses_only_trace_types_in_the_bundle():
    outside = {}
    for name, explorer in explorers().items():
        if explorer.build is None:
            continue
        types = {trace.type for trace in explorer.figure().data}
        if not fits_basic_bundle(types):
            outside[name] = types - BASIC_TRACE_TYPES
    assert outside == {}


def test_fits_basic_bundle_rejects_other_trace_types():
    assert fits_basic_bundle({"scatter", "bar"})
    assert not fits_basic_bundle({"scatter", "heatmap"})
