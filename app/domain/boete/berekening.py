"""SPEC §3.3 — ``bereken_boete``: de stappen van de boete in wettelijke volgorde, elk uit zijn eigen module."""

from __future__ import annotations

from decimal import Decimal

from app.domain import bronnen as b
from app.domain.benadeling import bereken_benadeling, terugvordering_verplicht
from app.domain.boete.afronding import afronding_van, rond_af
from app.domain.boete.draagkracht import toets_fictieve_draagkracht
from app.domain.boete.hoogte import Hoogte, hoogte_stappen, lex_mitior
from app.domain.boete.invoer import BoeteInvoer, controleer, ontbrekende_regels
from app.domain.boete.matiging import matig
from app.domain.boete.recidive import geen_recidive_zonder_benadeling, toets_recidive
from app.domain.boete.regime import fraudewet
from app.domain.boete.uitkomst import (
    AFGEZIEN,
    BEOORDELING_VEREIST,
    BOETE,
    DRAAGKRACHT,
    GEEN_BOETE,
    MATIGING,
    WAARSCHUWING,
    BeoordelingVereist,
    BoeteUitkomst,
    Verrekening,
)
from app.domain.boete.verrekening import verrekening_stap, zonder_voet
from app.domain.boete.verval import verval
from app.domain.boete.waarschuwing import waarschuwing_bron, waarschuwing_keuze, waarschuwing_mogelijk
from app.domain.fouten import Invoerfout
from app.domain.geld import NUL, euro, maanden_nodig
from app.domain.huishouden import draagkracht, norm_voor_draagkracht, verrekenruimte
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
    uitleg = Uitleg() if uitleg is None else uitleg
    aangenomen_graad, aangenomen_recidive = graad, recidive
    nu = data.op(inv.beschikkingsdatum)
    uitleg.citeer_volgens(nu.citeertitels())  # vóór 2015-01-01: de Wet werk en bijstand
    beleid = data.beleid

    benadeling_uitkomst = None
    if benadeling is not None:
        terugvordering = benadeling
    elif inv.perioden is not None:
        benadeling_uitkomst = bereken_benadeling(
            inv.perioden, inv.beschikkingsdatum, bool(beleid["brutoTerugvordering"]), uitleg
        )
        benadeling = benadeling_uitkomst.benadelingsbedrag
        terugvordering = benadeling_uitkomst.terugvordering_bruto
    else:
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

    graad = aangenomen_graad or bepaal_graad(inv.verwijtbaarheid, uitleg, regels=nu)
    if uitleg.actief:  # zonder uitleg (wat-als naast een echte berekening) zijn de regels al getoetst
        ontbrekend = ontbrekende_regels(inv, graad, nu)
        if ontbrekend:
            raise Invoerfout(*ontbrekend)
    norm = norm_voor_draagkracht(inv.huishouden, nu, uitleg)
    toets_fictieve_draagkracht(inv.huishouden, norm, nu, uitleg)
    if graad == GEEN:
        recidive = False
    elif benadeling == 0:
        recidive = geen_recidive_zonder_benadeling(uitleg)
    elif aangenomen_recidive is not None:
        recidive = aangenomen_recidive
    else:
        recidive = toets_recidive(inv, nu, uitleg)

    try:
        hoogte = lex_mitior(graad, benadeling, recidive, inv, data, nu, uitleg) if graad != GEEN else None
    except RegelOntbreekt as fout:
        raise Invoerfout.veld("beschikkingsdatum", "regels_onbekend", str(fout)) from None
    # De verrekening is informatie naast de boete: een gat in haar regels blokkeert de boete nooit (SPEC §1.1a).
    verrekenuitleg = Uitleg() if uitleg.actief else uitleg
    verrekenuitleg.citeer_volgens(nu.citeertitels())
    try:
        per_maand_verrekening = verrekenruimte(inv.huishouden, norm, nu, verrekenuitleg)
    except RegelOntbreekt as fout:
        per_maand_verrekening = None
        uitleg.signaal(f"De verrekening is niet berekend: {fout} De boete zelf hangt daar niet van af.")

    def klaar(uitkomst: str, boete: Decimal, **velden) -> BoeteUitkomst:
        if per_maand_verrekening is None:
            verrekening = Verrekening(None, None, None)
        else:
            verrekening = Verrekening(
                per_maand_verrekening,
                maanden_nodig(boete, per_maand_verrekening),
                maanden_nodig(terugvordering, per_maand_verrekening),
                zonder_voet(inv, recidive, uitkomst, boete, norm, per_maand_verrekening, nu),
            )
            if uitleg.actief:
                uitleg.stappen.extend(verrekenuitleg.stappen)
                verrekening_stap(verrekening, boete, terugvordering, uitleg)
        if uitleg.actief:
            regels_views = [nu] if hoogte is None else [nu, hoogte.regels]
            for signaal in onzekere_signalen(*regels_views):
                uitleg.signaal(signaal)
            bevestigd_stap(uitleg, *regels_views)
        velden.setdefault("boete_zonder_waarschuwing", None)
        velden.setdefault("boete_voor_draagkracht", None)
        velden.setdefault("draagkracht", None)
        velden.setdefault("bepalende_begrenzing", None)
        velden.setdefault("waarschuwing_mogelijk", False)
        return BoeteUitkomst(
            uitkomst=uitkomst,
            boete=boete,
            graad=graad,
            boetepercentage=hoogte.percentage if hoogte else 0,
            recidive=recidive,
            benadelingsbedrag=benadeling,
            grondslag=hoogte.grondslag if hoogte else benadeling,
            toegepaste_regels_datum=hoogte.regels.datum if hoogte else inv.beschikkingsdatum,
            verrekening=verrekening,
            benadeling=benadeling_uitkomst,
            stappen=uitleg.stappen,
            signalen=uitleg.signalen,
            **velden,
        )

    # 1. geen verwijtbaarheid
    if graad == GEEN:
        uitleg.stap(
            "boete.geenVerwijt",
            "De overtreding kan niet worden verweten: er wordt geen boete opgelegd.",
            (b.AWB_5_41,),
            {"graad": GEEN},
            {"uitkomst": GEEN_BOETE},
        )
        return klaar(GEEN_BOETE, NUL)
    # 2. verval
    if verval(inv, hoogte, nu, uitleg):
        return klaar(GEEN_BOETE, NUL)
    # 3. dringende redenen
    if inv.dringende_redenen is not None:
        uitleg.stap(
            "boete.dringendeRedenen",
            f"Het college ziet af van een boete wegens dringende redenen: {inv.dringende_redenen.strip()}",
            (b.PW_OUD_18A_LID_7_B,) if fraudewet(nu) else (b.PW_18A_LID_7,),
            {"dringendeRedenen": True},
            {"uitkomst": AFGEZIEN},
        )
        return klaar(AFGEZIEN, NUL)
    # 4. waarschuwing
    mogelijk = waarschuwing_mogelijk(inv, benadeling, nu, uitleg)
    # 5-8. hoogte
    bepalend = hoogte_stappen(graad, benadeling, recidive, hoogte, uitleg)
    if hoogte.lager_dan is not None:  # de regelgeving zegt "verlaagd" zonder bedrag: het college beslist
        return _beoordeling_vereist(inv, graad, hoogte, norm, mogelijk, nu, beleid, uitleg, klaar)
    boete = hoogte.boete_voor_draagkracht
    # 9. draagkracht
    _, maanden = percentage_en_maanden(graad, nu)
    korter = (beleid.get("draagkrachtMaanden") or {}).get(graad)  # een kortere termijn van de gemeente
    uit_beleid = korter is not None and int(korter) < maanden
    if uit_beleid:
        maanden = int(korter)
    kracht = draagkracht(
        inv.huishouden, norm, maanden, bool(beleid["vermogenTeltVoorDraagkracht"]), nu, uitleg, uit_beleid
    )
    if kracht.maximum < boete:
        boete = kracht.maximum
        bepalend = DRAAGKRACHT
    # 10. matigingen
    if inv.matigingen:
        gematigd = matig(boete, inv.matigingen, uitleg)
        if gematigd < boete:
            bepalend = MATIGING
        boete = gematigd
    # 11. afronding
    afronding, herkomst_afronding = afronding_van(inv, data)
    boete = rond_af(boete, afronding, min(kracht.maximum, hoogte.wettelijk_maximum), nu, uitleg, herkomst_afronding)

    velden = {
        "boete_voor_draagkracht": hoogte.boete_voor_draagkracht,
        "draagkracht": kracht,
        "bepalende_begrenzing": bepalend,
        "waarschuwing_mogelijk": mogelijk,
    }
    waarschuwen, keuze = waarschuwing_keuze(inv, mogelijk, beleid)
    if mogelijk and waarschuwen:
        if uitleg.actief:
            uitleg.stap(
                "boete.uitkomst",
                f"Het college volstaat met een schriftelijke waarschuwing; zonder waarschuwing was de boete "
                f"{euro(boete)} geweest.",
                waarschuwing_bron(nu),
                {"waarschuwingIndienMogelijk": waarschuwen},
                {"uitkomst": WAARSCHUWING, "boete": "0.00", "boeteZonderWaarschuwing": f"{boete:.2f}"},
                keuze,
            )
        return klaar(WAARSCHUWING, NUL, boete_zonder_waarschuwing=boete, **velden)
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
    return klaar(BOETE, boete, **velden)


