"""De body van een verzoek lezen: één regel voor wat Maatstaf als JSON aanneemt, vóór er iets wordt vastgelegd.

- Alleen UTF-8 zonder BOM (RFC 8259 §8.1: JSON tussen systemen MOET UTF-8 zijn). Een UTF-8-BOM, UTF-16 of UTF-32
  geeft 400: het auditrecord bewaart het verzoek zoals ontvangen, dus wat is vastgelegd moet precies zijn wat is
  gelezen.
- Geen NUL-teken (``\\u0000``) en geen losse surrogaat (``\\ud800``) in tekst of sleutels: dat is geen tekst en
  PostgreSQL kan het niet opslaan.
- Geen sleutel twee keer in hetzelfde object (RFC 8259 §4: dan is de betekenis onbepaald).
- Geen ``NaN`` of ``Infinity`` (geen JSON, wel door Python geaccepteerd).
- Niet dieper genest dan ``MAX_DIEPTE``; dat wordt geteld vóór het (recursieve) parsen.

Elke overtreding is een 400 met ``invalidParams``, met het pad van het veld als ``name``.
"""

from __future__ import annotations

import json
import re
from array import array
from decimal import Decimal
from itertools import accumulate
from typing import Any

from app.api.http.problemen import ONGELDIG, Probleem
from app.domain.fouten import Invoerprobleem

#: Het diepst geneste verzoek van het contract is 4 niveaus; 32 laat ruimte en blijft ver van de recursiegrens.
MAX_DIEPTE = 32

_BOM = b"\xef\xbb\xbf"
#: Een JSON-string (met escapes), en alles wat geen haakje is.
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_GEEN_HAAKJE = re.compile(r"[^\[\]{}]+")
#: [ en { worden 1, ] en } worden -1 (als byte met teken: 255).
_PLUS_MIN = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")


class _MetDubbeleSleutel(dict):
    """Een object waarin een sleutel meer dan eens voorkwam (de eerste dubbele staat in ``dubbel``)."""

    dubbel: str = ""


def _object(paren: list[tuple[str, Any]]) -> dict:
    uit = dict(paren)
    if len(uit) == len(paren):
        return uit
    gezien: set[str] = set()
    for sleutel, _ in paren:
        if sleutel in gezien:
            dubbel = _MetDubbeleSleutel(uit)
            dubbel.dubbel = sleutel
            return dubbel
        gezien.add(sleutel)
    return uit  # pragma: no cover - len verschilt alleen bij een dubbele sleutel


def _geen_constante(naam: str) -> Any:
    raise ValueError(f"{naam} is geen JSON-waarde")


def _fout(naam: str, code: str, reden: str, detail: str = "De body is geen geldige JSON.") -> Probleem:
    return Probleem(400, detail, [Invoerprobleem(naam, code, reden)])


def diepte_te_groot(tekst: str, maximum: int = MAX_DIEPTE) -> bool:
    """Telt de nesting van [ en { buiten strings, zonder recursie en zonder lus in Python: de strings eruit, dan alleen
    de haakjes, elk als +1 of -1, en het hoogste lopende totaal (vroeger een lus per haakje: 0,3 s voor 1 MB)."""
    haakjes = _GEEN_HAAKJE.sub("", _STRING.sub("", tekst))
    if len(haakjes) <= maximum:
        return False
    return max(accumulate(array("b", haakjes.encode("ascii").translate(_PLUS_MIN)))) > maximum


def _pad(pad: str, deel: str | int) -> str:
    return f"{pad}.{deel}" if pad else str(deel)


def _tekstprobleem(tekst: str, naam: str) -> Invoerprobleem | None:
    if "\x00" in tekst:
        return Invoerprobleem(naam, "nul_teken", "Het NUL-teken (\\u0000) is niet toegestaan in tekst.")
    try:
        tekst.encode("utf-8")
    except UnicodeEncodeError:
        return Invoerprobleem(naam, "unicode", "Een losse surrogaat (\\ud800-\\udfff) is geen geldige tekst.")
    return None


def _controleer(waarde: Any, pad: str, problemen: list[Invoerprobleem]) -> None:
    if len(problemen) >= 20:
        return
    if isinstance(waarde, str):
        probleem = _tekstprobleem(waarde, pad or "body")
        if probleem:
            problemen.append(probleem)
    elif isinstance(waarde, dict):
        if isinstance(waarde, _MetDubbeleSleutel):
            problemen.append(
                Invoerprobleem(
                    _pad(pad, waarde.dubbel),
                    "dubbele_sleutel",
                    f"De sleutel {waarde.dubbel!r} komt meer dan eens voor in hetzelfde object; geef hem één keer.",
                )
            )
        for sleutel, sub in waarde.items():
            probleem = _tekstprobleem(sleutel, _pad(pad, sleutel))
            if probleem:
                problemen.append(probleem)
                continue
            _controleer(sub, _pad(pad, sleutel), problemen)
    elif isinstance(waarde, list):
        for i, sub in enumerate(waarde):
            _controleer(sub, _pad(pad, i), problemen)


