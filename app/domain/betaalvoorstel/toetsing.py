"""De invoer van een betaalvoorstel toetsen: alle problemen samen in één Invoerfout (SPEC §1.1a), met de velden zoals
het verzoek ze noemt (``betaalvoorstel.*``, ``vorderingen.<i>.*``)."""

from __future__ import annotations

from decimal import Decimal

from app.domain.betaalvoorstel.model import SCHULDTYPEN, TYPEN, Betaalvoorstel, VoorstelVordering
from app.domain.fouten import Invoerfout, Invoerprobleem
from app.domain.geld import HONDERD
from app.domain.kwijtschelding import BOETE, PW_18A_LID_13, bestaat, controleer_vordering, verwijtbaarheid_nodig
from app.domain.regels import RegelsOp

#: De langste looptijd die Maatstaf aanneemt: tien jaar (een minnelijke regeling duurt 18 of 36 maanden).
LANGSTE_LOOPTIJD = 120


def controleer(voorstel: Betaalvoorstel, vorderingen: tuple[VoorstelVordering, ...], regels: RegelsOp) -> None:
    problemen = _voorstel(voorstel)
    if not vorderingen:
        problemen.append(Invoerprobleem("vorderingen", "verplicht", "Noem ten minste één vordering van de gemeente."))
    gezien: dict[str, int] = {}
    for i, vv in enumerate(vorderingen):
        problemen += _vordering(vv, f"vorderingen.{i}", voorstel, regels)
        if vv.id in gezien:
            problemen.append(
                Invoerprobleem(f"vorderingen.{i}.id", "dubbel", f"Dit id komt al voor bij vordering {gezien[vv.id]}.")
            )
        gezien.setdefault(vv.id, i)
    if problemen:
        raise Invoerfout(*problemen)


def _voorstel(voorstel: Betaalvoorstel) -> list[Invoerprobleem]:
    problemen = []
    if voorstel.type_schuldregeling not in TYPEN:
        problemen.append(
            Invoerprobleem(
                "betaalvoorstel.typeSchuldregeling",
                "onbekend",
                "Onbekend type; toegestaan: " + ", ".join(f"{code} ({naam})" for code, naam in TYPEN.items()) + ".",
            )
        )
    for veld, waarde in (
        ("aangebodenPercentage", voorstel.aangeboden_percentage),
        ("preferentPercentage", voorstel.preferent_percentage),
    ):
        if waarde is not None and not Decimal(0) <= waarde <= HONDERD:
            problemen.append(Invoerprobleem(f"betaalvoorstel.{veld}", "bereik", "Een percentage ligt tussen 0 en 100."))
    if not 0 <= voorstel.looptijd_maanden <= LANGSTE_LOOPTIJD:
        problemen.append(
            Invoerprobleem(
                "betaalvoorstel.looptijdMaanden", "bereik", f"De looptijd ligt tussen 0 en {LANGSTE_LOOPTIJD} maanden."
            )
        )
    return problemen


def _vordering(vv: VoorstelVordering, veld: str, voorstel: Betaalvoorstel, regels: RegelsOp) -> list[Invoerprobleem]:
    ontvangen = voorstel.ontvangen_op
    v = vv.vordering
    problemen = controleer_vordering(v, ontvangen, veld, verwijtbaarheid_nodig(v.soort, True, regels))
    if v.soort == BOETE and v.opgelegd_op is None and bestaat(PW_18A_LID_13, regels):
        problemen.append(
            Invoerprobleem(
                f"{veld}.opgelegdOp",
                "verplicht",
                "Verplicht bij een boete: de termijn van Pw 18a lid 13 loopt vanaf de oplegging.",
            )
        )
    if vv.schuldtype not in SCHULDTYPEN:
        problemen.append(
            Invoerprobleem(
                f"{veld}.schuldtype", "onbekend", f"Onbekend schuldtype; toegestaan: {', '.join(SCHULDTYPEN)}."
            )
        )
    if vv.ontstaansdatum is not None and vv.ontstaansdatum > ontvangen:
        problemen.append(
            Invoerprobleem(
                f"{veld}.ontstaansdatum", "toekomst", f"Deze datum ligt na de ontvangst van het voorstel ({ontvangen})."
            )
        )
    for j, d in enumerate(vv.herhalingen):
        if d > ontvangen:
            problemen.append(
                Invoerprobleem(
                    f"{veld}.herhalingen.{j}",
                    "toekomst",
                    f"Een herhaling kan niet na de ontvangst van het voorstel ({ontvangen}) liggen.",
                )
            )
    return problemen
