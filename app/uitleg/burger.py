"""De uitleg voor de burger: korte zinnen in gewone taal (B1), "u", per soort berekening.

Elke functie geeft secties (titel + alinea's + eventueel een opsomming); de sjablonen zorgen voor de opmaak in
HTML en tekst. Alle zinnen staan hier vast en worden gevuld met velden uit het resultaat (niet met de zinnen uit
de stappen, die voor professionals zijn): er wordt geen tekst gegenereerd.

Wat elke uitleg bevat (seeds-requirements P-11): wat er is besloten en waarom, het bedrag en wat dat per maand
betekent, hoe lang het duurt, waar de gemeente rekening mee hield, wat u kunt doen (bezwaar binnen de termijn,
betalingsregeling, kwijtschelding, schuldhulp, contact) en dat een mens beslist. Geen woorden als "fraude"
(seeds-requirements R-03).

Maatwerk: alleen een VASTGESTELD maatwerkbesluit verandert voor de burger de uitkomst (kop, bedrag, betalen).
Een aanvraag die nog TER_BEOORDELING is of die is AFGEWEZEN, is een interne stap van de gemeente: die staat
alleen in de uitleg voor de professional, zodat de burger geen uitkomst leest die (nog) niet geldt.
"""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation

from app.uitleg.notatie import GRAAD, ROUTE, TOETS, Sectie, datum, duur, geld, in_woorden, is_nul
from app.uitleg.schulden import kop as schuldkop
from app.uitleg.schulden import secties as schuldsecties
from app.uitleg.schulden import wat_kunt_u_doen as schuldstappen

BETALEN = "Wat moet u betalen?"


def secties(record: dict, vastgesteld: dict | None, bezwaartermijn_weken: int) -> list[Sectie]:
    """De secties van de burgeruitleg, in leesvolgorde."""
    res = record.get("resultaat") or {}
    soort = record.get("soort")
    if soort == "boeteberekening":
        uit = _boete(res, _invoer(record), vastgesteld)
    elif soort == "benadelingsbedrag":
        uit = _benadeling(res, vastgesteld)
    elif soort == "verwijtbaarheidsbeoordeling":
        uit = _verwijtbaarheid(res)
    elif soort in ("kwijtscheldingsbeoordeling", "kwijtschelding"):
        uit = _kwijtschelding(res)
    elif soort == "schuldregelingstoets":
        uit = _schuldregeling(res)
    elif (schulden := schuldsecties(str(soort), res)) is not None:
        uit = schulden
    else:
        uit = [Sectie("Wat is er gebeurd?", ["De gemeente heeft een berekening vastgelegd."])]
    if vastgesteld is not None:
        # vóór "Wat moet u betalen?": eerst de berekening, dan wat de gemeente daarna besloot, dan het bedrag
        plek = next((i for i, s in enumerate(uit) if s.titel == BETALEN), len(uit))
        uit.insert(plek, _maatwerk(vastgesteld))
    keuzes = _keuzes_van_de_gemeente(res)
    if keuzes is not None:
        uit.append(keuzes)
    uit.append(_wie_beslist(vastgesteld))
    uit.append(_wat_kunt_u_doen(res, bezwaartermijn_weken, str(soort)))
    return uit


KEUZE_VAN_DE_GEMEENTE = "Dit is een keuze van uw gemeente."


def _keuze_zin(keuze: str, waarde, res: dict, stap: dict) -> str | None:
    """Een keuze van het beleid in gewone woorden (vaste zinnen, gevuld met velden uit het resultaat)."""
    if keuze == "brutoTerugvordering":
        if waarde:
            return "U betaalt ook de loonbelasting terug die de gemeente over de te veel betaalde bijstand betaalde."
        return "De gemeente vraagt alleen terug wat u zelf te veel kreeg, zonder de loonbelasting."
    if keuze == "vermogenTeltVoorDraagkracht":
        if waarde:
            return "Uw spaargeld boven de grens telt mee bij wat u kunt betalen."
        return "Uw spaargeld telt niet mee bij wat u kunt betalen."
    if keuze == "draagkrachtMaanden":
        maanden = (stap.get("invoer") or {}).get("maanden")
        return f"De gemeente kijkt naar wat u in {maanden} maanden kunt betalen. Dat is korter dan de wet toestaat."
    if keuze == "waarschuwingIndienMogelijk":
        if waarde:
            return "De gemeente geeft een waarschuwing in plaats van een boete als dat mag."
        return "De gemeente geeft geen waarschuwing in plaats van een boete, ook niet als dat mag."
    if keuze == "afronding":
        return "De gemeente rondt de boete af op een veelvoud van € 10."
    if keuze == "looptijdSchuldregelingMaanden":
        maanden = res.get("looptijdMaanden") or (res.get("looptijd") or {}).get("beleid") or waarde
        return f"De gemeente kijkt of u het bedrag binnen {maanden} maanden kunt betalen."
    if keuze == "betaalvoorstel":
        return "Waar de wet de gemeente ruimte laat, volgt haar antwoord op een betaalvoorstel haar eigen beleid."
    if keuze == "afzienNaJarenZonderBetalingOverig":
        return f"Betaalt u {waarde} jaar niets, dan vraagt de gemeente het bedrag niet meer terug."
    if keuze == "vierOgen":
        return "Een tweede medewerker van de gemeente kijkt naar deze boete voordat die definitief is."
    return None