#: De meldingen van Pythons JSON-parser in het Nederlands (op het begin van de Engelse melding).
_JSON_MELDINGEN = (
    ("Expecting value", "hier wordt een waarde verwacht"),
    (
        "Expecting property name enclosed in double quotes",
        "hier wordt een sleutel tussen dubbele aanhalingstekens verwacht",
    ),
    ("Expecting ':' delimiter", "hier wordt een dubbele punt (:) verwacht"),
    ("Expecting ',' delimiter", "hier wordt een komma verwacht"),
    ("Unterminated string starting at", "de tekst die hier begint, wordt niet afgesloten met een aanhalingsteken"),
    ("Invalid control character", "een stuurteken (bijv. een tab of regeleinde) in tekst; schrijf het als \\t of \\n"),
    ("Invalid \\uXXXX escape", "een \\u-escape heeft vier hexadecimale cijfers nodig"),
    ("Invalid \\escape", "een ongeldige escape met \\"),
    ("Extra data", "na de JSON-waarde volgt nog meer"),
    ("Illegal trailing comma", "een komma vóór het einde van een object of lijst"),
)


def json_fout(fout: json.JSONDecodeError) -> str:
    """De melding bij ongeldige JSON, in het Nederlands, met regel en kolom (Python meldt in het Engels)."""
    melding = next((nl for en, nl in _JSON_MELDINGEN if fout.msg.startswith(en)), "de JSON is hier ongeldig")
    return f"Geen geldige JSON: {melding} (regel {fout.lineno}, kolom {fout.colno})."


def naar_tekst(ruw: bytes | str) -> str:
    """De body als tekst: strikt UTF-8 zonder BOM, anders 400."""
    if isinstance(ruw, str):
        return ruw
    if ruw.startswith(_BOM):
        raise _fout(
            "body",
            "bom",
            "De body begint met een byte order mark (BOM); stuur UTF-8 zonder BOM (RFC 8259).",
            "De body is niet in UTF-8 zonder BOM.",
        )
    try:
        tekst = ruw.decode("utf-8")
    except UnicodeDecodeError:
        raise _fout(
            "body",
            "utf8",
            "De body is geen geldige UTF-8 (bijvoorbeeld UTF-16 of UTF-32); stuur JSON in UTF-8 (RFC 8259).",
            "De body is niet in UTF-8 zonder BOM.",
        ) from None
    if "\x00" in tekst:  # UTF-16 zonder BOM is voor ASCII-tekst geldige UTF-8, met een NUL om het andere byte
        raise _fout(
            "body",
            "nul_teken",
            "De body bevat NUL-bytes (bijvoorbeeld UTF-16 of UTF-32); stuur JSON in UTF-8 (RFC 8259).",
            "De body is niet in UTF-8 zonder BOM.",
        )
    return tekst


def lees_json(ruw: bytes | str) -> Any:
    """De JSON-waarde van een body, met exacte bedragen (``parse_float=Decimal``); anders een 400-Probleem."""
    tekst = naar_tekst(ruw)
    if diepte_te_groot(tekst):
        raise _fout(
            "body",
            "te_diep",
            f"De JSON is dieper genest dan {MAX_DIEPTE} niveaus.",
            "De body is te diep genest.",
        )
    dubbel = False

    def object_uit(paren: list[tuple[str, Any]]) -> dict:
        nonlocal dubbel
        uit = dict(paren)
        if len(uit) == len(paren):
            return uit
        dubbel = True
        return _object(paren)

    try:
        data = json.loads(tekst, parse_float=Decimal, parse_constant=_geen_constante, object_pairs_hook=object_uit)
    except json.JSONDecodeError as fout:
        raise _fout("body", "json", json_fout(fout)) from None
    except RecursionError:
        raise _fout("body", "json", "Geen geldige JSON: te diep genest.") from None
    except ValueError as fout:  # _geen_constante: NaN, Infinity, -Infinity
        raise _fout("body", "json", f"Geen geldige JSON: {fout}.") from None
    # Een NUL-teken of een losse surrogaat in bytes kan alleen als \u-escape in de tekst staan (ruwe NUL-bytes en
    # surrogaten weigert naar_tekst al): zonder "\u" en zonder dubbele sleutel hoeft de boom niet doorlopen.
    if dubbel or "\\u" in tekst or isinstance(ruw, str):
        problemen: list[Invoerprobleem] = []
        _controleer(data, "", problemen)
        if problemen:
            raise Probleem(400, ONGELDIG, problemen)
    return data
