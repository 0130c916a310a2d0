"""Spiegel (issue #10 §2 en §3): vergelijkbare zaken bij het oordeel, en wat het teamoverzicht telt.

Pure functies over de JSON van verzoek en resultaat; de opslag houdt de tellingen bij (app/db/store.py).

Keuzes (geen wet: dit zijn keuzes van Maatstaf om gelijke gevallen zichtbaar te maken, geen regels die de uitkomst
bepalen; daarom staan ze hier en niet in de regeldata):

- Vergelijkbaar zijn boeteberekeningen van dezelfde gemeente met dezelfde ``soortOvertreding``, dezelfde
  duurklasse (het aantal kalendermaanden van begindatum tot en met einddatum van de overtreding) en dezelfde
  herhaling (``recidive`` in het resultaat: eerste of herhaalde overtreding).
- Het venster is de maand van de berekening (het moment van vastleggen, Europe/Amsterdam) en de 23 maanden
  ervoor; een record telt in de maand waarin het is vastgelegd. Niet de beschikkingsdatum: die kan in het verleden
  liggen (een oude zaak die nu wordt beoordeeld), en de vraag is hoe de gemeente nu oordeelt.
- Groepen van minder dan MINIMUM_GROEP zaken worden niet getoond (kleine aantallen zijn herleidbaar).
- Een keuze heet ongebruikelijk als hoogstens ZELDZAAM van de vergelijkbare zaken haar had.
- Vergelijkbare zaken veranderen de uitkomst nooit: ze worden pas na de berekening toegevoegd.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

SOORTEN_OVERTREDING = ("INKOMEN", "VERMOGEN", "LEEFVORM", "WERK", "HUISHOUDSAMENSTELLING", "OVERIG")
GRADEN = ("OPZET", "GROVE_SCHULD", "NORMAAL", "VERMINDERD", "GEEN")
UITKOMSTEN = ("BOETE", "WAARSCHUWING", "AFGEZIEN", "GEEN_BOETE", "BEOORDELING_VEREIST")
#: (ten hoogste zoveel kalendermaanden, klasse); langer: LANGER_DAN_36_MAANDEN.
DUURKLASSEN = ((3, "TOT_3_MAANDEN"), (12, "TOT_12_MAANDEN"), (36, "TOT_36_MAANDEN"))
LANGSTE_DUURKLASSE = "LANGER_DAN_36_MAANDEN"
EERSTE, HERHAALD = "EERSTE", "HERHAALD"

MINIMUM_GROEP = 10
ZELDZAAM = Decimal("0.10")
VENSTER_MAANDEN = 24
#: Verrekening die langer duurt dan dit aantal maanden telt het teamoverzicht apart (issue #10 §3: "langer dan 3 jaar").
LANGE_VERREKENING_MAANDEN = 36

# kenmerken in de tellingen
ZAKEN = "zaken"
GRAAD = "graad"
UITKOMST = "uitkomst"
BEGRENZING = "begrenzing"
MAATWERK = "maatwerk"
VERREKENING = "verrekening"
ROUTE_MOGELIJK = "routeMogelijk"
ROUTE_TE_BEOORDELEN = "routeTeBeoordelen"

BOETEBEREKENING = "BOETEBEREKENING"
KWIJTSCHELDINGSBEOORDELING = "KWIJTSCHELDINGSBEOORDELING"
SCHULDREGELINGSTOETS = "SCHULDREGELINGSTOETS"
AANGEVRAAGD, GOEDGEKEURD, AFGEWEZEN = "AANGEVRAAGD", "GOEDGEKEURD", "AFGEWEZEN"

OMSCHRIJVING_GRAAD = {
    "OPZET": "opzet",
    "GROVE_SCHULD": "grove schuld",
    "NORMAAL": "normale verwijtbaarheid",
    "VERMINDERD": "verminderde verwijtbaarheid",
    "GEEN": "geen verwijtbaarheid",
}
OMSCHRIJVING_UITKOMST = {"BOETE": "een boete", "WAARSCHUWING": "een waarschuwing"}


@dataclass(frozen=True)
class Zaakkenmerken:
    """De feiten die een boetezaak vergelijkbaar maken; geen persoonsgegevens."""

    soort_overtreding: str
    duurklasse: str
    herhaling: str


@dataclass(frozen=True)
class Tellingen:
    """Wat één record aan de lopende tellingen toevoegt (elk paar kenmerk/waarde telt één keer).

    ``team`` en ``sub`` zijn van wie de zaak berekende (bij maatwerk: van de oorspronkelijke berekening); de opslag
    maakt van ``sub`` een pseudoniem en bewaart de sub zelf niet in de tellingen."""

    spiegel: tuple[tuple[str, str], ...]
    vergelijking: tuple[tuple[str, str], ...] = ()
    kenmerken: Zaakkenmerken | None = None
    team: str | None = None
    sub: str | None = None


# ---------------------------------------------------------------- maanden


def maand_van(datum: date) -> int:
    """De maand als getal JJJJMM (zo staat hij in de tellingen)."""
    return datum.year * 100 + datum.month


def maand_tekst(maand: int) -> str:
    return f"{maand // 100:04d}-{maand % 100:02d}"


def maand_plus(maand: int, n: int) -> int:
    """``maand`` plus ``n`` kalendermaanden (``n`` mag negatief zijn)."""
    index = (maand // 100) * 12 + (maand % 100 - 1) + n
    return (index // 12) * 100 + index % 12 + 1


def aantal_maanden(van: int, tot: int) -> int:
    """Het aantal kalendermaanden van ``van`` tot en met ``tot``."""
    return (tot // 100 - van // 100) * 12 + (tot % 100 - van % 100) + 1


def venster(vandaag: date) -> tuple[int, int]:
    """(van, tot): de maand van ``vandaag`` en de VENSTER_MAANDEN - 1 maanden ervoor."""
    tot = maand_van(vandaag)
    return maand_plus(tot, -(VENSTER_MAANDEN - 1)), tot


# ---------------------------------------------------------------- kenmerken en tellingen


def duurklasse(begindatum: date, einddatum: date) -> str:
    maanden = (einddatum.year - begindatum.year) * 12 + einddatum.month - begindatum.month + 1
    for grens, klasse in DUURKLASSEN:
        if maanden <= grens:
            return klasse
    return LANGSTE_DUURKLASSE


def zaakkenmerken(invoer: Mapping[str, Any], resultaat: Mapping[str, Any]) -> Zaakkenmerken | None:
    """De kenmerken van een boeteberekening (verzoek en resultaat als JSON), of None zonder soortOvertreding."""
    overtreding = invoer.get("overtreding") if isinstance(invoer, dict) else None
    if not isinstance(overtreding, dict) or overtreding.get("soortOvertreding") not in SOORTEN_OVERTREDING:
        return None
    try:
        klasse = duurklasse(date.fromisoformat(overtreding["begindatum"]), date.fromisoformat(overtreding["einddatum"]))
    except (KeyError, TypeError, ValueError):
        return None
    return Zaakkenmerken(overtreding["soortOvertreding"], klasse, HERHAALD if resultaat.get("recidive") else EERSTE)


def _boetetellers(resultaat: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    return (
        (ZAKEN, BOETEBEREKENING),
        (GRAAD, str(resultaat.get("verwijtbaarheid"))),
        (UITKOMST, str(resultaat.get("uitkomst"))),
        (BEGRENZING, str(resultaat.get("bepalendeBegrenzing") or "GEEN")),
    )


def _langer_dan(maanden: object, grens: int) -> bool:
    return isinstance(maanden, int) and not isinstance(maanden, bool) and maanden > grens


@dataclass(frozen=True)
class Oorsprong:
    """De berekening waarover een maatwerkbesluit gaat: soort, verzoek, resultaat, team en sub."""

    soort: str
    invoer: dict[str, Any]
    resultaat: dict[str, Any]
    team: str | None
    sub: str | None


def tellingen_van(
    soort: str,
    invoer: Mapping[str, Any],
    resultaat: Mapping[str, Any],
    team: str | None,
    sub: str | None,
    oorsprong: Oorsprong | None = None,
) -> Tellingen | None:
    """Wat een record van deze soort telt; None als het niets telt.

    Maatwerk telt bij de zaak waarover het gaat (``oorsprong``): haar kenmerken, team en medewerker, in de maand van
    het maatwerkbesluit of de beoordeling zelf."""
    if soort == "boeteberekening":
        tellers = _boetetellers(resultaat)
        spiegel = list(tellers)
        verrekening = resultaat.get("verrekening") or {}
        if _langer_dan(verrekening.get("maandenBoete"), LANGE_VERREKENING_MAANDEN):
            spiegel.append((VERREKENING, "BOETE_LANGER_DAN_3_JAAR"))
        if _langer_dan(verrekening.get("maandenTerugvordering"), LANGE_VERREKENING_MAANDEN):
            spiegel.append((VERREKENING, "TERUGVORDERING_LANGER_DAN_3_JAAR"))
        kenmerken = zaakkenmerken(invoer, resultaat)
        return Tellingen(tuple(spiegel), tellers if kenmerken else (), kenmerken, team, sub)
    if soort in ("maatwerkbesluit", "maatwerkbeoordeling"):
        if soort == "maatwerkbesluit":
            waarde = AANGEVRAAGD
        elif resultaat.get("status") == "VASTGESTELD":
            waarde = GOEDGEKEURD
        elif resultaat.get("status") == "AFGEWEZEN":
            waarde = AFGEWEZEN
        else:
            return None
        teller = ((MAATWERK, waarde),)
        if oorsprong is None:
            return Tellingen(teller, team=team, sub=sub)
        kenmerken = (
            zaakkenmerken(oorsprong.invoer, oorsprong.resultaat) if oorsprong.soort == "boeteberekening" else None
        )
        return Tellingen(teller, teller if kenmerken else (), kenmerken, oorsprong.team, oorsprong.sub)
    if soort == "kwijtscheldingsbeoordeling":
        routes = [(ZAKEN, KWIJTSCHELDINGSBEOORDELING)]
        for route in resultaat.get("routes") or []:
            if route.get("uitkomst") == "MOGELIJK":
                routes.append((ROUTE_MOGELIJK, str(route.get("route"))))
            elif route.get("uitkomst") == "BEOORDELING_VEREIST":
                routes.append((ROUTE_TE_BEOORDELEN, str(route.get("route"))))
        return Tellingen(tuple(routes), team=team, sub=sub)
    if soort == "schuldregelingstoets":
        regeling = [(ZAKEN, SCHULDREGELINGSTOETS)]
        nodig = (resultaat.get("verrekening") or {}).get("maandenNodig")
        looptijd = resultaat.get("looptijdMaanden")
        if isinstance(looptijd, int) and _langer_dan(nodig, looptijd):
            regeling.append((VERREKENING, "SCHULDREGELING_LANGER_DAN_LOOPTIJD"))
        if _langer_dan(nodig, LANGE_VERREKENING_MAANDEN):
            regeling.append((VERREKENING, "SCHULDREGELING_LANGER_DAN_3_JAAR"))
        return Tellingen(tuple(regeling), team=team, sub=sub)
    return None


# ---------------------------------------------------------------- vergelijkbare zaken


def _aandeel_zeldzaam(aantal: int, totaal: int) -> bool:
    return Decimal(aantal) <= ZELDZAAM * totaal


def _signaal(
    totaal: int, verdeling: dict[str, int], gekozen: str, omschrijving: dict[str, str], werkwoord: str
) -> str | None:
    if gekozen not in omschrijving or not _aandeel_zeldzaam(verdeling.get(gekozen, 0), totaal):
        return None
    meest, aantal = max(verdeling.items(), key=lambda paar: (paar[1], paar[0] == gekozen))
    if meest == gekozen or meest not in omschrijving:
        return None
    return (
        f"In {totaal} vergelijkbare zaken {werkwoord} uw gemeente {aantal} keer {omschrijving[meest]}; "
        f"{omschrijving[gekozen]} is hier ongebruikelijk. Motiveer waarom deze zaak anders is."
    )


def vergelijkbare_zaken(
    kenmerken: Zaakkenmerken | None,
    tellingen: Mapping[tuple[str, str], int],
    resultaat: Mapping[str, Any],
    van: int,
    tot: int,
) -> dict[str, Any]:
    """Het blok ``vergelijkbareZaken`` van een boeteresultaat: hoe de gemeente in vergelijkbare zaken oordeelde.

    ``tellingen``: (kenmerk, waarde) -> aantal over het venster ``van``..``tot`` (JJJJMM), zonder deze zaak zelf.
    Verandert ``resultaat`` niet."""
    periode = {"van": maand_tekst(van), "tot": maand_tekst(tot)}
    blok: dict[str, Any] = {
        "soortOvertreding": kenmerken.soort_overtreding if kenmerken else None,
        "duurklasse": kenmerken.duurklasse if kenmerken else None,
        "herhaling": kenmerken.herhaling if kenmerken else None,
        "periode": periode,
        "getoond": False,
        "aantal": None,
        "verwijtbaarheid": None,
        "uitkomsten": None,
        "draagkrachtBegrensd": None,
        "maatwerk": None,
        "signalen": [],
    }
    if kenmerken is None:
        blok["toelichting"] = (
            "Geef overtreding.soortOvertreding op om deze berekening te vergelijken met vergelijkbare zaken van uw "
            "gemeente."
        )
        return blok
    totaal = tellingen.get((ZAKEN, BOETEBEREKENING), 0)
    if totaal < MINIMUM_GROEP:
        blok["toelichting"] = (
            f"Minder dan {MINIMUM_GROEP} vergelijkbare zaken van uw gemeente van {periode['van']} tot en met "
            f"{periode['tot']}: kleine aantallen worden niet getoond, zodat geen zaak of medewerker herleidbaar is."
        )
        return blok
    graden = {graad: tellingen.get((GRAAD, graad), 0) for graad in GRADEN}
    uitkomsten = {uitkomst: tellingen.get((UITKOMST, uitkomst), 0) for uitkomst in UITKOMSTEN}
    signalen = [
        s
        for s in (
            _signaal(totaal, graden, str(resultaat.get("verwijtbaarheid")), OMSCHRIJVING_GRAAD, "koos"),
            _signaal(
                totaal,
                {k: uitkomsten[k] for k in OMSCHRIJVING_UITKOMST},
                str(resultaat.get("uitkomst")),
                OMSCHRIJVING_UITKOMST,
                "gaf",
            ),
        )
        if s is not None
    ]
    blok.update(
        getoond=True,
        aantal=totaal,
        verwijtbaarheid=graden,
        uitkomsten=uitkomsten,
        draagkrachtBegrensd=tellingen.get((BEGRENZING, "DRAAGKRACHT"), 0),
        maatwerk={
            "aangevraagd": tellingen.get((MAATWERK, AANGEVRAAGD), 0),
            "goedgekeurd": tellingen.get((MAATWERK, GOEDGEKEURD), 0),
            "afgewezen": tellingen.get((MAATWERK, AFGEWEZEN), 0),
        },
        signalen=signalen,
        toelichting=f"Ter informatie: zo besliste uw gemeente in {totaal} vergelijkbare zaken (zelfde soort "
        f"overtreding, duur en eerste of herhaalde overtreding) van {periode['van']} tot en met {periode['tot']}. "
        "Dit verandert de uitkomst niet; een ongebruikelijke keuze vraagt wel om een motivering.",
    )
    return blok


# ---------------------------------------------------------------- het teamoverzicht


ROUTES = ("PW_18A_LID_13", "PW_58_LID_7", "PW_58_LID_8", "AWB_4_94A")
VERREKENINGEN = {
    "BOETE_LANGER_DAN_3_JAAR": "boeteLangerDan3Jaar",
    "TERUGVORDERING_LANGER_DAN_3_JAAR": "terugvorderingLangerDan3Jaar",
    "SCHULDREGELING_LANGER_DAN_LOOPTIJD": "schuldregelingLangerDanLooptijd",
    "SCHULDREGELING_LANGER_DAN_3_JAAR": "schuldregelingLangerDan3Jaar",
}


def _aandeel(deel: int, geheel: int) -> str | None:
    if not geheel:
        return None
    return str((Decimal(deel) / Decimal(geheel)).quantize(Decimal("0.01")))


def groep(tellingen: Mapping[tuple[str, str], int], **naam: str | None) -> dict[str, Any]:
    """Eén groep van het teamoverzicht (de gemeente, een team of een medewerker) uit (kenmerk, waarde) -> aantal;
    met minder dan MINIMUM_GROEP zaken alleen ``getoond: false``."""
    zaken = sum(n for (kenmerk, _), n in tellingen.items() if kenmerk == ZAKEN)
    if zaken < MINIMUM_GROEP:
        return {**naam, "getoond": False}
    boeten = tellingen.get((ZAKEN, BOETEBEREKENING), 0)
    begrensd = tellingen.get((BEGRENZING, "DRAAGKRACHT"), 0)
    return {
        **naam,
        "getoond": True,
        "zaken": zaken,
        "boeteberekeningen": boeten,
        "uitkomsten": {u: tellingen.get((UITKOMST, u), 0) for u in UITKOMSTEN},
        "verwijtbaarheid": {g: tellingen.get((GRAAD, g), 0) for g in GRADEN},
        "waarschuwingenTegenBoeten": {
            "waarschuwingen": tellingen.get((UITKOMST, "WAARSCHUWING"), 0),
            "boeten": tellingen.get((UITKOMST, "BOETE"), 0),
        },
        "maatwerk": {
            "aangevraagd": tellingen.get((MAATWERK, AANGEVRAAGD), 0),
            "goedgekeurd": tellingen.get((MAATWERK, GOEDGEKEURD), 0),
            "afgewezen": tellingen.get((MAATWERK, AFGEWEZEN), 0),
        },
        "draagkrachtBegrensd": {"aantal": begrensd, "aandeel": _aandeel(begrensd, boeten)},
        "langeVerrekening": {
            "schuldregelingstoetsen": tellingen.get((ZAKEN, SCHULDREGELINGSTOETS), 0),
            **{naam: tellingen.get((VERREKENING, waarde), 0) for waarde, naam in VERREKENINGEN.items()},
        },
        "kwijtschelding": {
            "beoordelingen": tellingen.get((ZAKEN, KWIJTSCHELDINGSBEOORDELING), 0),
            "routesMogelijk": {r: tellingen.get((ROUTE_MOGELIJK, r), 0) for r in ROUTES},
            "routesTeBeoordelen": {r: tellingen.get((ROUTE_TE_BEOORDELEN, r), 0) for r in ROUTES},
        },
    }


def _optellen(doel: dict[tuple[str, str], int], kenmerk: str, waarde: str, aantal: int) -> None:
    doel[(kenmerk, waarde)] = doel.get((kenmerk, waarde), 0) + aantal


def teamoverzicht(
    rijen: Iterable[tuple[str, str | None, str, str, int]],
    per_maand: Iterable[tuple[int, str, int]],
    van: int,
    tot: int,
) -> dict[str, Any]:
    """Het teamoverzicht uit (team, medewerker, kenmerk, waarde, aantal) en (maand, uitkomst, aantal).

    Medewerkers alleen als pseudoniem en alleen met ten minste MINIMUM_GROEP zaken, op volgorde van het pseudoniem
    (geen rangorde); er wordt nergens geld opgeteld of gerangschikt."""
    totaal: dict[tuple[str, str], int] = {}
    teams: dict[str, dict[tuple[str, str], int]] = {}
    medewerkers: dict[str, dict[str, dict[tuple[str, str], int]]] = {}
    for team, medewerker, kenmerk, waarde, aantal in rijen:
        _optellen(totaal, kenmerk, waarde, aantal)
        _optellen(teams.setdefault(team, {}), kenmerk, waarde, aantal)
        if medewerker:
            _optellen(medewerkers.setdefault(team, {}).setdefault(medewerker, {}), kenmerk, waarde, aantal)
    teamlijst = []
    for team in sorted(teams, key=lambda t: (t == "", t)):
        blok = groep(teams[team], team=team or None)
        if blok["getoond"]:
            leden = [groep(tellingen, medewerker=m) for m, tellingen in sorted(medewerkers.get(team, {}).items())]
            blok["medewerkers"] = [m for m in leden if m["getoond"]]
            blok["medewerkersNietGetoond"] = sum(1 for m in leden if not m["getoond"])
        teamlijst.append(blok)
    maanden: dict[int, dict[tuple[str, str], int]] = {}
    for maand, uitkomst, aantal in per_maand:
        _optellen(maanden.setdefault(maand, {}), UITKOMST, uitkomst, aantal)
    reeks = []
    for i in range(aantal_maanden(van, tot)):
        maand = maand_plus(van, i)
        uitkomsten = {u: maanden.get(maand, {}).get((UITKOMST, u), 0) for u in UITKOMSTEN}
        getoond = sum(uitkomsten.values()) >= MINIMUM_GROEP
        reeks.append({"maand": maand_tekst(maand), "getoond": getoond, "uitkomsten": uitkomsten if getoond else None})
    return {
        "periode": {"van": maand_tekst(van), "tot": maand_tekst(tot)},
        "minimumGroep": MINIMUM_GROEP,
        "totaal": groep(totaal),
        "teams": teamlijst,
        "perMaand": reeks,
        "toelichting": f"Een spiegel, geen scorekaart: tellingen per team en per medewerker (pseudoniem), alleen "
        f"voor groepen van ten minste {MINIMUM_GROEP} zaken, zonder rangorde en zonder geïnde bedragen. Een zaak "
        "telt in de maand waarin zij is vastgelegd; maatwerk telt bij de zaak waarover het gaat.",
    }