def _keuzes_van_de_gemeente(res: dict) -> Sectie | None:
    """Welke stappen rusten op een keuze van de gemeente (haar beleid), niet op de wet."""
    zinnen: list[str] = []
    for stap in res.get("stappen") or ():
        for c in stap.get("beleid") or ():
            if not isinstance(c, dict):
                continue
            waarde = c.get("waarde")
            if c.get("herkomst") == "VERZOEK":  # het verzoek noemt geen waarde: lees haar uit de stap
                waarde = (stap.get("invoer") or {}).get(c.get("keuze"), waarde)
            zin = _keuze_zin(c.get("keuze"), waarde, res, stap)
            if zin is not None and f"{zin} {KEUZE_VAN_DE_GEMEENTE}" not in zinnen:
                zinnen.append(f"{zin} {KEUZE_VAN_DE_GEMEENTE}")
    if not zinnen:
        return None
    return Sectie(
        "Wat heeft uw gemeente zelf gekozen?",
        [
            "Sommige dingen staan niet in de wet. Daar kiest uw gemeente zelf, in haar beleidsregels. Het gaat om:",
        ],
        zinnen,
    )


def kop(record: dict, vastgesteld: dict | None) -> str:
    """De eerste, belangrijkste zin."""
    res = record.get("resultaat") or {}
    soort = record.get("soort")
    if soort == "boeteberekening":
        uitkomst, boete = _boete_uitkomst(res, vastgesteld)
        return {
            "BOETE": f"U krijgt een boete van {geld(boete)}.",
            "WAARSCHUWING": "U krijgt geen boete, maar een waarschuwing.",
            "AFGEZIEN": "U krijgt geen boete.",
            "GEEN_BOETE": "U krijgt geen boete.",
            "BEOORDELING_VEREIST": "De gemeente bepaalt de hoogte van uw boete nog.",
        }.get(uitkomst, "Uitleg bij uw besluit.")
    if soort == "benadelingsbedrag":
        if vastgesteld is not None and vastgesteld.get("terugvordering") is not None:
            return f"U moet {geld(vastgesteld.get('terugvordering'))} terugbetalen."
        if is_nul(res.get("benadelingsbedrag")):
            return "U kreeg niet te veel bijstand."
        return f"U kreeg {geld(res.get('benadelingsbedrag'))} te veel bijstand."
    if soort == "verwijtbaarheidsbeoordeling":
        if res.get("graad") == "GEEN":
            return "De gemeente vindt dat u niets te verwijten valt."
        return f"De gemeente vindt dat er sprake is van {GRAAD.get(res.get('graad'), 'verwijtbaarheid')}."
    if soort in ("kwijtscheldingsbeoordeling", "kwijtschelding"):
        return "Kan de gemeente uw schuld (deels) kwijtschelden?"
    if soort == "schuldregelingstoets":
        return "Wat de gemeente kan kwijtschelden in een schuldregeling."
    return schuldkop(str(soort), res) or "Uitleg bij uw besluit."


# ---------------------------------------------------------------- boete


def _boete_uitkomst(res: dict, vastgesteld: dict | None) -> tuple[str | None, str | None]:
    """De uitkomst die geldt: die van een vastgesteld maatwerkbesluit, anders die van de berekening."""
    if vastgesteld is not None and vastgesteld.get("uitkomst"):
        return vastgesteld.get("uitkomst"), vastgesteld.get("boete")
    return res.get("uitkomst"), res.get("boete")


