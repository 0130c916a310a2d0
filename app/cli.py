"""De opdracht ``maatstaf``: ``maatstaf token`` maakt een token voor Swagger UI, curl en tests.

Het token wordt ondertekend met MAATSTAF_JWT_SECRET, of in de ontwikkelmodus (MAATSTAF_ONTWIKKELING=1) met het
vaste ontwikkelgeheim. Voor productie geeft een identity provider de tokens uit (RS256, MAATSTAF_JWKS_URL).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from app.api.http.auth import ROLLEN, is_gemeentecode, maak_token
from app.config import Configuratiefout, Instellingen

_DUUR = re.compile(r"^([0-9]+)([smhd]?)$")
_SECONDEN = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def _duur(tekst: str) -> int:
    gevonden = _DUUR.match(tekst.strip())
    if not gevonden:
        raise argparse.ArgumentTypeError("gebruik bijv. 900, 30m, 8h of 1d")
    return int(gevonden.group(1)) * _SECONDEN[gevonden.group(2)]


def _rollen(tekst: str) -> list[str]:
    rollen = [r.strip() for r in tekst.split(",") if r.strip()]
    onbekend = [r for r in rollen if r not in ROLLEN]
    if not rollen or onbekend:
        raise argparse.ArgumentTypeError(f"kies uit {', '.join(ROLLEN)} (komma-gescheiden)")
    return rollen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="maatstaf", description="Hulpopdrachten voor Maatstaf.")
    opdrachten = parser.add_subparsers(dest="opdracht", required=True)
    token = opdrachten.add_parser("token", help="maak een HS256-token (ontwikkeling en tests)")
    token.add_argument("--sub", default="ontwikkelaar", help="wie: persoon of systeem (standaard: ontwikkelaar)")
    token.add_argument("--gemeente", default="0363", help="CBS-gemeentecode, vier cijfers (standaard: 0363)")
    token.add_argument("--rollen", type=_rollen, default=list(ROLLEN), help="komma-gescheiden (standaard: alle)")
    token.add_argument("--team", default=None, help="optioneel: teamcode, bijv. HANDHAVING-NOORD (claim team)")
    token.add_argument("--geldig", type=_duur, default=8 * 3600, help="geldigheid, bijv. 30m of 8h (standaard 8h)")
    regels = opdrachten.add_parser("regels", help="regeldata beheren")
    regelopdrachten = regels.add_subparsers(dest="regelopdracht", required=True)
    controleer = regelopdrachten.add_parser(
        "controleer",
        help="controleer de regeldata aan de bronregel, en zo gegeven een regelmap (MAATSTAF_REGELS_DIR) voordat "
        "die wordt uitgerold",
    )
    controleer.add_argument("map", nargs="?", default=None, help="optioneel: de map met *.yaml-aanvullingen")
    controleer.add_argument(
        "--database",
        default=None,
        help="controleer ook tegen de bewaarde records in deze database (standaard: DATABASE_URL, als gezet)",
    )
    spiegel = opdrachten.add_parser("spiegel", help="de lopende tellingen van het teamoverzicht beheren")
    spiegelopdrachten = spiegel.add_subparsers(dest="spiegelopdracht", required=True)
    hertel = spiegelopdrachten.add_parser(
        "hertel",
        help="leid de tellingen van een gemeente opnieuw af uit haar auditrecords (bijv. na de upgrade naar 0006)",
    )
    hertel.add_argument("gemeente", help="CBS-gemeentecode, vier cijfers")
    hertel.add_argument("--database", default=None, help="standaard: DATABASE_URL")
    audit = opdrachten.add_parser("audit", help="ondertekende checkpoints van de audittrail maken en controleren")
    auditopdrachten = audit.add_subparsers(dest="auditopdracht", required=True)
    auditopdrachten.add_parser("sleutel", help="de publieke sleutel van de checkpoints (MAATSTAF_CHECKPOINT_SLEUTEL)")
    maak = auditopdrachten.add_parser(
        "checkpoint",
        help="onderteken en bewaar nu een checkpoint van elke keten (of de genoemde gemeenten); JSON-regels op stdout",
    )
    maak.add_argument("--gemeente", action="append", default=None, help="alleen deze gemeente (herhaalbaar)")
    maak.add_argument("--database", default=None, help="standaard: DATABASE_URL")
    controleer_cp = auditopdrachten.add_parser(
        "controleer", help="controleer de ketens in de database tegen checkpoints die buiten Maatstaf zijn bewaard"
    )
    controleer_cp.add_argument("bestand", help="JSON-regels van `maatstaf audit checkpoint` of GET /audit/checkpoints")
    controleer_cp.add_argument("--database", default=None, help="standaard: DATABASE_URL")
    controleer_cp.add_argument(
        "--publieke-sleutel",
        action="append",
        default=None,
        help="publieke sleutel (base64) waarmee de checkpoints zijn ondertekend (herhaalbaar, bijv. na een wissel); "
        "standaard die van MAATSTAF_CHECKPOINT_SLEUTEL",
    )
    args = parser.parse_args(argv)
    if args.opdracht == "audit":
        from app.auditcli import audit as audit_opdracht

        return audit_opdracht(args, parser)
    if args.opdracht == "regels":
        return _controleer_regels(args.map, args.database or os.environ.get("DATABASE_URL"))
    if args.opdracht == "spiegel":
        if not is_gemeentecode(args.gemeente):
            parser.error("gemeente: een CBS-gemeentecode van vier cijfers (niet 0000), bijv. 0363")
        return _hertel(args.gemeente, args.database)

    if not is_gemeentecode(args.gemeente):
        parser.error("--gemeente moet een CBS-gemeentecode van vier cijfers zijn (niet 0000), bijv. 0363")
    geheim = Instellingen.uit_omgeving().tokengeheim()
    if geheim is None:
        print(
            "Geen geheim: zet MAATSTAF_JWT_SECRET, of MAATSTAF_ONTWIKKELING=1 voor het ontwikkelgeheim.",
            file=sys.stderr,
        )
        return 2
    if args.team is not None and not re.fullmatch(r"[A-Z0-9][A-Z0-9_-]{0,15}", args.team):
        parser.error("--team moet een korte code zijn: hoofdletters, cijfers, - en _, ten hoogste 16 tekens")
    print(maak_token(args.sub, args.gemeente, args.rollen, geheim, args.geldig, team=args.team))
    return 0


def _controleer_regels(map_: str | None, database_url: str | None) -> int:
    """Exit 0: de regeldata (en de regelmap) voldoet; 1: niet (met de redenen); de samenvatting op stdout."""
    from app.regelbeheer import bronoverzicht, controleer_tegen_opgeslagen, samenvatting
    from app.regels import Regeldatafout, bronregel, lees

    try:
        data = lees(regelmap=Path(map_) if map_ else None)
    except Regeldatafout as fout:
        print(f"AFGEKEURD: {fout}", file=sys.stderr)
        return 1
    print(f"Regeldata{f' met regelmap {map_}' if map_ else ''}: regelversie {data.versie}")
    for regel in bronoverzicht(data):
        print(f"  {regel}")
    bezwaren = bronregel.controleer(data)
    for bezwaar in bezwaren:
        print(f"AFGEKEURD (bronregel): {bezwaar}", file=sys.stderr)
    if bezwaren:
        return 1
    if map_ is None:
        print("GOEDGEKEURD")
        return 0
    for regel in samenvatting(data) or ["(de map voegt niets toe)"]:
        print(f"  {regel}")
    if database_url:
        from app.db import AuditStore, OpslagNietBeschikbaar

        store = AuditStore(database_url)
        try:
            bezwaren = controleer_tegen_opgeslagen(data, store)
        except OpslagNietBeschikbaar as fout:
            print(f"Database niet te lezen: {fout}", file=sys.stderr)
            return 1
        finally:
            store.dispose()
        if bezwaren:
            for zin in bezwaren:
                print(f"AFGEKEURD: {zin}", file=sys.stderr)
            return 1
        print("Geen conflict met bewaarde records.")
    else:
        print("(geen database opgegeven: niet gecontroleerd tegen bewaarde records; gebruik --database)")
    print("GOEDGEKEURD")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


def _hertel(gemeente: str, database_url: str | None) -> int:
    """Exit 0: de tellingen van de gemeente zijn opnieuw afgeleid; 1: de database is niet te bereiken."""
    from app.db import AuditStore, OpslagNietBeschikbaar

    instellingen = Instellingen.uit_omgeving()
    try:
        # de pseudoniemen per medewerker zijn afgeleid van de hoofdsleutel: dezelfde als die van de dienst
        hoofdsleutel = instellingen.hoofdsleutel()
    except Configuratiefout as fout:
        print(str(fout), file=sys.stderr)
        return 2
    store = AuditStore(database_url or instellingen.database_url, hoofdsleutel=hoofdsleutel)
    try:
        spiegelrijen, vergelijking = store.herbouw_tellingen(gemeente)
    except OpslagNietBeschikbaar as fout:
        print(f"Database niet te bereiken: {fout}", file=sys.stderr)
        return 1
    finally:
        store.dispose()
    print(f"Gemeente {gemeente}: {spiegelrijen} rijen spiegeltelling, {vergelijking} rijen vergelijkingstelling.")
    return 0
