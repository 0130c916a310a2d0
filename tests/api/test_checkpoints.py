"""Ondertekende checkpoints van de auditketen (issue #20, 7): wie in de database kan schrijven, kan een keten inkorten
(het laatste record weg, de kop terug) of herschrijven (een record wijzigen en alle latere hashes opnieuw uitrekenen);
de keten klopt dan weer met zichzelf en /audit/integriteit zei intact. Een checkpoint dat buiten de database is
bewaard, en elk bewaard checkpoint met een geldige handtekening, betrapt beide."""

from __future__ import annotations

import json
import time

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, select, text

from app.cli import main as cli
from app.config import Configuratiefout, Instellingen
from app.db import checkpoint as cp
from app.db.hashing import record_hash
from app.db.models import auditrecord
from app.main import maak_app
from tests.api.conftest import CHECKPOINTSLEUTEL, GEHEIM, SLEUTEL, VOORBEELD, instellingen, kop

BOETE = "/api/v1/boeteberekeningen"
AUDITOR = kop("auditor", rollen=("auditor",))


@pytest.fixture
def api(client_op, database_url):
    return client_op(database_url)


def _boetes(c: TestClient, n: int, gemeente: str = "0363") -> list[str]:
    ids = []
    for _ in range(n):
        r = c.post(BOETE, json=VOORBEELD, headers=kop(gemeente=gemeente))
        assert r.status_code == 201, r.text
        ids.append(r.json()["berekeningId"])
    return ids


def _checkpoint(c: TestClient) -> dict:
    r = c.get("/api/v1/audit/checkpoints", headers=AUDITOR)
    assert r.status_code == 200, r.text
    return r.json()


def _integriteit(c: TestClient, checkpoint: dict | None = None) -> dict:
    params = {"aantal": checkpoint["aantal"], "kop": checkpoint["kop"]} if checkpoint else None
    r = c.get("/api/v1/audit/integriteit", params=params, headers=AUDITOR)
    assert r.status_code == 200, r.text
    return r.json()


def _knoei(url: str, *opdrachten: tuple[str, dict]) -> None:
    """Als een beheerder met volledige rechten: zonder de triggers die wijzigen en verwijderen weigeren."""
    engine = create_engine(url)
    try:
        with engine.begin() as verbinding:
            if verbinding.dialect.name == "postgresql":
                verbinding.execute(text("SET LOCAL session_replication_role = replica"))
            else:
                namen = verbinding.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars()
                for naam in list(namen):
                    verbinding.execute(text(f"DROP TRIGGER {naam}"))
            for sql, parameters in opdrachten:
                verbinding.execute(text(sql), parameters)
    finally:
        engine.dispose()


def _rijen(url: str, keten: str = "0363") -> list:
    engine = create_engine(url)
    try:
        with engine.connect() as verbinding:
            vraag = select(auditrecord).where(auditrecord.c.keten == keten).order_by(auditrecord.c.volgnummer)
            return verbinding.execute(vraag).all()
    finally:
        engine.dispose()


def _kort_in(url: str, zonder_checkpoints: bool = True) -> None:
    """Het laatste record weg en de kop van de keten terug naar het record ervoor."""
    rijen = _rijen(url)
    opdrachten = [
        ("DELETE FROM auditrecord WHERE berekening_id = :id", {"id": rijen[-1].berekening_id}),
        (
            "UPDATE auditketen SET laatste_hash = :h, laatste_volgnummer = :n WHERE keten = '0363'",
            {"h": rijen[-2].hash, "n": rijen[-2].volgnummer},
        ),
    ]
    if zonder_checkpoints:
        opdrachten.append(("DELETE FROM auditcheckpoint", {}))
    _knoei(url, *opdrachten)


