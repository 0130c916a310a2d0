"""Welk boeteregime op een datum gold: de Fraudewet (2013-2016, zoals de CRvB die matigde) of de wet van 2017.

De regeldata zegt het met de parameter ``boete.regime`` (app/regels/boete.yaml). Waar de uitleg een oude tekst
noemt, komt de einddatum van die tekst ook uit de regeldata (``tekst_tot``).
"""

from __future__ import annotations

from app.domain.regels import RegelsOp
from app.domain.verwijtbaarheid import FRAUDEWET_2013


def fraudewet(regels: RegelsOp) -> bool:
    """Gold op de datum het boeteregime van de Fraudewet (Pw 18a en Boetebesluit, tekst tot 2017)?"""
    return regels.tekst("boete.regime") == FRAUDEWET_2013


def tekst_tot(r: RegelsOp, parameter: str = "boete.regime") -> str:
    """ "tekst tot en met 2016-12-31": waar de uitleg een oude tekst noemt, de einddatum uit de regeldata."""
    tot = r.versie(parameter).geldig_tot
    return f"tekst tot en met {tot.isoformat()}" if tot is not None else "geldende tekst"
