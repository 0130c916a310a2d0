"""Van contractmodellen naar domeinobjecten en van domeinuitkomsten naar de JSON van SPEC §4.3."""

from __future__ import annotations

from datetime import date

from app.api.berekeningen import verzoeken as s
from app.api.http.typen import vandaag
from app.domain.beleid import Beleidslaag, stap_als_dict
from app.domain.benadeling import Benadeling, Periode
from app.domain.boete import BezwaarOfBeroep, BoeteInvoer, BoeteUitkomst, Matiging, Sanctie, Zelfcorrectie
from app.domain.geld import NUL
from app.domain.huishouden import Huishouden
from app.domain.kwijtschelding import Betalingshistorie, KwijtscheldingInvoer, Kwijtscheldingsuitkomst, Vordering
from app.domain.schuldregeling import GenoemdeVordering, Schuldregelingsuitkomst
from app.domain.verwijtbaarheid import Grond, Verwijtbaarheid, VerwijtbaarheidInvoer


def geld(waarde) -> str:
    return f"{waarde:.2f}"


def perioden(lijst: list[s.Periode]) -> tuple[Periode, ...]:
    return tuple(Periode(p.van, p.tot, p.ontvangen, p.recht, p.loonheffing or NUL) for p in lijst)


def verwijtbaarheid(v: s.VerwijtbaarheidFeiten) -> VerwijtbaarheidInvoer:
    graad = getattr(v, "graad", None)
    return VerwijtbaarheidInvoer(
        graad=graad.value if graad else None,
        bewijs=tuple(getattr(v, "bewijs", ()) or ()),
        motivering=getattr(v, "motivering", None),
        opzet_bewijs=tuple(v.opzet.bewijs) if v.opzet is not None else None,
        grove_schuld_bewijs=tuple(v.groveSchuld.bewijs) if v.groveSchuld is not None else None,
        verminderingsgronden=tuple(Grond(g.code.value, g.toelichting) for g in v.verminderingsgronden),
        geen_verwijt=v.geenVerwijt.motivering if v.geenVerwijt is not None else None,
        indicaties=tuple(Grond(i.code.value, i.toelichting) for i in v.indicaties),
    )


def huishouden(h: s.Huishouden) -> Huishouden:
    return Huishouden(
        leefvorm=h.leefvorm.value if h.leefvorm else None,
        toepasselijke_norm=h.toepasselijkeNorm,
        op_bijstandsniveau=h.opBijstandsniveau,
        netto_maandinkomen=h.nettoMaandinkomen,
        beslagvrije_voet=h.beslagvrijeVoet,
        vermogen_boven_grens=h.vermogenBovenGrens or NUL,
        leefsituatie=h.leefsituatie.value if h.leefsituatie else None,
        belastbaar_jaarinkomen=h.belastbaarJaarinkomen,
    )


def boete_invoer(v: s.Boeteverzoek, standaarddatum: date | None = None) -> BoeteInvoer:
    return BoeteInvoer(
        begindatum=v.overtreding.begindatum,
        einddatum=v.overtreding.einddatum,
        beschikkingsdatum=v.beschikkingsdatum or standaarddatum or vandaag(),
        verwijtbaarheid=verwijtbaarheid(v.verwijtbaarheid),
        huishouden=huishouden(v.huishouden),
        benadelingsbedrag=v.benadelingsbedrag,
        perioden=perioden(v.perioden) if v.perioden is not None else None,
        eerdere_sancties=tuple(
            Sanctie(e.soort.value, e.datum, e.onherroepelijk, e.zelfdeGedraging, e.gevangenisstraf)
            for e in v.eerdereSancties
        ),
        zelfcorrectie=(
            Zelfcorrectie(
                v.zelfcorrectie.dagenNaVerplichting,
                v.zelfcorrectie.voorConstatering,
                v.zelfcorrectie.inKaderVanToezicht,
            )
            if v.zelfcorrectie is not None
            else None
        ),
        waarschuwing_indien_mogelijk=v.waarschuwingIndienMogelijk,
        dringende_redenen=v.dringendeRedenen.motivering if v.dringendeRedenen is not None else None,
        matigingen=tuple(Matiging(m.grond.value, m.motivering, m.percentage, m.bedrag) for m in v.matigingen),
        afronding=v.afronding.value if v.afronding is not None else None,
        bezwaar_of_beroep=(
            BezwaarOfBeroep(v.bezwaarOfBeroep.boeteOpgelegdOp, v.bezwaarOfBeroep.ingesteldOp)
            if v.bezwaarOfBeroep is not None
            else None
        ),
    )


