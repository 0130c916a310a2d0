"""Veldtypen van het contract met Nederlandse foutmeldingen: bedragen, datums, codes en motiveringen.

JSON wordt met ``parse_float=Decimal`` ingelezen, dus een bedrag als getal (``8000.50``) is exact.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Annotated

from pydantic import PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

# Alleen ASCII-cijfers: \d zou ook Arabisch-Indische en volle-breedte cijfers aannemen ("٨٠٠٠", "８０００").
_BEDRAG_TEKST = re.compile(r"-?[0-9]{1,12}(\.[0-9]{1,2})?")
_DATUM_TEKST = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
MAX_BEDRAG = Decimal("999999999999.99")
MIN_MOTIVERING = 10
#: Ten hoogste zoveel tekens per tekstveld (motivering, bewijsstuk, toelichting); zo staat het ook in OpenAPI.
MAX_TEKST = 5000
MAX_JAREN = 100


def _bedrag(waarde: object) -> Decimal | None:
    if waarde is None:
        raise PydanticCustomError(
            "null", "Mag niet null zijn: geef een waarde, of laat het veld weg als het optioneel is."
        )
    if isinstance(waarde, bool) or not isinstance(waarde, str | int | Decimal | float):
        raise PydanticCustomError("bedrag", 'Verwacht een bedrag in euro\'s, als tekst ("840.84") of getal.')
    if isinstance(waarde, str):
        if not _BEDRAG_TEKST.fullmatch(waarde.strip()):
            raise PydanticCustomError(
                "bedrag",
                'Geen geldig bedrag: gebruik cijfers met een punt en ten hoogste twee decimalen, zoals "840.84".',
            )
        bedrag = Decimal(waarde.strip())
    elif isinstance(waarde, float):  # komt niet voor bij parse_float=Decimal, wel bij direct gebruik
        bedrag = Decimal(repr(waarde))
    else:
        bedrag = Decimal(waarde)
    if not bedrag.is_finite():
        raise PydanticCustomError("bedrag", "Geen geldig bedrag.")
    if bedrag.is_zero():  # "-0" en -0.0 zijn nul: nooit "-0.00" in een antwoord of op de pagina van de burger
        bedrag = Decimal(0)
    if bedrag < 0:
        raise PydanticCustomError("negatief", "Een bedrag kan niet negatief zijn.")
    if bedrag > MAX_BEDRAG:  # vóór quantize: een getal van meer dan 28 cijfers kan niet worden afgerond
        raise PydanticCustomError("te_groot", "Dit bedrag is onwaarschijnlijk groot.")
    if bedrag.as_tuple().exponent < -2 and bedrag != bedrag.quantize(Decimal("0.01")):
        raise PydanticCustomError("decimalen", "Een bedrag heeft ten hoogste twee decimalen.")
    return bedrag.quantize(Decimal("0.01"))


def _jaren(waarde: object) -> Decimal | None:
    if waarde is None:
        raise PydanticCustomError(
            "null", "Mag niet null zijn: geef een waarde, of laat het veld weg als het optioneel is."
        )
    if isinstance(waarde, bool) or not isinstance(waarde, int | Decimal | float):
        raise PydanticCustomError("jaren", "Verwacht een aantal jaren als getal, bijvoorbeeld 10 of 9.5.")
    jaren = Decimal(repr(waarde)) if isinstance(waarde, float) else Decimal(waarde)
    if jaren.is_zero():
        jaren = Decimal(0)
    if not jaren.is_finite() or jaren < 0:
        raise PydanticCustomError("negatief", "Een aantal jaren kan niet negatief zijn.")
    if jaren > MAX_JAREN:
        raise PydanticCustomError("te_groot", "Meer dan {max} jaar is niet aannemelijk.", {"max": MAX_JAREN})
    return jaren


def lees_datum(waarde: object) -> date:
    if waarde is None:
        raise PydanticCustomError(
            "null", "Mag niet null zijn: geef een waarde, of laat het veld weg als het optioneel is."
        )
    if isinstance(waarde, date):
        return waarde
    if not isinstance(waarde, str) or not _DATUM_TEKST.fullmatch(waarde):
        raise PydanticCustomError("datum", "Verwacht een datum in de vorm JJJJ-MM-DD.")
    try:
        return date.fromisoformat(waarde)
    except ValueError:
        raise PydanticCustomError("datum", "Deze datum bestaat niet.") from None


def _niet_te_lang(waarde: str) -> None:
    if len(waarde) > MAX_TEKST:
        raise PydanticCustomError(
            "te_lang",
            "Ten hoogste {max} tekens; deze tekst heeft er {lengte}.",
            {"max": MAX_TEKST, "lengte": len(waarde)},
        )


def _motivering(waarde: object) -> str | None:
    if waarde is None:
        raise PydanticCustomError(
            "null", "Mag niet null zijn: geef een waarde, of laat het veld weg als het optioneel is."
        )
    if not isinstance(waarde, str):
        raise PydanticCustomError("tekst", "Verwacht tekst.")
    _niet_te_lang(waarde)
    if len(waarde.strip()) < MIN_MOTIVERING:
        raise PydanticCustomError(
            "motivering_ontbreekt",
            "Een motivering is verplicht en moet de afweging beschrijven (ten minste {min} tekens).",
            {"min": MIN_MOTIVERING},
        )
    return waarde.strip()


def _tekst(waarde: object) -> str | None:
    if waarde is None:
        raise PydanticCustomError(
            "null", "Mag niet null zijn: geef een waarde, of laat het veld weg als het optioneel is."
        )
    if not isinstance(waarde, str):
        raise PydanticCustomError("tekst", "Verwacht tekst.")
    _niet_te_lang(waarde)
    if not waarde.strip():
        raise PydanticCustomError("leeg", "Mag niet leeg zijn.")
    return waarde.strip()


_BEDRAG_SCHEMA = {
    "anyOf": [
        {"type": "string", "pattern": r"^[0-9]{1,12}(\.[0-9]{1,2})?$"},
        {"type": "number", "minimum": 0, "maximum": float(MAX_BEDRAG)},
    ],
    "description": 'Bedrag in euro\'s, niet negatief, ten hoogste twee decimalen: als tekst ("840.84") of als getal.',
}

Bedrag = Annotated[Decimal, PlainValidator(_bedrag), WithJsonSchema(_BEDRAG_SCHEMA)]
#: Een percentage met de vorm van een bedrag; de grens van 100 controleert het model of het domein (400).
Percentage = Annotated[
    Decimal,
    PlainValidator(_bedrag),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"^(100(\.00?)?|[0-9]{1,2}(\.[0-9]{1,2})?)$"},
                {"type": "number", "minimum": 0, "maximum": 100},
            ],
            "description": 'Percentage van 0 tot en met 100, ten hoogste twee decimalen: als tekst ("12.5") of getal.',
        }
    ),
]
Jaren = Annotated[
    Decimal,
    PlainValidator(_jaren),
    WithJsonSchema({"type": "number", "minimum": 0, "maximum": MAX_JAREN, "description": "Aantal jaren (getal)."}),
]
Datum = Annotated[date, PlainValidator(lees_datum), WithJsonSchema({"type": "string", "format": "date"})]
Motivering = Annotated[
    str,
    PlainValidator(_motivering),
    WithJsonSchema({"type": "string", "minLength": MIN_MOTIVERING, "maxLength": MAX_TEKST}),
]
Tekst = Annotated[
    str, PlainValidator(_tekst), WithJsonSchema({"type": "string", "minLength": 1, "maxLength": MAX_TEKST})
]
