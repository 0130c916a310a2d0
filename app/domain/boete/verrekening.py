"""Verrekening van de boete en de terugvordering met de bijstand (Pw 60 lid 4; Awb 4:93 lid 4, boven de beslagvrije
voet), en voor een recidiveboete tot 2017 zonder die voet (Pw 60b). Informatie naast de boete: een gat in de regels
van de verrekening blokkeert de boete nooit (SPEC §1.1a)."""

from __future__ import annotations

from decimal import Decimal

from app.domain import bronnen as b
from app.domain.boete.invoer import BoeteInvoer
from app.domain.boete.uitkomst import BOETE, Verrekening, ZonderVoet
from app.domain.geld import euro, maanden_nodig
from app.domain.huishouden import Huishouden, verrekenruimte
from app.domain.regels import RegelOntbreekt, RegelsOp
from app.domain.uitleg import Uitleg


def verrekenruimte_naast_boete(
    h: Huishouden, norm: Decimal | None, regels: RegelsOp, uitleg: Uitleg
) -> tuple[Decimal | None, Uitleg]:
    """(ruimte per maand, of None als haar regels op de datum ontbreken; de uitleg van die ruimte). De stappen komen
    in een eigen uitleg: in het resultaat staan ze na die van de boete (SPEC §1.1a: een gat blokkeert niets)."""
    verrekenuitleg = Uitleg() if uitleg.actief else uitleg
    verrekenuitleg.citeer_volgens(regels.citeertitels())
    try:
        return verrekenruimte(h, norm, regels, verrekenuitleg), verrekenuitleg
    except RegelOntbreekt as fout:
        uitleg.signaal(f"De verrekening is niet berekend: {fout} De boete zelf hangt daar niet van af.")
        return None, verrekenuitleg


def zonder_voet(
    inv: BoeteInvoer,
    recidive: bool,
    uitkomst: str,
    boete: Decimal,
    norm: Decimal | None,
    per_maand: Decimal,
    regels: RegelsOp,
) -> ZonderVoet | None:
    """Pw 60b lid 1 (tekst 2013-01-01 t/m 2016-12-31): een recidiveboete (18a lid 5) kon het college 'in afwijking
    van artikel 4:93, vierde lid' Awb verrekenen gedurende ten hoogste drie maanden na de dagtekening van de boete,
    dus ook onder de beslagvrije voet: ten hoogste de hele bijstand per maand. Een bevoegdheid (de raad regelde haar
    in een verordening, WWB art. 8 lid 1 onder i): Maatstaf toont het tempo, de gewone verrekening blijft staan."""
    versie = regels.optioneel("verrekening.recidiveZonderVoetMaanden")
    if versie is None or not recidive or uitkomst != BOETE or norm is None or not inv.huishouden.op_bijstandsniveau:
        return None
    maanden = int(versie.getal)
    if boete <= norm * maanden:
        nodig = maanden_nodig(boete, norm)
    else:
        rest = maanden_nodig(boete - norm * maanden, per_maand)
        nodig = None if rest is None else maanden + rest
    return ZonderVoet(maanden, norm, nodig)


def verrekening_stap(v: Verrekening, boete: Decimal, terugvordering: Decimal, uitleg: Uitleg) -> None:
    if v.maanden_terugvordering is None or v.maanden_boete is None:
        zin = "Er is geen ruimte om te verrekenen: de schuld kan in dit tempo niet worden afgelost."
        uitleg.signaal(
            "Er is geen verrekenruimte boven de beslagvrije voet; bespreek een betalingsregeling, "
            "uitstel (Awb 4:94) of kwijtschelding."
        )
    else:
        zin = (
            f"In dit tempo is de boete van {euro(boete)} in {v.maanden_boete} maanden betaald en de terugvordering "
            f"van {euro(terugvordering)} in {v.maanden_terugvordering} maanden."
        )
    uitleg.stap(
        "verrekening.maanden",
        zin,
        (b.PW_60_LID_4, b.AWB_4_93_LID_4),
        {"perMaand": f"{v.per_maand:.2f}", "boete": f"{boete:.2f}", "terugvordering": f"{terugvordering:.2f}"},
        {"maandenBoete": v.maanden_boete, "maandenTerugvordering": v.maanden_terugvordering},
    )
    z = v.zonder_voet
    if z is not None:
        uitleg.stap(
            "verrekening.zonderBeslagvrijeVoet",
            f"Dit is een recidiveboete: het college kon haar gedurende ten hoogste {z.maanden} maanden na de "
            f"dagtekening verrekenen zonder de beslagvrije voet, tot de hele bijstand van {euro(z.per_maand_ten_hoogste)}"
            " per maand (Pw 60b lid 1, tekst tot 2017, in afwijking van Awb 4:93 lid 4; de verordening van de gemeente "
            "regelde hoe). In dat tempo is de boete "
            + (f"in {z.maanden_boete} maanden betaald." if z.maanden_boete is not None else "niet af te lossen."),
            (b.PW_OUD_60B, b.AWB_4_93_LID_4),
            {"boete": f"{boete:.2f}", "maanden": z.maanden, "perMaandTenHoogste": f"{z.per_maand_ten_hoogste:.2f}"},
            {"maandenBoete": z.maanden_boete},
        )
