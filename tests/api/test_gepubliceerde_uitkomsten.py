"""Gepubliceerde uitkomsten: uitspraken van de CRvB en rechtbanken, en de wettekst per datum, nagerekend via de API.

Elk geval noemt zijn bron (ECLI of URL, en wat daarvan is gelezen) en de feiten zoals gepubliceerd. Waar de
uitspraak een feit niet noemt (bijv. de precieze overtredingsperiode), is een waarde gekozen die de uitkomst niet
raakt; dat staat bij het geval. De feiten zijn gelezen in de inhoudsindicaties en, voor de normen, in de
geconsolideerde wettekst per datum (wetten.overheid.nl via MinBZK/regelrecht-corpus).

Over de datum: een rechter die de boete zelf vaststelt, rekent met de norm op de dag van zijn uitspraak (de
CRvB in 2016:12: gehuwdennorm per 2016-01-01). Zo'n geval gebruikt die dag als ``beschikkingsdatum``.

Verschillen van enkele centen: SPEC §1.2 rondt de draagkracht per maand naar beneden af op centen en vermenigvuldigt
dan; een percentage van een bedrag gaat naar beneden. Rechters en gemeenten doen dat niet altijd zo (zie
``AFWIJKINGEN`` onderaan); Maatstaf volgt de SPEC, in het voordeel van de belanghebbende, en de test legt het
verschil vast.
"""

from __future__ import annotations

import pytest

BOETE = "/api/v1/boeteberekeningen"
KW = "/api/v1/kwijtscheldingsbeoordelingen"
SR = "/api/v1/schuldregelingstoetsen"


def boete(begin: str, eind: str, beschikking: str, benadeling: str, graad: str, huishouden: dict, **meer) -> dict:
    verwijtbaarheid = {"graad": graad}
    if graad in ("OPZET", "GROVE_SCHULD"):
        verwijtbaarheid["bewijs"] = ["zoals vastgesteld in de uitspraak"]
    return {
        "overtreding": {"begindatum": begin, "einddatum": eind},
        "beschikkingsdatum": beschikking,
        "benadelingsbedrag": benadeling,
        "verwijtbaarheid": verwijtbaarheid,
        "huishouden": huishouden,
        **meer,
    }


ALLEENSTAANDE = {"leefvorm": "ALLEENSTAANDE"}
GEHUWDEN = {"leefvorm": "GEHUWDEN"}

