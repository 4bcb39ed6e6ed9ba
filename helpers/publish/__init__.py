"""Offline HTML handouts (and PDFs) of the course notebooks; see :mod:`helpers.publish.build`.

Also the one way the course runs a notebook (:mod:`helpers.publish.run`) and starts Chromium
(:mod:`helpers.publish.browser`), shared by the handout builder, the tests and the benchmark. Import the
module you need (``from helpers.publish.build import build``): this package imports none of them, so starting
Chromium does not load the notebook tools.
"""
