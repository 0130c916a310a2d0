"""De uitleg voor de burger: korte zinnen in gewone taal (B1), per soort berekening.

Elke functie geeft secties (titel + alinea's + eventueel een opsomming); de sjablonen zorgen voor de opmaak in
HTML en tekst. Alle zinnen staan hier vast: er wordt geen tekst gegenereerd.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from app.uitleg import GRAAD, datum, geld


@dataclass
class Sectie:
    titel: str
    alineas: list[str] = field(default_factory=list)
    lijst: list[str] = field(default_factory=list)


_GETAL = {1: "één", 2: "twee", 3: "drie", 4: "vier", 5: "vijf", 6: "zes", 8: "acht", 10: "tien", 12: "twaalf"}


def _in_woorden(n: int) -> str:
    return _GETAL.get(n, str(n))


def secties(record: dict, vastgesteld: dict | None, bezwaartermijn_weken: int) -> list[Sectie]:
    res = record.get("resultaat") or {}
    soort = record.get("soort")
    maker = {
        "boeteberekening": _boete,
        "benadelingsbedrag": _benadeling,
        "verwijtbaarheidsbeoordeling": _verwijtbaarheid,
        "kwijtscheldingsbeoordeling": _kwijtschelding,
        "schuldregelingstoets": _schuldregeling,
    }.get(soort)
    uit = maker(res) if maker else [Sectie("Wat is er gebeurd?", ["De gemeente heeft een besluit vastgelegd."])]
    if vastgesteld is not None:
        uit.insert(1, _maatwerk(vastgesteld))
    uit.append(_wat_kunt_u_doen(res, bezwaartermijn_weken))
    return uit


def kop(record: dict, vastgesteld: dict | None) -> str:
    """De eerste, belangrijkste zin."""
    res = record.get("resultaat") or {}
    soort = record.get("soort")
    if vastgesteld is not None and soort == "boeteberekening":
        if vastgesteld.get("uitkomst") == "BOETE":
            return f"U krijgt een boete van {geld(vastgesteld.get('boete'))}."
        if vastgesteld.get("uitkomst") == "WAARSCHUWING":
            return "U krijgt geen boete, maar een waarschuwing."
        return "U krijgt geen boete."
    if vastgesteld is not None and soort == "benadelingsbedrag":
        return f"U moet {geld(vastgesteld.get('terugvordering'))} terugbetalen."
    if soort == "boeteberekening":
        return {
            "BOETE": f"U krijgt een boete van {geld(res.get('boete'))}.",
            "WAARSCHUWING": "U krijgt geen boete, maar een waarschuwing.",
            "AFGEZIEN": "U krijgt geen boete.",
            "GEEN_BOETE": "U krijgt geen boete.",
        }.get(res.get("uitkomst"), "Uitleg bij uw besluit.")
    if soort == "benadelingsbedrag":
        return f"U kreeg {geld(res.get('benadelingsbedrag'))} te veel bijstand."
    if soort == "verwijtbaarheidsbeoordeling":
        return f"De gemeente vindt dat er sprake is van {GRAAD.get(res.get('graad'), '?')}."
    if soort == "kwijtscheldingsbeoordeling":
        return "Kan uw schuld aan de gemeente (deels) worden kwijtgescholden?"
    if soort == "schuldregelingstoets":
        return "Wat de gemeente kan kwijtschelden in een schuldregeling."
    return "Uitleg bij uw besluit."


def _boete(res: dict) -> list[Sectie]:
    uitkomst = res.get("uitkomst")
    benadeling = geld(res.get("benadelingsbedrag"))
    gebeurd = Sectie(
        "Wat is er gebeurd?",
        [
            "U moet de gemeente alles vertellen wat belangrijk is voor uw bijstand. Dat heet de inlichtingenplicht.",
            "Dat is niet (op tijd) gebeurd. Daardoor kreeg u te veel bijstand: "
            f"{benadeling}. Dit bedrag heet het benadelingsbedrag.",
        ],
    )
    if res.get("benadelingsbedrag") in ("0.00", None):
        gebeurd.alineas[1] = "Dat is niet (op tijd) gebeurd. U kreeg daardoor geen bijstand te veel."
    berekend = Sectie("Hoe is dit berekend?")
    graad = GRAAD.get(res.get("verwijtbaarheid"), "")
    if uitkomst == "GEEN_BOETE" and res.get("verwijtbaarheid") == "GEEN":
        berekend.alineas.append("De gemeente vindt dat u niets te verwijten valt. Daarom krijgt u geen boete.")
    elif uitkomst == "GEEN_BOETE":
        berekend.alineas.append(
            "Het is te lang geleden. Na een aantal jaren mag de gemeente geen boete meer geven. Daarom krijgt u "
            "geen boete."
        )
    elif uitkomst == "AFGEZIEN":
        berekend.alineas.append("De gemeente ziet af van een boete. Daar zijn dringende redenen voor.")
    else:
        if res.get("recidive"):
            berekend.alineas.append(
                f"U kreeg eerder al een boete voor hetzelfde. Daarom telt het bedrag voor {_deel(res)}% mee: "
                f"{geld(res.get('grondslag'))}."
            )
        berekend.alineas.append(
            f"De gemeente vindt dat er sprake is van {graad}. Daarom is de boete {res.get('boetepercentage')}% "
            f"van {geld(res.get('grondslag'))}."
        )
        begrenzing = res.get("bepalendeBegrenzing")
        kracht = res.get("draagkracht") or {}
        if begrenzing == "DRAAGKRACHT":
            berekend.alineas.append(
                "Een boete mag niet hoger zijn dan u kunt betalen. Met uw inkomen kunt u "
                f"{geld(kracht.get('perMaand'))} per maand missen. De boete is daarom niet hoger dan "
                f"{kracht.get('maanden')} maanden keer dat bedrag: {geld(kracht.get('maximum'))}."
            )
        elif begrenzing == "WETTELIJK_MAXIMUM":
            berekend.alineas.append("De boete is niet hoger dan de wet toestaat.")
        elif begrenzing == "BOETEBESLUIT_2_LID_7":
            berekend.alineas.append("Bij een groot bedrag geldt een vast bedrag voor de boete. Dat is hier zo.")
        elif begrenzing == "MATIGING":
            berekend.alineas.append("De gemeente heeft de boete verlaagd omdat een hogere boete niet redelijk is.")
        if uitkomst == "WAARSCHUWING":
            berekend.alineas.append(
                f"Zonder waarschuwing was de boete {geld(res.get('boeteZonderWaarschuwing'))} geweest. Omdat het om "
                "een klein bedrag gaat of omdat u het zelf op tijd meldde, krijgt u nu alleen een waarschuwing. "
                "Gebeurt het opnieuw, dan kunt u wel een boete krijgen."
            )
        else:
            berekend.alineas.append(f"De boete is {geld(res.get('boete'))}.")
    betalen = Sectie("Wat moet u betalen?")
    verrekening = res.get("verrekening") or {}
    betalen.alineas.append(
        f"U moet de {benadeling} die u te veel kreeg terugbetalen. Dat is geen straf, maar een terugbetaling."
    )
    if uitkomst == "BOETE" and verrekening.get("maandenBoete"):
        betalen.alineas.append(
            f"De gemeente kan de boete in delen met uw bijstand verrekenen: {geld(verrekening.get('perMaand'))} per "
            f"maand. Dan is de boete na {verrekening.get('maandenBoete')} maanden betaald."
        )
    return [gebeurd, berekend, betalen]


def _deel(res: dict) -> str:
    """De grondslag als percentage van het benadelingsbedrag (bij recidive), uit het resultaat zelf."""
    benadeling = Decimal(str(res.get("benadelingsbedrag") or "0"))
    if benadeling == 0:
        return "100"
    return f"{(Decimal(str(res.get('grondslag'))) * 100 / benadeling).quantize(Decimal('1'))}"


def _benadeling(res: dict) -> list[Sectie]:
    perioden = res.get("perioden") or []
    lijst = [
        f"{datum(p.get('van'))} tot en met {datum(p.get('tot'))}: u kreeg {geld(p.get('ontvangen'))}, "
        f"maar had recht op {geld(p.get('recht'))}."
        for p in perioden
    ]
    return [
        Sectie(
            "Wat is er gebeurd?",
            [
                f"U kreeg meer bijstand dan waar u recht op had. Bij elkaar is dat {geld(res.get('benadelingsbedrag'))}.",
                "Per periode:",
            ],
            lijst,
        ),
        Sectie(
            "Wat moet u betalen?",
            [
                f"De gemeente vraagt {geld(res.get('terugvorderingNetto'))} terug. Dat moet volgens de wet "
                "(Participatiewet art. 58).",
            ]
            + (
                [
                    f"Omdat er ook belasting over is betaald, is het bedrag voor de gemeente "
                    f"{geld(res.get('terugvorderingBruto'))} (bruto)."
                ]
                if res.get("terugvorderingBruto") != res.get("terugvorderingNetto")
                else []
            ),
        ),
    ]


def _verwijtbaarheid(res: dict) -> list[Sectie]:
    return [
        Sectie(
            "Wat betekent dit?",
            [
                f"De gemeente kijkt hoeveel u te verwijten valt. Zij vindt: {GRAAD.get(res.get('graad'), '?')}.",
                f"Dat bepaalt de hoogte van een boete: {res.get('percentage')}% van het bedrag dat u te veel kreeg, "
                f"en niet meer dan u in {res.get('draagkrachtMaanden')} maanden kunt missen.",
            ],
        )
    ]


def _kwijtschelding(res: dict) -> list[Sectie]:
    from app.uitleg import ROUTE, ROUTE_UITKOMST

    return [
        Sectie(
            "Wat heeft de gemeente bekeken?",
            ["Er zijn een paar manieren waarop de gemeente een schuld (deels) kan kwijtschelden. Per manier:"],
            [
                f"{ROUTE.get(r.get('route'), r.get('route'))}: {ROUTE_UITKOMST.get(r.get('uitkomst'), '?')}."
                for r in res.get("routes") or []
            ],
        ),
        Sectie(
            "Wat betekent dit?",
            [
                "Staat er 'mogelijk', dan mag de gemeente het doen. Zij beslist dat zelf.",
                "Staat er 'de gemeente moet dit beoordelen', dan kijkt een medewerker naar uw situatie.",
            ],
        ),
    ]


def _schuldregeling(res: dict) -> list[Sectie]:
    from app.uitleg import TOETS

    verrekening = res.get("verrekening") or {}
    alineas = [
        f"Kan worden kwijtgescholden: {geld(res.get('totaalKwijtscheldbaar'))}.",
        f"Moet helemaal worden betaald: {geld(res.get('totaalBlijftStaan'))}.",
    ]
    if verrekening.get("maandenNodig"):
        alineas.append(
            f"Met {geld(verrekening.get('perMaand'))} per maand duurt dat {verrekening.get('maandenNodig')} maanden."
        )
    return [
        Sectie(
            "Per schuld",
            ["De gemeente heeft elke schuld bekeken:"],
            [
                f"{v.get('id')} ({geld(v.get('bedrag'))}): {TOETS.get(v.get('status'), '?')}."
                for v in res.get("vorderingen") or []
            ],
        ),
        Sectie("Bij elkaar", alineas),
    ]


def _maatwerk(m: dict) -> Sectie:
    if m.get("terugvordering") is not None:
        wat = f"Het bedrag dat u moet terugbetalen is verlaagd naar {geld(m.get('terugvordering'))}."
    elif m.get("uitkomst") == "BOETE":
        wat = f"De boete is verlaagd naar {geld(m.get('boete'))}."
    elif m.get("uitkomst") == "WAARSCHUWING":
        wat = "U krijgt in plaats van een boete een waarschuwing."
    else:
        wat = "De gemeente ziet af van de boete."
    return Sectie(
        "De gemeente heeft naar uw situatie gekeken",
        [wat, f"De reden: {m.get('motivering')}", "Twee medewerkers van de gemeente hebben dit besloten."],
    )


def _wat_kunt_u_doen(res: dict, weken: int) -> Sectie:
    lijst = [
        f"Bent u het niet eens met dit besluit? Dan kunt u bezwaar maken. Dat moet binnen {_in_woorden(weken)} "
        "weken nadat de brief is verstuurd (Algemene wet bestuursrecht art. 6:7). Schrijf in uw bezwaar waarom u "
        "het er niet mee eens bent.",
        "Kunt u niet in één keer betalen? Vraag dan om een betalingsregeling.",
        "Heeft u schulden of kunt u niet betalen? Vraag dan naar kwijtschelding of naar schuldhulpverlening bij uw "
        "gemeente.",
        "Heeft u vragen? Bel of mail uw gemeente. Het telefoonnummer staat op de brief. Gratis hulp krijgt u ook "
        "bij het Juridisch Loket.",
    ]
    alineas = [f"Het besluit is van {datum(res['beschikkingsdatum'])}."] if res.get("beschikkingsdatum") else []
    return Sectie("Wat kunt u doen?", alineas, lijst)