#: (id, bron en vindplaats, verzoek, verwachte boete, verwachte bepalende begrenzing)
BOETES = [
    (
        "crvb-2016-9-opzet",
        "CRvB 11-01-2016, ECLI:NL:CRVB:2016:9, inhoudsindicatie: opzet, 'Boete in beginsel 100% van "
        "benadelingsbedrag ... 24 maal 10% van toepasselijke bijstandsnorm'; EUR 4.626,85 wordt EUR 2.340. Norm "
        "alleenstaande per 2016-01-01 EUR 972,70 (art. 21 onder a). 24 x 97,27 = 2.334,48, naar boven op EUR 10.",
        boete("2013-03-01", "2013-12-31", "2016-01-11", "4626.85", "OPZET", ALLEENSTAANDE),
        "2340.00",
        "DRAAGKRACHT",
    ),
    (
        "crvb-2016-12-grove-schuld",
        "CRvB 11-01-2016, ECLI:NL:CRVB:2016:12 (15/2099 WWB), inhoudsindicatie: 'EUR 6.920 wordt EUR 2.510. Grove "
        "schuld ... 75% ... 18 maal 10% van toepasselijke bijstandsnorm'; r.o. 1.1 norm voor gehuwden. Norm "
        "gehuwden per 2016-01-01 EUR 1.389,57: 18 x 138,95 = 2.501,10, naar boven EUR 2.510.",
        boete("2013-06-01", "2014-05-31", "2016-01-11", "6920.00", "GROVE_SCHULD", GEHUWDEN),
        "2510.00",
        "DRAAGKRACHT",
    ),
    (
        "rb-oost-brabant-2016-normaal",
        "Rb Oost-Brabant 30-06-2016, SHE 16/1246, zoals weergegeven door Schulinck: '12 maanden maal 10% van de "
        "alleenstaande oudernorm, naar boven afgerond op een veelvoud van EUR 10' = EUR 1.160; de rechtbank acht dat "
        "juist. Norm per 2015-07-01 EUR 962,63: 12 x 96,26 = 1.155,12, naar boven EUR 1.160. (Benadelingsbedrag "
        "niet gepubliceerd; elk bedrag boven EUR 2.320 geeft dezelfde uitkomst.)",
        boete("2014-01-01", "2014-12-31", "2015-09-15", "5000.00", "NORMAAL", {"leefvorm": "ALLEENSTAANDE_OUDER"}),
        "1160.00",
        "DRAAGKRACHT",
    ),
    (
        "rb-midden-nederland-2016-geen-categoriemaximum",
        "Rb Midden-Nederland 08-04-2016, ECLI:NL:RBMNE:2016:1979, inhoudsindicatie: grove schuld in plaats van "
        "opzet; de boete van EUR 23.940 (100%) wordt 75%: EUR 17.960. Verzwegen onroerend goed en huurinkomsten: "
        "geen matiging naar draagkracht (hier: vermogen boven de grens). 75% x 23.940 = 17.955, naar boven EUR "
        "17.960. Vóór 2017 gold geen maximum naar geldboetecategorie (Pw 18a lid 1 oud); de derde categorie "
        "(EUR 8.200) zou anders begrenzen.",
        boete(
            "2013-01-01",
            "2014-12-31",
            "2016-04-08",
            "23940.00",
            "GROVE_SCHULD",
            {"leefvorm": "ALLEENSTAANDE", "vermogenBovenGrens": "60000.00"},
        ),
        "17960.00",
        "PERCENTAGE",
    ),
    (
        "rb-zeeland-west-brabant-2025-normaal-5-procent",
        "Rb Zeeland-West-Brabant 02-04-2025, ECLI:NL:RBZWB:2025:1881: boete EUR 729,96, primair besluit 28-08-2023. "
        "Alleenstaandennorm per 2023-07-01 EUR 1.216,62; 5% = 60,83 per maand x 12 = EUR 729,96 (precies SPEC "
        "§1.2: eerst per maand afronden).",
        boete("2022-01-01", "2022-12-31", "2023-08-28", "4000.00", "NORMAAL", ALLEENSTAANDE),
        "729.96",
        "DRAAGKRACHT",
    ),
    (
        "crvb-2023-2291-redelijke-termijn",
        "CRvB 21-11-2023, ECLI:NL:CRVB:2023:2291: de boete wordt EUR 608 in plaats van EUR 640 wegens "
        "overschrijding van de redelijke termijn (5%). Hier een boete van EUR 640 (50% van 1.280, inkomen boven "
        "bijstandsniveau, niet door draagkracht begrensd) met een matiging van 5%.",
        boete(
            "2019-01-01",
            "2019-06-30",
            "2020-03-01",
            "1280.00",
            "NORMAAL",
            {"opBijstandsniveau": False, "nettoMaandinkomen": "2500.00", "beslagvrijeVoet": "1500.00"},
            matigingen=[
                {"grond": "REDELIJKE_TERMIJN", "percentage": 5, "motivering": "Redelijke termijn overschreden"}
            ],
        ),
        "608.00",
        "MATIGING",
    ),
    (
        "wet-2017-lid7-derde-categorie",
        "Boetebesluit art. 2 lid 7 onder a (tekst 2017-01-01): grondslag boven 100/75 x de derde categorie geeft bij "
        "normale verwijtbaarheid 50/75 x de derde categorie. Zo ook Rb Zeeland-West-Brabant 23-06-2021, "
        "ECLI:NL:RBZWB:2021:3177 (benadeling EUR 18.259,76, boete EUR 5.533 = 50/75 x 8.300, door de gemeente op "
        "hele euro's afgerond). Maatstaf rondt niet af: EUR 5.533,33.",
        boete(
            "2018-01-01",
            "2018-12-31",
            "2019-05-02",
            "18259.76",
            "NORMAAL",
            {"opBijstandsniveau": False, "nettoMaandinkomen": "3000.00", "beslagvrijeVoet": "1500.00"},
        ),
        "5533.33",
        "BOETEBESLUIT_2_LID_7",
    ),
    (
        "fraudewet-minimum-150",
        "Boetebesluit art. 2 lid 1 (tekst 2013-01-01): 'met dien verstande dat zij op ten minste EUR 150 wordt "
        "vastgesteld'; Pw 18a lid 1 tweede zin (tekst 2013-01-01). 50% van EUR 200 = EUR 100, verhoogd tot EUR 150.",
        boete("2014-01-01", "2014-03-31", "2014-06-02", "200.00", "NORMAAL", ALLEENSTAANDE),
        "150.00",
        "WETTELIJK_MINIMUM",
    ),
    (
        "fraudewet-minimum-vervallen",
        "Na CRvB 24-11-2014 (ECLI:NL:CRVB:2014:3754) schreef de minister op 16-12-2014 dat de minimumboete vervalt "
        "(bevestigd: Joop/BNNVARA; Stimulansz en RCF, 'Minimumboete is komen te vervallen'). 50% van EUR 200 = EUR 100.",
        boete("2015-01-01", "2015-03-31", "2015-06-01", "200.00", "NORMAAL", ALLEENSTAANDE),
        "100.00",
        "PERCENTAGE",
    ),
    (
        "fraudewet-geen-benadeling-150",
        "Boetebesluit art. 2 lid 3 (tekst 2013-01-01): zonder benadelingsbedrag en zonder waarschuwing 'wordt de "
        "bestuurlijke boete vastgesteld op EUR 150'.",
        boete(
            "2014-01-01", "2014-01-31", "2014-06-01", "0.00", "NORMAAL", ALLEENSTAANDE, waarschuwingIndienMogelijk=False
        ),
        "150.00",
        "PERCENTAGE",
    ),
    (
        "wet-2017-geen-benadeling-150",
        "Boetebesluit art. 2 lid 11 (tekst 2017-01-01): zonder benadelingsbedrag 'wordt als uitgangspunt een "
        "bestuurlijke boete van EUR 150 vastgesteld'.",
        boete(
            "2021-01-01", "2021-01-31", "2021-06-01", "0.00", "NORMAAL", ALLEENSTAANDE, waarschuwingIndienMogelijk=False
        ),
        "150.00",
        "PERCENTAGE",
    ),
    (
        "spec-4-4-2026",
        "SPEC §4.4 (rekenvoorbeeld): alleenstaande, normaal, EUR 8.000, beschikking 2026-02-02: 5% van 1.401,50 = "
        "70,07 x 12 = EUR 840,84.",
        boete("2025-03-01", "2025-10-31", "2026-02-02", "8000.00", "NORMAAL", ALLEENSTAANDE),
        "840.84",
        "DRAAGKRACHT",
    ),
    (
        "wet-2017-recidive-categorie-vijf",
        "Pw 18a lid 1 en 5 (tekst 2017-01-01): bij opzet ten hoogste de vijfde categorie; bij recidive 150% van het "
        "benadelingsbedrag (Boetebesluit art. 2 lid 6). EUR 60.000 x 150% = 90.000 > vijfde categorie (2018: EUR "
        "83.000, Stb. 2017, 433). Vermogen boven de grens: geen draagkrachtbeperking.",
        boete(
            "2018-06-01",
            "2018-12-31",
            "2019-03-01",
            "60000.00",
            "OPZET",
            {"leefvorm": "ALLEENSTAANDE", "vermogenBovenGrens": "200000.00"},
            eerdereSancties=[{"soort": "BOETE", "datum": "2016-05-01"}],
        ),
        "83000.00",
        "WETTELIJK_MAXIMUM",
    ),
]