def vordering(v: s.Vordering | s.GenoemdeVordering) -> Vordering:
    return Vordering(
        soort=v.soort.value,
        bedrag=v.bedrag,
        restant=v.restant,
        opgelegd_op=v.opgelegdOp,
        verwijtbaarheid=v.verwijtbaarheid.value if v.verwijtbaarheid else None,
        boete_opgelegd=v.boeteOpgelegd,
        aangifte_gedaan=v.aangifteGedaan,
    )


def kwijtschelding_invoer(v: s.Kwijtscheldingsverzoek, standaarddatum: date | None = None) -> KwijtscheldingInvoer:
    h = v.betalingshistorie or s.Betalingshistorie()
    return KwijtscheldingInvoer(
        vordering=vordering(v.vordering),
        beschikkingsdatum=v.beschikkingsdatum or standaarddatum or vandaag(),
        betalingshistorie=Betalingshistorie(
            jaren_volledig_betaald=h.jarenVolledigBetaald or NUL,
            achterstand_ingelopen=h.achterstandIngelopen,
            jaren_zonder_betaling=h.jarenZonderBetaling or NUL,
            betaling_aannemelijk=h.betalingAannemelijk,
        ),
        aangeboden_eenmalige_betaling=v.aangebodenEenmaligeBetaling,
        schuldregeling=v.schuldregeling,
        verzoek=v.verzoek,
        herhalingen=tuple(v.herhalingen),
        dringende_redenen=v.dringendeRedenen.motivering if v.dringendeRedenen is not None else None,
        onevenredige_gevolgen=v.onevenredigeGevolgen.motivering if v.onevenredigeGevolgen is not None else None,
    )


def genoemde_vorderingen(lijst: list[s.GenoemdeVordering]) -> tuple[GenoemdeVordering, ...]:
    return tuple(GenoemdeVordering(v.id, vordering(v)) for v in lijst)


def gemeenschappelijk(stappen, signalen, regelversie: str, laag: Beleidslaag | None = None) -> dict:
    """Stappen, regelversie en signalen; met ``laag`` ook het gebruikte beleid (en per stap de beleidsregel)."""
    if laag is None:
        return {
            "stappen": [stap.als_dict() for stap in stappen],
            "regelversie": regelversie,
            "signalen": list(signalen),
        }
    return {
        "stappen": [stap_als_dict(stap, laag) for stap in stappen],
        "regelversie": regelversie,
        "signalen": list(signalen),
        "beleid": laag.als_dict(),
    }


def benadeling_json(
    b: Benadeling, beschikkingsdatum: date, stappen, signalen, regelversie: str, laag: Beleidslaag | None = None
) -> dict:
    return {
        "benadelingsbedrag": geld(b.benadelingsbedrag),
        "terugvorderingNetto": geld(b.terugvordering_netto),
        "terugvorderingBruto": geld(b.terugvordering_bruto),
        "perioden": [
            {
                "van": p.periode.van.isoformat(),
                "tot": p.periode.tot.isoformat(),
                "ontvangen": geld(p.periode.ontvangen),
                "recht": geld(p.periode.recht),
                "loonheffing": geld(p.periode.loonheffing),
                "verschil": geld(p.verschil),
            }
            for p in b.perioden
        ],
        "beschikkingsdatum": beschikkingsdatum.isoformat(),
        **gemeenschappelijk(stappen, signalen, regelversie, laag),
    }


def verwijtbaarheid_json(
    v: Verwijtbaarheid, beschikkingsdatum: date, stappen, signalen, regelversie: str, laag: Beleidslaag | None = None
) -> dict:
    return {
        "graad": v.graad,
        "percentage": v.percentage,
        "draagkrachtMaanden": v.draagkracht_maanden,
        "beschikkingsdatum": beschikkingsdatum.isoformat(),
        **gemeenschappelijk(stappen, signalen, regelversie, laag),
    }