def _boete(res: dict, invoer: dict, vastgesteld: dict | None) -> list[Sectie]:
    uitkomst = res.get("uitkomst")
    benadeling = geld(res.get("benadelingsbedrag"))
    geen_benadeling = is_nul(res.get("benadelingsbedrag"))
    gebeurd = Sectie(
        "Wat is er gebeurd?",
        ["U moet de gemeente alles vertellen wat belangrijk is voor uw bijstand. Dat heet de inlichtingenplicht."],
    )
    if geen_benadeling:
        gebeurd.alineas.append("Dat is niet (op tijd) gebeurd. U kreeg daardoor geen bijstand te veel.")
    else:
        gebeurd.alineas.append(
            f"Dat is niet (op tijd) gebeurd. Daardoor kreeg u te veel bijstand: {benadeling}. "
            "Dit bedrag heet het benadelingsbedrag."
        )

    berekend = Sectie("Hoe is dit berekend?")
    zinnen = berekend.alineas
    if uitkomst == "GEEN_BOETE" and res.get("verwijtbaarheid") == "GEEN":
        zinnen.append("De gemeente vindt dat u niets te verwijten valt. Daarom krijgt u geen boete.")
    elif uitkomst == "GEEN_BOETE":
        zinnen.append(
            "Het is te lang geleden. Na een aantal jaren mag de gemeente geen boete meer geven. "
            "Daarom krijgt u geen boete."
        )
    elif uitkomst == "AFGEZIEN":
        zinnen.append("De gemeente ziet af van een boete. Daar zijn dringende redenen voor.")
    elif uitkomst == "BEOORDELING_VEREIST":
        grens = geld((res.get("beoordelingVereist") or {}).get("lagerDan"))
        zinnen.append(
            f"U kreeg geen bijstand te veel. Dan was de boete toen {grens}. Maar u valt minder te verwijten, en dan "
            f"moet de boete lager zijn dan {grens}. Hoeveel lager, staat niet in de regels. Een medewerker van de "
            "gemeente bepaalt het bedrag en legt uit waarom."
        )
    else:
        graad = GRAAD.get(res.get("verwijtbaarheid"), "verwijtbaarheid")
        if geen_benadeling:
            zinnen.append(
                f"Omdat u geen bijstand te veel kreeg, is de boete een vast bedrag: {geld(res.get('boeteVoorDraagkracht'))}."
            )
        else:
            if res.get("recidive"):
                zinnen.append(
                    f"U kreeg eerder al een boete voor hetzelfde. Daarom telt het bedrag voor {_deel(res)}% mee: "
                    f"{geld(res.get('grondslag'))}."
                )
            zinnen.append(
                f"De gemeente vindt dat er sprake is van {graad}. Daarom is de boete {res.get('boetepercentage')}% "
                f"van {geld(res.get('grondslag'))}."
            )
            if res.get("verwijtbaarheid") in BETEKENIS:
                zinnen.append(BETEKENIS[res["verwijtbaarheid"]])
        if res.get("verwijtbaarheid") == "VERMINDERD":
            zinnen.append("Daardoor is de boete lager.")
        zinnen.extend(_begrenzing(res))
        if uitkomst == "WAARSCHUWING":
            zinnen.append(
                f"Zonder waarschuwing was de boete {geld(res.get('boeteZonderWaarschuwing'))} geweest. Omdat het om "
                "een klein bedrag gaat of omdat u het zelf op tijd meldde, krijgt u nu alleen een waarschuwing. "
                "Gebeurt het opnieuw, dan kunt u wel een boete krijgen."
            )
        elif vastgesteld is not None:
            zinnen.append(f"Uit de berekening kwam een boete van {geld(res.get('boete'))}.")
        elif _voorgeschreven_afgerond(res):
            zinnen.append(
                "Op de datum van dit besluit schreef de wet voor dat een boete naar boven werd afgerond op een "
                f"veelvoud van € 10. Daarom is de boete {geld(res.get('boete'))}."
            )
        else:
            zinnen.append(f"De boete is {geld(res.get('boete'))}.")
    return [gebeurd, berekend, _boete_betalen(res, invoer, vastgesteld)]


#: Wat een graad van verwijtbaarheid betekent, in gewone woorden (Boetebesluit art. 2 en 2a).
BETEKENIS = {
    "OPZET": "Opzet betekent: de gemeente heeft bewezen dat u het bewust niet heeft gemeld.",
    "GROVE_SCHULD": (
        "Grove schuld betekent: de gemeente heeft bewezen dat u heel onzorgvuldig was. U had echt moeten weten "
        "dat u dit moest melden."
    ),
    "NORMAAL": (
        "Normale verwijtbaarheid betekent: u had dit moeten melden. De gemeente zegt niet dat u het expres deed "
        "of heel onzorgvuldig was."
    ),
    "VERMINDERD": (
        "Verminderde verwijtbaarheid betekent: u had dit moeten melden, maar door uw omstandigheden valt het u "
        "minder te verwijten."
    ),
}


