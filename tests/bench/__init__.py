"""``make bench``: how fast the course runs, answers and ships (measurements, not pass/fail tests).

Sections (each discovers notebooks and explorers by itself, so new lessons need no new code):

* :mod:`bench.notebooks`   - notebook execution in a fresh kernel, against a baseline notebook;
* :mod:`bench.interaction` - kernel-side slider latency for every explorer and control;
* :mod:`bench.models`      - the slowest figure build and model call of each explorer;
* :mod:`bench.handouts`    - ``make handouts`` build time, page sizes, time to draw in Chromium;
* :mod:`bench.jupyterlab`  - key press on a slider to redrawn plot in a real JupyterLab.

:mod:`bench.report` prints one table and writes it as JSON under ``build/bench/``.
"""
