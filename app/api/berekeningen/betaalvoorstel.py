"""POST /betaalvoorstelbeoordelingen: het antwoord van de gemeente op een betaalvoorstel (Schuldenknooppunt, module
Schuldregeling), per vordering, met de saldo-opgave die het Saldoverzoek antwoord vraagt.

Een vordering komt met haar feiten, of met het ``berekeningId`` van een vastgelegde boete of terugvordering van de
eigen gemeente (``vul_aan``, in de route: dat leest de auditopslag). De feiten die zo zijn gevonden staan per vordering
in het resultaat (``vordering``); een herberekening rekent daarmee (``herleid``), zonder de opslag opnieuw te lezen.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    StrictBool,
    StrictInt,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from app.api.berekeningen.resultaten import BedragUit, Resultaat
from app.api.berekeningen.vertaling import geld, gemeenschappelijk
from app.api.berekeningen.verzoeken import Graad, VorderingId, Vorderingsoort
from app.api.http.modellen import BronUit, Invoer
from app.api.http.typen import Bedrag, Datum, Percentage, geheel
from app.domain.beleid import Beleidslijn, laag_van
from app.domain.betaalvoorstel import (
    Betaalvoorstel,
    BetaalvoorstelAntwoord,
    VoorstelVordering,
    beoordeel_betaalvoorstel,
)
from app.domain.betaalvoorstel.toetsing import LANGSTE_LOOPTIJD
from app.domain.boete import BOETE as BOETE_OPGELEGD
from app.domain.fouten import Invoerfout, Invoerprobleem
from app.domain.kwijtschelding import BOETE, TERUGVORDERING_FRAUDE, Vordering
from app.domain.maatwerk import VASTGESTELD
from app.domain.regels import Regeldata, RegelOntbreekt

SOORT = "betaalvoorstelbeoordeling"
BETAALVOORSTEL_ANTWOORD = "BETAALVOORSTEL_ANTWOORD"
GEEN_MEDEWERKING = "GEEN_MEDEWERKING"


class TypeSchuldregeling(StrEnum):
    """TypeSchuldregeling van het Schuldenknooppunt."""

    SK = "SK"  # saneringskrediet
    SB = "SB"  # schuldbemiddeling
    SA = "SA"  # schuldregeling zonder afloscapaciteit


class Schuldtype(StrEnum):
    """Schuldtype van het Saldoverzoek antwoord."""

    OPENSTAAND = "OPENSTAAND"
    OVERGEDRAGEN = "OVERGEDRAGEN"
    ONBEKEND = "ONBEKEND"


def _uuid(waarde: object) -> str:
    if isinstance(waarde, str):
        try:
            return str(uuid.UUID(waarde))
        except ValueError:
            pass
    raise PydanticCustomError("uuid", "Geen geldig id (UUID).")


#: 0 (een saneringskrediet ineens) tot en met de langste looptijd die het domein aanneemt.
LooptijdVoorstel = Annotated[StrictInt, Field(ge=0, le=LANGSTE_LOOPTIJD), BeforeValidator(geheel)]
BerekeningIdIn = Annotated[str, PlainValidator(_uuid), WithJsonSchema({"type": "string", "format": "uuid"})]


class BetaalvoorstelIn(Invoer):
    typeSchuldregeling: TypeSchuldregeling = Field(
        description="SK saneringskrediet, SB schuldbemiddeling, SA schuldregeling zonder afloscapaciteit."
    )
    aangebodenPercentage: Percentage = Field(description="Wat elke concurrente schuldeiser krijgt (0-100).")
    preferentPercentage: Percentage | None = Field(
        None, description="Wat een preferente schuldeiser krijgt (0-100); standaard als aangebodenPercentage."
    )
    looptijdMaanden: LooptijdVoorstel = Field(
        description="Looptijd van de regeling in maanden (0 bij een saneringskrediet ineens)."
    )
    ontvangenOp: Datum = Field(description="Dag van ontvangst; de wet en het beleid van die dag gelden.")


class VoorstelVorderingIn(Invoer):
    """Met ``berekeningId`` komen soort, bedrag, verwijtbaarheid en datum uit de vastgelegde berekening; anders zijn
    soort en bedrag verplicht. Een veld dat toch wordt genoemd, moet gelijk zijn aan wat de berekening zegt."""

    model_config = ConfigDict(
        json_schema_extra={
            # zonder berekeningId: soort en bedrag (zoals _vordering hieronder)
            "if": {"not": {"required": ["berekeningId"], "properties": {"berekeningId": {"type": "string"}}}},
            "then": {
                "required": ["soort", "bedrag"],
                "properties": {"soort": {"not": {"type": "null"}}, "bedrag": {"not": {"type": "null"}}},
            },
        }
    )

    id: VorderingId = Field(description="Kenmerk van de vordering bij de gemeente (FactuurnummerSE; geen BSN).")
    berekeningId: BerekeningIdIn | None = Field(
        None, description="Een vastgelegde boeteberekening of benadelingsbedrag van de eigen gemeente."
    )
    soort: Vorderingsoort | None = None
    bedrag: Bedrag | None = Field(None, description="Het opgelegde of teruggevorderde bedrag (Originele vordering).")
    restant: Bedrag | None = Field(None, description="Wat nog openstaat; standaard het bedrag.")
    opgelegdOp: Datum | None = Field(None, description="Datum van het besluit; verplicht bij BOETE.")
    verwijtbaarheid: Graad | None = Field(None, description="Verplicht bij BOETE en TERUGVORDERING_FRAUDE.")
    boeteOpgelegd: StrictBool = False
    aangifteGedaan: StrictBool = False
    ontstaansdatum: Datum | None = Field(None, description="Ontstaansdatum (Saldoverzoek antwoord).")
    schuldtype: Schuldtype = Schuldtype.OPENSTAAND
    herhalingen: list[Datum] = Field(
        default_factory=list,
        max_length=100,
        description="Data van latere overtredingen wegens eenzelfde gedraging (Pw 18a lid 13 en 14).",
    )


VOORBEELD_BETAALVOORSTEL = {
    "betaalvoorstel": {
        "typeSchuldregeling": "SB",
        "aangebodenPercentage": "12.50",
        "looptijdMaanden": 18,
        "ontvangenOp": "2026-03-02",
    },
    "vorderingen": [
        {
            "id": "TV-2025-0142",
            "soort": "TERUGVORDERING_FRAUDE",
            "bedrag": "8000.00",
            "verwijtbaarheid": "GROVE_SCHULD",
            "boeteOpgelegd": True,
            "ontstaansdatum": "2025-02-03",
        },
        {
            "id": "BB-2025-0077",
            "soort": "BOETE",
            "bedrag": "840.84",
            "restant": "600.00",
            "verwijtbaarheid": "NORMAAL",
            "opgelegdOp": "2025-02-03",
        },
        {"id": "TV-2024-0311", "soort": "TERUGVORDERING_OVERIG", "bedrag": "1250.00", "restant": "900.00"},
    ],
}


class Betaalvoorstelverzoek(Invoer):
    model_config = ConfigDict(json_schema_extra={"examples": [VOORBEELD_BETAALVOORSTEL]})
    betaalvoorstel: BetaalvoorstelIn
    vorderingen: list[VoorstelVorderingIn] = Field(min_length=1, max_length=500)


class SaldoUit(BaseModel):
    """Saldoverzoek antwoord per vordering."""

    openstaand: str = BedragUit
    origineel: str = BedragUit
    ontstaansdatum: Datum | None
    schuldtype: str
    soort: str


class VorderingFeitenUit(BaseModel):
    """De feiten waarmee is gerekend (uit het verzoek of uit de berekening van ``berekeningId``)."""

    soort: str
    bedrag: str = BedragUit
    restant: str | None
    opgelegdOp: Datum | None
    verwijtbaarheid: str | None
    boeteOpgelegd: bool
    aangifteGedaan: bool


class AntwoordregelUit(BaseModel):
    id: str
    antwoord: str = Field(description="AKKOORD, NIET_AKKOORD of BEOORDELING_VEREIST (een open norm of het beleid).")
    redenen: list[str]
    bron: list[BronUit]
    preferent: bool = Field(description="Pw 60 lid 7: de terugvordering is bevoorrecht.")
    aangeboden: str = BedragUit
    kwijtTeSchelden: str = BedragUit
    saldo: SaldoUit
    berekeningId: str | None
    vordering: VorderingFeitenUit


class LooptijdUit(BaseModel):
    voorgesteld: int
    beleid: int = Field(description="De looptijd die de gemeente volgens haar beleid aanvaardt.")
    aanvaardbaar: bool
    redenen: list[str]


class Betaalvoorstelresultaat(Resultaat):
    bericht: str = Field(description="BETAALVOORSTEL_ANTWOORD, of GEEN_MEDEWERKING als de wet elke regeling verbiedt.")
    vorderingen: list[AntwoordregelUit]
    looptijd: LooptijdUit
    antwoordUiterlijk: Datum | None = Field(
        description="Binnen tien werkdagen na ontvangst (afsprakenstelsel Schuldenknooppunt); null als onbekend."
    )
    geenMedewerking: str | None = Field(description="De wettelijke reden van Geen medewerking, anders null.")
    totaalOpenstaand: str = BedragUit
    totaalAangeboden: str = BedragUit
    totaalPreferent: str = BedragUit
    ontvangenOp: Datum


# ---------------------------------------------------------------- vertaling


def _vordering(v: VoorstelVorderingIn, i: int) -> Vordering:
    problemen = [
        Invoerprobleem(f"vorderingen.{i}.{naam}", "verplicht", "Verplicht zonder berekeningId.")
        for naam, waarde in (("soort", v.soort), ("bedrag", v.bedrag))
        if waarde is None
    ]
    if problemen:
        raise Invoerfout(*problemen)
    assert v.soort is not None and v.bedrag is not None
    return Vordering(
        soort=v.soort.value,
        bedrag=v.bedrag,
        restant=v.restant,
        opgelegd_op=v.opgelegdOp,
        verwijtbaarheid=v.verwijtbaarheid.value if v.verwijtbaarheid else None,
        boete_opgelegd=v.boeteOpgelegd,
        aangifte_gedaan=v.aangifteGedaan,
    )


def invoer(verzoek: Betaalvoorstelverzoek) -> tuple[Betaalvoorstel, tuple[VoorstelVordering, ...]]:
    b = verzoek.betaalvoorstel
    voorstel = Betaalvoorstel(
        type_schuldregeling=b.typeSchuldregeling.value,
        aangeboden_percentage=b.aangebodenPercentage,
        looptijd_maanden=b.looptijdMaanden,
        ontvangen_op=b.ontvangenOp,
        preferent_percentage=b.preferentPercentage,
    )
    problemen: list[Invoerprobleem] = []
    vorderingen = []
    for i, v in enumerate(verzoek.vorderingen):
        try:
            vordering = _vordering(v, i)
        except Invoerfout as fout:
            problemen += fout.problemen
            continue
        vorderingen.append(
            VoorstelVordering(
                id=v.id,
                vordering=vordering,
                ontstaansdatum=v.ontstaansdatum,
                schuldtype=v.schuldtype.value,
                herhalingen=tuple(v.herhalingen),
                berekening_id=v.berekeningId,
            )
        )
    if problemen:
        raise Invoerfout(*problemen)
    return voorstel, tuple(vorderingen)


def _feiten(v: Vordering) -> dict:
    return {
        "soort": v.soort,
        "bedrag": geld(v.bedrag),
        "restant": geld(v.restant) if v.restant is not None else None,
        "opgelegdOp": v.opgelegd_op.isoformat() if v.opgelegd_op else None,
        "verwijtbaarheid": v.verwijtbaarheid,
        "boeteOpgelegd": v.boete_opgelegd,
        "aangifteGedaan": v.aangifte_gedaan,
    }


def als_json(
    a: BetaalvoorstelAntwoord, vorderingen: tuple[VoorstelVordering, ...], ontvangen: date, data: Regeldata
) -> dict:
    per_id = {vv.id: vv for vv in vorderingen}
    return {
        "bericht": GEEN_MEDEWERKING if a.geen_medewerking else BETAALVOORSTEL_ANTWOORD,
        "vorderingen": [
            {
                "id": r.id,
                "antwoord": r.antwoord,
                "redenen": list(r.redenen),
                "bron": [b.als_dict() for b in r.bron],
                "preferent": r.preferent,
                "aangeboden": geld(r.aangeboden),
                "kwijtTeSchelden": geld(r.kwijt_te_schelden),
                "saldo": {
                    "openstaand": geld(r.saldo.openstaand),
                    "origineel": geld(r.saldo.origineel),
                    "ontstaansdatum": r.saldo.ontstaansdatum.isoformat() if r.saldo.ontstaansdatum else None,
                    "schuldtype": r.saldo.schuldtype,
                    "soort": per_id[r.id].vordering.soort,
                },
                "berekeningId": r.berekening_id,
                "vordering": _feiten(per_id[r.id].vordering),
            }
            for r in a.vorderingen
        ],
        "looptijd": {
            "voorgesteld": a.looptijd.voorgesteld,
            "beleid": a.looptijd.beleid,
            "aanvaardbaar": a.looptijd.aanvaardbaar,
            "redenen": list(a.looptijd.redenen),
        },
        "antwoordUiterlijk": a.antwoord_uiterlijk.isoformat() if a.antwoord_uiterlijk else None,
        "geenMedewerking": a.geen_medewerking,
        "totaalOpenstaand": geld(a.totaal_openstaand),
        "totaalAangeboden": geld(a.totaal_aangeboden),
        "totaalPreferent": geld(a.totaal_preferent),
        "ontvangenOp": ontvangen.isoformat(),
        **gemeenschappelijk(a.stappen, a.signalen, data.versie, laag_van(data)),
    }


def bereken(verzoek: Betaalvoorstelverzoek, data: Regeldata, vandaag: date, lijn: Beleidslijn) -> dict:
    """Het antwoord op de wet en het beleid van de dag van ontvangst. Een vordering met alleen een ``berekeningId``
    is hier al aangevuld (``vul_aan``); zonder dat noemt de 400 de ontbrekende feiten."""
    ontvangen = verzoek.betaalvoorstel.ontvangenOp
    data = lijn.toegepast(data, ontvangen)
    voorstel, vorderingen = invoer(verzoek)
    try:
        antwoord = beoordeel_betaalvoorstel(voorstel, vorderingen, data.op(ontvangen))
    except RegelOntbreekt as fout:
        raise Invoerfout.veld("betaalvoorstel.ontvangenOp", "regels_onbekend", str(fout)) from None
    return als_json(antwoord, vorderingen, ontvangen, data)


# ---------------------------------------------------------------- vorderingen uit vastgelegde berekeningen

#: Welke vastgelegde berekeningen een vordering opleveren, en welk bedrag daarvan de vordering is.
BOETEBEREKENING = "boeteberekening"
BENADELINGSBEDRAG = "benadelingsbedrag"


def feiten_uit_record(soort: str, resultaat: dict, maatwerk: list[dict]) -> dict | None:
    """De feiten van de vordering uit een vastgelegde berekening: een opgelegde boete (uitkomst BOETE), of de
    bruto terugvordering van een benadelingsbedrag (Pw 58 lid 1 en 5; een schending van de inlichtingenplicht).
    Een vastgesteld maatwerkbesluit gaat voor de berekening (ook als het de boete in een waarschuwing veranderde).
    None: de berekening levert geen vordering op."""
    vastgesteld = next((m for m in maatwerk if m.get("status") == VASTGESTELD), None)
    datum = resultaat.get("beschikkingsdatum")
    if soort == BOETEBEREKENING:
        geldend = vastgesteld if vastgesteld and vastgesteld.get("uitkomst") else resultaat
        if geldend.get("uitkomst") != BOETE_OPGELEGD or geldend.get("boete") is None:
            return None
        return {
            "soort": BOETE,
            "bedrag": geldend["boete"],
            "verwijtbaarheid": resultaat.get("verwijtbaarheid"),
            "opgelegdOp": datum,
            "ontstaansdatum": datum,
        }
    if soort == BENADELINGSBEDRAG:
        bedrag = (vastgesteld or {}).get("terugvordering") or resultaat.get("terugvorderingBruto")
        if bedrag is None or Decimal(bedrag) <= 0:
            return None
        return {"soort": TERUGVORDERING_FRAUDE, "bedrag": bedrag, "ontstaansdatum": datum}
    return None


LeesRecord = Callable[[str], Awaitable[tuple[str, dict, list[dict]] | None]]


async def vul_aan(verzoek: Betaalvoorstelverzoek, lees: LeesRecord) -> Betaalvoorstelverzoek:
    """Elke vordering met ``berekeningId`` aangevuld met de feiten uit die berekening (``lees``: soort, resultaat en
    vastgestelde maatwerkbesluiten van een record van de eigen gemeente, of None). Alle problemen samen in één 400."""
    problemen: list[Invoerprobleem] = []
    nieuw = []
    for i, v in enumerate(verzoek.vorderingen):
        if v.berekeningId is None:
            nieuw.append(v)
            continue
        veld = f"vorderingen.{i}.berekeningId"
        gelezen = await lees(v.berekeningId)
        if gelezen is None:
            problemen.append(Invoerprobleem(veld, "onbekend", "Geen berekening van deze gemeente met dit id."))
            continue
        feiten = feiten_uit_record(*gelezen)
        if feiten is None:
            problemen.append(
                Invoerprobleem(
                    veld,
                    "geen_vordering",
                    "Deze berekening levert geen vordering op: alleen een boeteberekening met uitkomst BOETE of een "
                    "benadelingsbedrag met een terugvordering.",
                )
            )
            continue
        problemen += _tegenstrijdig(v, feiten, i)
        nieuw.append(v.model_copy(update=_aanvulling(v, feiten)))
    if problemen:
        raise Invoerfout(*problemen)
    return verzoek.model_copy(update={"vorderingen": nieuw})


def _waarde(v: VoorstelVorderingIn, naam: str) -> Any:
    waarde = getattr(v, naam)
    if isinstance(waarde, StrEnum):
        return waarde.value
    if isinstance(waarde, date):
        return waarde.isoformat()
    return waarde


def _tegenstrijdig(v: VoorstelVorderingIn, feiten: dict, i: int) -> list[Invoerprobleem]:
    problemen = []
    for naam, waarde in feiten.items():
        gegeven = _waarde(v, naam)
        if gegeven is None or waarde is None:
            continue
        gelijk = Decimal(gegeven) == Decimal(waarde) if naam == "bedrag" else gegeven == waarde
        if not gelijk:
            problemen.append(
                Invoerprobleem(
                    f"vorderingen.{i}.{naam}",
                    "tegenstrijdig",
                    f"Wijkt af van de berekening {v.berekeningId} ({waarde}); laat het veld weg of corrigeer het.",
                )
            )
    return problemen


def _aanvulling(v: VoorstelVorderingIn, feiten: dict) -> dict:
    """De gevonden feiten als waarden van het model, alleen waar het verzoek ze niet zelf noemde."""
    omzetten = {
        "soort": Vorderingsoort,
        "bedrag": Decimal,
        "verwijtbaarheid": Graad,
        "opgelegdOp": date.fromisoformat,
        "ontstaansdatum": date.fromisoformat,
    }
    return {
        naam: omzetten[naam](waarde)
        for naam, waarde in feiten.items()
        if waarde is not None and getattr(v, naam) is None
    }


def herleid(invoer: dict, resultaat: dict) -> dict:
    """De invoer voor een herberekening: elke vordering met ``berekeningId`` krijgt de feiten die het resultaat
    noemt (zo rekent de herberekening met wat toen gold, zonder de auditopslag opnieuw te lezen)."""
    per_id = {r["id"]: r for r in resultaat.get("vorderingen", [])}
    vorderingen = []
    for v in invoer.get("vorderingen", []):
        gevonden = per_id.get(v.get("id")) if isinstance(v, dict) and v.get("berekeningId") else None
        if gevonden is None:
            vorderingen.append(v)
            continue
        feiten = gevonden["vordering"]
        aangevuld = dict(v)
        for naam in ("soort", "bedrag", "verwijtbaarheid", "opgelegdOp"):
            if aangevuld.get(naam) is None and feiten.get(naam) is not None:
                aangevuld[naam] = feiten[naam]
        if aangevuld.get("ontstaansdatum") is None and gevonden["saldo"].get("ontstaansdatum") is not None:
            aangevuld["ontstaansdatum"] = gevonden["saldo"]["ontstaansdatum"]
        vorderingen.append(aangevuld)
    return {**invoer, "vorderingen": vorderingen}
