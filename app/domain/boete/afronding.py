"""Afronding van de boete: voorgeschreven door het Boetebesluit (art. 2 lid 2, tekst tot 2017: naar boven op € 10),
of anders de keuze van het verzoek of het beleid van de gemeente (SPEC §1.2): naar boven op tientallen, tenzij dat
boven het maximum uitkomt; dan naar beneden."""

from __future__ import annotations

from decimal import Decimal

from app.domain import bronnen as b
from app.domain.boete.invoer import GEEN_AFRONDING, NAAR_BOVEN_OP_TIENTALLEN, BoeteInvoer
from app.domain.geld import euro, naar_beneden_op_tientallen, naar_boven_op_tientallen
from app.domain.regels import Regeldata, RegelsOp
from app.domain.uitleg import Uitleg


def _afgerond(boete: Decimal, afronding: str, plafond: Decimal, regels: RegelsOp) -> tuple[Decimal, bool]:
    """(boete, voorgeschreven). Schrijft de regelgeving een afronding voor (Boetebesluit art. 2 lid 2, tekst tot
    2017: naar boven op EUR 10), dan geldt die, ook boven het draagkrachtmaximum: zo rondde de CRvB af. Anders de
    keuze van het verzoek (SPEC §1.2): naar boven op tientallen, tenzij dat boven het plafond komt; dan naar beneden.
    """
    if regels.tekst("boete.afronding") == NAAR_BOVEN_OP_TIENTALLEN:
        return naar_boven_op_tientallen(boete), True
    if afronding != NAAR_BOVEN_OP_TIENTALLEN:
        return boete, False
    omhoog = naar_boven_op_tientallen(boete)
    return (omhoog if omhoog <= plafond else naar_beneden_op_tientallen(boete)), False


def afronding_van(inv: BoeteInvoer, data: Regeldata) -> tuple[str, str | None]:
    """(afronding, herkomst): die van het verzoek ("VERZOEK"), anders de keuze van het beleid (None)."""
    if inv.afronding is not None:
        return inv.afronding, "VERZOEK"
    return str(data.beleid.get("afronding", GEEN_AFRONDING)), None


def rond_af(
    boete: Decimal, inv: BoeteInvoer, data: Regeldata, plafond: Decimal, regels: RegelsOp, uitleg: Uitleg
) -> Decimal:
    """Stap 11: de afronding die de regelgeving voorschrijft, anders die van het verzoek of het beleid (SPEC §1.2),
    nooit boven ``plafond`` (het laagste van draagkracht en wettelijk maximum) tenzij voorgeschreven."""
    afronding, herkomst = afronding_van(inv, data)
    nieuw, voorgeschreven = _afgerond(boete, afronding, plafond, regels)
    if not uitleg.actief:
        return nieuw
    if voorgeschreven:
        uitleg.stap(
            "boete.afronding",
            f"De boete wordt naar boven afgerond op een veelvoud van € 10, zoals het Boetebesluit toen voorschreef: "
            f"{euro(nieuw)}.",
            (b.BB_OUD_2_LID_2, b.CRVB_2016_12),
            {
                "boete": f"{boete:.2f}",
                "afronding": NAAR_BOVEN_OP_TIENTALLEN,
                "voorgeschreven": True,
                "regelsDatum": regels.datum.isoformat(),
            },
            {"boete": f"{nieuw:.2f}"},
        )
        return nieuw
    if afronding != NAAR_BOVEN_OP_TIENTALLEN:
        return boete
    omhoog = naar_boven_op_tientallen(boete)
    if nieuw == omhoog:
        zin = f"De boete wordt naar boven afgerond op een veelvoud van € 10: {euro(nieuw)}."
    else:
        zin = (
            f"Naar boven afronden ({euro(omhoog)}) zou boven het maximum van {euro(plafond)} uitkomen; de boete "
            f"wordt daarom naar beneden afgerond op een veelvoud van € 10: {euro(nieuw)}."
        )
    uitleg.stap(
        "boete.afronding",
        zin,
        (b.CRVB_2016_9,),
        {"boete": f"{boete:.2f}", "afronding": afronding, "voorgeschreven": False, "maximum": f"{plafond:.2f}"},
        {"boete": f"{nieuw:.2f}"},
        (("afronding", herkomst),),
    )
    return nieuw