def _stap(res: dict, regel: str) -> dict:
    """De stap met deze regel uit het resultaat (leeg als die er niet is)."""
    return next((stap for stap in res.get("stappen") or () if stap.get("regel") == regel), {})


def _voorgeschreven_afgerond(res: dict) -> bool:
    """Rondde de regelgeving zelf af (Boetebesluit art. 2 lid 2 oud) en veranderde dat de boete?"""
    stap = _stap(res, "boete.afronding")
    invoer, uitkomst = stap.get("invoer") or {}, stap.get("uitkomst") or {}
    return bool(invoer.get("voorgeschreven")) and uitkomst.get("boete") != invoer.get("boete")


def _begrenzing(res: dict) -> list[str]:
    """De begrenzing die de hoogte bepaalde, in gewone woorden."""
    begrenzing = res.get("bepalendeBegrenzing")
    kracht = res.get("draagkracht") or {}
    if begrenzing == "DRAAGKRACHT":
        return [
            "Een boete mag niet hoger zijn dan u kunt betalen. Met uw inkomen kunt u "
            f"{geld(kracht.get('perMaand'))} per maand missen. De boete is daarom niet hoger dan "
            f"{kracht.get('maanden')} maanden keer dat bedrag: {geld(kracht.get('maximum'))}."
        ]
    if begrenzing == "WETTELIJK_MAXIMUM":
        return ["De boete is niet hoger dan de wet toestaat."]
    if begrenzing == "WETTELIJK_MINIMUM":
        minimum = (_stap(res, "boete.minimum").get("invoer") or {}).get("minimum")
        return [f"Op de datum van dit besluit was een boete altijd ten minste {geld(minimum)}. Dat is hier zo."]
    if begrenzing == "BOETEBESLUIT_2_LID_7":
        return ["Bij een groot bedrag geldt een vast bedrag voor de boete. Dat is hier zo."]
    if begrenzing == "MATIGING":
        return ["De gemeente heeft de boete verlaagd omdat een hogere boete niet redelijk is."]
    return []


def _boete_betalen(res: dict, invoer: dict, vastgesteld: dict | None) -> Sectie:
    betalen = Sectie(BETALEN)
    verrekening = res.get("verrekening") or {}
    per_maand = geld(verrekening.get("perMaand"))
    bijstand = (invoer.get("huishouden") or {}).get("opBijstandsniveau", True) is not False
    uitkomst, boete = _boete_uitkomst(res, vastgesteld)
    if uitkomst == "BOETE":
        if vastgesteld is not None:
            betalen.alineas.append(
                f"De boete is {geld(boete)}. U kunt de boete in delen betalen. Vraag uw gemeente om een "
                "betalingsregeling."
            )
        elif verrekening.get("perMaand") is None:
            betalen.alineas.append(
                f"De boete is {geld(boete)}. U kunt de boete in delen betalen. Vraag uw gemeente hoeveel per maand."
            )
        elif verrekening.get("maandenBoete"):
            hoe = "De gemeente mag elke maand" if bijstand else "U kunt elke maand"
            wat = "inhouden op uw bijstand" if bijstand else "aflossen"
            betalen.alineas.append(
                f"{hoe} {per_maand} {wat}. Dan is de boete na {duur(verrekening['maandenBoete'])} betaald."
            )
        else:
            betalen.alineas.append(
                f"De boete is {geld(boete)}. U houdt nu niets over om de boete per maand af te lossen. Praat met "
                "uw gemeente over een betalingsregeling of kwijtschelding."
            )
    else:
        betalen.alineas.append("U hoeft geen boete te betalen.")
    if is_nul(res.get("benadelingsbedrag")):
        betalen.alineas.append("U hoeft ook geen bijstand terug te betalen.")
    else:
        betalen.alineas.append(
            f"Los van de boete vraagt de gemeente terug wat u te veel kreeg: {geld(res.get('benadelingsbedrag'))}. "
            "Dat is geen straf, maar een terugbetaling."
        )
        if verrekening.get("maandenTerugvordering"):
            hoe = (
                "De gemeente mag ook dit bedrag elke maand inhouden op uw bijstand"
                if bijstand
                else "Ook dit bedrag kunt u in delen terugbetalen"
            )
            betalen.alineas.append(
                f"{hoe}. Met {per_maand} per maand duurt dat {duur(verrekening['maandenTerugvordering'])}."
            )
    return betalen


