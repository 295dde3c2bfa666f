"""Pattern matches turned into candidates, and the longest of overlapping ones kept.

Each rule of :mod:`.patterns` has a handler here that reads its match (a :class:`Hit`)
and returns candidates (:class:`~.model.Found`), or none when the context shows the
match is something else ("chaque lundi", "Stade du 26 Mars", "un chauffeur de 38 ans").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sahel_utils.annotation.timex.model import Found, Point, valid_day
from sahel_utils.annotation.timex.patterns import patterns
from sahel_utils.annotation.timex.vocabulary import LAST, NEXT, THIS, Vocabulary, alt


@dataclass(frozen=True)
class Hit:
    """One match of a rule with what its handler reads: groups, the text, the vocabulary."""

    m: re.Match[str]
    g: dict[str, Any]
    text: str
    vocab: Vocabulary

    @classmethod
    def of(cls, m: re.Match[str], text: str, vocab: Vocabulary) -> Hit:
        """The hit of match ``m`` in ``text``."""
        return cls(m, m.groupdict(), text, vocab)

    def before(self, width: int) -> str:
        """The ``width`` characters of text before the match, in lower case."""
        return self.text[max(0, self.m.start() - width) : self.m.start()].lower()

    def blocked_by(self, words: Iterable[str]) -> bool:
        """Whether one of ``words`` ends right before the match."""
        return blocked_before(self.text, self.m.start(), words)


Handler = Callable[[Hit], list[Found]]


def find_candidates(text: str, vocab: Vocabulary) -> list[Found]:
    """Every pattern match turned into candidates (overlaps not yet resolved)."""
    found: list[Found] = []
    for priority, (name, rx) in enumerate(patterns(vocab)):
        handler = HANDLERS[name]
        for m in rx.finditer(text):
            for f in handler(Hit.of(m, text, vocab)):
                f.priority = priority
                f.rule = f.rule or name
                found.append(f)
    return found


def select(found: list[Found]) -> list[Found]:
    """Keep the longest of overlapping candidates (earlier pattern on ties)."""
    chosen: list[Found] = []
    for f in sorted(found, key=lambda f: (f.start - f.end, f.priority, f.start)):
        if any(f.start < c.end and c.start < f.end for c in chosen):
            continue
        chosen.append(f)
    for f in chosen:
        for part in f.parts:
            part.rule = part.rule or f.rule
    expanded = [part for f in chosen for part in (f.parts or [f])]
    return sorted(expanded, key=lambda f: f.start)


# --------------------------------------------------------------------------- words


def _spaced(word: str) -> str:
    return re.sub(r"\s+", " ", word.lower())


def _direction(word: str | None, vocab: Vocabulary) -> str | None:
    if not word:
        return None
    word = _spaced(word)
    if word in vocab.last_words:
        return LAST
    if word in vocab.next_words:
        return NEXT
    return None


def _month(word: str | None, vocab: Vocabulary) -> int | None:
    if not word:
        return None
    word = word.lower()
    return vocab.months.get(word) or vocab.month_abbreviations.get(word)


def _day(word: str, vocab: Vocabulary) -> int:
    return 1 if word.lower() in vocab.first_day else int(word)


def _weekday(word: str | None, vocab: Vocabulary) -> int | None:
    return vocab.weekdays.get((word or "").lower())


def _time_fields(m: re.Match[str], prefix: str = "t") -> tuple[int | None, int | None]:
    """Hour and minute of the clock time after a date (both None without one)."""
    hh = m.groupdict().get(f"{prefix}hh")
    if hh is None:
        return None, None
    mm = m.groupdict().get(f"{prefix}mm")
    return int(hh), int(mm) if mm else 0


def _preceding_words(text: str, pos: int, n: int = 2) -> list[str]:
    return re.findall(r"[\w'-]+", text[max(0, pos - 60) : pos].lower())[-n:]


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def _part_code(word: str | None, vocab: Vocabulary) -> str | None:
    if not word:
        return None
    return vocab.day_part_codes.get(_spaced(word))


def _unit(word: str, vocab: Vocabulary) -> str:
    word = word.lower()
    if word in vocab.weekend_words:
        return "weekend"
    return vocab.units.get(word, word)


def number(word: str, vocab: Vocabulary) -> float | None:
    """A French number in digits or words: "12", "30,4", "vingt-cinq", "trente et un"."""
    word = word.lower().strip()
    if re.fullmatch(r"\d+(?:[.,]\d+)?", word):
        return float(word.replace(",", "."))
    total, current = 0, 0
    for token in re.split(r"[\s-]+", word):
        if token in vocab.and_words:
            continue
        if token not in vocab.number_words:
            return None
        n = vocab.number_words[token]
        if n == 20 and current and current < 20 and total == 0:  # quatre-vingt
            current *= 20
        elif n == 100:
            current = (current or 1) * 100
        else:
            current += n
    return float(total + current)


def duration_value(n: float | None, unit: str, vocab: Vocabulary) -> str | None:
    """TimeML duration: ``P10Y``, ``PT30.4S``, ``PXM`` (``n`` None for a vague amount)."""
    code = vocab.duration_units.get(_spaced(unit))
    if code is None:
        return None
    m = re.fullmatch(r"(\d*)(T?)([A-Z])", code)
    if m is None:
        return None
    factor = int(m.group(1) or 1)
    if n is None:
        amount = "X"
    else:
        total = n * factor
        amount = str(int(total)) if total == int(total) else f"{total:g}"
    return f"P{m.group(2)}{amount}{m.group(3)}"


def blocked_before(text: str, pos: int, words: Iterable[str]) -> bool:
    """Whether one of ``words`` ends right before ``pos`` (within 20 characters)."""
    words = tuple(words)
    before = text[max(0, pos - 20) : pos].lower()
    pattern = rf"(?:(?<![\w-])|(?=[^\w\s])){alt(words)}\s*$"
    return bool(words) and re.search(pattern, before) is not None


# --------------------------------------------------------------------------- found


def _whole(m: re.Match[str], kind: str, *points: Point, start: int | None = None) -> Found:
    return Found(m.start() if start is None else start, m.end(), kind, tuple(points))


def _fixed(m: re.Match[str], value: str | None, kind: str) -> Found:
    found = _whole(m, "fixed")
    found.value, found.timex_type = value, kind
    return found


def _relative(m: re.Match[str], unit: str, offset: int) -> Found:
    found = _whole(m, "relative")
    found.unit, found.offset = unit, offset
    return found


def _is_name(hit: Hit) -> bool:
    """True for a date inside a proper name: "Stade du 26 Mars", "Mouvement du 23 mars"."""
    words = _preceding_words(hit.text, hit.m.start(), 3)
    if not words or words[-1] not in hit.vocab.name_links:
        return False
    heads = [w.strip("'") for w in words[:-1]]
    if any(h in hit.vocab.name_heads for h in heads):
        return True
    return hit.g["m"][0].isupper() and hit.g["y"] is None


# --------------------------------------------------------------------------- dates


def _from_numeric(hit: Hit) -> list[Found]:
    g = hit.g
    y, mo, d = int(g["y"]), int(g["m"]), int(g["d"])
    if not 1 <= mo <= 12 or not valid_day(y, mo, d):
        return []
    hour, minute = _int(g.get("thh")), _int(g.get("tmm"))
    if hour is not None and (hour > 23 or (minute or 0) > 59):
        hour = minute = None
    if hour is not None and minute is None:
        minute = 0
    return [_whole(hit.m, "point", Point(y, mo, d, hour=hour, minute=minute))]


def _day_range_links(hit: Hit) -> tuple[str, ...] | None:
    """The connectors the range's opener takes (None: no opener, no weekday)."""
    if hit.g["lead"] is not None:
        return hit.vocab.day_ranges[_spaced(hit.g["lead"])]
    if hit.g["wd1"] is not None:
        return hit.vocab.day_range_links_after_weekday
    return None


