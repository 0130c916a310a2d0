"""Per soort berekening: van het verzoek zoals ontvangen naar het resultaat zoals teruggegeven.

Gedeeld door de POST-endpoints en de herberekening: een herberekening leest de opgeslagen ``invoer`` opnieuw met
hetzelfde model en rekent met dezelfde functie, onder de opgeslagen regelversie. Een resultaat hier bevat nog geen
``berekeningId``; dat krijgt het pas bij het vastleggen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel, ValidationError

from app.api import schemas as s
from app.api import vertaling
from app.api.json_invoer import lees_json
from app.api.problemen import Probleem, problemen_uit_pydantic
from app.domain.alternatieven import alternatieven
from app.domain.benadeling import bereken_benadeling, terugvordering_verplicht
from app.domain.boete import bereken_boete
from app.domain.fouten import Invoerfout
from app.domain.kwijtschelding import beoordeel_kwijtschelding
from app.domain.regels import Regeldata, RegelOntbreekt, onzekere_signalen
from app.domain.schuldregeling import toets_schuldregeling
from app.domain.uitleg import Uitleg
from app.domain.verwijtbaarheid import beoordeel


def lees(ruw: bytes | str, model: type[BaseModel]) -> Any:
    """JSON met exacte bedragen (zie app/api/json_invoer.py), gevalideerd; anders een 400 met invalidParams."""
    return valideer(lees_json(ruw), model)


def valideer(data: Any, model: type[BaseModel]) -> Any:
    """Al streng gelezen JSON (``lees_json``) tegen het model; anders een 400 met invalidParams."""
    try:
        return model.model_validate(data)
    except ValidationError as fout:
        raise Probleem(
            400, "De invoer is ongeldig; zie invalidParams.", problemen_uit_pydantic(fout.errors(include_url=False))
        ) from None


def _regels_onbekend(fout: RegelOntbreekt) -> Invoerfout:
    return Invoerfout.veld("beschikkingsdatum", "regels_onbekend", str(fout))


def benadeling(verzoek: s.Benadelingsverzoek, data: Regeldata, vandaag: date) -> dict:
    datum = verzoek.beschikkingsdatum or vandaag
    uitleg = Uitleg()
    uitkomst = bereken_benadeling(
        vertaling.perioden(verzoek.perioden), datum, bool(data.beleid["brutoTerugvordering"]), uitleg
    )
    terugvordering_verplicht(uitkomst.benadelingsbedrag, uitleg)
    return vertaling.benadeling_json(uitkomst, datum, uitleg.stappen, uitleg.signalen, data.versie)


def verwijtbaarheid(verzoek: s.Verwijtbaarheidsverzoek, data: Regeldata, vandaag: date) -> dict:
    datum = verzoek.beschikkingsdatum or vandaag
    regels = data.op(datum)
    uitleg = Uitleg()
    try:
        uitkomst = beoordeel(vertaling.verwijtbaarheid(verzoek), regels, uitleg)
    except RegelOntbreekt as fout:
        raise _regels_onbekend(fout) from None
    for signaal in onzekere_signalen(regels):
        uitleg.signaal(signaal)
    return vertaling.verwijtbaarheid_json(uitkomst, datum, uitleg.stappen, uitleg.signalen, data.versie)


def boete(verzoek: s.Boeteverzoek, data: Regeldata, vandaag: date) -> dict:
    invoer = vertaling.boete_invoer(verzoek, vandaag)
    uitkomst = bereken_boete(invoer, data)
    return vertaling.boete_json(uitkomst, invoer.beschikkingsdatum, data.versie, alternatieven(invoer, data, uitkomst))


def kwijtschelding(verzoek: s.Kwijtscheldingsverzoek, data: Regeldata, vandaag: date) -> dict:
    invoer = vertaling.kwijtschelding_invoer(verzoek, vandaag)
    regels = data.op(invoer.beschikkingsdatum)
    try:
        uitkomst = beoordeel_kwijtschelding(invoer, regels)
    except RegelOntbreekt as fout:
        raise _regels_onbekend(fout) from None
    uitkomst.signalen.extend(onzekere_signalen(regels))
    return vertaling.kwijtschelding_json(uitkomst, invoer.beschikkingsdatum, data.versie)


def schuldregeling(verzoek: s.Schuldregelingsverzoek, data: Regeldata, vandaag: date) -> dict:
    datum = verzoek.beschikkingsdatum or vandaag
    regels = data.op(datum)
    try:
        uitkomst = toets_schuldregeling(
            vertaling.genoemde_vorderingen(verzoek.vorderingen),
            vertaling.huishouden(verzoek.huishouden) if verzoek.huishouden is not None else None,
            verzoek.looptijdMaanden,
            datum,
            regels,
            verzoek.aangebodenPercentage,
        )
    except RegelOntbreekt as fout:
        raise _regels_onbekend(fout) from None
    uitkomst.signalen.extend(onzekere_signalen(regels))
    return vertaling.schuldregeling_json(uitkomst, datum, data.versie)


@dataclass(frozen=True)
class Soort:
    naam: str  # de soort in het auditrecord
    model: type[BaseModel]
    bereken: Callable[[Any, Regeldata, date], dict]


SOORTEN: dict[str, Soort] = {
    soort.naam: soort
    for soort in (
        Soort("benadelingsbedrag", s.Benadelingsverzoek, benadeling),
        Soort("verwijtbaarheidsbeoordeling", s.Verwijtbaarheidsverzoek, verwijtbaarheid),
        Soort("boeteberekening", s.Boeteverzoek, boete),
        Soort("kwijtscheldingsbeoordeling", s.Kwijtscheldingsverzoek, kwijtschelding),
        Soort("schuldregelingstoets", s.Schuldregelingsverzoek, schuldregeling),
    )
}


def reken(soort: str, ruw: bytes | str, data: Regeldata, vandaag: date) -> dict:
    return reken_gelezen(soort, lees_json(ruw), data, vandaag)


def reken_gelezen(soort: str, invoer: Any, data: Regeldata, vandaag: date) -> dict:
    """Als ``reken``, voor een body die al met ``lees_json`` is gelezen (de invoer van een regel van een batch)."""
    berekening = SOORTEN[soort]
    return berekening.bereken(valideer(invoer, berekening.model), data, vandaag)


def verschillen(opgeslagen: Any, herberekend: Any, pad: str = "") -> list[dict]:
    """Alle plekken waar twee JSON-waarden verschillen, als ``{pad, opgeslagen, herberekend}`` (dotted path)."""
    if isinstance(opgeslagen, dict) and isinstance(herberekend, dict):
        uit = []
        for sleutel in sorted(opgeslagen.keys() | herberekend.keys()):
            sub = f"{pad}.{sleutel}" if pad else sleutel
            uit += verschillen(opgeslagen.get(sleutel), herberekend.get(sleutel), sub)
        return uit
    if isinstance(opgeslagen, list) and isinstance(herberekend, list) and len(opgeslagen) == len(herberekend):
        uit = []
        for i, (a, b) in enumerate(zip(opgeslagen, herberekend, strict=True)):
            uit += verschillen(a, b, f"{pad}.{i}" if pad else str(i))
        return uit
    if opgeslagen == herberekend:
        return []
    return [{"pad": pad, "opgeslagen": opgeslagen, "herberekend": herberekend}]