@pytest.mark.parametrize(("naam", "bron", "verzoek", "boete_", "begrenzing"), BOETES, ids=[b[0] for b in BOETES])
def test_gepubliceerde_boete(client, naam, bron, verzoek, boete_, begrenzing):
    r = client.post(BOETE, json=verzoek)
    assert r.status_code == 201, r.text
    uit = r.json()
    assert (uit["uitkomst"], uit["boete"], uit["bepalendeBegrenzing"]) == ("BOETE", boete_, begrenzing), bron


def test_gepubliceerde_boetes_zijn_genoeg_en_gespreid():
    """Elke graad, draagkracht en niet, de drie tijdvakken (2014-2016, 2017-2020, vanaf 2021)."""
    assert len(BOETES) + len(ROUTES) >= 15
    graden = {b[2]["verwijtbaarheid"]["graad"] for b in BOETES}
    assert graden >= {"OPZET", "GROVE_SCHULD", "NORMAAL"}
    jaren = {int(b[2]["beschikkingsdatum"][:4]) for b in BOETES}
    assert jaren & {2014, 2015, 2016} and jaren & {2017, 2018, 2019, 2020} and {j for j in jaren if j >= 2021}


def test_crvb_2016_12_uitleg_noemt_het_regime_en_de_afronding(client):
    r = client.post(BOETE, json=BOETES[1][2]).json()
    regels = [s["regel"] for s in r["stappen"]]
    assert "boete.regime" in regels and "boete.afronding" in regels
    afronding = next(s for s in r["stappen"] if s["regel"] == "boete.afronding")
    assert afronding["uitkomst"]["boete"] == "2510.00"
    assert {"wet": "Centrale Raad van Beroep", "artikel": "ECLI:NL:CRVB:2016:12"} in afronding["bron"]
    percentage = next(s for s in r["stappen"] if s["regel"] == "boete.percentage")
    assert "ECLI:NL:CRVB:2015:1807" in {b["artikel"] for b in percentage["bron"]}
    # de burger ziet waarom de boete (2.510) boven het draagkrachtmaximum (2.501,10) ligt
    burger = client.get(f"/api/v1/berekeningen/{r['berekeningId']}/uitleg", params={"doelgroep": "burger"}).text
    assert "2.501,10" in burger and "naar boven werd afgerond op een veelvoud van" in burger


