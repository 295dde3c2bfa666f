"""Analysis stage: what the notebooks import (loading, views, aggregations, plots).

Input: every table of a build. Output: figures (PNG + CSV) and the views the
notebooks show; it writes no table.
"""

from sahel_utils import relations
from sahel_utils.core.cache import stage_version

NAME = "analysis"
INPUTS = relations.INPUTS + relations.OUTPUTS
OUTPUTS: tuple[str, ...] = ()


def version() -> str:
    """Content hash of this stage's code and resources and of the stages before it."""
    return stage_version(NAME)
