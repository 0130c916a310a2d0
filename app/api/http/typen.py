"""Veldtypen van het contract met Nederlandse foutmeldingen: bedragen, datums, codes en motiveringen.

JSON wordt met ``parse_float=Decimal`` ingelezen, dus een bedrag als getal (``8000.50``) is exact.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated
from zoneinfo import ZoneInfo

from pydantic import BeforeValidator, Field, PlainValidator, StrictInt, WithJsonSchema
from pydantic_core import PydanticCustomError

# Alleen ASCII-cijfers: \d zou ook Arabisch-Indische en volle-breedte cijfers aannemen ("٨٠٠٠", "８０００").
_BEDRAG_TEKST = re.compile(r"-?[0-9]{1,12}(\.[0-9]{1,2})?")
_DATUM_TEKST = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
MAX_BEDRAG = Decimal("999999999999.99")
MIN_MOTIVERING = 10
#: Ten hoogste zoveel tekens per tekstveld (motivering, bewijsstuk, toelichting); zo staat het ook in OpenAPI.
MAX_TEKST = 5000
MAX_JAREN = 100
#: Het bereik van elke datum die Maatstaf aanneemt (in een body, een queryparameter, een regel van een batch, de
#: selectie van een impactanalyse, een beleidsversie): hele jaren 1900 tot en met 2199. De regeldata begint op
#: 2013-01-01 en een berekening telt hoogstens enkele tientallen jaren bij een datum op of trekt ze eraf (verval,
#: recidive, afzien na tien jaar); binnen dit bereik blijft elke uitkomst een geldige datum. Daarbuiten: 400.
EERSTE_DATUM = date(1900, 1, 1)
LAATSTE_DATUM = date(2199, 12, 31)
DATUMBEREIK = f"van {EERSTE_DATUM.isoformat()} tot en met {LAATSTE_DATUM.isoformat()}"

#: In OpenAPI: dit tekstveld is vrije tekst (``x-vrije-tekst: true``). Zo herkent app/api/http/vrije_tekst.py de velden die
#: versleuteld worden opgeslagen; een ``pattern`` of ``maxLength`` op het veld verandert daar niets aan.
VRIJE_TEKST = "x-vrije-tekst"
#: Witruimte zoals ``str.strip()`` die weghaalt (``str.isspace``), als tekenklasse die ECMA-262, Python en Rust gelijk
#: lezen; met het NUL-teken, dat de JSON-invoer in elke tekst weigert (app/api/http/json_invoer.py).
_WIT_OF_NUL = r"\x00\t-\r\x1c- \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
#: Geen NUL-teken en ten minste één teken dat geen witruimte is (zoals ``_tekst``).
TEKST_PATROON = rf"^[^\x00]*[^{_WIT_OF_NUL}][^\x00]*$"


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


_GROOTSTE_EXPONENT = 15


def geheel(waarde: object) -> object:
    """JSON kent geen apart geheel getal: ``36.0`` en ``3.6e1`` zijn (ook volgens JSON Schema) het gehele getal 36.
    Met ``parse_float=Decimal`` komen die als Decimal binnen; een gebroken getal, tekst of boolean blijft een fout."""
    if (
        isinstance(waarde, Decimal)
        and waarde.is_finite()
        # vóór int(): 1e999999999 zou een getal van een miljard cijfers worden (en abs() loopt daar over)
        and waarde.adjusted() <= _GROOTSTE_EXPONENT
        and waarde == waarde.to_integral_value()
    ):
        return int(waarde)
    return waarde


def hele_getallen(waarde: object) -> object:
    """``geheel`` door een JSON-structuur heen (bijv. de ``waarden`` van een beleidsversie): 10.0 wordt 10."""
    if isinstance(waarde, dict):
        return {k: hele_getallen(v) for k, v in waarde.items()}
    if isinstance(waarde, list):
        return [hele_getallen(v) for v in waarde]
    return geheel(waarde)


#: Een geheel getal: een JSON-getal zonder breuk (36, 36.0, 3.6e1); geen tekst of boolean.
GeheelGetal = Annotated[StrictInt, BeforeValidator(geheel)]


#: Een looptijd in hele maanden (1-600). De grenzen staan hier, naast de BeforeValidator: als Field(ge=, le=) om
#: ``GeheelGetal | None`` heen zet pydantic ze als "ge"/"le" in plaats van minimum/maximum in het schema.
Looptijd = Annotated[StrictInt, Field(ge=1, le=600), BeforeValidator(geheel)]


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
        datum = waarde
    elif not isinstance(waarde, str) or not _DATUM_TEKST.fullmatch(waarde):
        raise PydanticCustomError("datum", "Verwacht een datum in de vorm JJJJ-MM-DD.")
    else:
        try:
            datum = date.fromisoformat(waarde)
        except ValueError:
            raise PydanticCustomError("datum", "Deze datum bestaat niet.") from None
    if not EERSTE_DATUM <= datum <= LAATSTE_DATUM:
        raise PydanticCustomError(
            "datum_bereik",
            "Deze datum ligt buiten het bereik dat Maatstaf ondersteunt: {bereik}.",
            {"bereik": DATUMBEREIK},
        )
    return datum


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
        {"type": "number", "minimum": 0, "maximum": float(MAX_BEDRAG), "multipleOf": 0.01},
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
                {"type": "number", "minimum": 0, "maximum": 100, "multipleOf": 0.01},
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
#: Het schema van een datum: JJJJ-MM-DD binnen het ondersteunde bereik (``formatMinimum``/``formatMaximum``, zoals
#: JSON Schema-validators als ajv ze voor ``format: date`` kennen).
DATUM_SCHEMA = {
    "type": "string",
    "format": "date",
    "formatMinimum": EERSTE_DATUM.isoformat(),
    "formatMaximum": LAATSTE_DATUM.isoformat(),
}
Datum = Annotated[date, PlainValidator(lees_datum), WithJsonSchema(DATUM_SCHEMA)]
#: Geen NUL-teken en na het weghalen van witruimte aan begin en eind ten minste MIN_MOTIVERING tekens.
MOTIVERING_PATROON = rf"^[^\x00]*[^{_WIT_OF_NUL}][^\x00]{{{MIN_MOTIVERING - 2},}}[^{_WIT_OF_NUL}][^\x00]*$"


def vrije_tekst_schema(patroon: str, min_lengte: int, max_lengte: int) -> dict:
    """Het schema van een vrij tekstveld: zo streng als de validatie, met de markering ``x-vrije-tekst``."""
    return {
        "type": "string",
        "minLength": min_lengte,
        "maxLength": max_lengte,
        "pattern": patroon,
        VRIJE_TEKST: True,
    }


Motivering = Annotated[
    str,
    PlainValidator(_motivering),
    WithJsonSchema(vrije_tekst_schema(MOTIVERING_PATROON, MIN_MOTIVERING, MAX_TEKST)),
]
Tekst = Annotated[str, PlainValidator(_tekst), WithJsonSchema(vrije_tekst_schema(TEKST_PATROON, 1, MAX_TEKST))]


AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def vandaag() -> date:
    return datetime.now(AMSTERDAM).date()
