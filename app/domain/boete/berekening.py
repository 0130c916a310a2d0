"""SPEC §3.3 — ``bereken_boete``: de stappen van de boete in wettelijke volgorde, elk uit de module van zijn artikel.

Hier staan alleen de volgorde, wat de stappen delen (``_Berekening``) en de uitkomsten zonder eigen module: geen
verwijt (Awb 5:41), dringende redenen (Pw 18a lid 7), een boete die 'verlaagd' moet zonder bedrag (Boetebesluit art. 2
lid 3, tekst tot 2017) en de keuze tussen boete en waarschuwing (Pw 18a lid 1 en 4).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from app.domain import bronnen as b
from app.domain.benadeling import Benadeling, bereken_benadeling, terugvordering_verplicht
from app.domain.boete.afronding import rond_af
from app.domain.boete.draagkracht import draagkracht_maximum, toets_fictieve_draagkracht
from app.domain.boete.hoogte import Hoogte, hoogte_stappen, lex_mitior
from app.domain.boete.invoer import BoeteInvoer, controleer, ontbrekende_regels
from app.domain.boete.matiging import matig
from app.domain.boete.recidive import bepaal_recidive
from app.domain.boete.regime import fraudewet
from app.domain.boete.uitkomst import (
    AFGEZIEN,
    BEOORDELING_VEREIST,
    BOETE,
    DRAAGKRACHT,
    GEEN_BOETE,
    WAARSCHUWING,
    BeoordelingVereist,
    BoeteUitkomst,
    Verrekening,
)
from app.domain.boete.verrekening import verrekening_stap, verrekenruimte_naast_boete, zonder_voet
from app.domain.boete.verval import verval
from app.domain.boete.waarschuwing import waarschuwing_bron, waarschuwing_keuze, waarschuwing_mogelijk
from app.domain.fouten import Invoerfout
from app.domain.geld import NUL, euro, maanden_nodig
from app.domain.huishouden import Draagkracht, draagkracht, met_beslagvrije_voet, norm_voor_draagkracht
from app.domain.regels import Regeldata, RegelOntbreekt, RegelsOp, bevestigd_stap, onzekere_signalen
from app.domain.uitleg import Uitleg
from app.domain.verwijtbaarheid import GEEN, bepaal_graad, percentage_en_maanden


def bereken_boete(
    inv: BoeteInvoer,
    data: Regeldata,
    uitleg: Uitleg | None = None,
    *,
    graad: str | None = None,
    recidive: bool | None = None,
    benadeling: Decimal | None = None,
) -> BoeteUitkomst:
    """SPEC §3.3. Met ``GeenUitleg`` dezelfde berekening zonder zinnen (alternatieven, wat-als); anders elke stap.

    ``graad`` en ``recidive`` nemen een graad of recidive aan in plaats van die vast te stellen (alleen voor
    wat-als-berekeningen: nooit uit een verzoek, want opzet en grove schuld vragen bewijs, Boetebesluit art. 2
    lid 9); ``benadeling`` is een al berekend benadelingsbedrag.
    """
    controleer(inv)
    z = _vooraf(inv, data, Uitleg() if uitleg is None else uitleg, graad, recidive, benadeling)
    inv = z.inv  # met de beslagvrije voet van het huishouden (opgegeven of berekend)
    h = z.hoogte
    if h is None:  # 1. geen verwijtbaarheid: geen boete (Awb 5:41)
        return _geen_verwijt(z)
    if verval(inv, h, z.nu, z.uitleg):  # 2. verval (Awb 5:45, 5:53)
        return _klaar(z, GEEN_BOETE, NUL)
    if inv.dringende_redenen is not None:  # 3. dringende redenen (Pw 18a lid 7)
        return _dringende_redenen(z, inv.dringende_redenen)
    mogelijk = waarschuwing_mogelijk(inv, z.benadeling, z.nu, z.uitleg)  # 4. waarschuwing (Pw 18a lid 4; BB 2aa)
    # 5-8. grondslag (Pw 18a lid 5; BB 2 lid 6), percentage (BB 2 lid 2-5), lid 7, wettelijk maximum (Pw 18a lid 1)
    bepalend = hoogte_stappen(z.graad, z.benadeling, z.recidive, h, z.uitleg)
    if h.lager_dan is not None:  # 'verlaagd' zonder bedrag (BB 2 lid 3, tekst tot 2017): het college beslist
        return _beoordeling_vereist(z, h, h.lager_dan, mogelijk)
    kracht = draagkracht_maximum(z.graad, inv.huishouden, z.norm, data.beleid, z.nu, z.uitleg)  # 9. draagkracht
    boete = h.boete_voor_draagkracht
    if kracht.maximum < boete:  # de draagkracht begrenst de boete
        boete, bepalend = kracht.maximum, DRAAGKRACHT
    boete, bepalend = matig(boete, bepalend, inv.matigingen, z.uitleg)  # 10. matigingen (BB 2 lid 8; Awb 5:46)
    boete = rond_af(boete, inv, data, min(kracht.maximum, h.wettelijk_maximum), z.nu, z.uitleg)  # 11. afronding
    return _boete_of_waarschuwing(z, h, boete, kracht, bepalend, mogelijk)


@dataclass(slots=True)
class _Berekening:
    """Wat de stappen van één boeteberekening delen: de invoer, de regels op de beschikkingsdatum en de uitleg, en
    wat vóór stap 1 vaststaat (``_vooraf``)."""

    inv: BoeteInvoer
    data: Regeldata
    nu: RegelsOp
    uitleg: Uitleg
    benadeling: Decimal
    terugvordering: Decimal
    benadeling_uitkomst: Benadeling | None
    graad: str
    norm: Decimal | None  # de bijstandsnorm voor de draagkracht; None boven bijstandsniveau zonder norm
    recidive: bool
    hoogte: Hoogte | None  # stap 5-8 onder lex mitior; None zonder verwijt (Awb 5:41)
    verrekenruimte: Decimal | None  # per maand; None als haar regels op de datum ontbreken
    verrekenuitleg: Uitleg  # de stappen van de verrekenruimte, in het resultaat na die van de boete


def _vooraf(
    inv: BoeteInvoer,
    data: Regeldata,
    uitleg: Uitleg,
    aangenomen_graad: str | None,
    aangenomen_recidive: bool | None,
    benadeling: Decimal | None,
) -> _Berekening:
    """Wat vóór stap 1 vaststaat: benadeling en terugvordering, de graad, de regels die de datum nodig heeft, de
    norm, recidive, de hoogte onder lex mitior (verval hangt af van de hoogst mogelijke boete) en de verrekenruimte."""
    nu = data.op(inv.beschikkingsdatum)
    uitleg.citeer_volgens(nu.citeertitels())  # vóór 2015-01-01: de Wet werk en bijstand
    benadeling, terugvordering, benadeling_uitkomst = _benadeling(inv, data, benadeling, uitleg)
    graad = aangenomen_graad or bepaal_graad(inv.verwijtbaarheid, uitleg, regels=nu)
    if uitleg.actief:  # zonder uitleg (wat-als naast een echte berekening) zijn de regels al getoetst
        ontbrekend = ontbrekende_regels(inv, graad, nu)
        if ontbrekend:
            raise Invoerfout(*ontbrekend)
    # boven bijstandsniveau de beslagvrije voet: opgegeven, of één keer berekend (Rv 475da) voor alle stappen
    huishouden = met_beslagvrije_voet(inv.huishouden, nu, uitleg)
    if huishouden is not inv.huishouden:
        inv = replace(inv, huishouden=huishouden)
    norm = norm_voor_draagkracht(inv.huishouden, nu, uitleg)
    toets_fictieve_draagkracht(inv.huishouden, norm, nu, uitleg)
    recidive = bepaal_recidive(inv, graad, benadeling, aangenomen_recidive, nu, uitleg)
    try:
        hoogte = lex_mitior(graad, benadeling, recidive, inv, data, nu, uitleg) if graad != GEEN else None
    except RegelOntbreekt as fout:
        raise Invoerfout.veld("beschikkingsdatum", "regels_onbekend", str(fout)) from None
    per_maand, verrekenuitleg = verrekenruimte_naast_boete(inv.huishouden, norm, nu, uitleg)
    return _Berekening(
        inv=inv,
        data=data,
        nu=nu,
        uitleg=uitleg,
        benadeling=benadeling,
        terugvordering=terugvordering,
        benadeling_uitkomst=benadeling_uitkomst,
        graad=graad,
        norm=norm,
        recidive=recidive,
        hoogte=hoogte,
        verrekenruimte=per_maand,
        verrekenuitleg=verrekenuitleg,
    )


def _benadeling(
    inv: BoeteInvoer, data: Regeldata, benadeling: Decimal | None, uitleg: Uitleg
) -> tuple[Decimal, Decimal, Benadeling | None]:
    """(benadelingsbedrag, terugvordering, de berekening uit de perioden): al berekend (wat-als), uit de perioden
    (Pw 18a lid 2; Pw 58 lid 5 bruto naar het beleid), of opgegeven. Terugvorderen is verplicht (Pw 58 lid 1)."""
    benadeling_uitkomst = None
    if benadeling is not None:
        terugvordering = benadeling
    elif inv.perioden is not None:
        benadeling_uitkomst = bereken_benadeling(
            inv.perioden, inv.beschikkingsdatum, bool(data.beleid["brutoTerugvordering"]), uitleg
        )
        benadeling = benadeling_uitkomst.benadelingsbedrag
        terugvordering = benadeling_uitkomst.terugvordering_bruto
    else:
        assert inv.benadelingsbedrag is not None, "een benadelingsbedrag of perioden (de API eist precies één)"
        benadeling = terugvordering = inv.benadelingsbedrag
    if benadeling_uitkomst is None and uitleg.actief:
        uitleg.stap(
            "benadeling.bedrag",
            f"Het benadelingsbedrag is opgegeven: {euro(benadeling)}.",
            (b.PW_18A_LID_2, b.CRVB_2017_2436),
            {"benadelingsbedrag": f"{benadeling:.2f}"},
            {"benadelingsbedrag": f"{benadeling:.2f}"},
        )
    terugvordering_verplicht(benadeling, uitleg)
    return benadeling, terugvordering, benadeling_uitkomst


def _geen_verwijt(z: _Berekening) -> BoeteUitkomst:
    """Stap 1: de overtreding kan niet worden verweten, dus geen boete (Awb 5:41)."""
    z.uitleg.stap(
        "boete.geenVerwijt",
        "De overtreding kan niet worden verweten: er wordt geen boete opgelegd.",
        (b.AWB_5_41,),
        {"graad": GEEN},
        {"uitkomst": GEEN_BOETE},
    )
    return _klaar(z, GEEN_BOETE, NUL)


def _dringende_redenen(z: _Berekening, motivering: str) -> BoeteUitkomst:
    """Stap 3: het college ziet af van een boete wegens dringende redenen (Pw 18a lid 7; tot 2017 lid 7 onder b)."""
    z.uitleg.stap(
        "boete.dringendeRedenen",
        f"Het college ziet af van een boete wegens dringende redenen: {motivering.strip()}",
        (b.PW_OUD_18A_LID_7_B,) if fraudewet(z.nu) else (b.PW_18A_LID_7,),
        {"dringendeRedenen": True},
        {"uitkomst": AFGEZIEN},
    )
    return _klaar(z, AFGEZIEN, NUL)


def _boete_of_waarschuwing(
    z: _Berekening, h: Hoogte, boete: Decimal, kracht: Draagkracht, bepalend: str, mogelijk: bool
) -> BoeteUitkomst:
    """De uitkomst na stap 11: de boete (Pw 18a lid 1), of een waarschuwing als die mogelijk is en het verzoek of
    het beleid daarvoor kiest (Pw 18a lid 4; Boetebesluit art. 2aa: 'kan')."""
    uitleg = z.uitleg
    waarschuwen, keuze = waarschuwing_keuze(z.inv, mogelijk, z.data.beleid)
    if mogelijk and waarschuwen:
        if uitleg.actief:
            uitleg.stap(
                "boete.uitkomst",
                f"Het college volstaat met een schriftelijke waarschuwing; zonder waarschuwing was de boete "
                f"{euro(boete)} geweest.",
                waarschuwing_bron(z.nu),
                {"waarschuwingIndienMogelijk": waarschuwen},
                {"uitkomst": WAARSCHUWING, "boete": "0.00", "boeteZonderWaarschuwing": f"{boete:.2f}"},
                keuze,
            )
        uitkomst, opgelegd, zonder_waarschuwing = WAARSCHUWING, NUL, boete
    else:
        if mogelijk:
            uitleg.signaal("Een waarschuwing was mogelijk, maar is niet gekozen (waarschuwingIndienMogelijk is false).")
        if uitleg.actief:
            uitleg.stap(
                "boete.uitkomst",
                f"De bestuurlijke boete is {euro(boete)}.",
                (b.PW_18A_LID_1,),
                {"bepalendeBegrenzing": bepalend},
                {"uitkomst": BOETE, "boete": f"{boete:.2f}"},
                keuze,  # een waarschuwing was mogelijk: de boete rust (ook) op de keuze daartegen
            )
        uitkomst, opgelegd, zonder_waarschuwing = BOETE, boete, None
    return _klaar(
        z,
        uitkomst,
        opgelegd,
        boete_zonder_waarschuwing=zonder_waarschuwing,
        boete_voor_draagkracht=h.boete_voor_draagkracht,
        draagkracht=kracht,
        bepalende_begrenzing=bepalend,
        waarschuwing_mogelijk=mogelijk,
    )


def _beoordeling_vereist(z: _Berekening, h: Hoogte, grens: Decimal, mogelijk: bool) -> BoeteUitkomst:
    """De regelgeving schrijft een lagere boete voor dan ``grens`` zonder te zeggen hoeveel (Boetebesluit art. 2
    lid 3, tekst tot 2017): Maatstaf noemt de grens en de draagkracht, het college stelt de boete vast."""
    uitleg = z.uitleg
    _, maanden = percentage_en_maanden(z.graad, z.nu)
    vermogen_telt = bool(z.data.beleid["vermogenTeltVoorDraagkracht"])
    kracht = draagkracht(z.inv.huishouden, z.norm, maanden, vermogen_telt, z.nu, uitleg)
    reden = (
        f"Zonder benadelingsbedrag was de boete {euro(grens)}, maar bij verminderde verwijtbaarheid 'wordt de "
        "bestuurlijke boete verlaagd' (Boetebesluit art. 2 lid 3, tekst tot 2017; Pw 18a lid 7 onder a). Hoeveel, "
        f"zegt de regelgeving niet: het college stelt een boete lager dan {euro(grens)} vast, afgestemd op de "
        "verwijtbaarheid en de omstandigheden (Awb 5:46 lid 2), en motiveert die."
    )
    bron = (b.BB_OUD_2_LID_3, b.PW_OUD_18A_LID_7_A, b.AWB_5_46_LID_2)
    waarschuwen, keuze = waarschuwing_keuze(z.inv, mogelijk, z.data.beleid)
    if mogelijk and waarschuwen:
        uitkomst = WAARSCHUWING
        if uitleg.actief:
            uitleg.stap(
                "boete.uitkomst",
                f"Het college volstaat met een schriftelijke waarschuwing; zonder waarschuwing was de boete lager "
                f"dan {euro(grens)} geweest, vast te stellen door het college.",
                waarschuwing_bron(z.nu),
                {"waarschuwingIndienMogelijk": waarschuwen},
                {"uitkomst": WAARSCHUWING, "boete": "0.00", "lagerDan": f"{grens:.2f}"},
                keuze,
            )
    else:
        uitkomst = BEOORDELING_VEREIST
        if uitleg.actief:
            uitleg.stap(
                "boete.uitkomst",
                reden,
                bron,
                {"graad": z.graad, "benadelingsbedrag": "0.00", "regelsDatum": h.regels.datum.isoformat()},
                {"uitkomst": BEOORDELING_VEREIST, "boete": "0.00", "lagerDan": f"{grens:.2f}"},
                keuze,
            )
            uitleg.signaal(
                f"Beoordeling vereist: de boete moet lager zijn dan {euro(grens)}; de regelgeving zegt niet hoeveel. "
                "Leg het bedrag en de motivering vast als maatwerk (grond AWB_5_46)."
            )
    return _klaar(
        z,
        uitkomst,
        NUL,
        draagkracht=kracht,
        waarschuwing_mogelijk=mogelijk,
        beoordeling_vereist=BeoordelingVereist(reden, bron, grens),
    )


def _klaar(
    z: _Berekening,
    uitkomst: str,
    boete: Decimal,
    *,
    boete_zonder_waarschuwing: Decimal | None = None,
    boete_voor_draagkracht: Decimal | None = None,
    draagkracht: Draagkracht | None = None,
    bepalende_begrenzing: str | None = None,
    waarschuwing_mogelijk: bool = False,
    beoordeling_vereist: BeoordelingVereist | None = None,
) -> BoeteUitkomst:
    """De uitkomst, met daarachter de verrekening en wat de gebruikte regelwaarden zeggen over hun bron (onzeker of
    bevestigd, SPEC §1 principe 1)."""
    verrekening = _verrekening(z, uitkomst, boete)
    h = z.hoogte
    if z.uitleg.actief:
        regels_views = [z.nu] if h is None else [z.nu, h.regels]
        for signaal in onzekere_signalen(*regels_views):
            z.uitleg.signaal(signaal)
        bevestigd_stap(z.uitleg, *regels_views)
    return BoeteUitkomst(
        uitkomst=uitkomst,
        boete=boete,
        boete_zonder_waarschuwing=boete_zonder_waarschuwing,
        graad=z.graad,
        boetepercentage=h.percentage if h else 0,
        recidive=z.recidive,
        benadelingsbedrag=z.benadeling,
        grondslag=h.grondslag if h else z.benadeling,
        boete_voor_draagkracht=boete_voor_draagkracht,
        draagkracht=draagkracht,
        bepalende_begrenzing=bepalende_begrenzing,
        waarschuwing_mogelijk=waarschuwing_mogelijk,
        toegepaste_regels_datum=h.regels.datum if h else z.inv.beschikkingsdatum,
        verrekening=verrekening,
        benadeling=z.benadeling_uitkomst,
        stappen=z.uitleg.stappen,
        signalen=z.uitleg.signalen,
        beoordeling_vereist=beoordeling_vereist,
        huishouden=z.inv.huishouden,
    )


def _verrekening(z: _Berekening, uitkomst: str, boete: Decimal) -> Verrekening:
    """Hoe lang verrekenen van boete en terugvordering duurt (Pw 60 lid 4; Awb 4:93 lid 4; Pw 60b tot 2017)."""
    per_maand = z.verrekenruimte
    if per_maand is None:
        return Verrekening(None, None, None)
    verrekening = Verrekening(
        per_maand,
        maanden_nodig(boete, per_maand),
        maanden_nodig(z.terugvordering, per_maand),
        zonder_voet(z.inv, z.recidive, uitkomst, boete, z.norm, per_maand, z.nu),
    )
    if z.uitleg.actief:
        z.uitleg.stappen.extend(z.verrekenuitleg.stappen)
        verrekening_stap(verrekening, boete, z.terugvordering, z.uitleg)
    return verrekening
