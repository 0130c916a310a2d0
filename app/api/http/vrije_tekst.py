"""Vrije tekst zonder BSN: één validator voor elk tekstveld dat in de audittrail komt (AVG).

``Tekst`` en ``Motivering`` hier zijn die van ``app.api.http.typen`` met de controle van ``app.persoonsgegevens``
erachter; ``GeenBsn`` zet die controle achter elk ander teksttype (bijv. het kenmerk van een vordering). Elk vrij tekstveld van een verzoek gebruikt een van deze
typen; ``tests/api/test_persoonsgegevens.py`` loopt de verzoekschema's van het OpenAPI-document af en toont dat
elk tekstveld een BSN weigert.
"""

from __future__ import annotations

from functools import cache
from typing import Annotated

from pydantic import AfterValidator, BaseModel
from pydantic_core import PydanticCustomError

from app.api.http import typen
from app.db.versleuteling import ELK
from app.persoonsgegevens import MELDING, bevat_bsn

#: De code in invalidParams als een tekstveld een BSN bevat.
CODE = "bsn"


def geen_bsn(waarde: str) -> str:
    if bevat_bsn(waarde):
        raise PydanticCustomError(CODE, MELDING)
    return waarde


GeenBsn = AfterValidator(geen_bsn)

Tekst = Annotated[typen.Tekst, GeenBsn]
Motivering = Annotated[typen.Motivering, GeenBsn]


@cache
def vrije_paden(model: type[BaseModel]) -> frozenset[tuple]:
    """Elk pad naar vrije tekst in een verzoek (``"*"`` voor elk element van een lijst of de waarde bij elke sleutel
    van een object): een tekstveld met de markering ``x-vrije-tekst`` (``typen.VRIJE_TEKST``). Die tekst wordt
    versleuteld opgeslagen (app/db/versleuteling.py), in de audittrail en in elke tabel ernaast (bijv. de bron van een
    beleidsversie). Dit is de enige plek die vrije tekst aanwijst; de markering zelf staat op het type
    (``Tekst``, ``Motivering``)."""
    schema = model.model_json_schema(ref_template="#/$defs/{model}")
    definities = schema.get("$defs", {})

    def los(s: dict) -> dict:
        while "$ref" in s:
            s = definities[s["$ref"].rsplit("/", 1)[-1]]
        return s

    def loop(s: dict, pad: tuple, diepte: int = 0) -> set[tuple]:
        s = los(s)
        uit: set[tuple] = set()
        if diepte > 20:
            return uit
        for variant in s.get("anyOf", []) + s.get("oneOf", []) + s.get("allOf", []):
            uit |= loop(variant, pad, diepte + 1)
        soort = s.get("type")
        if soort == "object":
            for naam, sub in s.get("properties", {}).items():
                uit |= loop(sub, (*pad, naam), diepte + 1)
            if isinstance(s.get("additionalProperties"), dict):  # dict[str, Tekst]: de waarde bij elke sleutel
                uit |= loop(s["additionalProperties"], (*pad, ELK), diepte + 1)
        elif soort == "array":
            uit |= loop(s.get("items", {}), (*pad, ELK), diepte + 1)
        elif soort == "string" and s.get(typen.VRIJE_TEKST) is True:
            uit.add(pad)
        return uit

    return frozenset(loop(schema, ()))
