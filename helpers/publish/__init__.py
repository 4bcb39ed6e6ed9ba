"""Offline HTML handouts (and PDFs) of the course notebooks; see :mod:`helpers.publish.build`.

Also the one way the course runs a notebook (:mod:`helpers.publish.run`) and starts Chromium
(:mod:`helpers.publish.browser`), shared by the handout builder, the tests and the benchmark.
"""

from helpers.publish.browser import find_chromium
from helpers.publish.build import BuildResult, HandoutBuildError, Lesson, build, discover_lessons

__all__ = ["BuildResult", "HandoutBuildError", "Lesson", "build", "discover_lessons", "find_chromium"]
