"""Vrije tekst zonder BSN: één validator voor elk tekstveld dat in de audittrail komt (AVG).

``Tekst`` en ``Motivering`` hier zijn die van ``app.api.typen`` met de controle van ``app.persoonsgegevens``
erachter; ``GeenBsn`` zet die controle achter elk ander teksttype (bijv. het kenmerk van een vordering). Elk vrij tekstveld van een verzoek gebruikt een van deze
typen; ``tests/api/test_persoonsgegevens.py`` loopt de verzoekschema's van het OpenAPI-document af en toont dat
elk tekstveld een BSN weigert.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from app.api import typen
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