def boete_json(
    u: BoeteUitkomst,
    beschikkingsdatum: date,
    regelversie: str,
    alternatieven=(),
    laag: Beleidslaag | None = None,
    vier_ogen: list[str] | None = None,
) -> dict:
    d = u.draagkracht
    return {
        "uitkomst": u.uitkomst,
        "boete": geld(u.boete),
        "boeteZonderWaarschuwing": geld(u.boete_zonder_waarschuwing)
        if u.boete_zonder_waarschuwing is not None
        else None,
        "verwijtbaarheid": u.graad,
        "boetepercentage": u.boetepercentage,
        "recidive": u.recidive,
        "benadelingsbedrag": geld(u.benadelingsbedrag),
        "grondslag": geld(u.grondslag),
        "boeteVoorDraagkracht": geld(u.boete_voor_draagkracht) if u.boete_voor_draagkracht is not None else None,
        "draagkracht": (
            {"perMaand": geld(d.per_maand), "maanden": d.maanden, "maximum": geld(d.maximum)} if d else None
        ),
        "bepalendeBegrenzing": u.bepalende_begrenzing,
        "waarschuwingMogelijk": u.waarschuwing_mogelijk,
        "toegepasteRegelsDatum": u.toegepaste_regels_datum.isoformat(),
        "beschikkingsdatum": beschikkingsdatum.isoformat(),
        "verrekening": {
            "perMaand": geld(u.verrekening.per_maand) if u.verrekening.per_maand is not None else None,
            "maandenBoete": u.verrekening.maanden_boete,
            "maandenTerugvordering": u.verrekening.maanden_terugvordering,
            **(
                {
                    "zonderBeslagvrijeVoet": {
                        "maanden": z.maanden,
                        "perMaandTenHoogste": geld(z.per_maand_ten_hoogste),
                        "maandenBoete": z.maanden_boete,
                    }
                }
                if (z := u.verrekening.zonder_voet) is not None
                else {}
            ),
        },
        **(
            {
                "beoordelingVereist": {
                    "reden": bv.reden,
                    "bron": [b.als_dict() for b in bv.bron],
                    "lagerDan": geld(bv.lager_dan),
                }
            }
            if (bv := u.beoordeling_vereist) is not None
            else {}
        ),
        "alternatieven": [
            {
                "graad": a.graad,
                "recidive": a.recidive,
                "uitkomst": a.uitkomst,
                "boete": geld(a.boete),
                "omschrijving": a.omschrijving,
                "huidig": a.huidig,
            }
            for a in alternatieven
        ],
        **({"vierOgen": {"vereist": bool(vier_ogen), "redenen": list(vier_ogen)}} if vier_ogen is not None else {}),
        **gemeenschappelijk(u.stappen, u.signalen, regelversie, laag),
    }


def kwijtschelding_json(
    u: Kwijtscheldingsuitkomst, beschikkingsdatum: date, regelversie: str, laag: Beleidslaag | None = None
) -> dict:
    return {
        "routes": [
            {
                "route": r.route,
                "uitkomst": r.uitkomst,
                "onderdeel": r.onderdeel,
                "redenen": list(r.redenen),
                "bron": [b.als_dict() for b in r.bron],
            }
            for r in u.routes
        ],
        "beschikkingsdatum": beschikkingsdatum.isoformat(),
        **gemeenschappelijk(u.stappen, u.signalen, regelversie, laag),
    }


def schuldregeling_json(
    u: Schuldregelingsuitkomst, beschikkingsdatum: date, regelversie: str, laag: Beleidslaag | None = None
) -> dict:
    return {
        "vorderingen": [
            {
                "id": t.id,
                "status": t.status,
                "bedrag": geld(t.bedrag),
                "redenen": list(t.redenen),
                "bron": [b.als_dict() for b in t.bron],
            }
            for t in u.vorderingen
        ],
        "totaalKwijtscheldbaar": geld(u.totaal_kwijtscheldbaar),
        "totaalOpVerzoek": geld(u.totaal_op_verzoek),
        "totaalBlijftStaan": geld(u.totaal_blijft_staan),
        "verrekening": {
            "perMaand": geld(u.per_maand) if u.per_maand is not None else None,
            "maandenNodig": u.maanden_nodig,
        },
        "looptijdMaanden": u.looptijd_maanden,
        "beschikkingsdatum": beschikkingsdatum.isoformat(),
        **gemeenschappelijk(u.stappen, u.signalen, regelversie, laag),
    }
