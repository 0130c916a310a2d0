"""De beslagvrije voet op een peildatum: de volgorde van de wet, van 475da tot en met 475dc, en wat eruit volgt.

Volgorde (vanaf 2021): het maximum van 475da lid 1; de voet van lid 2 en 3 met inachtneming van lid 1, of lid 4
(geen woonadres in Nederland, tenzij 475e lid 1), of 475e lid 2 (inrichting); de woonlandfactor (lid 4 tweede zin),
de verhogingen op verzoek (lid 5 en 7); de verminderingen van 475db; de ondergrens van 475dc. Daarna de geldigheid
(475d lid 2) en de afloscapaciteit (netto maandinkomen min de voet, niet minder dan nul). Vóór 2021: ``oud``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from app.domain.geld import NUL, euro
from app.domain.regels import ONZEKER, RegelsOp, onzekere_signalen
from app.domain.uitleg import Uitleg

from . import bijzonder
from . import bronnen as bv
from .afronding import afrondingsstap, geldig_tot
from .lid2 import voet_lid_2
from .model import (
    BEOORDELING_VEREIST,
    BEREKEND,
    GEEN_WOONADRES,
    INRICHTING,
    ONDERDEEL,
    OUD_475D,
    TEKST,
    BeslagvrijeVoetInvoer,
    BeslagvrijeVoetUitkomst,
    Verloop,
    controleer_invoer,
)
from .oud import voet_oud
from .vermindering import ondergrens, verminder

#: Parameters buiten ``bvv.*`` die deze berekening gebruikt (voor de lijst van onzekere waarden in de uitkomst).
HERGEBRUIKT = frozenset({"norm.alleenstaande", "norm.gehuwden", "beslagvrijeVoet.percentageVanNorm"})
REGIME_TEKST = {
    "KWADRATISCH": "de formule van 475da lid 2 met het kwadratische woondeel (teksten 2021-01-01 t/m 2025-12-31)",
    "LINEAIR": "de formule van 475da lid 2 met het lineaire woondeel (vanaf 2026-01-01)",
}


def _maximum(inv: BeslagvrijeVoetInvoer, regels: RegelsOp, uitleg: Uitleg) -> Decimal:
    pid = f"bvv.maximum.{inv.leefsituatie}"
    maximum = regels.waarde(pid)
    regime = regels.tekst("bvv.regime")
    uitleg.stap(
        "bvv.maximum",
        f"Op {inv.peildatum.isoformat()} geldt {REGIME_TEKST[regime]}. De beslagvrije voet bedraagt voor "
        f"{TEKST[inv.leefsituatie]} ten hoogste {euro(maximum)} per maand (lid 1 onder {ONDERDEEL[inv.leefsituatie]}).",
        (bv.rv_475da_lid_1(ONDERDEEL[inv.leefsituatie]), bv.rv_475da_lid_2()),
        {"peildatum": inv.peildatum.isoformat(), "leefsituatie": inv.leefsituatie},
        {"maximum": f"{maximum:.2f}", "formule": regime},
    )
    return maximum


def _voet_475da(
    inv: BeslagvrijeVoetInvoer, maximum: Decimal, regels: RegelsOp, uitleg: Uitleg, verloop: Verloop
) -> tuple[Decimal, str]:
    """De voet van 475da (lid 1-7) en welke regel hem bepaalde."""
    if not inv.woonadres_in_nederland and not inv.inzicht_gegeven:
        voet, formule = min(bijzonder.geen_woonadres(regels, uitleg, verloop), maximum), GEEN_WOONADRES
    else:
        if not inv.woonadres_in_nederland:
            bijzonder.inzicht_gegeven(uitleg)
        voet, formule = voet_lid_2(inv, maximum, regels, uitleg, verloop), regels.tekst("bvv.regime")
    if inv.vaste_verblijfplaats_buitenland:
        bijzonder.buitenland(uitleg, verloop)
    if inv.woonkosten is not None:
        voet = bijzonder.woonkosten(inv, voet, maximum, regels, uitleg, verloop)
    if inv.woning is not None:
        bijzonder.eigen_woning(inv, regels, uitleg, verloop)
    return voet, formule


def _inrichting(inv: BeslagvrijeVoetInvoer, regels: RegelsOp, uitleg: Uitleg, verloop: Verloop) -> Decimal:
    voet = bijzonder.inrichting(inv, regels, uitleg, verloop)
    genegeerd = [
        naam
        for naam, gegeven in (
            ("woonkosten (475da lid 5)", inv.woonkosten is not None),
            ("woning (475da lid 7)", inv.woning is not None),
            ("woonadres buiten Nederland (475da lid 4)", not inv.woonadres_in_nederland),
        )
        if gegeven
    ]
    if genegeerd:
        uitleg.signaal(
            "Bij verblijf in een inrichting bepaalt 475e lid 2 de voet; niet toegepast: " + ", ".join(genegeerd) + "."
        )
    if regels.tekst("bvv.vermindering.ookInrichting") == "JA":
        return verminder(inv, voet, uitleg, verloop)
    if inv.niet_beslagen_inkomen_partner > 0 or inv.niet_beslagen_inkomen_schuldenaar > 0:
        uitleg.stap(
            "bvv.vermindering",
            "475db gold tot 2023 alleen voor de voet van 475da, niet voor die van 475e lid 2: geen vermindering.",
            (bv.RV_475DB_LID_1_A, bv.RV_475E_LID_2),
            {},
            {"toegepast": False},
        )
    return voet


def _geldigheid(inv: BeslagvrijeVoetInvoer, lid_2: bool, regels: RegelsOp, uitleg: Uitleg) -> date | None:
    if lid_2:
        uitleg.stap(
            "bvv.geldigheid",
            "Bij opgave volgens 475dc lid 2 geldt de termijn van twaalf maanden niet (475d lid 7).",
            (bv.RV_475D_LID_7,),
            {"peildatum": inv.peildatum.isoformat()},
            {"geldigTot": None},
        )
        return None
    maanden = regels.geheel("bvv.geldigheidMaanden")
    tot = geldig_tot(inv.peildatum, maanden)
    uitleg.stap(
        "bvv.geldigheid",
        f"Een vaststelling geldt {maanden} maanden: van {inv.peildatum.isoformat()} tot en met {tot.isoformat()} "
        "(475d lid 2), tenzij de omstandigheden eerder structureel wijzigen (475d lid 3).",
        (bv.RV_475D_LID_2,),
        {"peildatum": inv.peildatum.isoformat(), "maanden": maanden},
        {"geldigTot": tot.isoformat()},
    )
    return tot


def _onzeker(regels: RegelsOp, uitleg: Uitleg, signalen: bool) -> tuple[str, ...]:
    if signalen:
        for signaal in onzekere_signalen(regels):
            uitleg.signaal(signaal)
    return tuple(
        sorted(
            pid
            for pid, versie in regels.gebruikt.items()
            if versie.status == ONZEKER and (pid.startswith("bvv.") or pid in HERGEBRUIKT)
        )
    )


def bereken_beslagvrije_voet(
    inv: BeslagvrijeVoetInvoer, regels: RegelsOp, uitleg: Uitleg, *, onzeker_signalen: bool = True
) -> BeslagvrijeVoetUitkomst:
    """De beslagvrije voet (Rv 475c-475fa) op ``inv.peildatum``; ``regels`` moet de regels van die datum zijn.

    Raises ``Invoerfout`` bij ongeldige invoer en ``RegelOntbreekt`` als de regeldata de datum niet dekt (vóór 2016 of
    na de laatste versie). ``uitleg`` krijgt de stappen en signalen (ook die over onzekere waarden, tenzij
    ``onzeker_signalen`` onwaar is: dan noemt de aanroeper ze zelf, met ``onzeker`` uit de uitkomst); de stap over
    ``bevestigd``e waarden (``bevestigd_stap``) laat deze functie aan de aanroeper, die hem één keer per berekening zet.
    """
    controleer_invoer(inv)
    if regels.datum != inv.peildatum:
        raise ValueError(f"regels van {regels.datum} bij peildatum {inv.peildatum}")
    verloop = Verloop()
    lid_2 = False
    if regels.tekst("bvv.regime") == OUD_475D:
        maximum, formule, voet = None, OUD_475D, voet_oud(inv, regels, uitleg, verloop)
        tot = None
    else:
        maximum = _maximum(inv, regels, uitleg)
        if inv.inrichting is not None:
            voet, formule = _inrichting(inv, regels, uitleg, verloop), INRICHTING
        else:
            voet, formule = _voet_475da(inv, maximum, regels, uitleg, verloop)
            voet = verminder(inv, voet, uitleg, verloop)
            voet, lid_2 = ondergrens(inv, voet, regels, uitleg, verloop)
        tot = _geldigheid(inv, lid_2, regels, uitleg)
    afloscapaciteit = max(NUL, inv.netto_maandinkomen - voet)
    afrondingsstap(regels, uitleg)
    status = BEOORDELING_VEREIST if verloop.beoordelingen else BEREKEND
    uitleg.stap(
        "bvv.beslagvrijeVoet",
        f"De beslagvrije voet is {euro(voet)} per maand; de afloscapaciteit (netto maandinkomen "
        f"{euro(inv.netto_maandinkomen)} min de voet, niet minder dan nul) is {euro(afloscapaciteit)}."
        + (
            " Niet berekend (beoordeling vereist): "
            + "; ".join(f"{b.deel} ({b.bron.kort()})" for b in verloop.beoordelingen)
            + "."
            if verloop.beoordelingen
            else ""
        ),
        tuple(dict.fromkeys(d.bron for d in verloop.delen)),
        {"nettoMaandinkomen": f"{inv.netto_maandinkomen:.2f}"},
        {
            "beslagvrijeVoet": f"{voet:.2f}",
            "afloscapaciteit": f"{afloscapaciteit:.2f}",
            "status": status,
            "formule": formule,
        },
    )
    onzeker = _onzeker(regels, uitleg, onzeker_signalen)
    return BeslagvrijeVoetUitkomst(
        beslagvrije_voet=voet,
        maximum=maximum,
        afloscapaciteit=afloscapaciteit,
        geldig_tot=tot,
        formule=formule,
        status=status,
        delen=tuple(verloop.delen),
        beoordeling_vereist=tuple(verloop.beoordelingen),
        onzeker=onzeker,
        stappen=list(uitleg.stappen),
        signalen=list(uitleg.signalen),
    )
