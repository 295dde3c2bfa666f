"""Notebook parameters that cannot fail silently.

Values come from papermill (``-p NAME VALUE`` gives strings, ``-y YAML`` typed
values) or from ``python -m sahel_utils report -p NAME VALUE``, which parses
lists and mappings given as JSON or YAML (:func:`parse_value`). Each notebook
calls :func:`check_parameters` in its first cell after the parameters: a
country code that is neither ISO 3166 alpha-3 nor ``AES``, a malformed date, a
missing table or an empty selection raise :class:`ParameterError`, so the
report fails visibly (and ``report`` exits non-zero) instead of showing empty
tables.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Sized
from pathlib import Path
from typing import Any

import pycountry
import yaml

from sahel_utils.analysis.countries import BLOCS, french_name, is_known

__all__ = [
    "ParameterError",
    "as_date",
    "as_list",
    "check_countries",
    "check_parameters",
    "check_selection",
    "parse_value",
    "plain_values",
]


class ParameterError(ValueError):
    """A notebook parameter is malformed, unknown, or selects nothing."""


def plain_values(value: Any) -> Any:
    """YAML dates turned back into ISO strings (papermill injects only JSON-like values)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [plain_values(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain_values(v) for k, v in value.items()}
    return value


def parse_value(text: str) -> Any:
    """A ``-p NAME VALUE`` value, typed.

    ``[...]`` and ``{...}`` are read as JSON, else as YAML (``[NER, MLI]``);
    ``true``/``false``, integers and floats are converted; anything else (a
    path, a date, a code) stays a string.

    Raises:
        ParameterError: A ``[`` or ``{`` value that is neither JSON nor YAML.

    """
    stripped = text.strip()
    if stripped[:1] in ("[", "{"):
        try:
            return json.loads(stripped)
        except json.JSONDecodeError:
            pass
        try:
            return plain_values(yaml.safe_load(stripped))
        except yaml.YAMLError as err:
            raise ParameterError(
                f"{text!r} is neither a JSON nor a YAML list or mapping: {err}"
            ) from None
    if text in ("True", "true", "False", "false"):
        return text.lower() == "true"
    for convert in (int, float):
        try:
            return convert(text)
        except ValueError:
            pass
    return text


def as_list(value: Any, name: str) -> list[str]:
    """A list of strings from a list, a JSON/YAML list string or ``"A, B"``.

    Raises:
        ParameterError: The value is not a list of strings.

    """
    if value is None:
        return []
    if isinstance(value, str):
        stripped = value.strip()
        if not stripped:
            return []
        if stripped[:1] in ("[", "{"):
            value = parse_value(stripped)
        else:
            value = [part for part in re.split(r"[,;\s]+", stripped) if part]
    if not isinstance(value, list | tuple):
        raise ParameterError(f'{name} must be a list, e.g. \'["NER", "MLI"]\'; got {value!r}')
    if not all(isinstance(v, str) for v in value):
        raise ParameterError(f"{name} must be a list of strings; got {value!r}")
    return [v.strip() for v in value if v.strip()]


_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def as_date(value: Any, name: str) -> str:
    """An ISO date or prefix (``2024``, ``2024-05``, ``2024-05-31``), or ``""`` for no bound.

    Raises:
        ParameterError: Any other value.

    """
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and 1000 <= value <= 9999:
        return str(value)
    if not isinstance(value, str):
        raise ParameterError(f"{name} must be an ISO date such as 2024 or 2024-05; got {value!r}")
    text = value.strip()
    if not text:
        return ""
    if not _DATE.match(text):
        raise ParameterError(
            f"{name}={value!r} is not an ISO date or prefix (2024, 2024-05, 2024-05-31)"
        )
    parts = [int(p) for p in text.split("-")]
    try:
        dt.date(parts[0], *(parts[1:] + [1] * (3 - len(parts))))
    except ValueError as err:
        raise ParameterError(f"{name}={value!r} is not a valid date: {err}") from None
    return text


def _suggestion(code: str) -> str:
    try:
        country = pycountry.countries.lookup(code)
    except LookupError:
        return ""
    return f" (did you mean {country.alpha_3}, {french_name(country.alpha_3)}?)"


def check_countries(codes: Iterable[str], name: str) -> list[str]:
    """Upper-cased codes, each ISO 3166 alpha-3 or a bloc (AES).

    Raises:
        ParameterError: A code is unknown (the message suggests the code of a
            country name or alpha-2 code when there is one).

    """
    out = [c.strip().upper() for c in codes]
    unknown = [c for c in out if not is_known(c)]
    if unknown:
        hints = "; ".join(f"{c!r}{_suggestion(c)}" for c in unknown)
        raise ParameterError(
            f"{name}: unknown country code {hints}. Use ISO 3166 alpha-3 codes "
            f"(NER, MLI, BFA, RUS, TUR, CHN, EGY…) or {', '.join(BLOCS)}."
        )
    return out


def _check_tables(processed_dir: str | Path, needs: Iterable[str] | None) -> None:
    from sahel_utils.core.tables import SCHEMAS

    folder = Path(processed_dir)
    needs = list(SCHEMAS) if needs is None else list(needs)
    if not folder.is_dir():
        raise ParameterError(
            f"processed_dir {str(folder)!r} is not a folder: run "
            "`python -m sahel_utils build` first or pass -p processed_dir DIR"
        )
    missing = [t for t in needs if not (folder / f"{t}.parquet").is_file()]
    if missing:
        raise ParameterError(
            f"processed_dir {str(folder)!r} lacks table(s) {', '.join(missing)}: "
            "run `python -m sahel_utils build` (the whole pipeline) on the corpus first"
        )


def _positive_int(value: Any, name: str) -> int:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ParameterError(f"{name} must be a positive integer; got {value!r}")
    return value


def _partner(value: Any) -> str:
    if value is None or value == "":
        return ""
    if not isinstance(value, str):
        raise ParameterError(f"partner must be one country code such as TUR; got {value!r}")
    return check_countries([value], "partner")[0] if value.strip() else ""


def check_parameters(
    processed_dir: str | Path,
    needs: Iterable[str] | None = None,
    **params: Any,
) -> dict[str, Any]:
    """Check and normalise a notebook's parameters; returns them normalised.

    Args:
        processed_dir: The build's tables folder.
        needs: Tables the notebook reads, each to be in ``processed_dir`` (default: every
            table of ``core.tables.SCHEMAS``, as ``load_tables`` reads them all).
        **params: The notebook's parameters. Known names are normalised:
            ``focus_countries`` (non-empty list of codes), ``partner``
            (a code or ""), ``date_from``/``date_to`` (ISO date or ""),
            ``top_n`` (positive integer); the others are returned as given.

    Raises:
        ParameterError: A missing folder or table, or a malformed parameter.

    """
    _check_tables(processed_dir, needs)
    out = dict(params)
    if "focus_countries" in params:
        codes = as_list(params["focus_countries"], "focus_countries")
        if not codes:
            raise ParameterError('focus_countries is empty: give at least one code, e.g. ["NER"]')
        out["focus_countries"] = check_countries(codes, "focus_countries")
    if "partner" in params:
        out["partner"] = _partner(params["partner"])
    for bound in ("date_from", "date_to"):
        if bound in params:
            out[bound] = as_date(params[bound], bound)
    start, end = out.get("date_from"), out.get("date_to")
    if start and end and start[: len(end)] > end:
        raise ParameterError(f"date_from={start!r} is after date_to={end!r}")
    if "top_n" in params:
        out["top_n"] = _positive_int(params["top_n"], "top_n")
    return out


def check_selection(selection: Sized, description: str) -> None:
    """Raise when a selection is empty, naming what was selected.

    Raises:
        ParameterError: ``selection`` is empty.

    """
    if len(selection) == 0:
        raise ParameterError(
            f"empty selection: {description}. Check the codes and widen the dates "
            "(parameters focus_countries, date_from, date_to)."
        )