def _herschrijf(url: str, plaats: int, zonder_checkpoints: bool = True) -> None:
    """Het resultaat van het record op ``plaats`` (1 = het eerste) gewijzigd en elke hash vanaf daar opnieuw
    uitgerekend, met de kop erbij: de keten klopt weer met zichzelf."""
    rijen = _rijen(url)
    opdrachten = []
    vorige = rijen[plaats - 2].hash if plaats > 1 else "0" * 64
    for i, rij in enumerate(rijen[plaats - 1 :]):
        resultaat = rij.resultaat.replace('"840.84"', '"0.00"') if i == 0 else rij.resultaat
        nieuw = record_hash(
            berekening_id=rij.berekening_id,
            soort=rij.soort,
            tijdstip=rij.tijdstip,
            invoer=rij.invoer,
            resultaat=json.loads(resultaat),
            regelversie=rij.regelversie,
            vorige_hash=vorige,
            sub=rij.sub,
            gemeente=rij.gemeente,
            verwijzing=rij.verwijzing,
            team=rij.team,
        )
        opdrachten.append(
            (
                "UPDATE auditrecord SET resultaat = :r, vorige_hash = :v, hash = :h WHERE berekening_id = :id",
                {"r": resultaat, "v": vorige, "h": nieuw, "id": rij.berekening_id},
            )
        )
        vorige = nieuw
    opdrachten.append(("UPDATE auditketen SET laatste_hash = :h WHERE keten = '0363'", {"h": vorige}))
    if zonder_checkpoints:
        opdrachten.append(("DELETE FROM auditcheckpoint", {}))
    _knoei(url, *opdrachten)


def test_checkpoint_is_ondertekend_met_een_sleutel_buiten_de_database(api, database_url):
    _boetes(api, 3)
    _boetes(api, 2, gemeente="0599")
    antwoord = _checkpoint(api)
    assert antwoord["gemeente"] == "0363" and antwoord["sleutel"]["algoritme"] == "Ed25519"
    publiek = cp.lees_publieke_sleutel(antwoord["sleutel"]["publiekeSleutel"])
    assert cp.publiek_tekst(cp.lees_sleutel(CHECKPOINTSLEUTEL)) == antwoord["sleutel"]["publiekeSleutel"]
    checkpoint = cp.Checkpoint.uit_dict(antwoord["checkpoint"])
    cp.controleer(checkpoint, publiek)
    assert (checkpoint.keten, checkpoint.aantal) == ("0363", 3)  # alleen de eigen keten
    assert checkpoint.kop == _rijen(database_url)[-1].hash
    # niet te vervalsen: een ander aantal of een andere kop past niet bij de handtekening
    for anders in ({"aantal": 2}, {"kop": "0" * 64}):
        with pytest.raises(cp.Checkpointfout):
            cp.controleer(cp.Checkpoint.uit_dict({**antwoord["checkpoint"], **anders}), publiek)
    # de sleutel staat nergens in de database
    engine = create_engine(database_url)
    with engine.connect() as verbinding:
        dump = str(verbinding.execute(text("SELECT * FROM auditcheckpoint")).all())
    engine.dispose()
    assert CHECKPOINTSLEUTEL not in dump and antwoord["checkpoint"]["handtekening"] in dump
    # een tweede keer zonder nieuwe records: hetzelfde checkpoint
    assert _checkpoint(api)["checkpoint"] == antwoord["checkpoint"]
    _boetes(api, 1)
    assert _checkpoint(api)["checkpoint"]["aantal"] == 4
    assert _integriteit(api)["checkpoints"] == {"gecontroleerd": 2, "ongeldig": 0, "langste": 4}


def test_ingekorte_keten_wordt_betrapt(api, database_url):
    """Het laatste record weg, de kop terug en de bewaarde checkpoints weg: de keten klopt met zichzelf (intact, zoals
    vóór issue #20), maar niet met het checkpoint dat de auditor elders bewaarde."""
    _boetes(api, 3)
    bewaard = _checkpoint(api)["checkpoint"]
    _kort_in(database_url)
    zonder = _integriteit(api)
    assert zonder["intact"] is True and zonder["aantal"] == 2  # dit zag /audit/integriteit vroeger ook
    met = _integriteit(api, bewaard)
    assert met["intact"] is False and met["aantal"] == 2
    assert "ingekort" in met["eersteAfwijking"]["reden"] and met["checkpoints"]["langste"] == 3