#: Gepubliceerde bedragen die Maatstaf met de afronding van SPEC §1.2 op enkele centen anders uitrekent:
#: (id, bron, verzoek, uitkomst van Maatstaf, gepubliceerd bedrag).
AFWIJKINGEN = [
    (
        "crvb-2018-263",
        "CRvB 23-01-2018, ECLI:NL:CRVB:2018:263: EUR 1.190,54 'rekening houdend met de draagkracht' = 12 x 10% x "
        "EUR 992,12 zonder afronding per maand. Maatstaf: 99,21 x 12 = 1.190,52.",
        boete("2016-06-01", "2016-12-31", "2018-01-23", "5000.00", "NORMAAL", ALLEENSTAANDE),
        "1190.52",
        "1190.54",
    ),
    (
        "crvb-2023-916",
        "CRvB 16-05-2023, ECLI:NL:CRVB:2023:916: EUR 1.535,42 wordt EUR 1.381,88 (10% redelijke termijn, "
        "half naar boven). Maatstaf rondt het percentage naar beneden af: 1.381,87.",
        boete(
            "2019-01-01",
            "2019-06-30",
            "2020-03-01",
            "3070.84",
            "NORMAAL",
            {"opBijstandsniveau": False, "nettoMaandinkomen": "3000.00", "beslagvrijeVoet": "1500.00"},
            matigingen=[
                {"grond": "REDELIJKE_TERMIJN", "percentage": 10, "motivering": "Redelijke termijn overschreden"}
            ],
        ),
        "1381.87",
        "1381.88",
    ),
]


@pytest.mark.parametrize(
    ("naam", "bron", "verzoek", "maatstaf", "gepubliceerd"), AFWIJKINGEN, ids=[a[0] for a in AFWIJKINGEN]
)
def test_afwijking_van_enkele_centen_in_het_voordeel_van_de_belanghebbende(
    client, naam, bron, verzoek, maatstaf, gepubliceerd
):
    uit = client.post(BOETE, json=verzoek).json()
    assert uit["boete"] == maatstaf, bron
    assert 0 < float(gepubliceerd) - float(maatstaf) < 0.10


# ---------------------------------------------------------------- routes voor en na hun ingangsdatum