def _from_day_range(hit: Hit) -> list[Found]:
    g, vocab = hit.g, hit.vocab
    m2 = _month(g["m2"], vocab)
    m1 = _month(g["m1"], vocab) or m2
    d1, d2 = _day(g["d1"], vocab), _day(g["d2"], vocab)
    y1, y2 = _int(g["y1"]), _int(g["y2"])
    if m1 is None or m2 is None or not (valid_day(y1, m1, d1) and valid_day(y2, m2, d2)):
        return []
    links = _day_range_links(hit)
    if links is None or _spaced(g["link"]) not in links:
        return []  # "du 26 juillet 2023 et le 26 juillet dernier": two dates, not a range
    first = Point(y1, m1, d1, weekday=_weekday(g["wd1"], vocab))
    mod = _direction(g["mod"], vocab)
    second = Point(y2, m2, d2, weekday=_weekday(g["wd2"], vocab), direction=mod)
    return [_whole(hit.m, "range", first, second)]


def _from_weekday_range(hit: Hit) -> list[Found]:
    g, vocab = hit.g, hit.vocab
    wd1, wd2 = vocab.weekdays[g["wd1"].lower()], vocab.weekdays[g["wd2"].lower()]
    mod = _direction(g["mod"], vocab)
    return [_whole(hit.m, "range", Point(weekday=wd1), Point(weekday=wd2, direction=mod))]


