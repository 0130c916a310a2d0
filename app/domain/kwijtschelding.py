"""SPEC §3.4 — kwijtschelding en afzien van terugvordering, per vordering en per wettelijke route.

Routes: Pw 18a lid 13 (boete bij schuldregeling), Pw 58 lid 7 onder a-d (fraudevordering), Pw 58 lid 8
(dringende redenen) en Awb 4:94a (onevenredige gevolgen van invordering). Elke route krijgt MOGELIJK (het college
is bevoegd), NIET_MOGELIJK (met elke niet vervulde voorwaarde) of BEOORDELING_VEREIST (open norm of omstreden
recht: Maatstaf beslist dat niet).

Keuzes waar de wet of SPEC zwijgt, in het voordeel van de belanghebbende zonder de wet te buiten te gaan:
- "binnen een jaar nadat de bestuurlijke boete is opgelegd" (18a lid 13): een herhaling telt als die ná de
  oplegging en vóór de eerste verjaardag ervan is begaan; op de verjaardag zelf (365 dagen, of 366 in een
  schrikkeljaar) valt zij erbuiten. Zolang dat jaar niet voorbij is, kan nog niet "gebleken" zijn dat er geen
  herhaling was: dan is de route (nog) niet mogelijk, met de datum waarop dat verandert.
- "gedurende tien jaar" (58 lid 7): precies tien jaar telt als tien. Voor onderdeel b tellen de jaren sinds de
  vordering is opgelegd (opgelegdOp).
- "ten minste 50% van de restsom" (58 lid 7 onder d): exact vergeleken, zonder afronding; 49,99% is te weinig.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.domain import bronnen as b
from app.domain.datums import jaren_later
from app.domain.fouten import Invoerfout, Invoerprobleem
from app.domain.geld import HONDERD, euro
from app.domain.regels import RegelsOp, bevestigd_stap
from app.domain.uitleg import Stap, Uitleg
from app.domain.verwijtbaarheid import GRADEN, GROVE_SCHULD, OPZET

BOETE = "BOETE"
TERUGVORDERING_FRAUDE = "TERUGVORDERING_FRAUDE"
TERUGVORDERING_OVERIG = "TERUGVORDERING_OVERIG"
SOORTEN = (BOETE, TERUGVORDERING_FRAUDE, TERUGVORDERING_OVERIG)

MOGELIJK = "MOGELIJK"
NIET_MOGELIJK = "NIET_MOGELIJK"
BEOORDELING_VEREIST = "BEOORDELING_VEREIST"

PW_18A_LID_13 = "PW_18A_LID_13"
PW_58_LID_7 = "PW_58_LID_7"
PW_58_LID_8 = "PW_58_LID_8"
AWB_4_94A = "AWB_4_94A"


@dataclass(frozen=True, slots=True)
class Vordering:
    soort: str
    bedrag: Decimal
    restant: Decimal | None = None
    opgelegd_op: date | None = None
    verwijtbaarheid: str | None = None
    boete_opgelegd: bool = False
    aangifte_gedaan: bool = False

    @property
    def openstaand(self) -> Decimal:
        return self.bedrag if self.restant is None else self.restant


@dataclass(frozen=True, slots=True)
class Betalingshistorie:
    jaren_volledig_betaald: Decimal = Decimal(0)
    achterstand_ingelopen: bool = False
    jaren_zonder_betaling: Decimal = Decimal(0)
    betaling_aannemelijk: bool = True


@dataclass(frozen=True, slots=True)
class KwijtscheldingInvoer:
    vordering: Vordering
    beschikkingsdatum: date
    betalingshistorie: Betalingshistorie = Betalingshistorie()
    aangeboden_eenmalige_betaling: Decimal | None = None
    schuldregeling: bool = False
    verzoek: bool = False
    herhalingen: tuple[date, ...] = ()
    dringende_redenen: str | None = None
    onevenredige_gevolgen: str | None = None


@dataclass(frozen=True, slots=True)
class Route:
    route: str
    uitkomst: str
    onderdeel: str | None
    redenen: tuple[str, ...]
    bron: tuple[b.Bron, ...]


@dataclass(frozen=True, slots=True)
class Kwijtscheldingsuitkomst:
    routes: tuple[Route, ...]
    stappen: list[Stap]
    signalen: list[str]


def zwaar_verwijtbaar(graad: str | None) -> bool:
    return graad in (OPZET, GROVE_SCHULD)


# De teksten van Pw 60c (parameter pw60c.tekst), zie app/regels/kwijtschelding.yaml.
PW_60C_ABSOLUUT = "ABSOLUUT"  # 2013-01-01 t/m 2015-12-31: geen medewerking aan een schuldregeling
PW_60C_VOOR_ZOVER_KWIJTSCHELDING = "VOOR_ZOVER_KWIJTSCHELDING"  # 2016-01-01 t/m 2021-12-20
PW_60C_OPZET_OF_GROVE_SCHULD = "OPZET_OF_GROVE_SCHULD"  # vanaf 2021-12-21 (Verzamelwet SZW 2022)


def pw_60c_tekst(regels: RegelsOp) -> str | None:
    """De tekst van Pw 60c op de datum; None vóór 2013 (toen bestond het artikel niet)."""
    versie = regels.optioneel("pw60c.tekst")
    return None if versie is None else str(versie.waarde)


def pw_60c_blokkeert(v: Vordering, regels: RegelsOp) -> bool:
    """Pw 60c: geen medewerking aan een schuldregeling die leidt tot kwijtschelding van een vordering wegens
    schending van de inlichtingenplicht waarvoor een boete is opgelegd of aangifte gedaan; sinds 2021-12-21 alleen
    bij opzet of grove schuld."""
    tekst = pw_60c_tekst(regels)
    if tekst is None or v.soort != TERUGVORDERING_FRAUDE or not (v.boete_opgelegd or v.aangifte_gedaan):
        return False
    return tekst != PW_60C_OPZET_OF_GROVE_SCHULD or zwaar_verwijtbaar(v.verwijtbaarheid)


def bestaat(route: str, regels: RegelsOp) -> bool:
    return regels.heeft(f"bevoegdheid.{route}")


def bestond_niet(route: str, regels: RegelsOp) -> str:
    """ "Pw 18a lid 13 bestond op 2016-05-01 nog niet (in werking sinds 2017-01-01)." """
    parameter = regels.data.parameters.get(f"bevoegdheid.{route}")
    zin = f"{_KORT[route]} bestond op {regels.datum.isoformat()} nog niet"
    if parameter is not None and parameter.versies[0].geldig_vanaf > regels.datum:
        zin += f" (in werking sinds {parameter.versies[0].geldig_vanaf.isoformat()})"
    return zin + "."


def verwijtbaarheid_nodig(soort: str, schuldregeling: bool, regels: RegelsOp) -> bool:
    """Hangt de uitkomst op deze datum af van opzet of grove schuld (Pw 18a lid 13, Pw 60c)?"""
    if soort == BOETE:
        return bestaat(PW_18A_LID_13, regels)
    return soort == TERUGVORDERING_FRAUDE and schuldregeling and pw_60c_tekst(regels) == PW_60C_OPZET_OF_GROVE_SCHULD


def controleer_vordering(v: Vordering, peildatum: date, veld: str, verwijtbaarheid_nodig: bool) -> list[Invoerprobleem]:
    problemen = []
    if v.soort not in SOORTEN:
        problemen.append(
            Invoerprobleem(f"{veld}.soort", "onbekend", f"Onbekende soort; toegestaan: {', '.join(SOORTEN)}.")
        )
    if v.restant is not None and v.restant > v.bedrag:
        problemen.append(
            Invoerprobleem(f"{veld}.restant", "restant_te_hoog", "Het restant kan niet hoger zijn dan het bedrag.")
        )
    if v.opgelegd_op is not None and v.opgelegd_op > peildatum:
        problemen.append(
            Invoerprobleem(
                f"{veld}.opgelegdOp", "toekomst", f"Deze datum ligt na de beschikkingsdatum ({peildatum.isoformat()})."
            )
        )
    if v.verwijtbaarheid is not None and v.verwijtbaarheid not in GRADEN:
        problemen.append(
            Invoerprobleem(f"{veld}.verwijtbaarheid", "onbekend", f"Onbekende graad; toegestaan: {', '.join(GRADEN)}.")
        )
    if verwijtbaarheid_nodig and v.verwijtbaarheid is None:
        problemen.append(
            Invoerprobleem(
                f"{veld}.verwijtbaarheid",
                "verplicht",
                "Verplicht bij deze soort: of kwijtschelding mag, hangt af van opzet of grove schuld "
                "(Pw 18a lid 13, Pw 60c).",
            )
        )
    return problemen


def _controleer(inv: KwijtscheldingInvoer, regels: RegelsOp) -> None:
    v = inv.vordering
    nodig = verwijtbaarheid_nodig(v.soort, inv.schuldregeling, regels)
    problemen = controleer_vordering(v, inv.beschikkingsdatum, "vordering", nodig)
    if v.soort == BOETE and v.opgelegd_op is None and bestaat(PW_18A_LID_13, regels):
        problemen.append(
            Invoerprobleem(
                "vordering.opgelegdOp",
                "verplicht",
                "Verplicht bij een boete: de termijn van Pw 18a lid 13 loopt vanaf de oplegging.",
            )
        )
    for i, d in enumerate(inv.herhalingen):
        if d > inv.beschikkingsdatum:
            problemen.append(
                Invoerprobleem(f"herhalingen.{i}", "toekomst", "Een herhaling kan niet na de beschikkingsdatum liggen.")
            )
    if inv.aangeboden_eenmalige_betaling is not None and inv.aangeboden_eenmalige_betaling > v.openstaand:
        problemen.append(
            Invoerprobleem(
                "aangebodenEenmaligeBetaling", "te_hoog", "De aangeboden betaling is hoger dan wat nog openstaat."
            )
        )
    if problemen:
        raise Invoerfout(*problemen)


def route_18a_lid_13(inv: KwijtscheldingInvoer, regels: RegelsOp, uitleg: Uitleg) -> Route:
    """Pw 18a lid 13 en 14: kwijtschelding van de boete bij een schuldregeling, op verzoek, zonder opzet of grove
    schuld en zonder herhaling binnen een jaar na de oplegging (ook gebruikt door het betaalvoorstel)."""
    v = inv.vordering
    bron = (b.PW_18A_LID_13, b.PW_18A_LID_14)
    if not bestaat(PW_18A_LID_13, regels):
        return Route(PW_18A_LID_13, NIET_MOGELIJK, None, (bestond_niet(PW_18A_LID_13, regels),), bron)
    if v.soort != BOETE:
        return Route(
            PW_18A_LID_13, NIET_MOGELIJK, None, ("Pw 18a lid 13 gaat alleen over een bestuurlijke boete.",), bron
        )
    jaren = regels.geheel("kwijtschelding.boete.geenHerhalingJaren")
    intrekking = regels.geheel("kwijtschelding.boete.intrekkingJaren")
    opgelegd = v.opgelegd_op
    assert opgelegd is not None, "bij een boete verplicht (_controleer)"
    einde = jaren_later(opgelegd, jaren)
    onvervuld = []
    if zwaar_verwijtbaar(v.verwijtbaarheid):
        onvervuld.append(
            f"Bij de overtreding was sprake van {'opzet' if v.verwijtbaarheid == OPZET else 'grove schuld'}; "
            "kwijtschelding van de boete kan alleen zonder opzet of grove schuld."
        )
    herhaald = sorted(d for d in inv.herhalingen if opgelegd < d < einde)
    if herhaald:
        onvervuld.append(
            f"Op {herhaald[0].isoformat()} is eenzelfde overtreding begaan, binnen {jaren} jaar na de oplegging op "
            f"{opgelegd.isoformat()}."
        )
    elif inv.beschikkingsdatum < einde:
        onvervuld.append(
            f"Het jaar na de oplegging loopt nog tot {einde.isoformat()}; pas daarna kan blijken dat eenzelfde "
            "overtreding niet opnieuw is begaan."
        )
    if not inv.verzoek:
        onvervuld.append("Er is geen verzoek om kwijtschelding van degene aan wie de boete is opgelegd.")
    if not inv.schuldregeling:
        onvervuld.append("Kwijtschelding van de boete kan alleen bij medewerking aan een schuldregeling.")
    if onvervuld:
        return Route(PW_18A_LID_13, NIET_MOGELIJK, None, tuple(onvervuld), bron)
    uitleg.signaal(
        f"Let op: een kwijtschelding op grond van Pw 18a lid 13 wordt ingetrokken of herzien als binnen {intrekking} "
        "jaar na het kwijtscheldingsbesluit opnieuw eenzelfde overtreding wordt begaan (Pw 18a lid 14)."
    )
    return Route(
        PW_18A_LID_13,
        MOGELIJK,
        None,
        (
            f"Geen opzet of grove schuld, geen herhaling binnen {jaren} jaar na de oplegging, een verzoek en medewerking "
            "aan een schuldregeling: het college is bevoegd de boete geheel of gedeeltelijk kwijt te schelden.",
            f"Bij een nieuwe overtreding wegens eenzelfde gedraging binnen {intrekking} jaar na het besluit wordt de "
            "kwijtschelding ingetrokken (Pw 18a lid 14).",
        ),
        bron,
    )


def _route_58_lid_7(inv: KwijtscheldingInvoer, regels: RegelsOp, uitleg: Uitleg) -> Route:
    v = inv.vordering
    bron = (b.PW_58_LID_7,)
    if not bestaat(PW_58_LID_7, regels):
        return Route(PW_58_LID_7, NIET_MOGELIJK, None, (bestond_niet(PW_58_LID_7, regels),), bron)
    if v.soort != TERUGVORDERING_FRAUDE:
        reden = (
            "Pw 58 lid 7 gaat alleen over een terugvordering op grond van Pw 58 lid 1 (na schending van de "
            "inlichtingenplicht)."
        )
        if v.soort == TERUGVORDERING_OVERIG:
            _afzien_volgens_beleid(inv, regels, uitleg)
        return Route(PW_58_LID_7, NIET_MOGELIJK, None, (reden,), bron)
    tien = regels.geheel("afzien.fraudevordering.jaren")
    helft = regels.waarde("afzien.fraudevordering.percentageIneens")
    h = inv.betalingshistorie
    vervuld, onvervuld = [], []
    if h.jaren_volledig_betaald >= tien:
        vervuld.append(("a", f"{h.jaren_volledig_betaald:f} jaar volledig aan de betalingsverplichtingen voldaan."))
    else:
        onvervuld.append(f"a: {h.jaren_volledig_betaald:f} jaar volledig betaald, minder dan {tien} jaar.")
    if v.opgelegd_op is None:
        onvervuld.append("b: de datum waarop de vordering is opgelegd (opgelegdOp) ontbreekt.")
    elif not h.achterstand_ingelopen:
        onvervuld.append("b: de achterstand (met wettelijke rente en invorderingskosten) is niet alsnog betaald.")
    elif inv.beschikkingsdatum < jaren_later(v.opgelegd_op, tien):
        onvervuld.append(
            f"b: sinds {v.opgelegd_op.isoformat()} zijn nog geen {tien} jaar verstreken "
            f"(dat is op {jaren_later(v.opgelegd_op, tien).isoformat()})."
        )
    else:
        vervuld.append(("b", f"Na {tien} jaar niet volledig betalen is de achterstand alsnog ingelopen."))
    if h.jaren_zonder_betaling >= tien and not h.betaling_aannemelijk:
        vervuld.append(("c", f"{h.jaren_zonder_betaling:f} jaar geen betalingen, en betaling is niet aannemelijk."))
    elif h.jaren_zonder_betaling < tien:
        onvervuld.append(f"c: {h.jaren_zonder_betaling:f} jaar zonder betaling, minder dan {tien} jaar.")
    else:
        onvervuld.append("c: het is aannemelijk dat er alsnog wordt betaald.")
    aanbod = inv.aangeboden_eenmalige_betaling
    restsom = v.openstaand
    if aanbod is not None and aanbod * HONDERD >= restsom * helft and restsom > 0:
        vervuld.append(
            (
                "d",
                f"Er wordt {euro(aanbod)} in één keer afgelost: ten minste {helft:f}% van de restsom van {euro(restsom)}.",
            )
        )
    elif aanbod is None:
        onvervuld.append(f"d: er is geen eenmalige aflossing van ten minste {helft:f}% van de restsom aangeboden.")
    else:
        onvervuld.append(f"d: {euro(aanbod)} is minder dan {helft:f}% van de restsom van {euro(restsom)}.")
    if vervuld:
        return Route(
            PW_58_LID_7,
            MOGELIJK,
            ", ".join(letter for letter, _ in vervuld),
            tuple(f"Onderdeel {letter}: {tekst}" for letter, tekst in vervuld)
            + ("Het college kan besluiten van (verdere) terugvordering af te zien.",),
            bron,
        )
    return Route(PW_58_LID_7, NIET_MOGELIJK, None, tuple(onvervuld), bron)


def _afzien_volgens_beleid(inv: KwijtscheldingInvoer, regels: RegelsOp, uitleg: Uitleg) -> None:
    """Een vordering op grond van Pw 58 lid 2 valt niet onder lid 7; het beleid van de gemeente ziet na een aantal jaar
    zonder betaling af van verdere terugvordering (beleid ``afzienNaJarenZonderBetalingOverig``)."""
    jaren_beleid = regels.data.beleid["afzienNaJarenZonderBetalingOverig"]
    assert isinstance(jaren_beleid, int), jaren_beleid  # een geheel aantal jaren (beleid.toets)
    jaren = inv.betalingshistorie.jaren_zonder_betaling
    van_toepassing = jaren >= jaren_beleid
    if van_toepassing:
        uitleg.signaal(
            f"Volgens het beleid van de gemeente wordt na {jaren_beleid} jaar zonder betaling afgezien van "
            "verdere terugvordering van een vordering op grond van Pw 58 lid 2; dat is hier het geval."
        )
    uitleg.stap(
        "kwijtschelding.afzienVolgensBeleid",
        f"Het beleid van de gemeente ziet na {jaren_beleid} jaar zonder betaling af van verdere terugvordering "
        f"van een vordering op grond van Pw 58 lid 2; hier {jaren:f} jaar zonder betaling: "
        + ("afzien volgens het beleid." if van_toepassing else "(nog) niet."),
        (b.PW_58_LID_2,),
        {"jarenZonderBetaling": f"{jaren:f}", "afzienNaJarenZonderBetalingOverig": jaren_beleid},
        {"afzienVolgensBeleid": van_toepassing},
        (("afzienNaJarenZonderBetalingOverig", None),),
    )


def _route_58_lid_8(inv: KwijtscheldingInvoer, regels: RegelsOp) -> Route:
    bron = (b.PW_58_LID_8,)
    if not bestaat(PW_58_LID_8, regels):
        return Route(PW_58_LID_8, NIET_MOGELIJK, None, (bestond_niet(PW_58_LID_8, regels),), bron)
    if inv.vordering.soort == BOETE:
        return Route(
            PW_58_LID_8,
            NIET_MOGELIJK,
            None,
            ("Pw 58 lid 8 gaat over terugvordering, niet over de boete (daarvoor: Pw 18a lid 7 bij de oplegging).",),
            bron,
        )
    if inv.dringende_redenen is not None:
        return Route(
            PW_58_LID_8,
            MOGELIJK,
            None,
            (
                f"Het college stelt dringende redenen vast: {inv.dringende_redenen}",
                "Het college kan geheel of gedeeltelijk van terugvordering afzien.",
            ),
            bron,
        )
    return Route(
        PW_58_LID_8,
        BEOORDELING_VEREIST,
        None,
        (
            "Afzien is mogelijk bij dringende redenen: een open norm die het college moet beoordelen "
            "(onaanvaardbare sociale of financiële gevolgen). Er zijn geen dringende redenen aangevoerd.",
        ),
        bron,
    )


#: Awb 4:94a en een vordering wegens schending van de inlichtingenplicht: omstreden (issue #17, punt 5).
OMSTREDEN_4_94A_FRAUDE = (
    "Of Awb 4:94a een terugvordering wegens schending van de inlichtingenplicht (Pw 58 lid 1) kan kwijtschelden, is "
    "omstreden. De kwijtscheldingsbevoegdheid geldt 'tenzij bij wettelijk voorschrift anders is bepaald'; Pw 58 lid 1 "
    "verplicht het college terug te vorderen en Pw 58 lid 7 en 8 noemen de uitzonderingen. Schulinck ('Een nieuwe "
    "kwijtscheldingsbevoegdheid in de Awb') leidt daaruit af dat 4:94a bij zulke vorderingen niet kan worden toegepast; "
    "rechtspraak daarover is niet gevonden. Laat een jurist dit beoordelen."
)


def _route_4_94a(inv: KwijtscheldingInvoer, regels: RegelsOp) -> Route:
    v = inv.vordering
    bron: tuple[b.Bron, ...] = (b.AWB_4_94A,)
    if not bestaat(AWB_4_94A, regels):
        return Route(AWB_4_94A, NIET_MOGELIJK, None, (bestond_niet(AWB_4_94A, regels),), bron)
    if v.soort == BOETE:
        if inv.schuldregeling:
            return Route(
                AWB_4_94A,
                NIET_MOGELIJK,
                None,
                (
                    "Bij een schuldregeling regelt Pw 18a lid 13 de kwijtschelding van de boete; Awb 4:94a geldt "
                    "alleen 'tenzij bij wettelijk voorschrift anders is bepaald'.",
                ),
                bron,
            )
        return Route(
            AWB_4_94A,
            BEOORDELING_VEREIST,
            None,
            (
                "Of Awb 4:94a een bestuurlijke boete buiten Pw 18a lid 13 kan kwijtschelden, is juridisch omstreden: "
                "laat een jurist dit beoordelen.",
            )
            + (
                (f"Aangevoerde onevenredige gevolgen: {inv.onevenredige_gevolgen}",)
                if inv.onevenredige_gevolgen
                else ()
            ),
            bron,
        )
    if inv.schuldregeling and pw_60c_blokkeert(v, regels):
        return Route(
            AWB_4_94A,
            NIET_MOGELIJK,
            None,
            (
                "Pw 60c verbiedt medewerking aan een schuldregeling die leidt tot kwijtschelding van deze vordering "
                "(schending van de inlichtingenplicht"
                + (" met opzet of grove schuld" if pw_60c_tekst(regels) == PW_60C_OPZET_OF_GROVE_SCHULD else "")
                + ", en een boete of aangifte); Awb 4:94a wijkt voor die wettelijke regel.",
            ),
            (b.AWB_4_94A, b.PW_60C),
        )
    fraude = v.soort == TERUGVORDERING_FRAUDE
    omstreden = (OMSTREDEN_4_94A_FRAUDE,) if fraude else ()
    if fraude:
        bron = (b.AWB_4_94A, b.PW_58_LID_1, b.PW_58_LID_7, b.PW_58_LID_8, b.SCHULINCK_4_94A)
    if inv.onevenredige_gevolgen is not None:
        return Route(
            AWB_4_94A,
            BEOORDELING_VEREIST,
            None,
            (
                f"Aangevoerde onevenredige gevolgen: {inv.onevenredige_gevolgen}",
                "Of de nadelige gevolgen van invordering onevenredig zijn in verhouding tot de doelen, is een "
                "afweging van het college.",
                *omstreden,
            ),
            bron,
        )
    return Route(
        AWB_4_94A,
        NIET_MOGELIJK,
        None,
        ("Er zijn geen onevenredige gevolgen van de invordering aangevoerd en gemotiveerd.", *omstreden),
        bron,
    )


def beoordeel_kwijtschelding(inv: KwijtscheldingInvoer, regels: RegelsOp) -> Kwijtscheldingsuitkomst:
    _controleer(inv, regels)
    uitleg = Uitleg()
    uitleg.citeer_volgens(regels.citeertitels())
    v = inv.vordering
    uitleg.stap(
        "kwijtschelding.vordering",
        f"Beoordeeld wordt een vordering ({v.soort}) van {euro(v.bedrag)}, waarvan {euro(v.openstaand)} openstaat.",
        (b.PW_58_LID_1,)
        if v.soort == TERUGVORDERING_FRAUDE
        else (b.PW_58_LID_2,)
        if v.soort == TERUGVORDERING_OVERIG
        else (b.PW_18A_LID_1,),
        {
            "soort": v.soort,
            "bedrag": f"{v.bedrag:.2f}",
            "restant": f"{v.openstaand:.2f}",
            "verwijtbaarheid": v.verwijtbaarheid,
            "schuldregeling": inv.schuldregeling,
            "verzoek": inv.verzoek,
        },
        {},
    )
    routes = (
        route_18a_lid_13(inv, regels, uitleg),
        _route_58_lid_7(inv, regels, uitleg),
        _route_58_lid_8(inv, regels),
        _route_4_94a(inv, regels),
    )
    if any(
        r.route == AWB_4_94A and OMSTREDEN_4_94A_FRAUDE in r.redenen and r.uitkomst == BEOORDELING_VEREIST
        for r in routes
    ):
        uitleg.signaal(OMSTREDEN_4_94A_FRAUDE)
    for route in routes:
        uitleg.stap(
            f"kwijtschelding.{route.route.lower()}",
            f"{_NAAM[route.route]}: {_UITKOMST[route.uitkomst]}"
            + (f" (onderdeel {route.onderdeel})" if route.onderdeel else "")
            + ". "
            + " ".join(route.redenen),
            route.bron,
            {"route": route.route},
            {"uitkomst": route.uitkomst, "onderdeel": route.onderdeel},
        )
    bevestigd_stap(uitleg, regels)
    return Kwijtscheldingsuitkomst(routes, uitleg.stappen, uitleg.signalen)


_NAAM = {
    PW_18A_LID_13: "Kwijtschelding van de boete bij een schuldregeling (Pw 18a lid 13)",
    PW_58_LID_7: "Afzien van terugvordering na jaren van (niet) betalen of bij aflossing ineens (Pw 58 lid 7)",
    PW_58_LID_8: "Afzien van terugvordering wegens dringende redenen (Pw 58 lid 8)",
    AWB_4_94A: "Kwijtschelding wegens onevenredige gevolgen van invordering (Awb 4:94a)",
}
_KORT = {
    PW_18A_LID_13: "Kwijtschelding van de boete (Pw 18a lid 13)",
    PW_58_LID_7: "Afzien van terugvordering van een fraudevordering (Pw 58 lid 7)",
    PW_58_LID_8: "Afzien van terugvordering wegens dringende redenen (Pw 58 lid 8)",
    AWB_4_94A: "De kwijtscheldingsbevoegdheid van Awb 4:94a",
}
_UITKOMST = {
    MOGELIJK: "mogelijk",
    NIET_MOGELIJK: "niet mogelijk",
    BEOORDELING_VEREIST: "beoordeling door het college vereist",
}
