"""French time expressions in article text, resolved to TIMEX3 / ISO 8601 values.

``extract_timex(text, published)`` finds dates ("le 3 avril 2025", "jeudi 14 août",
"03/04/2025 à 10h15"), months ("en juin 2025", "avril dernier"), years ("en 2023"),
ranges ("du 11 au 14 novembre", "les 6 et 7 février 2023", "entre 2020 et 2023"),
weekdays ("mardi", "ce lundi") and relative expressions ("hier", "la semaine
dernière", "il y a deux ans") with patterns built from ``resources/fr/timex.yaml``.
Values keep the precision the text gives: ``2025-04-03``, ``2025-06``, ``2023``,
``2025-06-23T07:31``, ``START/END`` for ranges, ``2025-W25`` for a week, ``2024-SU``
for a season, ``2024-Q1`` / ``2023-H2`` for quarters and halves, ``199`` for a decade.

What the text leaves open (the year, which Tuesday) is resolved against an anchor:

1. the publication date, when one is given;
2. otherwise the article's own dates: the latest of its fully specified days or day
   ranges and of its day-and-month dates placed near them;
3. failing that, day-and-month dates placed in the latest year the text names, up
   to the current year (including years inside names such as "BAMEX 2025"); a
   weekday ("jeudi 14 août") picks the year nearest to it in which the date falls
   on that weekday;
4. failing that, a weekday-and-date is placed in the most recent year, not after
   ``today``, in which the weekday matches;
5. failing that, the latest year the text names (enough for "en janvier").

In 2-4 a day mentioned in a future-tense clause ("le sommet se tiendra le 9 mai")
only anchors when the article offers no other day.

An open expression then takes the occurrence its wording asks for: "dernier" the one
before the anchor, "prochain" the one after, "ce lundi" the Monday of the anchor's
week. Otherwise the tense of the clause decides (past: the latest occurrence not
after the anchor; future: the first not before it) and, without a tense, the
occurrence inside or nearest to the anchor. A weekday with a day and month always
takes the nearest year in which it matches (in a dated article the article's date
and the tense place it, and a weekday that disagrees with the printed date is
flagged, the date kept). Expressions that cannot be resolved (a weekday in an
article that gives no date at all) get ``value`` None.

TimeML categories (French TimeBank conventions), all vocabulary in ``timex.yaml``:

- times of day ("22 h", "21 h 45", "à midi") and parts of the day ("hier soir" ->
  ``…TEV``, "mardi matin" -> ``…TMO``, "dans la nuit" -> ``…TNI``) are placed on the
  day right after them ("vers 15 h 30, hier"), else on the last day the text gave
  before them, else on the publication day; type TIME;
- "le lendemain", "la veille", "le même jour", "ce jour-là" count from the last day
  the text gave; the ``anchor`` column records that day;
- ``PRESENT_REF`` / ``PAST_REF`` / ``FUTURE_REF`` ("actuellement", "à l'époque",
  "à l'avenir"); "aujourd'hui", "désormais" are the publication day;
- seasons without a year take the year the tense points to ("l'automne"), or
  ``XXXX-FA`` in a clause without tense; "octobre 98" is 1998; "les années 60" 196;
- durations (``P3D``, ``PT30.4S``, ``PXM`` for "quelques mois", "quinquennat" P5Y;
  an age such as "Florian, 26 ans," is left out) and sets ("chaque année" P1Y,
  "tous les deux mois" P2M, "par an"), of type DURATION and SET;
- festivals with a fixed or Easter-based date (Noël, Pentecôte, Pâques 2003);
- bare years ("la présidentielle de 2002") and lower-case bare months.

A range ("de 1982 à 1990", "du 11 au 14 novembre") is two expressions in TimeML:
it is given as its two ends, TimeML points (rules ``range_start`` and ``range_end``)
inside the range's span, each carrying the range in ``range_value`` (``START/END``);
no row stands for the range itself. Every row carries ``type`` (DATE, TIME, DURATION,
SET), ``rule`` (the pattern that fired), ``weekday_mismatch`` and ``range_value``
(None outside a range).

Modules, in the order of the work: :mod:`.vocabulary` (the words and their schema),
:mod:`.patterns` (the grammar), :mod:`.matching` (matches to candidates),
:mod:`.tense`, :mod:`.anchoring` (the article's anchor), :mod:`.resolution` (values),
:mod:`.rows` (the table's rows, TimeML's conventions).
"""

from sahel_utils.annotation.timex.anchoring import parse_published
from sahel_utils.annotation.timex.model import Anchor, Point
from sahel_utils.annotation.timex.resolution import easter
from sahel_utils.annotation.timex.rows import extract_timex
from sahel_utils.annotation.timex.tense import clause_tense
from sahel_utils.annotation.timex.vocabulary import (
    VOCABULARY_PATH,
    TimexFile,
    Vocabulary,
    load_vocabulary,
)

__all__ = [
    "VOCABULARY_PATH",
    "Anchor",
    "Point",
    "TimexFile",
    "Vocabulary",
    "clause_tense",
    "easter",
    "extract_timex",
    "load_vocabulary",
    "parse_published",
]
