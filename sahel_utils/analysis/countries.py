"""Country names in French next to ISO 3166 alpha-3 codes (pycountry), and AES."""

from __future__ import annotations

import functools
import gettext

import pandas as pd
import pycountry

#: Codes the pipeline uses that are not ISO 3166 countries.
BLOCS = {"AES": "Alliance des États du Sahel"}

#: Names the press uses where the ISO French name is long or inverted ("Russie, Fédération de").
COMMON_FR = {
    "RUS": "Russie",
    "IRN": "Iran",
    "SYR": "Syrie",
    "KOR": "Corée du Sud",
    "PRK": "Corée du Nord",
    "COD": "RD Congo",
    "TZA": "Tanzanie",
    "USA": "États-Unis",
    "GBR": "Royaume-Uni",
}


@functools.lru_cache(maxsize=1)
def _french() -> gettext.NullTranslations:
    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    except OSError:  # no French catalogue: English names
        return gettext.NullTranslations()


def is_known(code: str) -> bool:
    """Whether ``code`` is an ISO alpha-3 code or a bloc the pipeline knows (AES)."""
    if not isinstance(code, str):
        return False
    code = code.strip().upper()
    return code in BLOCS or (len(code) == 3 and pycountry.countries.get(alpha_3=code) is not None)


@functools.lru_cache(maxsize=512)
def french_name(code: object) -> str:
    """The French name of an alpha-3 code (``"TUR"`` -> ``"Turquie"``); the code if unknown."""
    if not isinstance(code, str) or not code:
        return ""
    key = code.strip().upper()
    if key in BLOCS:
        return BLOCS[key]
    if key in COMMON_FR:
        return COMMON_FR[key]
    country = pycountry.countries.get(alpha_3=key) if len(key) == 3 else None
    if country is None:
        return code
    name = _french().gettext(country.name)
    return name.split(", ")[0] if ", " in name else name


def labelled(code: object) -> str:
    """``"Turquie (TUR)"``; a code that is not a country (or a pair) is returned as given."""
    if not isinstance(code, str) or not code:
        return "" if code is None else str(code)
    name = french_name(code)
    return f"{name} ({code})" if name and name != code else code


def with_names(frame: pd.DataFrame, columns: list[str] | tuple[str, ...]) -> pd.DataFrame:
    """A copy of ``frame`` with a ``<col>_name`` column after each column of ``columns``."""
    out = frame.copy()
    for column in columns:
        if column not in out.columns:
            continue
        position = list(out.columns).index(column) + 1
        out.insert(position, f"{column}_name", out[column].map(french_name))
    return out
