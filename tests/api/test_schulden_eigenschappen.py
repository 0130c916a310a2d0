"""Eigenschappen van de vertaling van verzoek naar domein voor de beslagvrije voet en het betaalvoorstel: elk
schema-geldig verzoek geeft een resultaat of een Invoerfout (een 400), nooit een andere fout (een 500)."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.api.berekeningen import beslagvrije_voet as bvv
from app.api.berekeningen import betaalvoorstel as bv
from app.domain.beleid import Beleidslijn
from app.domain.fouten import Invoerfout
from app.regels import standaard

REGELS = standaard()
LIJN = Beleidslijn(None)
bedrag = st.decimals(min_value=0, max_value=200000, places=2).map(lambda d: f"{d:.2f}")
datum = st.dates(min_value=date(2012, 1, 1), max_value=date(2027, 12, 31)).map(date.isoformat)


def optioneel(strategie):
    return st.none() | strategie


@st.composite
def voetverzoek(draw) -> dict:
    body = {
        "peildatum": draw(datum),
        "leefsituatie": draw(st.sampled_from([s.value for s in bvv.Leefsituatie])),
        "belastbaarJaarinkomen": draw(bedrag),
        "nettoMaandinkomen": draw(bedrag),
        "vakantiebijslagPerMaand": draw(optioneel(bedrag)),
        "woonadresInNederland": draw(st.booleans()),
        "inzichtGegeven": draw(st.booleans()),
        "vasteVerblijfplaatsBuitenland": draw(st.booleans()),
        "inrichting": draw(optioneel(st.fixed_dictionaries({"prijsZorg": bedrag}, optional={"normPw23Lid1": bedrag}))),
        "nietBeslagenInkomenPartner": draw(optioneel(bedrag)),
        "nietBeslagenInkomenSchuldenaar": draw(optioneel(bedrag)),
        "woonkosten": draw(optioneel(bedrag)),
        "woning": draw(optioneel(st.sampled_from([w.value for w in bvv.Woning]))),
        "bijstand": draw(
            optioneel(st.fixed_dictionaries({}, optional={"bijstandsnorm": bedrag, "inkomenPw32": bedrag}))
        ),
    }
    return {k: v for k, v in body.items() if v is not None}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(voetverzoek())
def test_beslagvrije_voet_geeft_resultaat_of_invoerfout(body):
    verzoek = bvv.Beslagvrijevoetverzoek.model_validate(body)
    try:
        res = bvv.bereken(verzoek, REGELS, date(2026, 12, 7), LIJN)
    except Invoerfout as fout:
        assert fout.problemen
        return
    voet = float(res["beslagvrijeVoet"])
    assert voet >= 0 and float(res["afloscapaciteit"]) == max(0.0, round(float(body["nettoMaandinkomen"]) - voet, 2))


vordering = st.fixed_dictionaries(
    {"soort": st.sampled_from(["BOETE", "TERUGVORDERING_FRAUDE", "TERUGVORDERING_OVERIG"]), "bedrag": bedrag},
    optional={
        "restant": bedrag,
        "opgelegdOp": datum,
        "verwijtbaarheid": st.sampled_from(["OPZET", "GROVE_SCHULD", "NORMAAL", "VERMINDERD", "GEEN"]),
        "boeteOpgelegd": st.booleans(),
        "aangifteGedaan": st.booleans(),
        "ontstaansdatum": datum,
        "schuldtype": st.sampled_from(["OPENSTAAND", "OVERGEDRAGEN", "ONBEKEND"]),
        "herhalingen": st.lists(datum, max_size=3),
    },
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.fixed_dictionaries(
        {
            "typeSchuldregeling": st.sampled_from(["SK", "SB", "SA"]),
            "aangebodenPercentage": st.decimals(min_value=0, max_value=100, places=2).map(str),
            "looptijdMaanden": st.integers(min_value=0, max_value=120),
            "ontvangenOp": datum,
        },
        optional={"preferentPercentage": st.decimals(min_value=0, max_value=100, places=2).map(str)},
    ),
    st.lists(vordering, min_size=1, max_size=4),
)
def test_betaalvoorstel_geeft_antwoord_of_invoerfout(voorstel, vorderingen):
    body = {"betaalvoorstel": voorstel, "vorderingen": [{"id": f"V-{i}", **v} for i, v in enumerate(vorderingen)]}
    verzoek = bv.Betaalvoorstelverzoek.model_validate(body)
    try:
        res = bv.bereken(verzoek, REGELS, date(2026, 12, 7), LIJN)
    except Invoerfout as fout:
        assert fout.problemen
        return
    assert len(res["vorderingen"]) == len(vorderingen)
    assert {v["antwoord"] for v in res["vorderingen"]} <= {"AKKOORD", "NIET_AKKOORD", "BEOORDELING_VEREIST"}
    openstaand = sum(float(v["saldo"]["openstaand"]) for v in res["vorderingen"])
    assert abs(float(res["totaalOpenstaand"]) - openstaand) < 0.005
