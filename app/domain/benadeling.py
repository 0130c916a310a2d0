"""SPEC §3.1 — benadelingsbedrag en terugvordering (Pw 18a lid 2, 58 lid 1 en 5; CRvB 2017:2436)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.domain import bronnen as b
from app.domain.fouten import Invoerfout, Invoerprobleem
from app.domain.geld import NUL, euro
from app.domain.uitleg import Uitleg


@dataclass(frozen=True, slots=True)
class Periode:
    van: date
    tot: date  # tot en met
    ontvangen: Decimal
    recht: Decimal
    loonheffing: Decimal = NUL  # loonheffing over het te veel betaalde bedrag in deze periode


@dataclass(frozen=True, slots=True)
class PeriodeUitkomst:
    periode: Periode
    verschil: Decimal


@dataclass(frozen=True, slots=True)
class Benadeling:
    perioden: tuple[PeriodeUitkomst, ...]  # chronologisch
    benadelingsbedrag: Decimal
    terugvordering_netto: Decimal
    terugvordering_bruto: Decimal


def controleer_perioden(perioden: Sequence[Periode], veld: str = "perioden") -> list[int]:
    """Geeft de volgorde (indexen, chronologisch) terug; weigert omgekeerde en overlappende perioden."""
    problemen = [
        Invoerprobleem(f"{veld}.{i}.tot", "datumvolgorde", "De einddatum 'tot' ligt vóór de begindatum 'van'.")
        for i, p in enumerate(perioden)
        if p.tot < p.van
    ]
    if problemen:
        raise Invoerfout(*problemen)
    volgorde = sorted(range(len(perioden)), key=lambda i: (perioden[i].van, perioden[i].tot))
    for vorige, huidige in zip(volgorde, volgorde[1:], strict=False):
        if perioden[huidige].van <= perioden[vorige].tot:
            problemen.append(
                Invoerprobleem(
                    f"{veld}.{huidige}.van",
                    "overlap",
                    f"Deze periode overlapt met periode {vorige} "
                    f"({perioden[vorige].van.isoformat()} t/m {perioden[vorige].tot.isoformat()}).",
                )
            )
    if problemen:
        raise Invoerfout(*problemen)
    return volgorde


def bereken_benadeling(
    perioden: Sequence[Periode], beschikkingsdatum: date, bruto_terugvordering: bool, uitleg: Uitleg
) -> Benadeling:
    volgorde = controleer_perioden(perioden)
    uitkomsten = []
    totaal = NUL
    loonheffing_eerdere_jaren = NUL
    for i in volgorde:
        p = perioden[i]
        verschil = p.ontvangen - p.recht
        totaal += verschil
        if verschil > 0 and p.tot.year < beschikkingsdatum.year:
            loonheffing_eerdere_jaren += p.loonheffing
        uitkomsten.append(PeriodeUitkomst(p, verschil))
        uitleg.stap(
            "benadeling.verschil",
            f"Van {p.van.isoformat()} tot en met {p.tot.isoformat()} is {euro(p.ontvangen)} ontvangen terwijl het "
            f"recht {euro(p.recht)} was: het verschil is {euro(verschil)}.",
            (b.PW_18A_LID_2,),
            {
                "van": p.van.isoformat(),
                "tot": p.tot.isoformat(),
                "ontvangen": f"{p.ontvangen:.2f}",
                "recht": f"{p.recht:.2f}",
            },
            {"verschil": f"{verschil:.2f}"},
        )
    benadeling = max(NUL, totaal)
    uitleg.stap(
        "benadeling.bedrag",
        f"De verschillen samen zijn {euro(totaal)}; het benadelingsbedrag is het netto te veel ontvangen bedrag, "
        f"niet lager dan nul: {euro(benadeling)}.",
        (b.PW_18A_LID_2, b.CRVB_2017_2436),
        {"somVerschillen": f"{totaal:.2f}"},
        {"benadelingsbedrag": f"{benadeling:.2f}"},
    )
    bruto = benadeling
    if benadeling > 0 and bruto_terugvordering and loonheffing_eerdere_jaren > 0:
        bruto = benadeling + loonheffing_eerdere_jaren
        zin = (
            f"Over te veel betaalde bijstand in een kalenderjaar vóór {beschikkingsdatum.year} is "
            f"{euro(loonheffing_eerdere_jaren)} loonheffing afgedragen; die wordt bruto teruggevorderd: "
            f"{euro(bruto)}."
        )
    elif not bruto_terugvordering:
        zin = "Het beleid van de gemeente vordert netto terug; de bruto terugvordering is gelijk aan de netto."
        if loonheffing_eerdere_jaren > 0 and benadeling > 0:
            zin = (
                f"Het beleid van de gemeente vordert netto terug: de {euro(loonheffing_eerdere_jaren)} loonheffing "
                "over een eerder kalenderjaar wordt niet teruggevorderd; de bruto terugvordering is gelijk aan de netto."
            )
    else:
        zin = (
            "Er is geen loonheffing over te veel betaalde bijstand in een eerder kalenderjaar: "
            "de bruto terugvordering is gelijk aan de netto."
        )
    uitleg.stap(
        "terugvordering.bruto",
        zin,
        (b.PW_58_LID_5,),
        {
            "terugvorderingNetto": f"{benadeling:.2f}",
            "loonheffingEerdereJaren": f"{loonheffing_eerdere_jaren:.2f}",
            "beleidBrutoTerugvordering": bruto_terugvordering,
        },
        {"terugvorderingBruto": f"{bruto:.2f}"},
        # de keuze bruto/netto maakt alleen verschil als er loonheffing over een eerder jaar is
        (("brutoTerugvordering", None),) if benadeling > 0 and loonheffing_eerdere_jaren > 0 else (),
    )
    return Benadeling(tuple(uitkomsten), benadeling, benadeling, bruto)


def terugvordering_verplicht(benadelingsbedrag: Decimal, uitleg: Uitleg) -> None:
    """Pw 58 lid 1: terugvordering is verplicht na schending van art. 17 lid 1, los van de verwijtbaarheid."""
    if not uitleg.actief:
        return
    uitleg.stap(
        "terugvordering.verplicht",
        f"Het college moet {euro(benadelingsbedrag)} terugvorderen, ongeacht de mate van verwijtbaarheid."
        if benadelingsbedrag > 0
        else "Er is niets te veel ontvangen, dus er valt niets terug te vorderen.",
        (b.PW_58_LID_1, b.PW_17_LID_1),
        {"benadelingsbedrag": f"{benadelingsbedrag:.2f}"},
        {"terugvorderingVerplicht": benadelingsbedrag > 0},
    )
