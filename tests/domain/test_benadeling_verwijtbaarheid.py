from __future__ import annotations

from datetime import date

import pytest

from app.domain.benadeling import Periode, bereken_benadeling
from app.domain.fouten import Invoerfout
from app.domain.uitleg import Uitleg
from app.domain.verwijtbaarheid import Grond, VerwijtbaarheidInvoer, beoordeel
from tests.domain.conftest import D


def periode(van, tot, ontvangen, recht, loonheffing="0.00"):
    return Periode(date.fromisoformat(van), date.fromisoformat(tot), D(ontvangen), D(recht), D(loonheffing))


def test_benadeling_netto_som_en_bruto_voor_eerdere_jaren():
    perioden = [
        periode("2026-01-01", "2026-01-31", "1401.50", "901.50", "30.00"),  # zelfde jaar: netto
        periode("2025-11-01", "2025-11-30", "1369.06", "869.06", "41.00"),  # eerder jaar: bruto
        periode("2025-12-01", "2025-12-31", "1369.06", "1469.06", "25.00"),  # te weinig: telt niet voor bruto
    ]
    u = bereken_benadeling(perioden, date(2026, 3, 2), True, Uitleg())
    assert [p.verschil for p in u.perioden] == [D("500.00"), D("-100.00"), D("500.00")]  # chronologisch
    assert u.benadelingsbedrag == D("900.00")
    assert u.terugvordering_netto == D("900.00")
    # 2025: 500 te veel (loonheffing 41) en 100 te weinig: netto 400 te veel, dus 41 x 400 / 500 = 32,80 loonheffing
    # (bruteren vanuit het juiste recht op bijstand, ECLI:NL:CRVB:2023:860; issue #17 punt 8)
    assert u.terugvordering_bruto == D("932.80")
    assert bereken_benadeling(perioden, date(2026, 3, 2), False, Uitleg()).terugvordering_bruto == D("900.00")


def test_benadeling_niet_negatief():
    u = bereken_benadeling(
        [periode("2025-01-01", "2025-01-31", "100.00", "300.00", "9.00")], date(2026, 1, 5), True, Uitleg()
    )
    assert (u.benadelingsbedrag, u.terugvordering_bruto) == (D("0.00"), D("0.00"))


@pytest.mark.parametrize(
    ("perioden", "veld"),
    [
        ([periode("2025-02-01", "2025-01-31", "1", "0")], "perioden.0.tot"),
        (
            [periode("2025-01-01", "2025-01-31", "1", "0"), periode("2025-01-31", "2025-02-28", "1", "0")],
            "perioden.1.van",
        ),
    ],
)
def test_perioden_omgekeerd_of_overlappend(perioden, veld):
    with pytest.raises(Invoerfout) as fout:
        bereken_benadeling(perioden, date(2026, 1, 1), True, Uitleg())
    assert fout.value.problemen[0].naam == veld


@pytest.mark.parametrize(
    ("invoer", "graad", "percentage", "maanden"),
    [
        (VerwijtbaarheidInvoer(), "NORMAAL", 50, 12),
        (VerwijtbaarheidInvoer(grove_schuld_bewijs=("3 brieven genegeerd",)), "GROVE_SCHULD", 75, 18),
        (VerwijtbaarheidInvoer(opzet_bewijs=("bekentenis",), grove_schuld_bewijs=("x",)), "OPZET", 100, 24),
        (VerwijtbaarheidInvoer(verminderingsgronden=(Grond("ZELF_GECORRIGEERD", "zelf gemeld"),)), "VERMINDERD", 25, 6),
        (
            VerwijtbaarheidInvoer(
                opzet_bewijs=("bekentenis",),
                verminderingsgronden=(Grond("GEESTELIJKE_TOESTAND", "psychose"),),
                geen_verwijt="Brief nooit ontvangen; adres fout",
            ),
            "GEEN",
            0,
            0,
        ),
    ],
)
def test_verwijtbaarheid_voorrang(regels, invoer, graad, percentage, maanden):
    v = beoordeel(invoer, regels.op(date(2026, 2, 2)), Uitleg())
    assert (v.graad, v.percentage, v.draagkracht_maanden) == (graad, percentage, maanden)


def test_indicaties_worden_signalen_geen_graad(regels):
    uitleg = Uitleg()
    v = beoordeel(
        VerwijtbaarheidInvoer(indicaties=(Grond("VERZWIJGEN_WERKZAAMHEDEN", "werk bij bakker"),)),
        regels.op(date(2026, 2, 2)),
        uitleg,
    )
    assert v.graad == "NORMAAL"
    assert any("2a lid 4 onder b" in s for s in uitleg.signalen)
