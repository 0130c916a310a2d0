"""SPEC §3.1 — benadelingsbedrag en terugvordering (Pw 18a lid 2, 58 lid 1 en 5; CRvB 2017:2436).

Bruto terugvordering (Pw 58 lid 5, tweede zin): loonheffing over te veel betaalde bijstand kan worden teruggevorderd
voor zover de gemeente die niet meer met haar eigen afdracht kan verrekenen, dus over bijstand betaald in een
kalenderjaar vóór het jaar van de beschikking. Keuzes waar wet en rechtspraak zwijgen:

- Een periode met loonheffing mag niet over 1 januari lopen: welk deel van de bedragen in welk jaar viel, weet
  Maatstaf niet, en daar hangt de bruto terugvordering van af (400; splits de periode per kalenderjaar). Een periode
  zonder loonheffing die over 1 januari loopt, telt bij het jaar van haar einddatum.
- Zijn in hetzelfde kalenderjaar ook maanden met te weinig bijstand, dan is over dat jaar netto minder te veel
  ontvangen. De CRvB bruteert vanuit het juiste recht op bijstand (ECLI:NL:CRVB:2023:860): de loonheffing van dat jaar
  telt dan naar verhouding mee, loonheffing x (te veel - te weinig) / te veel, naar beneden op centen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.domain import bronnen as b
from app.domain.fouten import Invoerfout, Invoerprobleem
from app.domain.geld import NUL, euro, naar_beneden
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
    problemen += [
        Invoerprobleem(
            f"{veld}.{i}.tot",
            "jaargrens",
            f"Deze periode met loonheffing loopt over 1 januari ({p.van.isoformat()} t/m {p.tot.isoformat()}). Splits "
            "haar per kalenderjaar: of de loonheffing bruto wordt teruggevorderd, hangt af van het jaar waarin de "
            "bijstand is betaald (Pw 58 lid 5).",
        )
        for i, p in enumerate(perioden)
        if p.loonheffing > 0 and p.van.year != p.tot.year and p.tot >= p.van
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
    jaren: dict[int, list[Decimal]] = {}  # kalenderjaar vóór het beschikkingsjaar -> [te veel, te weinig, loonheffing]
    for i in volgorde:
        p = perioden[i]
        verschil = p.ontvangen - p.recht
        totaal += verschil
        if p.tot.year < beschikkingsdatum.year:
            jaar = jaren.setdefault(p.tot.year, [NUL, NUL, NUL])
            if verschil > 0:
                jaar[0] += verschil
                jaar[2] += p.loonheffing
            else:
                jaar[1] -= verschil
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
    loonheffing_eerdere_jaren, verhoudingen = _loonheffing_eerdere_jaren(jaren)
    bruto = benadeling
    if benadeling > 0 and bruto_terugvordering and loonheffing_eerdere_jaren > 0:
        for verhouding in verhoudingen:
            _verhouding_stap(verhouding, uitleg)
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


@dataclass(frozen=True, slots=True)
class _Verhouding:
    jaar: int
    te_veel: Decimal
    te_weinig: Decimal
    loonheffing: Decimal
    deel: Decimal


def _loonheffing_eerdere_jaren(jaren: dict[int, list[Decimal]]) -> tuple[Decimal, list[_Verhouding]]:
    """De loonheffing over te veel betaalde bijstand in eerdere kalenderjaren, per jaar naar verhouding van wat over
    dat jaar netto te veel is ontvangen (bruteren vanuit het juiste recht op bijstand, ECLI:NL:CRVB:2023:860); en de
    jaren waarin naar verhouding is gerekend."""
    totaal = NUL
    verhoudingen = []
    for jaar in sorted(jaren):
        te_veel, te_weinig, loonheffing = jaren[jaar]
        if loonheffing <= 0 or te_veel <= 0:
            continue
        if te_weinig <= 0:
            totaal += loonheffing
            continue
        deel = naar_beneden(loonheffing * max(NUL, te_veel - te_weinig) / te_veel)
        totaal += deel
        verhoudingen.append(_Verhouding(jaar, te_veel, te_weinig, loonheffing, deel))
    return totaal, verhoudingen


def _verhouding_stap(v: _Verhouding, uitleg: Uitleg) -> None:
    netto = max(NUL, v.te_veel - v.te_weinig)
    uitleg.stap(
        "terugvordering.loonheffingNaarVerhouding",
        f"In {v.jaar} is {euro(v.te_veel)} te veel en {euro(v.te_weinig)} te weinig bijstand ontvangen: over dat jaar "
        f"netto {euro(netto)} te veel. Van de loonheffing over dat jaar ({euro(v.loonheffing)}) telt daarom "
        f"{euro(v.loonheffing)} x {euro(netto)} / {euro(v.te_veel)} = {euro(v.deel)} (bruteren vanuit het juiste recht "
        "op bijstand).",
        (b.PW_58_LID_5, b.CRVB_2023_860),
        {
            "jaar": v.jaar,
            "teVeel": f"{v.te_veel:.2f}",
            "teWeinig": f"{v.te_weinig:.2f}",
            "loonheffing": f"{v.loonheffing:.2f}",
        },
        {"loonheffingTeruggevorderd": f"{v.deel:.2f}"},
    )
    uitleg.signaal(
        f"In {v.jaar} zijn te veel en te weinig ontvangen bijstand verrekend; de loonheffing is naar verhouding "
        f"toegerekend ({euro(v.deel)} van {euro(v.loonheffing)}). De loonadministratie bruteert met de rekenregels van de "
        "Belastingdienst en kan daarvan iets afwijken: controleer het bruto bedrag daar."
    )


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
