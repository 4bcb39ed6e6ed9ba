"""Authoring tools: scaffold a new lesson (:mod:`helpers.authoring.scaffold`) and regenerate every generated part
of the course from its sources (:mod:`helpers.authoring.sync`). Run them as ``python -m helpers new-lesson NN slug
"Title"`` and ``python -m helpers sync``; the templates of a new lesson's files are in ``templates/``."""
