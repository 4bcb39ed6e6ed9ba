"""Offline HTML handouts (and PDFs) of the course notebooks; see :mod:`helpers.publish.build`."""

from helpers.publish.build import BuildResult, HandoutBuildError, Lesson, build, discover_lessons, find_chromium

__all__ = ["BuildResult", "HandoutBuildError", "Lesson", "build", "discover_lessons", "find_chromium"]
