"""Annotation stage: the spaCy pipeline over each article.

Input: the ``articles`` table. Output: ``mentions``, ``timex``, ``quotes``,
``sentences``, ``domains`` and ``predicates``. Vocabulary in ``resources/fr/``.
"""

from sahel_utils.core.cache import stage_version

NAME = "annotation"
INPUTS = ("articles",)
OUTPUTS = ("mentions", "timex", "quotes", "sentences", "domains", "predicates")


def version() -> str:
    """Content hash of this stage's code and resources and of the stages before it."""
    return stage_version(NAME)
