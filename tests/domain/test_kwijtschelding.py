"""SPEC §3.4 en §3.5: elke route en status, met de grenzen (9/10 jaar, 49,99/50%, 364/365 dagen)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.domain.fouten import Invoerfout
from app.domain.huishouden import Huishouden
from app.domain.kwijtschelding import Betalingshistorie, KwijtscheldingInvoer, Vordering, beoordeel_kwijtschelding
from app.domain.schuldregeling import GenoemdeVordering, toets_schuldregeling
from tests.domain.conftest import D

PEIL = date(2026, 2, 2)


def routes(regels, **kw):
    kw.setdefault("beschikkingsdatum", PEIL)
    u = beoordeel_kwijtschelding(KwijtscheldingInvoer(**kw), regels.op(PEIL))
    return {r.route: r for r in u.routes}, u


BOETE = Vordering("BOETE", D("840.84"), opgelegd_op=date(2024, 5, 1), verwijtbaarheid="NORMAAL")
FRAUDE = Vordering(
    "TERUGVORDERING_FRAUDE",
    D("8000.00"),
    restant=D("6000.00"),
    opgelegd_op=date(2014, 1, 15),
    verwijtbaarheid="NORMAAL",
)


def test_18a_lid_13_mogelijk_met_waarschuwing_lid_14(regels):
    r, u = routes(regels, vordering=BOETE, schuldregeling=True, verzoek=True)
    assert r["PW_18A_LID_13"].uitkomst == "MOGELIJK"
    assert any("lid 14" in s for s in u.signalen)
    assert [x.route for x in u.routes] == ["PW_18A_LID_13", "PW_58_LID_7", "PW_58_LID_8", "AWB_4_94A"]


def test_18a_lid_13_elke_onvervulde_voorwaarde(regels):
    opzet = Vordering("BOETE", D("500"), opgelegd_op=date(2024, 5, 1), verwijtbaarheid="OPZET")
    r, _ = routes(regels, vordering=opzet, herhalingen=(date(2024, 9, 1),))
    route = r["PW_18A_LID_13"]
    assert route.uitkomst == "NIET_MOGELIJK"
    assert len(route.redenen) == 4  # opzet, herhaling, geen verzoek, geen schuldregeling


@pytest.mark.parametrize(("dagen", "mogelijk"), [(364, False), (365, True)])
def test_18a_lid_13_herhaling_364_365_dagen(regels, dagen, mogelijk):
    opgelegd = date(2024, 3, 1)  # geen 29 februari in het jaar erna: 365 dagen later is de verjaardag
    boete = Vordering("BOETE", D("500"), opgelegd_op=opgelegd, verwijtbaarheid="VERMINDERD")
    r, _ = routes(
        regels, vordering=boete, schuldregeling=True, verzoek=True, herhalingen=(opgelegd + timedelta(days=dagen),)
    )
    assert (r["PW_18A_LID_13"].uitkomst == "MOGELIJK") is mogelijk


def test_18a_lid_13_jaar_nog_niet_voorbij(regels):
    boete = Vordering("BOETE", D("500"), opgelegd_op=date(2025, 6, 1), verwijtbaarheid="NORMAAL")
    r, _ = routes(regels, vordering=boete, schuldregeling=True, verzoek=True)
    assert r["PW_18A_LID_13"].uitkomst == "NIET_MOGELIJK"
    assert "2026-06-01" in r["PW_18A_LID_13"].redenen[0]


@pytest.mark.parametrize(("jaren", "uitkomst"), [("9", "NIET_MOGELIJK"), ("9.99", "NIET_MOGELIJK"), ("10", "MOGELIJK")])
def test_58_lid_7_a_tien_jaar_volledig(regels, jaren, uitkomst):
    r, _ = routes(regels, vordering=FRAUDE, betalingshistorie=Betalingshistorie(jaren_volledig_betaald=D(jaren)))
    assert r["PW_58_LID_7"].uitkomst == uitkomst
    if uitkomst == "MOGELIJK":
        assert r["PW_58_LID_7"].onderdeel == "a"


def test_58_lid_7_b_achterstand_ingelopen_na_tien_jaar(regels):
    r, _ = routes(regels, vordering=FRAUDE, betalingshistorie=Betalingshistorie(achterstand_ingelopen=True))
    assert (r["PW_58_LID_7"].uitkomst, r["PW_58_LID_7"].onderdeel) == ("MOGELIJK", "b")
    jong = Vordering("TERUGVORDERING_FRAUDE", D("8000"), opgelegd_op=date(2016, 2, 3), verwijtbaarheid="NORMAAL")
    r, _ = routes(regels, vordering=jong, betalingshistorie=Betalingshistorie(achterstand_ingelopen=True))
    assert r["PW_58_LID_7"].uitkomst == "NIET_MOGELIJK"
    precies = Vordering("TERUGVORDERING_FRAUDE", D("8000"), opgelegd_op=date(2016, 2, 2), verwijtbaarheid="NORMAAL")
    r, _ = routes(regels, vordering=precies, betalingshistorie=Betalingshistorie(achterstand_ingelopen=True))
    assert r["PW_58_LID_7"].uitkomst == "MOGELIJK"


@pytest.mark.parametrize(
    ("jaren", "aannemelijk", "uitkomst"),
    [("10", False, "MOGELIJK"), ("9", False, "NIET_MOGELIJK"), ("10", True, "NIET_MOGELIJK")],
)
def test_58_lid_7_c_geen_betaling(regels, jaren, aannemelijk, uitkomst):
    h = Betalingshistorie(jaren_zonder_betaling=D(jaren), betaling_aannemelijk=aannemelijk)
    r, _ = routes(regels, vordering=FRAUDE, betalingshistorie=h)
    assert r["PW_58_LID_7"].uitkomst == uitkomst


@pytest.mark.parametrize(("aanbod", "uitkomst"), [("2999.40", "NIET_MOGELIJK"), ("3000.00", "MOGELIJK")])
def test_58_lid_7_d_helft_ineens(regels, aanbod, uitkomst):
    # restant 6.000: 2.999,40 = 49,99%, 3.000 = 50%
    r, _ = routes(regels, vordering=FRAUDE, aangeboden_eenmalige_betaling=D(aanbod))
    assert r["PW_58_LID_7"].uitkomst == uitkomst
    if uitkomst == "MOGELIJK":
        assert r["PW_58_LID_7"].onderdeel == "d"


def test_58_lid_7_niet_voor_boete_of_overige_vordering(regels):
    r, _ = routes(regels, vordering=BOETE)
    assert r["PW_58_LID_7"].uitkomst == "NIET_MOGELIJK"
    overig = Vordering("TERUGVORDERING_OVERIG", D("900"))
    r, u = routes(regels, vordering=overig, betalingshistorie=Betalingshistorie(jaren_zonder_betaling=D("5")))
    assert r["PW_58_LID_7"].uitkomst == "NIET_MOGELIJK"
    assert any("beleid" in s for s in u.signalen)


def test_58_lid_8_dringende_redenen(regels):
    r, _ = routes(regels, vordering=FRAUDE)
    assert r["PW_58_LID_8"].uitkomst == "BEOORDELING_VEREIST"
    r, _ = routes(regels, vordering=FRAUDE, dringende_redenen="Terminale ziekte, geen enkel perspectief op inkomen")
    assert r["PW_58_LID_8"].uitkomst == "MOGELIJK"
    r, _ = routes(regels, vordering=BOETE)
    assert r["PW_58_LID_8"].uitkomst == "NIET_MOGELIJK"


def test_4_94a(regels):
    opzet_met_boete = Vordering("TERUGVORDERING_FRAUDE", D("8000"), verwijtbaarheid="OPZET", boete_opgelegd=True)
    r, _ = routes(
        regels, vordering=opzet_met_boete, schuldregeling=True, onevenredige_gevolgen="Dakloosheid dreigt door beslag"
    )
    assert r["AWB_4_94A"].uitkomst == "NIET_MOGELIJK"
    assert "60c" in r["AWB_4_94A"].redenen[0]
    r, _ = routes(regels, vordering=FRAUDE, onevenredige_gevolgen="Dakloosheid dreigt door beslag")
    assert r["AWB_4_94A"].uitkomst == "BEOORDELING_VEREIST"
    r, _ = routes(regels, vordering=FRAUDE)
    assert r["AWB_4_94A"].uitkomst == "NIET_MOGELIJK"
    r, _ = routes(regels, vordering=BOETE)
    assert r["AWB_4_94A"].uitkomst == "BEOORDELING_VEREIST"
    assert "omstreden" in r["AWB_4_94A"].redenen[0]
    r, _ = routes(regels, vordering=BOETE, schuldregeling=True)
    assert r["AWB_4_94A"].uitkomst == "NIET_MOGELIJK"


@pytest.mark.parametrize(
    ("kw", "veld"),
    [
        (
            dict(
                vordering=Vordering(
                    "BOETE", D("100"), restant=D("100.01"), opgelegd_op=date(2024, 1, 1), verwijtbaarheid="NORMAAL"
                )
            ),
            "vordering.restant",
        ),
        (dict(vordering=Vordering("BOETE", D("100"), opgelegd_op=date(2024, 1, 1))), "vordering.verwijtbaarheid"),
        (dict(vordering=Vordering("BOETE", D("100"), verwijtbaarheid="NORMAAL")), "vordering.opgelegdOp"),
        (
            dict(vordering=Vordering("BOETE", D("100"), opgelegd_op=date(2027, 1, 1), verwijtbaarheid="NORMAAL")),
            "vordering.opgelegdOp",
        ),
        (dict(vordering=BOETE, herhalingen=(date(2026, 5, 1),)), "herhalingen.0"),
        (
            dict(vordering=Vordering("TERUGVORDERING_FRAUDE", D("100")), schuldregeling=True),
            "vordering.verwijtbaarheid",
        ),
        (dict(vordering=FRAUDE, aangeboden_eenmalige_betaling=D("6000.01")), "aangebodenEenmaligeBetaling"),
    ],
)
def test_ongeldige_invoer(regels, kw, veld):
    with pytest.raises(Invoerfout) as fout:
        routes(regels, **kw)
    assert veld in [p.naam for p in fout.value.problemen]


def genoemd(id_, soort, bedrag, **kw):
    return GenoemdeVordering(id_, Vordering(soort, D(bedrag), **kw))


def test_schuldregeling_statussen_totalen_en_tempo(regels):
    u = toets_schuldregeling(
        (
            genoemd("fraude-opzet", "TERUGVORDERING_FRAUDE", "20000.00", verwijtbaarheid="OPZET", boete_opgelegd=True),
            genoemd("fraude-grof-zonder-boete", "TERUGVORDERING_FRAUDE", "1000.00", verwijtbaarheid="GROVE_SCHULD"),
            genoemd("boete-normaal", "BOETE", "840.84", verwijtbaarheid="NORMAAL"),
            genoemd("boete-opzet", "BOETE", "2402.40", verwijtbaarheid="OPZET"),
            genoemd("overig", "TERUGVORDERING_OVERIG", "500.00"),
        ),
        Huishouden(leefvorm="GEHUWDEN"),
        36,
        PEIL,
        regels.op(PEIL),
    )
    status = {t.id: t.status for t in u.vorderingen}
    assert status == {
        "fraude-opzet": "ALLEEN_VOLLEDIGE_BETALING",
        "fraude-grof-zonder-boete": "KWIJTSCHELDING_MOGELIJK",
        "boete-normaal": "OP_VERZOEK",
        "boete-opzet": "ALLEEN_VOLLEDIGE_BETALING",
        "overig": "KWIJTSCHELDING_MOGELIJK",
    }
    assert u.totaal_blijft_staan == D("22402.40")
    assert u.totaal_kwijtscheldbaar == D("2340.84")
    assert u.totaal_op_verzoek == D("840.84")
    assert u.per_maand == D("100.10")
    assert u.maanden_nodig == 224  # 22.402,40 / 100,10 = 223,8
    assert any("langer dan de looptijd" in s for s in u.signalen)
    assert any("meer dan 10 jaar" in s for s in u.signalen)


def test_schuldregeling_aangifte_zonder_boete_blokkeert_ook(regels):
    u = toets_schuldregeling(
        (genoemd("a", "TERUGVORDERING_FRAUDE", "100", verwijtbaarheid="GROVE_SCHULD", aangifte_gedaan=True),),
        Huishouden(leefvorm="ALLEENSTAANDE"),
        36,
        PEIL,
        regels.op(PEIL),
    )
    assert u.vorderingen[0].status == "ALLEEN_VOLLEDIGE_BETALING"
    assert u.maanden_nodig == 2 and not u.signalen


def test_schuldregeling_dubbel_id_en_ontbrekende_verwijtbaarheid(regels):
    with pytest.raises(Invoerfout) as fout:
        toets_schuldregeling(
            (genoemd("a", "BOETE", "100"), genoemd("a", "TERUGVORDERING_OVERIG", "100")),
            Huishouden(leefvorm="ALLEENSTAANDE"),
            36,
            PEIL,
            regels.op(PEIL),
        )
    assert {p.naam for p in fout.value.problemen} == {"vorderingen.0.verwijtbaarheid", "vorderingen.1.id"}
