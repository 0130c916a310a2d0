"""Per soort berekening: van het verzoek zoals ontvangen naar het resultaat zoals teruggegeven.

Gedeeld door de POST-endpoints en de herberekening: een herberekening leest de opgeslagen ``invoer`` opnieuw met
hetzelfde model en rekent met dezelfde functie, onder de opgeslagen regelversie. Een resultaat hier bevat nog geen
``berekeningId``; dat krijgt het pas bij het vastleggen.

Een nieuwe berekening (bijvoorbeeld de beslagvrije voet) komt als eigen module in dit pakket
(``berekeningen/beslagvrije_voet.py``: haar verzoek- en antwoordmodel en haar functie ``(verzoek, regeldata, vandaag,
beleidslijn) -> dict``), met één rij in ``SOORTEN`` hieronder en een route in ``routes.py``
(``bereken_en_vastleg(request, soort)``). De herberekening volgt dan uit de tabel; in een batch komt zij er met een
regel in ``SOORTEN`` en ``Batchregel.soort`` van ``batch.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel

from app.api.berekeningen import beslagvrije_voet, betaalvoorstel, vertaling
from app.api.berekeningen import verzoeken as s
from app.api.http.json_invoer import lees_json
from app.api.http.lezen import valideer
from app.domain.alternatieven import alternatieven
from app.domain.beleid import VERZOEK, Beleidslijn, laag_van, vier_ogen, vier_ogen_stap
from app.domain.benadeling import bereken_benadeling, terugvordering_verplicht
from app.domain.boete import bereken_boete
from app.domain.fouten import Invoerfout
from app.domain.kwijtschelding import beoordeel_kwijtschelding
from app.domain.regels import Regeldata, RegelOntbreekt, bevestigd_stap, onzekere_signalen
from app.domain.schuldregeling import toets_schuldregeling
from app.domain.uitleg import Uitleg
from app.domain.verwijtbaarheid import beoordeel


def _regels_onbekend(fout: RegelOntbreekt) -> Invoerfout:
    return Invoerfout.veld("beschikkingsdatum", "regels_onbekend", str(fout))


def benadeling(verzoek: s.Benadelingsverzoek, data: Regeldata, vandaag: date, lijn: Beleidslijn) -> dict:
    datum = verzoek.beschikkingsdatum or vandaag
    data = lijn.toegepast(data, datum)
    uitleg = Uitleg()
    uitleg.citeer_volgens(data.op(datum).citeertitels())
    uitkomst = bereken_benadeling(
        vertaling.perioden(verzoek.perioden), datum, bool(data.beleid["brutoTerugvordering"]), uitleg
    )
    terugvordering_verplicht(uitkomst.benadelingsbedrag, uitleg)
    return vertaling.benadeling_json(uitkomst, datum, uitleg.stappen, uitleg.signalen, data.versie, laag_van(data))


def verwijtbaarheid(verzoek: s.Verwijtbaarheidsverzoek, data: Regeldata, vandaag: date, lijn: Beleidslijn) -> dict:
    datum = verzoek.beschikkingsdatum or vandaag
    data = lijn.toegepast(data, datum)
    regels = data.op(datum)
    uitleg = Uitleg()
    try:
        uitkomst = beoordeel(vertaling.verwijtbaarheid(verzoek), regels, uitleg)
    except RegelOntbreekt as fout:
        raise _regels_onbekend(fout) from None
    for signaal in onzekere_signalen(regels):
        uitleg.signaal(signaal)
    bevestigd_stap(uitleg, regels)
    return vertaling.verwijtbaarheid_json(uitkomst, datum, uitleg.stappen, uitleg.signalen, data.versie, laag_van(data))


def boete(verzoek: s.Boeteverzoek, data: Regeldata, vandaag: date, lijn: Beleidslijn) -> dict:
    invoer = vertaling.boete_invoer(verzoek, vandaag)
    data = lijn.toegepast(data, invoer.beschikkingsdatum)
    uitkomst = bereken_boete(invoer, data)
    redenen = vier_ogen(data.beleid, uitkomst.graad, uitkomst.uitkomst, uitkomst.boete)
    if redenen:
        uitkomst.stappen.append(vier_ogen_stap(redenen, uitkomst.graad, uitkomst.boete))
        uitkomst.signalen.append(
            "Vier ogen: laat deze boete door een tweede medewerker beoordelen voordat zij wordt vastgesteld "
            "(beleid van de gemeente)."
        )
    return vertaling.boete_json(
        uitkomst,
        invoer.beschikkingsdatum,
        data.versie,
        alternatieven(invoer, data, uitkomst),
        laag_van(data),
        redenen,
    )


def kwijtschelding(verzoek: s.Kwijtscheldingsverzoek, data: Regeldata, vandaag: date, lijn: Beleidslijn) -> dict:
    invoer = vertaling.kwijtschelding_invoer(verzoek, vandaag)
    data = lijn.toegepast(data, invoer.beschikkingsdatum)
    regels = data.op(invoer.beschikkingsdatum)
    try:
        uitkomst = beoordeel_kwijtschelding(invoer, regels)
    except RegelOntbreekt as fout:
        raise _regels_onbekend(fout) from None
    uitkomst.signalen.extend(onzekere_signalen(regels))
    return vertaling.kwijtschelding_json(uitkomst, invoer.beschikkingsdatum, data.versie, laag_van(data))


def schuldregeling(verzoek: s.Schuldregelingsverzoek, data: Regeldata, vandaag: date, lijn: Beleidslijn) -> dict:
    datum = verzoek.beschikkingsdatum or vandaag
    data = lijn.toegepast(data, datum)
    regels = data.op(datum)
    if verzoek.looptijdMaanden is not None:
        looptijd, herkomst = verzoek.looptijdMaanden, VERZOEK
    else:
        looptijd, herkomst = int(data.beleid["looptijdSchuldregelingMaanden"]), None
    try:
        uitkomst = toets_schuldregeling(
            vertaling.genoemde_vorderingen(verzoek.vorderingen),
            vertaling.huishouden(verzoek.huishouden) if verzoek.huishouden is not None else None,
            looptijd,
            datum,
            regels,
            verzoek.aangebodenPercentage,
            herkomst,
        )
    except RegelOntbreekt as fout:
        raise _regels_onbekend(fout) from None
    uitkomst.signalen.extend(onzekere_signalen(regels))
    return vertaling.schuldregeling_json(uitkomst, datum, data.versie, laag_van(data))


@dataclass(frozen=True)
class Soort:
    """Een soort berekening: hoe zij heet in het auditrecord, haar verzoekmodel en haar rekenfunctie."""

    naam: str  # de soort in het auditrecord
    model: type[BaseModel]
    bereken: Callable[[Any, Regeldata, date, Beleidslijn], dict]
    #: Voor een herberekening: de opgeslagen invoer aangevuld uit het opgeslagen resultaat (het betaalvoorstel: de
    #: feiten van een vordering die met berekeningId kwam). None: de invoer is genoeg.
    herleid: Callable[[Any, dict], Any] | None = None


#: Per soort (de naam in het auditrecord) het model en de functie; een nieuwe berekening is één rij meer.
SOORTEN: dict[str, Soort] = {
    soort.naam: soort
    for soort in (
        Soort("benadelingsbedrag", s.Benadelingsverzoek, benadeling),
        Soort("verwijtbaarheidsbeoordeling", s.Verwijtbaarheidsverzoek, verwijtbaarheid),
        Soort("boeteberekening", s.Boeteverzoek, boete),
        Soort("kwijtscheldingsbeoordeling", s.Kwijtscheldingsverzoek, kwijtschelding),
        Soort("schuldregelingstoets", s.Schuldregelingsverzoek, schuldregeling),
        Soort(beslagvrije_voet.SOORT, beslagvrije_voet.Beslagvrijevoetverzoek, beslagvrije_voet.bereken),
        Soort(
            betaalvoorstel.SOORT, betaalvoorstel.Betaalvoorstelverzoek, betaalvoorstel.bereken, betaalvoorstel.herleid
        ),
    )
}


def reken(soort: str, ruw: bytes | str, data: Regeldata, vandaag: date, lijn: Beleidslijn | None = None) -> dict:
    """Leest en rekent. ``lijn``: de vastgestelde beleidsversies van de gemeente (zonder: de landelijke standaard);
    de berekening gebruikt de versie die op haar peildatum (beschikkingsdatum, anders vandaag) geldt."""
    return reken_gelezen(soort, lees_json(ruw), data, vandaag, lijn)


def reken_opnieuw(
    soort: str, invoer_tekst: str, resultaat: dict, data: Regeldata, vandaag: date, lijn: Beleidslijn
) -> dict:
    """Voor een herberekening: de opgeslagen invoer, zo nodig aangevuld uit het opgeslagen resultaat (``herleid``)."""
    invoer = lees_json(invoer_tekst)
    herleid = SOORTEN[soort].herleid
    if herleid is not None:
        invoer = herleid(invoer, resultaat)
    return reken_gelezen(soort, invoer, data, vandaag, lijn)


def reken_gelezen(soort: str, invoer: Any, data: Regeldata, vandaag: date, lijn: Beleidslijn | None = None) -> dict:
    """Als ``reken``, voor een body die al met ``lees_json`` is gelezen (de invoer van een regel van een batch)."""
    berekening = SOORTEN[soort]
    return berekening.bereken(valideer(invoer, berekening.model), data, vandaag, lijn or Beleidslijn(None))


#: Delen van een resultaat die niet uit invoer en regels volgen maar uit de audittrail op het moment van berekenen
#: (vergelijkbareZaken, issue #10 §2). Ze zijn vastgelegd zoals de professional ze zag (en door de hash gedekt),
#: maar een herberekening vergelijkt ze niet: anders zou elke nieuwe zaak in de gemeente een verschil geven.
NIET_HERBEREKEND = frozenset({"vergelijkbareZaken"})


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