def _beoordeling_vereist(inv, graad, hoogte: Hoogte, norm, mogelijk: bool, nu: RegelsOp, beleid, uitleg, klaar):
    """De regelgeving schrijft een lagere boete voor dan ``hoogte.lager_dan`` zonder te zeggen hoeveel (Boetebesluit
    art. 2 lid 3, tekst tot 2017): Maatstaf noemt de grens en de draagkracht, het college stelt de boete vast."""
    _, maanden = percentage_en_maanden(graad, nu)
    kracht = draagkracht(inv.huishouden, norm, maanden, bool(beleid["vermogenTeltVoorDraagkracht"]), nu, uitleg)
    grens = hoogte.lager_dan
    reden = (
        f"Zonder benadelingsbedrag was de boete {euro(grens)}, maar bij verminderde verwijtbaarheid 'wordt de "
        "bestuurlijke boete verlaagd' (Boetebesluit art. 2 lid 3, tekst tot 2017; Pw 18a lid 7 onder a). Hoeveel, "
        f"zegt de regelgeving niet: het college stelt een boete lager dan {euro(grens)} vast, afgestemd op de "
        "verwijtbaarheid en de omstandigheden (Awb 5:46 lid 2), en motiveert die."
    )
    bron = (b.BB_OUD_2_LID_3, b.PW_OUD_18A_LID_7_A, b.AWB_5_46_LID_2)
    velden = {
        "draagkracht": kracht,
        "waarschuwing_mogelijk": mogelijk,
        "beoordeling_vereist": BeoordelingVereist(reden, bron, grens),
    }
    waarschuwen, keuze = waarschuwing_keuze(inv, mogelijk, beleid)
    if mogelijk and waarschuwen:
        if uitleg.actief:
            uitleg.stap(
                "boete.uitkomst",
                f"Het college volstaat met een schriftelijke waarschuwing; zonder waarschuwing was de boete lager "
                f"dan {euro(grens)} geweest, vast te stellen door het college.",
                waarschuwing_bron(nu),
                {"waarschuwingIndienMogelijk": waarschuwen},
                {"uitkomst": WAARSCHUWING, "boete": "0.00", "lagerDan": f"{grens:.2f}"},
                keuze,
            )
        return klaar(WAARSCHUWING, NUL, **velden)
    if uitleg.actief:
        uitleg.stap(
            "boete.uitkomst",
            reden,
            bron,
            {"graad": graad, "benadelingsbedrag": "0.00", "regelsDatum": hoogte.regels.datum.isoformat()},
            {"uitkomst": BEOORDELING_VEREIST, "boete": "0.00", "lagerDan": f"{grens:.2f}"},
            keuze,
        )
        uitleg.signaal(
            f"Beoordeling vereist: de boete moet lager zijn dan {euro(grens)}; de regelgeving zegt niet hoeveel. "
            "Leg het bedrag en de motivering vast als maatwerk (grond AWB_5_46)."
        )
    return klaar(BEOORDELING_VEREIST, NUL, **velden)