def _deel(res: dict) -> str:
    """De grondslag als percentage van het benadelingsbedrag (bij recidive), uit het resultaat zelf."""
    try:
        benadeling = Decimal(str(res.get("benadelingsbedrag") or "0"))
        grondslag = Decimal(str(res.get("grondslag") or "0"))
    except InvalidOperation:
        return "?"
    if benadeling == 0:
        return "100"
    return f"{(grondslag * 100 / benadeling).quantize(Decimal('1'))}"


def _invoer(record: dict) -> dict:
    """Het verzoek uit het auditrecord (een dict, of JSON-tekst zoals in de database)."""
    invoer = record.get("invoer")
    if isinstance(invoer, str):
        try:
            invoer = json.loads(invoer)
        except ValueError:
            return {}
    return invoer if isinstance(invoer, dict) else {}


# ---------------------------------------------------------------- andere soorten


def _benadeling(res: dict, vastgesteld: dict | None) -> list[Sectie]:
    perioden = res.get("perioden") or []
    lijst = [
        f"{datum(p.get('van'))} tot en met {datum(p.get('tot'))}: u kreeg {geld(p.get('ontvangen'))}, "
        f"maar had recht op {geld(p.get('recht'))}."
        for p in perioden
    ]
    if is_nul(res.get("benadelingsbedrag")):
        gebeurd = ["U kreeg niet meer bijstand dan waar u recht op had."]
    else:
        gebeurd = [
            f"U kreeg meer bijstand dan waar u recht op had. Bij elkaar is dat {geld(res.get('benadelingsbedrag'))}."
        ]
    if lijst:
        gebeurd.append("Per periode:")
    betalen = Sectie(BETALEN)
    netto, bruto = res.get("terugvorderingNetto"), res.get("terugvorderingBruto")
    if vastgesteld is not None and vastgesteld.get("terugvordering") is not None:
        betalen.alineas.append(
            f"U moet {geld(vastgesteld.get('terugvordering'))} terugbetalen. Volgens de berekening was dat eerst "
            f"{geld(bruto if bruto is not None else netto)}."
        )
    elif is_nul(netto) and is_nul(bruto):
        betalen.alineas.append("U hoeft niets terug te betalen.")
    elif bruto is not None and bruto != netto:
        betalen.alineas.append(
            f"Over een deel van dit geld heeft de gemeente in een eerder jaar ook loonheffing betaald. Daarom vraagt "
            f"de gemeente {geld(bruto)} (bruto) terug. Dat moet volgens de wet (Participatiewet art. 58)."
        )
    else:
        betalen.alineas.append(
            f"De gemeente vraagt {geld(netto)} terug. Dat moet volgens de wet (Participatiewet art. 58)."
        )
    return [Sectie("Wat is er gebeurd?", gebeurd, lijst), betalen]


def _verwijtbaarheid(res: dict) -> list[Sectie]:
    if res.get("graad") == "GEEN":
        return [
            Sectie(
                "Wat betekent dit?",
                [
                    "De gemeente kijkt hoeveel u te verwijten valt. Zij vindt dat u niets te verwijten valt.",
                    "Daarom krijgt u geen boete.",
                ],
            )
        ]
    alineas = [
        f"De gemeente kijkt hoeveel u te verwijten valt. Zij vindt: {GRAAD.get(res.get('graad'), '?')}.",
        f"Dat bepaalt de hoogte van een boete: {res.get('percentage')}% van het bedrag dat u te veel kreeg. "
        f"En niet meer dan u in {res.get('draagkrachtMaanden')} maanden kunt missen.",
    ]
    if res.get("graad") == "VERMINDERD":
        alineas.append("De gemeente heeft rekening gehouden met uw omstandigheden. Daardoor is het percentage lager.")
    if res.get("graad") in ("OPZET", "GROVE_SCHULD"):
        alineas.append("Dit moet de gemeente bewijzen.")
    return [Sectie("Wat betekent dit?", alineas)]


