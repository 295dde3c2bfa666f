"""Layout noise never hides an article's language."""

from __future__ import annotations

import pytest

from sahel_utils.reading.common import detect_language

TEXT = (
    "Le président malien a reçu son homologue russe à Bamako pour parler de la "
    "coopération militaire entre les deux pays, a indiqué la présidence mardi."
)


@pytest.mark.parametrize(
    "noisy",
    [
        " " * 2500 + TEXT,
        TEXT[:40] + " " * 10_000 + TEXT[40:],
        "." * 3000 + TEXT,
        "\n" * 2000 + "« » " * 500 + TEXT,
        "\u00a0" * 4000 + TEXT,
    ],
)
def test_long_runs_of_spaces_or_punctuation_keep_the_language(noisy):
    assert detect_language(TEXT) == "fr"
    assert detect_language(noisy) == "fr"


def test_a_text_without_words_is_undetermined():
    assert detect_language(" " * 5000 + "..." + "\n" * 100) == "und"
