"""People of the gazetteer: their name keys, family names, and which one a name means.

A name as written ("Goïta", "Capitaine Ibrahim Traoré", "Serguei Lavrov") is matched
exactly (accents, case, hyphens and apostrophes folded), then as a family name alone
(settled by the people already found in the article when several bear it), then as a
near spelling of a full name that is the same person by ``core.names.same_person``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from rapidfuzz import fuzz, process

from sahel_utils.annotation.gazetteer.forms import name_key, strip_article
from sahel_utils.core.names import NAME_SIMILARITY, same_person, similar_spelling

# Near spellings of a known name: the one threshold of ``core.names``; a family
# name alone must be longer than a word (seven letters) to be matched fuzzily,
# since it is compared with every family name of the gazetteer at once.
PERSON_FUZZY_THRESHOLD = NAME_SIMILARITY
SURNAME_FUZZY_THRESHOLD = NAME_SIMILARITY
SURNAME_FUZZY_MIN_LENGTH = 7


class PeopleIndex:
    """Name keys and family names of the gazetteer's people (ids are canonical names)."""

    def __init__(self) -> None:
        #: name key of every name and alias -> person id
        self.keys: dict[str, str] = {}
        #: name key of a family name -> ids of the people who bear it
        self.surnames: dict[str, list[str]] = defaultdict(list)
        #: person id -> whether the family name alone names the person
        self.surname_alone: dict[str, bool] = {}
        #: ``(person id, family name as written)``, in data order
        self.surname_spellings: list[tuple[str, str]] = []
        self._choices: list[str] = []

    def add(
        self, name: str, forms: Iterable[str], family_names: list[str], surname_alone: bool
    ) -> None:
        """Index one person.

        Args:
            name: The person's id (canonical name).
            forms: The name and its aliases.
            family_names: Family names as written (several for variants).
            surname_alone: Whether a family name alone names the person.

        """
        for form in forms:
            self.keys.setdefault(name_key(form), name)
        for surname in family_names:
            key = name_key(surname)
            if name not in self.surnames[key]:
                self.surnames[key].append(name)
            self.surname_spellings.append((name, surname))
        self.surname_alone[name] = surname_alone

    def unique_family_names(self) -> list[tuple[str, str]]:
        """Family names of several words that only one person bears, indexed as names.

        Such a family name ("Sassou N'Guesso", "Yaou Sangaré") names that person as
        surely as a full name.

        Returns:
            ``(person id, family name as written)`` of each, in data order.

        """
        found = []
        for name, surname in self.surname_spellings:
            key = name_key(surname)
            if " " in key and self.surnames[key] == [name]:
                self.keys.setdefault(key, name)
                found.append((name, surname))
        return found

    def freeze(self) -> None:
        """Fix the names fuzzy matching compares with (call once every person is added)."""
        self._choices = list(self.keys)

    def match(self, name: str, context: Iterable[str] | None = None) -> str | None:
        """The id of the person named by ``name`` (see the module docstring).

        Args:
            name: A name as written, without title ("Goïta", "Touedera", "Serguei Lavrov").
            context: Ids of people already found in the same article; they
                settle a family name shared by several people ("Traoré").

        Returns:
            The person's id, or ``None``.

        """
        key = name_key(strip_article(name))
        if not key:
            return None
        words = key.split()
        # The full name, then the name without leading words ("Capitaine Ibrahim
        # Traoré" -> "Ibrahim Traoré") while two words or more remain.
        for start in range(max(1, len(words) - 1)):
            found = self.keys.get(" ".join(words[start:]))
            if found is not None:
                return found
        by_surname = self._match_surname(key, set(context or ()))
        if by_surname is not None:
            return by_surname
        if " " in key:
            near = process.extract(
                key,
                self._choices,
                scorer=fuzz.ratio,
                score_cutoff=PERSON_FUZZY_THRESHOLD,
                limit=3,
            )
            for choice, _, _ in near:
                if same_person(key, choice):
                    return self.keys[choice]
        return None

    def _match_surname(self, key: str, context: set[str]) -> str | None:
        candidates = self.surnames.get(key)
        if candidates is None and " " not in key and len(key) >= SURNAME_FUZZY_MIN_LENGTH:
            best = process.extractOne(
                key,
                list(self.surnames),
                scorer=fuzz.ratio,
                score_cutoff=SURNAME_FUZZY_THRESHOLD,
            )
            if best is not None and similar_spelling(key, best[0]):
                candidates = self.surnames[best[0]]
        if not candidates:
            return None
        in_context = [c for c in candidates if c in context]
        if len(in_context) == 1:
            return in_context[0]
        if len(candidates) == 1 and self.surname_alone[candidates[0]]:
            return candidates[0]
        return None
