"""Huishouden: toepasselijke bijstandsnorm, draagkracht (CRvB) en verrekenruimte (Awb 4:93 lid 4, Rv 475dc).

Gedeeld door de boete (§3.3) en de schuldregeling (§3.5).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from app.domain import bronnen as b
from app.domain.beslagvrije_voet import BEOORDELING_VEREIST, BeslagvrijeVoetInvoer, bereken_beslagvrije_voet
from app.domain.beslagvrije_voet import bronnen as bv
from app.domain.fouten import Invoerfout, Invoerprobleem
from app.domain.geld import HONDERD, NUL, euro, naar_beneden, percentage_van
from app.domain.regels import RegelOntbreekt, RegelsOp
from app.domain.uitleg import Beleidskeuzes, Uitleg

ALLEENSTAANDE = "ALLEENSTAANDE"
ALLEENSTAANDE_OUDER = "ALLEENSTAANDE_OUDER"
GEHUWDEN = "GEHUWDEN"
NORM_PARAMETER = {
    ALLEENSTAANDE: "norm.alleenstaande",
    ALLEENSTAANDE_OUDER: "norm.alleenstaande",
    GEHUWDEN: "norm.gehuwden",
}
#: Onder de WWB (tot 2015-01-01): de norm van art. 21 onder a of b plus de gemeentelijke toeslag van art. 25.
WWB_NORM_PARAMETER = {ALLEENSTAANDE: "wwb.norm.alleenstaande", ALLEENSTAANDE_OUDER: "wwb.norm.alleenstaandeOuder"}
WWB_TOESLAG = "wwb.toeslag.maximum"


def norm_parameters(leefvorm: str, regels: RegelsOp) -> tuple[str, ...]:
    """De parameters waaruit de norm van ``leefvorm`` op de datum bestaat: onder de WWB (zolang wwb.toeslag.maximum
    geldt) de norm van een alleenstaande (ouder) plus de maximale toeslag, daarna de Participatiewetnorm."""
    if leefvorm in WWB_NORM_PARAMETER and regels.heeft(WWB_TOESLAG):
        return (WWB_NORM_PARAMETER[leefvorm], WWB_TOESLAG)
    return (NORM_PARAMETER[leefvorm],)


def norm_ontbreekt(leefvorm: str, regels: RegelsOp) -> RegelOntbreekt | None:
    """De eerste parameter van de norm die op de datum geen waarde heeft, als fout; None als de norm bekend is."""
    for pid in norm_parameters(leefvorm, regels):
        if not regels.heeft(pid):
            return RegelOntbreekt(regels.data.parameters[pid], regels.datum)
    return None


LEEFVORM_TEKST = {
    ALLEENSTAANDE: "een alleenstaande",
    ALLEENSTAANDE_OUDER: "een alleenstaande ouder",
    GEHUWDEN: "gehuwden",
}


@dataclass(frozen=True, slots=True)
class Huishouden:
    leefvorm: str | None = None
    toepasselijke_norm: Decimal | None = None
    op_bijstandsniveau: bool = True
    netto_maandinkomen: Decimal | None = None
    beslagvrije_voet: Decimal | None = None
    vermogen_boven_grens: Decimal = NUL
    #: Boven bijstandsniveau zonder ``beslagvrije_voet``: de leefsituatie van Rv 475ab en het belastbaar jaarinkomen
    #: (475d lid 1), waaruit Maatstaf de voet zelf berekent (app/domain/beslagvrije_voet/).
    leefsituatie: str | None = None
    belastbaar_jaarinkomen: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Draagkracht:
    per_maand: Decimal
    maanden: int
    vermogen: Decimal
    maximum: Decimal


def controleer_huishouden(h: Huishouden, veld: str = "huishouden") -> None:
    problemen = []
    if h.op_bijstandsniveau:
        if h.leefvorm is None and h.toepasselijke_norm is None:
            problemen.append(
                Invoerprobleem(f"{veld}.leefvorm", "verplicht", "Geef de leefvorm op (of de toepasselijke norm).")
            )
    else:
        problemen += _boven_bijstandsniveau(h, veld)
    if problemen:
        raise Invoerfout(*problemen)


def _boven_bijstandsniveau(h: Huishouden, veld: str) -> list[Invoerprobleem]:
    """Boven bijstandsniveau: het netto maandinkomen, en de beslagvrije voet of wat Maatstaf nodig heeft om haar te
    berekenen (leefsituatie en belastbaar jaarinkomen)."""
    boven = "Verplicht als het inkomen boven bijstandsniveau ligt (opBijstandsniveau is false)"
    problemen = []
    if h.netto_maandinkomen is None:
        problemen.append(Invoerprobleem(f"{veld}.nettoMaandinkomen", "verplicht", boven + "."))
    if h.beslagvrije_voet is not None:
        return problemen
    if h.leefsituatie is None and h.belastbaar_jaarinkomen is None:
        problemen.append(
            Invoerprobleem(
                f"{veld}.beslagvrijeVoet",
                "verplicht",
                boven + ": geef de beslagvrije voet op, of leefsituatie en belastbaarJaarinkomen om haar te laten "
                "berekenen (Rv 475da).",
            )
        )
    for naam, waarde in (("leefsituatie", h.leefsituatie), ("belastbaarJaarinkomen", h.belastbaar_jaarinkomen)):
        if waarde is None and (h.leefsituatie is not None or h.belastbaar_jaarinkomen is not None):
            problemen.append(
                Invoerprobleem(
                    f"{veld}.{naam}",
                    "verplicht",
                    "Nodig om de beslagvrije voet te berekenen (Rv 475da), of geef beslagvrijeVoet op.",
                )
            )
    return problemen


#: Waar de beslagvrije voet van een huishouden vandaan komt (de stap huishouden.beslagvrijeVoet).
OPGEGEVEN = "OPGEGEVEN"
BEREKEND = "BEREKEND"


def met_beslagvrije_voet(h: Huishouden, regels: RegelsOp, uitleg: Uitleg, veld: str = "huishouden") -> Huishouden:
    """Het huishouden met zijn beslagvrije voet: boven bijstandsniveau zonder opgegeven voet berekend uit leefsituatie
    en inkomen (Rv 475c-475fa, op de datum van ``regels``; de stappen komen in ``uitleg``). Een opgegeven voet (van
    een deurwaarder of de gemeente zelf) gaat voor; de uitleg zegt welke is gebruikt. Eén keer per berekening."""
    if h.op_bijstandsniveau:
        return h
    if h.beslagvrije_voet is not None:
        if uitleg.actief:
            uitleg.stap(
                "huishouden.beslagvrijeVoet",
                f"De beslagvrije voet is opgegeven: {euro(h.beslagvrije_voet)} per maand. Maatstaf berekent haar dan "
                "niet zelf.",
                (bv.RV_475DA_LID_1,),
                {"beslagvrijeVoet": f"{h.beslagvrije_voet:.2f}"},
                {"beslagvrijeVoet": f"{h.beslagvrije_voet:.2f}", "herkomst": OPGEGEVEN},
            )
        return h
    voet = _bereken_voet(h, regels, uitleg, veld)
    if uitleg.actief:
        uitleg.stap(
            "huishouden.beslagvrijeVoet",
            f"De draagkracht gaat uit van de berekende beslagvrije voet van {euro(voet)} per maand.",
            (bv.RV_475DA_LID_1,),
            {"leefsituatie": h.leefsituatie, "belastbaarJaarinkomen": f"{h.belastbaar_jaarinkomen:.2f}"},
            {"beslagvrijeVoet": f"{voet:.2f}", "herkomst": BEREKEND},
        )
    return replace(h, beslagvrije_voet=voet)


def _bereken_voet(h: Huishouden, regels: RegelsOp, uitleg: Uitleg, veld: str) -> Decimal:
    assert h.leefsituatie is not None and h.belastbaar_jaarinkomen is not None, "controleer_huishouden"
    assert h.netto_maandinkomen is not None, "controleer_huishouden"
    invoer = BeslagvrijeVoetInvoer(
        peildatum=regels.datum,
        leefsituatie=h.leefsituatie,
        belastbaar_jaarinkomen=h.belastbaar_jaarinkomen,
        netto_maandinkomen=h.netto_maandinkomen,
    )
    try:
        # een eigen zicht op de regels: de onzekere waarden van de voet noemt één signaal hieronder, niet elk een
        # eigen alinea tussen de signalen van de boete (hun afleiding staat in GET /regels en bij de voet zelf)
        uitkomst = bereken_beslagvrije_voet(invoer, regels.data.op(regels.datum), uitleg, onzeker_signalen=False)
    except RegelOntbreekt as fout:
        raise Invoerfout.veld(
            f"{veld}.beslagvrijeVoet", "regels_onbekend", f"{fout} Geef de beslagvrije voet op."
        ) from None
    except Invoerfout as fout:  # de namen van de velden van de beslagvrije voet, als velden van het huishouden
        raise Invoerfout(*(Invoerprobleem(f"{veld}.{p.naam}", p.code, p.reden) for p in fout.problemen)) from None
    if uitkomst.status == BEOORDELING_VEREIST:
        raise Invoerfout.veld(
            f"{veld}.beslagvrijeVoet",
            "niet_te_berekenen",
            "De beslagvrije voet is niet volledig te berekenen ("
            + "; ".join(f"{d.deel}: {d.bron.kort()}" for d in uitkomst.beoordeling_vereist)
            + "). Geef de beslagvrije voet op.",
        )
    if uitkomst.onzeker:
        uitleg.signaal(
            "De berekende beslagvrije voet rust op regelwaarden met status 'onzeker' ("
            + ", ".join(uitkomst.onzeker)
            + "): hun afleiding staat in GET /regels. Laat ze juridisch controleren, of geef de beslagvrije voet op."
        )
    return uitkomst.beslagvrije_voet


def _leefvorm(h: Huishouden) -> str:
    """De leefvorm van een huishouden zonder opgegeven norm (controleer_huishouden eist een van de twee)."""
    assert h.leefvorm is not None, "leefvorm of toepasselijke norm (controleer_huishouden)"
    return h.leefvorm


def _inkomen_en_voet(h: Huishouden) -> tuple[Decimal, Decimal]:
    """Netto maandinkomen en beslagvrije voet boven bijstandsniveau (controleer_huishouden eist beide)."""
    assert h.netto_maandinkomen is not None and h.beslagvrije_voet is not None, "boven bijstandsniveau verplicht"
    return h.netto_maandinkomen, h.beslagvrije_voet


def _norm(norm: Decimal | None) -> Decimal:
    """De norm op bijstandsniveau, of voor de fictieve draagkracht: daar is zij er altijd (norm_voor_draagkracht)."""
    assert norm is not None, "op bijstandsniveau is er een norm"
    return norm


def _wwb_norm_stap(
    h: Huishouden,
    regels: RegelsOp,
    basis: Decimal,
    toeslag: Decimal,
    norm: Decimal,
    parameters: tuple[str, ...],
    uitleg: Uitleg,
) -> None:
    """WWB (tot 2015): de bijstandsnorm is de norm van art. 21 plus de toeslag die het college bij verordening vaststelde
    (art. 5 onder c, 25). Wie de woning met niemand deelt, krijgt de maximale toeslag (art. 30 lid 2 onder a)."""
    leefvorm = _leefvorm(h)
    uitleg.stap(
        "huishouden.norm",
        f"De bijstandsnorm voor {LEEFVORM_TEKST[leefvorm]} op {regels.datum.isoformat()} is de WWB-norm van "
        f"{euro(basis)} plus de maximale gemeentelijke toeslag van {euro(toeslag)}: {euro(norm)} per maand, inclusief "
        "vakantietoeslag. Aangenomen is dat niemand anders in de woning zijn hoofdverblijf had: dan is de toeslag het "
        "maximum.",
        tuple(bron for pid in parameters for bron in regels.bronnen(pid)),
        {"leefvorm": h.leefvorm, "peildatum": regels.datum.isoformat()},
        {"norm": f"{norm:.2f}", "wwbNorm": f"{basis:.2f}", "toeslag": f"{toeslag:.2f}", "toeslagAangenomen": True},
    )
    uitleg.signaal(
        f"Onder de WWB (tot 2015) hing de norm van {LEEFVORM_TEKST[leefvorm]} af van de toeslag die de gemeente bij "
        f"verordening vaststelde (art. 25 WWB). Aangenomen is de maximale toeslag ({euro(toeslag)}), die geldt als niemand "
        "anders in de woning zijn hoofdverblijf had (art. 30 lid 2 onder a WWB). Was de toeslag lager (bijvoorbeeld bij "
        "een medebewoner), geef dan huishouden.toepasselijkeNorm op."
    )


def toepasselijke_norm(h: Huishouden, regels: RegelsOp, uitleg: Uitleg, veld: str = "huishouden") -> Decimal:
    if h.toepasselijke_norm is not None and not uitleg.actief:
        return h.toepasselijke_norm
    if h.toepasselijke_norm is not None:
        uitleg.stap(
            "huishouden.norm",
            f"De toepasselijke bijstandsnorm is opgegeven: {euro(h.toepasselijke_norm)} per maand.",
            (b.PW_21, b.PW_19_LID_3),
            {"toepasselijkeNorm": f"{h.toepasselijke_norm:.2f}"},
            {"norm": f"{h.toepasselijke_norm:.2f}"},
        )
        return h.toepasselijke_norm
    leefvorm = h.leefvorm
    assert leefvorm is not None, "leefvorm of toepasselijke norm (controleer_huishouden)"
    parameters = norm_parameters(leefvorm, regels)
    try:
        delen = [regels.waarde(pid) for pid in parameters]
    except RegelOntbreekt as fout:
        raise Invoerfout.veld(
            f"{veld}.toepasselijkeNorm", "norm_onbekend", f"{fout} Geef de toepasselijke norm op."
        ) from None
    norm = sum(delen, NUL)
    if not uitleg.actief:
        return norm
    if len(parameters) > 1:
        _wwb_norm_stap(h, regels, delen[0], delen[1], norm, parameters, uitleg)
        return norm
    parameter_id = parameters[0]
    uitleg.stap(
        "huishouden.norm",
        f"De bijstandsnorm voor {LEEFVORM_TEKST[leefvorm]} op {regels.datum.isoformat()} is "
        f"{euro(norm)} per maand, inclusief vakantietoeslag.",
        regels.bronnen(parameter_id),
        {"leefvorm": h.leefvorm, "peildatum": regels.datum.isoformat()},
        {"norm": f"{norm:.2f}"},
    )
    return norm


FICTIEF = "draagkracht.fictiefOpBijstandsniveau"


def fictief_geldt(h: Huishouden, regels: RegelsOp) -> bool:
    """Geldt de fictieve draagkracht op bijstandsniveau (CRvB 2017:1116) voor dit huishouden op deze datum?"""
    return not h.op_bijstandsniveau and regels.heeft(FICTIEF) and regels.heeft("draagkracht.percentageVanNorm")


def norm_voor_draagkracht(h: Huishouden, regels: RegelsOp, uitleg: Uitleg) -> Decimal | None:
    """De toepasselijke norm: op bijstandsniveau altijd; daarboven alleen voor de toets aan de fictieve draagkracht
    (en dan alleen als leefvorm of norm bekend is; anders None)."""
    if h.op_bijstandsniveau:
        return toepasselijke_norm(h, regels, uitleg)
    if not fictief_geldt(h, regels) or (h.toepasselijke_norm is None and h.leefvorm is None):
        return None
    if h.toepasselijke_norm is None and h.leefvorm is not None and norm_ontbreekt(h.leefvorm, regels) is not None:
        return None
    return toepasselijke_norm(h, regels, uitleg)


def draagkracht_per_maand(h: Huishouden, norm: Decimal | None, regels: RegelsOp) -> Decimal:
    if h.op_bijstandsniveau:
        assert norm is not None, "op bijstandsniveau is er een norm"
        return percentage_van(norm, regels.waarde("draagkracht.percentageVanNorm"))
    inkomen = inkomen_boven_voet(h)
    if norm is not None and fictief_geldt(h, regels):
        return max(inkomen, percentage_van(norm, regels.waarde("draagkracht.percentageVanNorm")))
    return inkomen


def inkomen_boven_voet(h: Huishouden) -> Decimal:
    inkomen, voet = _inkomen_en_voet(h)
    return max(NUL, inkomen - voet)


def draagkracht(
    h: Huishouden,
    norm: Decimal | None,
    maanden: int,
    vermogen_telt: bool,
    regels: RegelsOp,
    uitleg: Uitleg,
    maanden_uit_beleid: bool = False,
) -> Draagkracht:
    """Draagkrachtmaximum = maanden x draagkracht per maand (naar beneden op centen) + vermogen (SPEC §3.3 stap 9).

    ``maanden_uit_beleid``: de gemeente koos een kortere termijn dan de CRvB (app/domain/beleid/)."""
    per_maand = draagkracht_per_maand(h, norm, regels)
    vermogen = h.vermogen_boven_grens if vermogen_telt else NUL
    uitkomst = Draagkracht(per_maand, maanden, vermogen, per_maand * maanden + vermogen)
    if uitleg.actief:
        beleid: Beleidskeuzes = (("draagkrachtMaanden", None),) if maanden_uit_beleid else ()
        if h.vermogen_boven_grens > 0:  # alleen dan maakt de keuze verschil
            beleid += (("vermogenTeltVoorDraagkracht", None),)
        _draagkracht_stap(h, norm, uitkomst, vermogen_telt, regels, uitleg, beleid)
    return uitkomst


def _draagkracht_stap(
    h: Huishouden,
    norm: Decimal | None,
    d: Draagkracht,
    vermogen_telt: bool,
    regels: RegelsOp,
    uitleg: Uitleg,
    beleid: Beleidskeuzes = (),
) -> None:
    per_maand, maanden = d.per_maand, d.maanden
    invoer: dict[str, object]
    bron: tuple[b.Bron, ...]
    if h.op_bijstandsniveau:
        percentage = regels.waarde("draagkracht.percentageVanNorm")
        zin = (
            f"Op bijstandsniveau is de draagkracht {percentage:f}% van de norm van {euro(_norm(norm))}: "
            f"{euro(per_maand)} per maand"
        )
        bron = regels.bronnen("draagkracht.percentageVanNorm")
        invoer = {"norm": f"{norm:.2f}", "percentage": f"{percentage:f}"}
    else:
        inkomen = inkomen_boven_voet(h)
        netto, voet = _inkomen_en_voet(h)
        invoer = {"nettoMaandinkomen": f"{netto:.2f}", "beslagvrijeVoet": f"{voet:.2f}"}
        if per_maand > inkomen:
            percentage = regels.waarde("draagkracht.percentageVanNorm")
            zin = (
                f"Het netto maandinkomen van {euro(netto)} min de beslagvrije voet van "
                f"{euro(voet)} laat {euro(inkomen)} per maand over, minder dan de draagkracht op "
                f"bijstandsniveau. Dan geldt een fictieve draagkracht van {percentage:f}% van de norm van "
                f"{euro(_norm(norm))}: {euro(per_maand)} per maand"
            )
            bron = (b.CRVB_2017_1116, *regels.bronnen("draagkracht.percentageVanNorm"))
            invoer.update({"norm": f"{norm:.2f}", "percentage": f"{percentage:f}"})
        else:
            zin = (
                f"Boven bijstandsniveau is de draagkracht het netto maandinkomen van {euro(netto)} "
                f"min de beslagvrije voet van {euro(voet)}, niet minder dan nul: "
                f"{euro(per_maand)} per maand"
            )
            bron = (b.CRVB_2016_9, b.RV_475DC_LID_2)
            if norm is not None:
                bron = (*bron, b.CRVB_2017_1116)
    zin += f"; over {maanden} maanden is dat {euro(per_maand * maanden)}"
    if d.vermogen > 0:
        zin += f", plus het vermogen boven de grens van {euro(d.vermogen)}"
        bron = (*bron, b.PW_34)
    elif h.vermogen_boven_grens > 0:
        zin += " (vermogen telt volgens het beleid van de gemeente niet mee)"
    zin += f". Het draagkrachtmaximum is {euro(d.maximum)}."
    invoer.update(
        {"maanden": maanden, "vermogenBovenGrens": f"{h.vermogen_boven_grens:.2f}", "beleidVermogenTelt": vermogen_telt}
    )
    uitleg.stap(
        "boete.draagkracht",
        zin,
        bron,
        invoer,
        {"perMaand": f"{per_maand:.2f}", "maximum": f"{d.maximum:.2f}"},
        beleid,
    )


def verrekenruimte(h: Huishouden, norm: Decimal | None, regels: RegelsOp, uitleg: Uitleg) -> Decimal:
    """Per maand verrekenbaar: norm min de beslagvrije voet (95% van de norm), of inkomen min beslagvrije voet."""
    if h.op_bijstandsniveau:
        voet = regels.waarde("beslagvrijeVoet.percentageVanNorm")
        assert norm is not None, "op bijstandsniveau is er een norm"
        per_maand = naar_beneden(norm * (HONDERD - voet) / HONDERD)
        if not uitleg.actief:
            return per_maand
        uitleg.stap(
            "verrekening.ruimte",
            f"Met de bijstand mag per maand worden verrekend wat boven de beslagvrije voet van {voet:f}% van "
            f"de norm uitkomt: {euro(per_maand)}.",
            (b.AWB_4_93_LID_4, b.RV_475DC_LID_2, b.PW_60_LID_4),
            {"norm": f"{norm:.2f}", "beslagvrijeVoetPercentage": f"{voet:f}"},
            {"perMaand": f"{per_maand:.2f}"},
        )
    else:
        per_maand = inkomen_boven_voet(h)
        if not uitleg.actief:
            return per_maand
        uitleg.stap(
            "verrekening.ruimte",
            f"Per maand kan worden afgelost wat het inkomen boven de beslagvrije voet uitkomt: {euro(per_maand)}.",
            (b.AWB_4_93_LID_4,),
            {"nettoMaandinkomen": f"{h.netto_maandinkomen:.2f}", "beslagvrijeVoet": f"{h.beslagvrije_voet:.2f}"},
            {"perMaand": f"{per_maand:.2f}"},
        )
    return per_maand
