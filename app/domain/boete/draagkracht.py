"""Stap 9: de boete naar draagkracht (CRvB 11-01-2016, ECLI:NL:CRVB:2016:9, :10, :12): ten hoogste wat de
belanghebbende kan betalen in de termijn die bij de graad van verwijtbaarheid hoort (of de kortere termijn uit het
beleid van de gemeente), met het vermogen boven de grens als het beleid dat laat meetellen. Boven bijstandsniveau met
een inkomen onder de beslagvrije voet geldt een fictieve draagkracht op bijstandsniveau (CRvB 2017:1116). De
berekening zelf staat in app/domain/huishouden.py (gedeeld met de schuldregeling)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from app.domain.fouten import Invoerfout
from app.domain.huishouden import Draagkracht, Huishouden, draagkracht, fictief_geldt, inkomen_boven_voet
from app.domain.regels import RegelsOp
from app.domain.uitleg import Uitleg
from app.domain.verwijtbaarheid import percentage_en_maanden


def toets_fictieve_draagkracht(h: Huishouden, norm: Decimal | None, regels: RegelsOp, uitleg: Uitleg) -> None:
    """Boven bijstandsniveau zonder norm kan de fictieve draagkracht (CRvB 2017:1116) niet worden getoetst."""
    if norm is not None or not fictief_geldt(h, regels):
        return
    if inkomen_boven_voet(h) == 0:
        raise Invoerfout.veld(
            "huishouden.leefvorm",
            "verplicht",
            "Het inkomen ligt niet boven de beslagvrije voet. Dan geldt een fictieve draagkracht op bijstandsniveau "
            "(CRvB, ECLI:NL:CRVB:2017:1116): geef de leefvorm of de toepasselijke norm op.",
        )
    uitleg.signaal(
        "Zonder leefvorm of toepasselijke norm is niet getoetst of de draagkracht onder het bijstandsniveau ligt; "
        "dan geldt een fictieve draagkracht op bijstandsniveau (CRvB, ECLI:NL:CRVB:2017:1116)."
    )


def draagkracht_maximum(
    graad: str, h: Huishouden, norm: Decimal | None, beleid: Mapping[str, Any], regels: RegelsOp, uitleg: Uitleg
) -> Draagkracht:
    """Stap 9: wat de belanghebbende in de termijn bij zijn graad kan betalen (CRvB 2016:9, :10, :12), of in de
    kortere termijn die de gemeente koos (beleid ``draagkrachtMaanden``; nooit een langere)."""
    _, maanden = percentage_en_maanden(graad, regels)
    korter = (beleid.get("draagkrachtMaanden") or {}).get(graad)  # een kortere termijn van de gemeente
    uit_beleid = False
    if korter is not None and int(korter) < maanden:
        maanden, uit_beleid = int(korter), True
    return draagkracht(h, norm, maanden, bool(beleid["vermogenTeltVoorDraagkracht"]), regels, uitleg, uit_beleid)