def test_ingekorte_keten_met_bewaarde_checkpoints_wordt_ook_zonder_kopie_betrapt(api, database_url):
    _boetes(api, 3)
    _checkpoint(api)
    _kort_in(database_url, zonder_checkpoints=False)
    uitkomst = _integriteit(api)
    assert uitkomst["intact"] is False and "ingekort" in uitkomst["eersteAfwijking"]["reden"]
    # en er wordt niets meer ondertekend zolang de keten het laatste checkpoint niet voortzet
    r = api.get("/api/v1/audit/checkpoints", headers=AUDITOR)
    assert r.status_code == 409 and "niet voort" in r.json()["detail"]


def test_herschreven_keten_wordt_betrapt(api, database_url):
    """Een record gewijzigd en elke latere hash opnieuw uitgerekend: elke schakel klopt, maar op de plaats van het
    checkpoint staat een andere hash."""
    ids = _boetes(api, 4)
    bewaard = _checkpoint(api)["checkpoint"]
    _herschrijf(database_url, 2)
    assert _integriteit(api)["intact"] is True  # de keten klopt met zichzelf
    met = _integriteit(api, bewaard)
    assert met["intact"] is False and "herschreven" in met["eersteAfwijking"]["reden"]
    assert met["eersteAfwijking"]["volgnummer"] == 4 and met["eersteAfwijking"]["berekeningId"] == ids[3]


def test_een_vervalst_checkpoint_in_de_database_valt_op(api, database_url):
    _boetes(api, 2)
    echt = _checkpoint(api)["checkpoint"]
    _knoei(
        database_url,
        (
            "INSERT INTO auditcheckpoint (keten, aantal, kop, volgnummer, tijdstip, sleutel_id, handtekening) "
            "VALUES ('0363', 1, :kop, 1, :t, :s, :h)",
            {"kop": "1" * 64, "t": echt["tijdstip"], "s": echt["sleutelId"], "h": echt["handtekening"]},
        ),
    )
    uitkomst = _integriteit(api)
    assert uitkomst["intact"] is False and uitkomst["checkpoints"]["ongeldig"] == 1
    assert "handtekening" in uitkomst["eersteAfwijking"]["reden"]


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE auditcheckpoint SET aantal = 1",
        "DELETE FROM auditcheckpoint",
        "INSERT INTO auditcheckpoint (keten, aantal, kop, volgnummer, tijdstip, sleutel_id, handtekening) SELECT "
        "keten, aantal, kop, volgnummer, tijdstip, sleutel_id, handtekening FROM auditcheckpoint WHERE true "
        "ON CONFLICT (keten, aantal) DO UPDATE SET kop = 'x'",
    ],
)
def test_de_checkpoints_zijn_append_only(api, database_url, sql):
    _boetes(api, 1)
    _checkpoint(api)
    engine = create_engine(database_url)
    try:
        with pytest.raises(Exception, match="append-only"), engine.begin() as verbinding:
            verbinding.execute(text(sql))
        if engine.dialect.name == "sqlite":
            with pytest.raises(Exception, match="append-only"), engine.begin() as verbinding:
                verbinding.execute(text("INSERT OR REPLACE INTO auditcheckpoint SELECT * FROM auditcheckpoint"))
    finally:
        engine.dispose()