BOETE_VORDERING = {
    "vordering": {
        "soort": "BOETE",
        "bedrag": "640.00",
        "opgelegdOp": "2015-06-01",
        "verwijtbaarheid": "NORMAAL",
    },
    "verzoek": True,
    "schuldregeling": True,
}
OVERIG = {
    "vordering": {"soort": "TERUGVORDERING_OVERIG", "bedrag": "3000.00"},
    "onevenredigeGevolgen": {"motivering": "Invordering leidt tot huisuitzetting van een gezin met kinderen."},
}
FRAUDE_10_JAAR = {
    "vordering": {
        "soort": "TERUGVORDERING_FRAUDE",
        "bedrag": "9000.00",
        "restant": "4000.00",
        "verwijtbaarheid": "NORMAAL",
    },
    "aangebodenEenmaligeBetaling": "2000.00",
}

#: (id, bron, pad, verzoek, beschikkingsdatum, route of vordering-id, verwachte uitkomst, tekst in de redenen)
ROUTES = [
    (
        "18a-lid-13-dag-ervoor",
        "Pw 18a lid 13: ontbreekt in de tekst van 2016-12-08, staat in die van 2017-01-01",
        KW,
        BOETE_VORDERING,
        "2016-12-31",
        "PW_18A_LID_13",
        "NIET_MOGELIJK",
        "bestond op 2016-12-31 nog niet (in werking sinds 2017-01-01)",
    ),
    ("18a-lid-13-dag-zelf", "idem", KW, BOETE_VORDERING, "2017-01-01", "PW_18A_LID_13", "MOGELIJK", "bevoegd"),
    (
        "awb-4-94a-dag-ervoor",
        "Awb 4:94a, ingevoegd met ingang van 2021-04-01 (Stb. 2020, 500)",
        KW,
        OVERIG,
        "2021-03-31",
        "AWB_4_94A",
        "NIET_MOGELIJK",
        "bestond op 2021-03-31 nog niet",
    ),
    ("awb-4-94a-dag-zelf", "idem", KW, OVERIG, "2021-04-01", "AWB_4_94A", "BEOORDELING_VEREIST", "onevenredig"),
    (
        "58-lid-7-dag-ervoor",
        "Pw (WWB) 58 lid 7 onder d: ontbreekt in de tekst van 2012-07-18, staat in die van 2013-01-01 (Fraudewet)",
        KW,
        FRAUDE_10_JAAR,
        "2012-12-31",
        "PW_58_LID_7",
        "NIET_MOGELIJK",
        "bestond op 2012-12-31 nog niet",
    ),
    ("58-lid-7-dag-zelf", "idem", KW, FRAUDE_10_JAAR, "2013-01-01", "PW_58_LID_7", "MOGELIJK", "Onderdeel d"),
]


@pytest.mark.parametrize(
    ("naam", "bron", "pad", "verzoek", "datum", "route", "uitkomst", "tekst"), ROUTES, ids=[r[0] for r in ROUTES]
)
def test_route_voor_en_na_haar_ingangsdatum(client, naam, bron, pad, verzoek, datum, route, uitkomst, tekst):
    r = client.post(pad, json={**verzoek, "beschikkingsdatum": datum})
    assert r.status_code == 201, r.text
    gevonden = {x["route"]: x for x in r.json()["routes"]}[route]
    assert gevonden["uitkomst"] == uitkomst, (bron, gevonden)
    assert tekst in " ".join(gevonden["redenen"]), gevonden["redenen"]


def _schuldregeling(datum: str, graad: str = "NORMAAL") -> dict:
    return {
        "vorderingen": [
            {
                "id": "F-1",
                "soort": "TERUGVORDERING_FRAUDE",
                "bedrag": "5000.00",
                "verwijtbaarheid": graad,
                "boeteOpgelegd": True,
            }
        ],
        "beschikkingsdatum": datum,
    }