def _from_month_range(hit: Hit) -> list[Found]:
    g, vocab = hit.g, hit.vocab
    m1, m2 = _month(g["m1"], vocab), _month(g["m2"], vocab)
    mod = _direction(g["mod"], vocab)
    first, second = Point(_int(g["y1"]), m1), Point(_int(g["y2"]), m2, direction=mod)
    return [_whole(hit.m, "range", first, second)]


def _from_year_range(hit: Hit) -> list[Found]:
    y1, y2 = int(hit.g["y1"]), int(hit.g["y2"])
    if not y1 < y2 <= y1 + 200:
        return []
    return [_whole(hit.m, "range", Point(y1), Point(y2))]


def _from_date(hit: Hit) -> list[Found]:
    g, vocab = hit.g, hit.vocab
    mo, d, y = _month(g["m"], vocab), _day(g["d"], vocab), _int(g["y"])
    if mo is None or not valid_day(y, mo, d) or _is_name(hit):
        return []
    mod = _direction(g["mod"], vocab) if y is None else None
    hour, minute = _time_fields(hit.m)
    wd = _weekday(g["wd"], vocab)
    point = Point(y, mo, d, weekday=wd, direction=mod, hour=hour, minute=minute)
    return [_whole(hit.m, "point", point)]


def _from_day_current(hit: Hit) -> list[Found]:
    d = _day(hit.g["d"], hit.vocab)
    wd = _weekday(hit.g["wd"], hit.vocab)
    return [_whole(hit.m, "point", Point(day=d, weekday=wd, direction=THIS))] if d <= 31 else []


# --------------------------------------------------------------------------- months, years


def _from_month_year(hit: Hit) -> list[Found]:
    return [_whole(hit.m, "point", Point(int(hit.g["y"]), _month(hit.g["m"], hit.vocab)))]


def _from_month(hit: Hit) -> list[Found]:
    m, g, vocab = hit.m, hit.g, hit.vocab
    if g.get("sig") and g["m"][0].isupper() and g["m2"] is None:
        return []  # "depuis Mai": a capitalised month after a bare preposition is a name
    mod = _direction(g.get("mod"), vocab)
    start = m.start("m") if g.get("lead") is None else m.start()
    first = Point(month=_month(g["m"], vocab), direction=mod)
    if g["m2"] is None:
        return [_whole(m, "point", first, start=start)]
    # "en janvier et mars derniers": two months sharing one modifier
    second = Point(month=_month(g["m2"], vocab), direction=mod)
    parts = [
        Found(start, m.end("m"), "point", (first,)),
        Found(m.start("m2"), m.end(), "point", (second,)),
    ]
    return [Found(start, m.end(), "pair", parts=parts)]


def _from_year(hit: Hit) -> list[Found]:
    start = hit.m.start("y") if hit.g["lead"] is None else hit.m.start()
    return [_whole(hit.m, "point", Point(int(hit.g["y"])), start=start)]


def _from_year_part(hit: Hit) -> list[Found]:
    part = hit.vocab.year_parts[_spaced(hit.g["part"])]
    return [_whole(hit.m, "point", Point(int(hit.g["y"]), season=part))]


def _from_decade(hit: Hit) -> list[Found]:
    g = hit.g
    prefix = g["c"] + g["dd"] if g["c"] else "19" + g["short"]
    return [_whole(hit.m, "point", Point(decade=prefix))]


def _from_season(hit: Hit) -> list[Found]:
    g, vocab = hit.g, hit.vocab
    det = (g["det"] or "").lower()
    y, mod = _int(g["y"]), _direction(g["mod"], vocab)
    if y is None and mod is None:
        if not det:
            return []  # "printemps arabe", "a été": no determiner, no year, no direction
        mod = THIS if det in vocab.this_words else None  # "l'automne": tense decides
    point = Point(y, season=vocab.seasons[g["s"].lower()], direction=mod)
    return [_whole(hit.m, "point", point)]


def _from_month_two_digit_year(hit: Hit) -> list[Found]:
    yy = int(hit.g["yy"])
    year = (1900 if yy > hit.vocab.two_digit_year_pivot else 2000) + yy
    return [_whole(hit.m, "point", Point(year, _month(hit.g["m"], hit.vocab)))]