def test_maatstaf_audit_maakt_en_controleert_checkpoints(api, database_url, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("MAATSTAF_CHECKPOINT_SLEUTEL", CHECKPOINTSLEUTEL)
    monkeypatch.setenv("DATABASE_URL", database_url)
    _boetes(api, 3)
    _boetes(api, 1, gemeente="0599")
    capsys.readouterr()
    assert cli(["audit", "sleutel"]) == 0
    sleutel = json.loads(capsys.readouterr().out)
    assert sleutel["publiekeSleutel"] == cp.publiek_tekst(cp.lees_sleutel(CHECKPOINTSLEUTEL))
    assert cli(["audit", "checkpoint"]) == 0
    regels = [json.loads(r) for r in capsys.readouterr().out.splitlines()]
    assert {(r["keten"], r["aantal"]) for r in regels} == {("0363", 3), ("0599", 1)}
    elders = tmp_path / "checkpoints.jsonl"
    elders.write_text("\n".join(json.dumps(r) for r in regels) + "\n", encoding="utf-8")
    # ook het antwoord van de API telt als kopie
    (tmp_path / "api.json").write_text(json.dumps(_checkpoint(api)), encoding="utf-8")
    assert cli(["audit", "controleer", str(elders), "--publieke-sleutel", sleutel["publiekeSleutel"]]) == 0
    assert "Keten 0363: intact" in capsys.readouterr().out
    assert cli(["audit", "controleer", str(tmp_path / "api.json")]) == 0

    _kort_in(database_url)
    capsys.readouterr()
    assert cli(["audit", "controleer", str(elders)]) == 1
    uit = capsys.readouterr().out
    assert "Keten 0363: NIET INTACT" in uit and "ingekort" in uit and "Keten 0599: intact" in uit

    # een gewijzigd checkpoint (aantal) of een andere sleutel: de handtekening klopt niet
    vervalst = tmp_path / "vervalst.jsonl"
    vervalst.write_text(json.dumps({**regels[0], "aantal": 1}) + "\n", encoding="utf-8")
    assert cli(["audit", "controleer", str(vervalst)]) == 1
    assert "klopt niet" in capsys.readouterr().err
    ander = cp.publiek_tekst(cp.ontwikkelsleutel())
    assert cli(["audit", "controleer", str(elders), "--publieke-sleutel", ander]) == 1
    assert "onbekende sleutel" in capsys.readouterr().err


def test_checkpoints_op_de_achtergrond(sqlite_url):
    app = maak_app(instellingen(sqlite_url, checkpoint_interval_s=0.05))
    with TestClient(app, headers=kop()) as client:
        _boetes(client, 2)
        store = client.app.state.store
        for _ in range(200):
            if [c.aantal for c in store.checkpoints("0363")][:1] == [2]:
                break
            time.sleep(0.02)
        # het nieuwste eerst; tussen de twee boetes kan de achtergrond al een checkpoint over de eerste hebben gezet
        aantallen = [c.aantal for c in store.checkpoints("0363")]
        assert aantallen in ([2], [2, 1])


def test_interval_uit_de_omgeving(monkeypatch):
    monkeypatch.delenv("MAATSTAF_CHECKPOINT_INTERVAL_S", raising=False)
    assert Instellingen.uit_omgeving().checkpoint_interval_s == 300
    monkeypatch.setenv("MAATSTAF_CHECKPOINT_INTERVAL_S", "0")
    assert Instellingen.uit_omgeving().checkpoint_interval_s == 0
    monkeypatch.setenv("MAATSTAF_CHECKPOINT_INTERVAL_S", "-1")
    with pytest.raises(Configuratiefout, match="MAATSTAF_CHECKPOINT_INTERVAL_S"):
        Instellingen.uit_omgeving()


def test_zonder_sleutel_start_de_service_niet(tmp_path, caplog):
    basis = {"database_url": f"sqlite:///{tmp_path}/a.db", "jwt_secret": GEHEIM, "sleutel": SLEUTEL}
    with (
        pytest.raises(Configuratiefout, match="MAATSTAF_CHECKPOINT_SLEUTEL"),
        TestClient(maak_app(Instellingen(**basis))),
    ):
        pass
    with pytest.raises(Configuratiefout, match="32 bytes"):
        Instellingen(**basis, checkpoint_sleutel="a2Vy").checkpointsleutel()
    # ontwikkelmodus: de vaste ontwikkelsleutel, luid gemeld
    with TestClient(maak_app(Instellingen(**basis, ontwikkelmodus=True))) as c:
        assert cp.sleutel_id(c.app.state.checkpointsleutel) == cp.sleutel_id(cp.ontwikkelsleutel())
    assert any("ontwikkelsleutel" in r.getMessage() and "checkpoints" in r.getMessage() for r in caplog.records)


def test_integriteit_vraagt_aantal_en_kop_samen(api):
    for params in ({"aantal": 3}, {"kop": "a" * 64}, {"aantal": 0, "kop": "a" * 64}, {"aantal": 1, "kop": "xyz"}):
        r = api.get("/api/v1/audit/integriteit", params=params, headers=AUDITOR)
        assert r.status_code == 400, (params, r.text)