@pytest.mark.parametrize(
    ("datum", "status", "tekst"),
    [
        # Pw 60c tekst A (2013-01-01 t/m 2015-12-31): geen medewerking aan een schuldregeling, ook niet volledig
        ("2015-12-31", "ALLEEN_VOLLEDIGE_BETALING", "zelfs elke medewerking"),
        # tekst B (vanaf 2016-01-01): 'voor zover deze medewerking leidt tot ... kwijtschelding'
        ("2016-01-01", "ALLEEN_VOLLEDIGE_BETALING", "volledig betaalt, is wel toegestaan"),
        # tekst B gold tot en met 2021-12-20 ook zonder opzet of grove schuld
        ("2021-12-20", "ALLEEN_VOLLEDIGE_BETALING", "vroeg geen opzet of grove schuld"),
        # tekst C (Verzamelwet SZW 2022, vanaf 2021-12-21): alleen bij opzet of grove schuld
        ("2021-12-21", "KWIJTSCHELDING_MOGELIJK", "Geen opzet of grove schuld"),
    ],
)
def test_pw_60c_door_de_tijd(client, datum, status, tekst):
    """VNG, vraag en antwoord 'bestuurlijke boete en schuldregelingen', en de teksten van Pw 60c per datum."""
    r = client.post(SR, json=_schuldregeling(datum))
    assert r.status_code == 201, r.text
    [v] = r.json()["vorderingen"]
    assert v["status"] == status
    assert tekst in " ".join(v["redenen"])


def test_pw_60c_na_2021_bij_grove_schuld_nog_steeds_geblokkeerd(client):
    [v] = client.post(SR, json=_schuldregeling("2022-06-01", "GROVE_SCHULD")).json()["vorderingen"]
    assert v["status"] == "ALLEEN_VOLLEDIGE_BETALING"


def test_boete_voor_2017_niet_kwijt_te_schelden_in_een_schuldregeling(client):
    body = {
        "vorderingen": [{"id": "B-1", "soort": "BOETE", "bedrag": "640.00", "opgelegdOp": "2015-06-01"}],
        "beschikkingsdatum": "2016-06-01",
    }
    r = client.post(SR, json=body)
    assert r.status_code == 201, r.text  # verwijtbaarheid is vóór 2017 niet nodig: 18a lid 13 bestond niet
    [v] = r.json()["vorderingen"]
    assert v["status"] == "ALLEEN_VOLLEDIGE_BETALING"
    assert "bestond op 2016-06-01 nog niet" in v["redenen"][0]


def test_fraudewet_uitleg_haalt_minimum_en_einddatum_uit_de_regeldata(client):
    """De uitleg noemt geen vaste jaartallen of bedragen: € 150 en 2016-12-31 komen uit boete.minimum en boete.regime."""
    verzoek = next(b[2] for b in BOETES if b[0] == "fraudewet-minimum-150")
    r = client.post(BOETE, json=verzoek).json()
    stappen = {s["regel"]: s for s in r["stappen"]}
    assert "tekst tot en met 2016-12-31" in stappen["boete.regime"]["omschrijving"]
    assert "ten minste € 150,00" in stappen["boete.regime"]["omschrijving"]
    assert stappen["boete.minimum"]["invoer"]["minimum"] == "150.00"
    burger = client.get(f"/api/v1/berekeningen/{r['berekeningId']}/uitleg", params={"doelgroep": "burger"}).text
    assert "altijd ten minste" in burger and "150,00" in burger


def test_regels_op_elke_peildatum_met_regime(client):
    """GET /regels antwoordt voor elke datum sinds 2013-01-01 met het boeteregime; daarvóór zonder regime."""
    for peildatum, code, tot in (
        ("2013-01-01", "FRAUDEWET_2013", "2016-12-31"),
        ("2016-12-31", "FRAUDEWET_2013", "2016-12-31"),
        ("2017-01-01", "BOETEWET_2017", None),
    ):
        regels = client.get("/api/v1/regels", params={"peildatum": peildatum}).json()
        assert (regels["regime"]["code"], regels["regime"]["geldigTot"]) == (code, tot)
        assert regels["regime"]["omschrijving"]
    leeg = client.get("/api/v1/regels", params={"peildatum": "2012-12-31"}).json()
    assert leeg["regime"] is None
    assert all(p["inWerking"] is None for p in leeg["parameters"] if p["id"].startswith(("boete.", "norm.")))
