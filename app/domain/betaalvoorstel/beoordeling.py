"""Het antwoord van de gemeente op een betaalvoorstel, per vordering (Schuldenknooppunt: Betaalvoorstel antwoord).

Wat de gemeente mag, toetst ``toets_vordering`` (app/domain/schuldregeling.py: Pw 60c, Pw 18a lid 13) en, voor een
boete, de route van Pw 18a lid 13 en 14 (app/domain/kwijtschelding.py): er is één kopie van die regels. Daarna:

- AKKOORD: het voorstel betaalt de vordering volledig (en de wet verbiedt de regeling niet), of de wet laat de
  gemeente ruimte en haar beleid (``betaalvoorstel``) stemt in bij een aanvaardbare looptijd;
- NIET_AKKOORD: de wet staat het voorstel niet toe (Pw 60c, Pw 18a lid 13), met reden en artikel;
- BEOORDELING_VEREIST: een open norm (Pw 58 lid 8 dringende redenen, Awb 4:94a) of het beleid laat de afweging aan
  een medewerker.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from app.domain import bronnen as b
from app.domain.betaalvoorstel.model import (
    AKKOORD,
    BEOORDELEN,
    BEOORDELING_VEREIST,
    NIET_AKKOORD,
    SANERINGSKREDIET,
    TYPEN,
    Antwoordregel,
    Betaalvoorstel,
    BetaalvoorstelAntwoord,
    Looptijd,
    Saldo,
    VoorstelVordering,
)
from app.domain.betaalvoorstel.toetsing import controleer
from app.domain.geld import NUL, euro, percentage_van
from app.domain.kwijtschelding import (
    AWB_4_94A,
    BOETE,
    NIET_MOGELIJK,
    OMSTREDEN_4_94A_FRAUDE,
    PW_58_LID_7,
    PW_60C_ABSOLUUT,
    TERUGVORDERING_FRAUDE,
    KwijtscheldingInvoer,
    bestaat,
    pw_60c_blokkeert,
    pw_60c_tekst,
    route_18a_lid_13,
)
from app.domain.regels import RegelsOp, bevestigd_stap
from app.domain.schuldregeling import (
    ALLEEN_VOLLEDIGE_BETALING,
    OP_VERZOEK,
    GenoemdeVordering,
    toets_vordering,
)
from app.domain.uitleg import Uitleg


def procent(waarde: Decimal) -> str:
    """Een percentage in Nederlandse schrijfwijze voor de uitleg: 12,5 (niet 12.5), 50."""
    return format(waarde.normalize(), "f").replace(".", ",")


#: De rang van Pw 60 lid 7 (parameter pw60.bevoorrecht).
BEVOORRECHT = "BEVOORRECHT_NA_BW_3_288"


def beoordeel_betaalvoorstel(
    voorstel: Betaalvoorstel, vorderingen: tuple[VoorstelVordering, ...], regels: RegelsOp
) -> BetaalvoorstelAntwoord:
    """Het antwoord op ``voorstel`` voor elke vordering van de gemeente, op de wet en het beleid van de dag van
    ontvangst (``regels`` geldt op ``voorstel.ontvangen_op``)."""
    controleer(voorstel, vorderingen, regels)
    uitleg = Uitleg()
    uitleg.citeer_volgens(regels.citeertitels())
    keuzes: Mapping[str, Any] = regels.data.beleid["betaalvoorstel"]  # type: ignore[assignment]
    _stap_voorstel(voorstel, vorderingen, uitleg)
    looptijd = _looptijd(voorstel, keuzes, regels, uitleg)
    regels_uit = tuple(_beantwoord(vv, voorstel, looptijd, keuzes, regels, uitleg) for vv in vorderingen)
    for r in regels_uit:
        uitleg.stap(
            f"betaalvoorstel.{r.antwoord.lower()}",
            f"Vordering {r.id} ({euro(r.saldo.openstaand)} openstaand, {euro(r.aangeboden)} aangeboden): "
            + " ".join(r.redenen),
            r.bron,
            {"id": r.id, "openstaand": f"{r.saldo.openstaand:.2f}", "aangeboden": f"{r.aangeboden:.2f}"},
            {"antwoord": r.antwoord, "preferent": r.preferent},
            r.beleid,
        )
    if any(r.antwoord == BEOORDELING_VEREIST for r in regels_uit):
        _stap_dwangakkoord(uitleg)
    geen_medewerking = _geen_medewerking(vorderingen, regels, uitleg)
    uiterlijk = _antwoord_uiterlijk(voorstel.ontvangen_op, regels, uitleg)
    bevestigd_stap(uitleg, regels)
    return BetaalvoorstelAntwoord(
        vorderingen=regels_uit,
        looptijd=looptijd,
        antwoord_uiterlijk=uiterlijk,
        totaal_openstaand=sum((r.saldo.openstaand for r in regels_uit), NUL),
        totaal_aangeboden=sum((r.aangeboden for r in regels_uit), NUL),
        totaal_preferent=sum((r.saldo.openstaand for r in regels_uit if r.preferent), NUL),
        geen_medewerking=geen_medewerking,
        stappen=uitleg.stappen,
        signalen=uitleg.signalen,
    )


def _stap_voorstel(voorstel: Betaalvoorstel, vorderingen: tuple[VoorstelVordering, ...], uitleg: Uitleg) -> None:
    preferent = (
        f", {procent(voorstel.preferent_percentage)}% voor preferente schuldeisers"
        if voorstel.preferent_percentage is not None
        else ""
    )
    uitleg.stap(
        "betaalvoorstel.voorstel",
        f"Op {voorstel.ontvangen_op.isoformat()} is een betaalvoorstel ontvangen: {TYPEN[voorstel.type_schuldregeling]} "
        f"({voorstel.type_schuldregeling}), {procent(voorstel.aangeboden_percentage)}% voor concurrente "
        f"schuldeisers{preferent}, looptijd {voorstel.looptijd_maanden} maanden, met {len(vorderingen)} "
        f"vordering{'en' if len(vorderingen) != 1 else ''} van de gemeente. Of de gemeente mag meewerken, toetst zij "
        "aan de wet van de dag van ontvangst (Pw 60c en de bepalingen over kwijtschelding hieronder).",
        (b.PW_60C,),
        {
            "typeSchuldregeling": voorstel.type_schuldregeling,
            "aangebodenPercentage": f"{voorstel.aangeboden_percentage:f}",
            "preferentPercentage": None
            if voorstel.preferent_percentage is None
            else f"{voorstel.preferent_percentage:f}",
            "looptijdMaanden": voorstel.looptijd_maanden,
            "ontvangenOp": voorstel.ontvangen_op.isoformat(),
        },
        {"aantalVorderingen": len(vorderingen)},
    )


def is_preferent(vv: VoorstelVordering, regels: RegelsOp) -> bool:
    """Pw 60 lid 7: een terugvordering van bijstand (Pw 58 en 59) is bevoorrecht; een boete niet."""
    rang = regels.optioneel("pw60.bevoorrecht")
    return rang is not None and rang.waarde == BEVOORRECHT and vv.vordering.soort != BOETE


def _beantwoord(
    vv: VoorstelVordering,
    voorstel: Betaalvoorstel,
    looptijd: Looptijd,
    keuzes: Mapping[str, Any],
    regels: RegelsOp,
    uitleg: Uitleg,
) -> Antwoordregel:
    """Het antwoord voor één vordering: eerst wat de wet verbiedt, dan volledige betaling, dan de ruimte die de wet
    laat (Pw 18a lid 13, Pw 58 lid 7 onderdeel d, Pw 58 lid 2) en het beleid van de gemeente daarin."""
    v = vv.vordering
    preferent = is_preferent(vv, regels)
    percentage = (
        voorstel.preferent_percentage
        if preferent and voorstel.preferent_percentage is not None
        else voorstel.aangeboden_percentage
    )
    aangeboden = percentage_van(v.openstaand, percentage)
    toets = toets_vordering(GenoemdeVordering(vv.id, v), regels)
    volledig = aangeboden >= v.openstaand
    biedt = f"Het voorstel biedt {procent(percentage)}% ({euro(aangeboden)} van {euro(v.openstaand)})."
    beleid: tuple[tuple[str, str | None], ...] = ()
    if toets.status == ALLEEN_VOLLEDIGE_BETALING and (not volledig or _verbiedt_elke_regeling(vv, regels)):
        antwoord, redenen, bron = NIET_AKKOORD, (biedt, *toets.redenen), toets.bron
        if not volledig:
            redenen += (
                "Niet akkoord: de gemeente kan alleen instemmen als het voorstel deze vordering volledig (100%) betaalt.",
            )
    elif volledig:
        antwoord, redenen, bron = AKKOORD, (biedt, *toets.redenen[:1], _VOLLEDIG), toets.bron
    elif toets.status == OP_VERZOEK:
        antwoord, redenen, bron, beleid = _boete(vv, voorstel, looptijd, keuzes, regels, uitleg)
        redenen = (biedt, *redenen)
    elif v.soort == TERUGVORDERING_FRAUDE:
        antwoord, redenen, bron, beleid = _fraudevordering(voorstel, percentage, looptijd, keuzes, regels)
        redenen = (biedt, *toets.redenen, *redenen)
    else:
        antwoord, redenen, beleid = _ruimte(
            "overigeTerugvordering",
            (
                "De terugvordering berust op Pw 58 lid 2: het college is bevoegd terug te vorderen, niet verplicht. "
                "Of de gemeente in een schuldregeling genoegen neemt met een deel, is haar eigen afweging.",
            ),
            looptijd,
            keuzes,
        )
        redenen = (biedt, *redenen)
        bron = (b.PW_58_LID_2, b.AWB_4_94A) if bestaat(AWB_4_94A, regels) else (b.PW_58_LID_2,)
    if preferent:
        bron = (*bron, b.PW_60_LID_7)
    return Antwoordregel(
        id=vv.id,
        antwoord=antwoord,
        redenen=tuple(redenen),
        bron=tuple(bron),
        preferent=preferent,
        # zonder opgave ontstaat een boete op de dag van het besluit (Pw 18a lid 1: bij besluit opgelegd)
        saldo=Saldo(v.openstaand, v.bedrag, vv.ontstaansdatum or v.opgelegd_op, vv.schuldtype),
        aangeboden=aangeboden,
        kwijt_te_schelden=v.openstaand - aangeboden,
        berekening_id=vv.berekening_id,
        beleid=beleid,
    )


_VOLLEDIG = "Het voorstel betaalt deze vordering volledig: er wordt niets kwijtgescholden en de wet staat dat toe."


def _verbiedt_elke_regeling(vv: VoorstelVordering, regels: RegelsOp) -> bool:
    """De tekst van Pw 60c tot en met 2015-12-31 verbood elke medewerking, ook bij volledige betaling."""
    return pw_60c_tekst(regels) == PW_60C_ABSOLUUT and pw_60c_blokkeert(vv.vordering, regels)


Uitkomst = tuple[str, tuple[str, ...], tuple[b.Bron, ...], tuple[tuple[str, str | None], ...]]


def _boete(
    vv: VoorstelVordering,
    voorstel: Betaalvoorstel,
    looptijd: Looptijd,
    keuzes: Mapping[str, Any],
    regels: RegelsOp,
    uitleg: Uitleg,
) -> Uitkomst:
    """Een boete zonder opzet of grove schuld: de voorwaarden van Pw 18a lid 13 (herhaling, het jaar na de
    oplegging); het betaalvoorstel geldt als verzoek van de schuldenaar."""
    inv = KwijtscheldingInvoer(
        vordering=vv.vordering,
        beschikkingsdatum=voorstel.ontvangen_op,
        schuldregeling=True,
        verzoek=True,
        herhalingen=vv.herhalingen,
    )
    route = route_18a_lid_13(inv, regels, uitleg)
    if route.uitkomst == NIET_MOGELIJK:
        return (
            NIET_AKKOORD,
            (*route.redenen, "Daarom kan de boete (nog) niet worden kwijtgescholden (Pw 18a lid 13)."),
            route.bron,
            (),
        )
    antwoord, redenen, beleid = _ruimte(
        "boeteZonderOpzet",
        ("Het betaalvoorstel geldt als verzoek van de schuldenaar om kwijtschelding.", *route.redenen),
        looptijd,
        keuzes,
    )
    return antwoord, redenen, route.bron, beleid


def _fraudevordering(
    voorstel: Betaalvoorstel,
    percentage: Decimal,
    looptijd: Looptijd,
    keuzes: Mapping[str, Any],
    regels: RegelsOp,
) -> Uitkomst:
    """Een terugvordering op grond van Pw 58 lid 1 die Pw 60c niet uitsluit: afzien kan bij een aflossing ineens van
    ten minste de helft van de restsom (Pw 58 lid 7 onderdeel d); anders blijft Pw 58 lid 8 (dringende redenen)."""
    helft = regels.waarde("afzien.fraudevordering.percentageIneens")
    if not bestaat(PW_58_LID_7, regels):
        grond = "Pw 58 lid 7 bestond op deze datum nog niet."
    elif voorstel.type_schuldregeling != SANERINGSKREDIET:
        grond = (
            f"Pw 58 lid 7 onderdeel d vraagt een aflossing in één keer van ten minste {procent(helft)}% van de restsom; een "
            f"{TYPEN[voorstel.type_schuldregeling]} betaalt in termijnen. Onderdelen a tot en met c vragen tien jaar."
        )
    elif percentage < helft:
        grond = (
            f"Het saneringskrediet lost {procent(percentage)}% in één keer af, minder dan de {procent(helft)}% van "
            "Pw 58 lid 7 onderdeel d."
        )
    else:
        antwoord, redenen, beleid = _ruimte(
            "terugvorderingZonderVerbod",
            (
                f"Het saneringskrediet lost {procent(percentage)}% van de restsom in één keer af, ten minste "
                f"{procent(helft)}%: het college kan van verdere terugvordering afzien (Pw 58 lid 7 onderdeel d).",
            ),
            looptijd,
            keuzes,
        )
        return antwoord, redenen, (b.PW_60C, b.PW_58_LID_7_D), beleid
    redenen = (
        grond,
        "Afzien kan dan alleen bij dringende redenen (Pw 58 lid 8): een afweging per geval door een medewerker.",
    )
    bron: tuple[b.Bron, ...] = (b.PW_60C, b.PW_58_LID_7, b.PW_58_LID_8)
    if bestaat(AWB_4_94A, regels):
        redenen, bron = (*redenen, OMSTREDEN_4_94A_FRAUDE), (*bron, b.AWB_4_94A, b.SCHULINCK_4_94A)
    return BEOORDELING_VEREIST, redenen, bron, ()


def _ruimte(
    sleutel: str, redenen: tuple[str, ...], looptijd: Looptijd, keuzes: Mapping[str, Any]
) -> tuple[str, tuple[str, ...], tuple[tuple[str, str | None], ...]]:
    """Waar de wet de gemeente ruimte laat, beslist haar beleid (``betaalvoorstel.<sleutel>``): AKKOORD bij een
    aanvaardbare looptijd, anders beoordeelt een medewerker."""
    keuze = keuzes[sleutel]
    beleid = (("betaalvoorstel", None),)
    if keuze == BEOORDELEN:
        zin = (
            f"Het beleid van de gemeente laat deze afweging aan een medewerker (betaalvoorstel.{sleutel}: BEOORDELEN)."
        )
        return BEOORDELING_VEREIST, (*redenen, zin), beleid
    if not looptijd.aanvaardbaar:
        zin = (
            f"Het beleid van de gemeente stemt in (betaalvoorstel.{sleutel}: AKKOORD), maar niet bij deze looptijd: "
            "een medewerker beoordeelt het voorstel."
        )
        return BEOORDELING_VEREIST, (*redenen, zin), (*beleid, ("looptijdSchuldregelingMaanden", None))
    zin = f"Het beleid van de gemeente stemt daarmee in (betaalvoorstel.{sleutel}: AKKOORD)."
    return AKKOORD, (*redenen, zin), beleid


def _looptijd(voorstel: Betaalvoorstel, keuzes: Mapping[str, Any], regels: RegelsOp, uitleg: Uitleg) -> Looptijd:
    """De looptijd van het voorstel naast die van het beleid, en (als het beleid een kortere aanvaardt) het advies
    van de NVVK (parameter schuldregeling.nvvkLooptijdMaanden)."""
    beleid = regels.data.beleid["looptijdSchuldregelingMaanden"]
    assert isinstance(beleid, int), beleid  # een geheel aantal maanden (beleid.toets)
    voorgesteld = voorstel.looptijd_maanden
    nvvk = regels.geheel("schuldregeling.nvvkLooptijdMaanden")
    korter = bool(keuzes["kortereLooptijdAanvaarden"])
    if voorgesteld >= beleid:
        aanvaardbaar, zin = True, f"niet korter dan de {beleid} maanden van het beleid van de gemeente."
    elif korter and voorgesteld >= nvvk:
        aanvaardbaar, zin = (
            True,
            f"korter dan de {beleid} maanden van het beleid, maar het beleid aanvaardt een kortere looptijd van ten "
            f"minste de {nvvk} maanden die de NVVK haar leden op {regels.datum.isoformat()} adviseert.",
        )
    else:
        aanvaardbaar = False
        zin = f"korter dan de {beleid} maanden van het beleid van de gemeente" + (
            f" en dan de {nvvk} maanden die de NVVK adviseert."
            if korter
            else " (een kortere looptijd aanvaardt het beleid niet)."
        )
    reden = f"De looptijd van {voorgesteld} maanden is {zin}"
    uitleg.stap(
        "betaalvoorstel.looptijd",
        reden,
        regels.bronnen("schuldregeling.nvvkLooptijdMaanden"),
        {"looptijdMaanden": voorgesteld, "looptijdSchuldregelingMaanden": beleid, "nvvkLooptijdMaanden": nvvk},
        {"aanvaardbaar": aanvaardbaar},
        (("looptijdSchuldregelingMaanden", None), ("betaalvoorstel", None)),
    )
    return Looptijd(voorgesteld, beleid, aanvaardbaar, (reden,))


def _stap_dwangakkoord(uitleg: Uitleg) -> None:
    uitleg.stap(
        "betaalvoorstel.dwangakkoord",
        "Weigert de gemeente waar de wet haar ruimte laat, dan moet die weigering redelijk zijn: anders kan de "
        "rechtbank haar bevelen in te stemmen met de schuldregeling (dwangakkoord) en haar in de kosten veroordelen "
        "(Fw 287a lid 1, 5 en 6). Leg de afweging vast.",
        (b.FW_287A_LID_5,),
        {},
        {},
    )


def _geen_medewerking(vorderingen: tuple[VoorstelVordering, ...], regels: RegelsOp, uitleg: Uitleg) -> str | None:
    """Pw 60c tot en met 2015-12-31: geen medewerking aan de schuldregeling als geheel (Schuldenknooppunt: Geen
    medewerking), als één vordering eronder valt."""
    ids = [vv.id for vv in vorderingen if _verbiedt_elke_regeling(vv, regels)]
    if not ids:
        return None
    reden = (
        f"Pw 60c (tekst op {regels.datum.isoformat()}) verbiedt de gemeente mee te werken aan een schuldregeling met "
        f"vordering {', '.join(ids)}: ontstaan door schending van de inlichtingenplicht, met een boete of aangifte."
    )
    uitleg.signaal(reden + " Het antwoord aan de schuldhulpverlener is Geen medewerking.")
    uitleg.stap("betaalvoorstel.geenMedewerking", reden, (b.PW_60C,), {"vorderingen": ids}, {"geenMedewerking": True})
    return reden


def werkdagen_later(datum: date, werkdagen: int) -> date:
    """``werkdagen`` werkdagen (maandag tot en met vrijdag) na ``datum``; feestdagen telt Maatstaf niet apart."""
    dag = datum
    while werkdagen > 0:
        dag += timedelta(days=1)
        if dag.weekday() < 5:
            werkdagen -= 1
    return dag


def _antwoord_uiterlijk(ontvangen_op: date, regels: RegelsOp, uitleg: Uitleg) -> date | None:
    if not regels.heeft("schuldenknooppunt.antwoordtermijnWerkdagen"):
        return None
    termijn = regels.geheel("schuldenknooppunt.antwoordtermijnWerkdagen")
    uiterlijk = werkdagen_later(ontvangen_op, termijn)
    uitleg.stap(
        "betaalvoorstel.antwoordtermijn",
        f"Het antwoord gaat uiterlijk {uiterlijk.isoformat()} naar de schuldhulpverlener: binnen {termijn} werkdagen "
        f"na ontvangst op {ontvangen_op.isoformat()} (afsprakenstelsel Schuldenknooppunt; feestdagen niet meegeteld).",
        (b.SCHULDENKNOOPPUNT_TERMIJN,),
        {"ontvangenOp": ontvangen_op.isoformat(), "werkdagen": termijn},
        {"antwoordUiterlijk": uiterlijk.isoformat()},
    )
    return uiterlijk