def _from_bare_year(hit: Hit) -> list[Found]:
    if hit.blocked_by(hit.vocab.bare_year_blockers):
        return []
    before = re.findall(r"[\w'-]+|[.!?:;\n]", hit.text[max(0, hit.m.start() - 40) : hit.m.start()])
    if before and before[-1][0].isupper() and not re.fullmatch(r"[A-Z]'", before[-1][:2]):
        return []  # "BAMEX 2025", "Euro 2016": part of a name
    if before and re.fullmatch(r"\d+", before[-1]):
        return []
    return [_whole(hit.m, "point", Point(int(hit.g["y"])))]


def _from_bare_month(hit: Hit) -> list[Found]:
    if not hit.g["m"].islower():
        return []  # "Mai Ahmed", "Mars": a capitalised bare month is a name
    if re.search(r"\d\s*$", hit.before(4)):
        return []  # "du 23 mars" left out by the date rules (a name)
    return [_whole(hit.m, "point", Point(month=_month(hit.g["m"], hit.vocab)))]


def _from_festival(hit: Hit) -> list[Found]:
    name = hit.g["f"]
    if " " not in name and name[0].islower():
        return []  # "l'ascension du Kilimandjaro": a festival name is capitalised
    found = _whole(hit.m, "festival")
    found.festival = hit.vocab.festivals[_spaced(name)]
    found.points = (Point(_int(hit.g["y"])),)
    return [found]


# --------------------------------------------------------------------------- relative


def _from_relative_day(hit: Hit) -> list[Found]:
    vocab = hit.vocab
    if re.search(rf"(?<!\w){alt(vocab.generic_before_relative_day)}\s*$", hit.before(4)):
        return []  # "les alliés d'hier", "l'Afrique de demain"
    found = _relative(hit.m, "day", vocab.relative_days[hit.g["w"].lower()])
    found.part = _part_code(hit.g.get("part"), vocab)
    found.hour, found.minute = _time_fields(hit.m)
    return [found]


def _from_this_daypart(hit: Hit) -> list[Found]:
    found = _relative(hit.m, "day", 0)
    found.part = _part_code(hit.g.get("part"), hit.vocab)
    return [found]


def _unit_offset(hit: Hit) -> int:
    """The offset of "il y a deux ans" (-2), "dans trois mois" (3), "l'an prochain" (1)."""
    g, vocab = hit.g, hit.vocab
    if g.get("n"):
        n_word = g["n"].lower()
        n = int(n_word) if n_word.isdigit() else vocab.number_words[n_word]
        return -n if _spaced(g["dir"]) in vocab.ago_words else n
    if g.get("mod"):  # "la semaine dernière", "l'an prochain", "le mois courant"
        direction = _direction(g["mod"], vocab)
        return {LAST: -1, NEXT: 1}.get(direction or "", 0)
    return 0


def _from_unit(hit: Hit) -> list[Found]:
    return [_relative(hit.m, _unit(hit.g["u"], hit.vocab), _unit_offset(hit))]


def _from_weekday(hit: Hit) -> list[Found]:
    g, vocab = hit.g, hit.vocab
    before = " ".join(_preceding_words(hit.text, hit.m.start(), 2))
    if any(before.endswith(h) for h in vocab.habitual_before_weekday):
        return []  # "chaque lundi"
    mod = _direction(g["mod"], vocab) or (THIS if g["det"] else None)
    part = _part_code(g.get("part"), vocab)
    hour, minute = _time_fields(hit.m)
    weekday = vocab.weekdays[g["wd"].lower()]
    point = Point(weekday=weekday, direction=mod, part=part, hour=hour, minute=minute)
    return [_whole(hit.m, "point", point)]


def _from_reference(hit: Hit) -> list[Found]:
    word = _spaced(hit.g["w"])
    if word in hit.vocab.today_words:
        return [_relative(hit.m, "day", 0)]
    return [_fixed(hit.m, hit.vocab.reference_words[word], "DATE")]


def _from_unit_reference(hit: Hit) -> list[Found]:
    return [_fixed(hit.m, hit.vocab.unit_references[_spaced(hit.g["w"])], "DATE")]


# --------------------------------------------------------------------------- times of day


def _from_clock(hit: Hit) -> list[Found]:
    m, g, text, vocab = hit.m, hit.g, hit.text, hit.vocab
    mark = text[m.end("hh") : m.end()].strip().lower()
    if mark.startswith(vocab.hour_words) or mark == "":
        # "8 heures" is a time only after "à", "vers", "de" ...: otherwise a duration
        signals = [*vocab.clock_word_signals, *vocab.clock_lead_words, *vocab.clock_signals]
        if not g.get("lead") and not hit.blocked_by(signals):
            return []
    if re.match(rf"\s*{alt(vocab.round_the_clock_links)}\s*24", text[m.end() : m.end() + 8]):
        return []  # "24 h sur 24"
    found = _whole(m, "clock")
    found.hour, found.minute = int(g["hh"]), int(g["mm"] or 0)
    return [found]