def _kwijtschelding(res: dict) -> list[Sectie]:
    routes = res.get("routes") or []

    def naam(r: dict) -> str:
        return ROUTE.get(r.get("route"), str(r.get("route")))

    wel = [f"{naam(r)}." for r in routes if r.get("uitkomst") == "MOGELIJK"]
    beoordelen = [
        f"{naam(r)}."
        + (
            " Juristen zijn het er niet over eens of deze regel ook geldt als u de inlichtingenplicht niet nakwam. "
            "Een jurist van de gemeente kijkt daarnaar."
            if any("omstreden" in reden for reden in r.get("redenen") or ())
            else ""
        )
        for r in routes
        if r.get("uitkomst") == "BEOORDELING_VEREIST"
    ]
    niet = [f"{naam(r)}." for r in routes if r.get("uitkomst") not in ("MOGELIJK", "BEOORDELING_VEREIST")]
    uit = [
        Sectie(
            "Wat heeft de gemeente bekeken?",
            [
                "Er zijn een paar manieren waarop de gemeente een schuld (deels) kan kwijtschelden of niet "
                "terugvraagt. De gemeente heeft ze allemaal bekeken."
            ],
        )
    ]
    if wel:
        uit.append(Sectie("Dit kan", ["De gemeente mag dit doen. Zij beslist zelf of zij het doet."], wel))
    if beoordelen:
        uit.append(
            Sectie("Dit moet de gemeente beoordelen", ["Een medewerker kijkt hiervoor naar uw situatie."], beoordelen)
        )
    if niet:
        uit.append(Sectie("Dit kan niet", ["Uw situatie past niet bij deze regels."], niet))
    return uit


def _schuldregeling(res: dict) -> list[Sectie]:
    verrekening = res.get("verrekening") or {}
    alineas = [
        f"Kan worden kwijtgescholden: {geld(res.get('totaalKwijtscheldbaar'))}.",
        f"Moet helemaal worden betaald: {geld(res.get('totaalBlijftStaan'))}.",
    ]
    if verrekening.get("maandenNodig") and not is_nul(res.get("totaalBlijftStaan")):
        alineas.append(
            f"Betaalt u {geld(verrekening.get('perMaand'))} per maand, dan is het bedrag dat helemaal moet worden "
            f"betaald na {duur(verrekening['maandenNodig'])} betaald."
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


# ---------------------------------------------------------------- voor elke soort


def _maatwerk(m: dict) -> Sectie:
    if m.get("terugvordering") is not None:
        wat = f"Het bedrag dat u moet terugbetalen is verlaagd naar {geld(m.get('terugvordering'))}."
    elif m.get("uitkomst") == "BOETE":
        wat = f"De boete is verlaagd naar {geld(m.get('boete'))}."
    elif m.get("uitkomst") == "WAARSCHUWING":
        wat = "U krijgt in plaats van een boete een waarschuwing."
    else:
        wat = "De gemeente ziet af van de boete."
    alineas = [wat]
    if m.get("motivering"):
        alineas.append(f"De reden: {m.get('motivering')}")
    return Sectie("De gemeente heeft naar uw situatie gekeken", alineas)


def _wie_beslist(vastgesteld: dict | None) -> Sectie:
    if vastgesteld is not None:
        zin = "Twee medewerkers van de gemeente hebben dit besloten. De tweede heeft het werk van de eerste gecontroleerd."
    else:
        zin = "Een computerprogramma heeft de regels toegepast. Een medewerker van de gemeente neemt het besluit."
    return Sectie("Wie beslist?", [zin])


def _wat_kunt_u_doen(res: dict, weken: int, soort: str = "") -> Sectie:
    lijst = [
        f"Bent u het niet eens met het besluit? Dan kunt u bezwaar maken. Dat moet binnen {in_woorden(weken)} "
        "weken nadat de brief is verstuurd (Algemene wet bestuursrecht art. 6:7). Schrijf in uw bezwaar waarom u "
        "het er niet mee eens bent.",
        *(
            schuldstappen(soort)
            or (
                "Kunt u niet in één keer betalen? Vraag dan om een betalingsregeling.",
                "Heeft u schulden of kunt u niet betalen? Vraag uw gemeente dan om kwijtschelding, of om af te zien "
                "van terugbetalen. U kunt ook hulp vragen bij schulden (schuldhulpverlening).",
            )
        ),
        "Heeft u vragen? Neem contact op met uw gemeente, via het telefoonnummer op de brief. Gratis hulp krijgt u "
        "ook bij het Juridisch Loket.",
    ]
    alineas = [f"Het besluit is van {datum(res['beschikkingsdatum'])}."] if res.get("beschikkingsdatum") else []
    return Sectie("Wat kunt u doen?", alineas, lijst)
