"""Relations stage: tables in, tables out, no spaCy.

Input: ``articles``, ``segments`` and the annotation tables. Output: ``dyads``
(partner pairs), ``reuse`` (text reuse) and ``claims`` (claims clustered across
articles). Vocabulary in ``resources/fr/``.
"""

from sahel_utils import annotation, reading
from sahel_utils.core.cache import stage_version

NAME = "relations"
INPUTS = reading.OUTPUTS + annotation.OUTPUTS
OUTPUTS = ("dyads", "reuse", "claims")


def version() -> str:
    """Content hash of this stage's code and resources and of the stages before it."""
    return stage_version(NAME)