def _from_clock_word(hit: Hit) -> list[Found]:
    word = hit.g["cw"]
    if word != word.lower() or not hit.blocked_by(hit.vocab.clock_word_signals):
        return []  # "le Midi", "entre midi et deux" is kept only after a signal
    found = _whole(hit.m, "clock")
    found.hour, found.minute = hit.vocab.clock_words[word.lower()], 0
    return [found]


def _from_day_part(hit: Hit) -> list[Found]:
    m, g = hit.m, hit.g
    found = Found(m.start("part"), m.end(), "clock")
    if g["det"].lower() in hit.vocab.day_part_determiners_in_span:
        found.start = m.start()
    found.part = _part_code(g["part"], hit.vocab)
    return [found]


# --------------------------------------------------------------------------- durations, sets


def _is_age(hit: Hit) -> bool:
    """An age, not a duration: "un chauffeur de 38 ans", "Florian, 26 ans,"."""
    vocab = hit.vocab
    if not hit.g["n"][0].isdigit() or not hit.blocked_by(vocab.age_markers):
        return False
    in_years = vocab.duration_units.get(hit.g["u"].lower()) == "Y"
    return in_years and not hit.blocked_by(vocab.age_kept_after)


def _from_duration(hit: Hit) -> list[Found]:
    g, vocab = hit.g, hit.vocab
    if hit.blocked_by(vocab.duration_blockers):
        return []  # "il y a deux ans", "la guerre des 12 jours"
    if re.search(r"\d\s*$", hit.before(4)):
        return []  # "20 22 30 jours": a list of numbers
    if _is_age(hit):
        return []
    n = number(g["n"], vocab)
    value = duration_value(n, g["u"], vocab) if n else None
    if value is None:
        return []
    return [_fixed(hit.m, value, "DURATION")]


def _from_vague_duration(hit: Hit) -> list[Found]:
    value = duration_value(None, hit.g["u"], hit.vocab)
    return [_fixed(hit.m, value, "DURATION")] if value else []


def _from_duration_noun(hit: Hit) -> list[Found]:
    return [_fixed(hit.m, hit.vocab.duration_nouns[_spaced(hit.g["dn"])], "DURATION")]


def _from_approximate_duration(hit: Hit) -> list[Found]:
    n = hit.vocab.approximate_numbers[hit.g["a"].lower()]
    value = duration_value(float(n), hit.g["u"], hit.vocab)
    return [_fixed(hit.m, value, "DURATION")] if value else []


def _from_set(hit: Hit) -> list[Found]:
    g, vocab = hit.g, hit.vocab
    n = number(g["n"], vocab) if g.get("n") else 1.0
    value = duration_value(n, g["u"], vocab) if n else None
    return [_fixed(hit.m, value, "SET")] if value else []


#: The handler of each rule of :func:`.patterns.patterns`.
HANDLERS: dict[str, Handler] = {
    "iso": _from_numeric,
    "numeric": _from_numeric,
    "day_range": _from_day_range,
    "weekday_range": _from_weekday_range,
    "month_range": _from_month_range,
    "year_range": _from_year_range,
    "year_dash": _from_year_range,
    "date": _from_date,
    "day_current": _from_day_current,
    "month_year": _from_month_year,
    "month_mod": _from_month,
    "month": _from_month,
    "year": _from_year,
    "year_part": _from_year_part,
    "decade": _from_decade,
    "season": _from_season,
    "relative_day": _from_relative_day,
    "this_daypart": _from_this_daypart,
    "unit_mod": _from_unit,
    "unit_this": _from_unit,
    "ago": _from_unit,
    "weekday": _from_weekday,
    "clock": _from_clock,
    "clock_word": _from_clock_word,
    "day_part": _from_day_part,
    "duration": _from_duration,
    "vague_duration": _from_vague_duration,
    "duration_noun": _from_duration_noun,
    "set": _from_set,
    "set_per": _from_set,
    "reference": _from_reference,
    "month_two_digit_year": _from_month_two_digit_year,
    "year_slash": _from_year_range,
    "bare_year": _from_bare_year,
    "bare_month": _from_bare_month,
    "festival": _from_festival,
    "unit_reference": _from_unit_reference,
    "approximate_duration": _from_approximate_duration,
}
