"""De opdracht ``maatstaf``: ``maatstaf token`` maakt een token voor Swagger UI, curl en tests.

Het token wordt ondertekend met MAATSTAF_JWT_SECRET, of in de ontwikkelmodus (MAATSTAF_ONTWIKKELING=1) met het
vaste ontwikkelgeheim. Voor productie geeft een identity provider de tokens uit (RS256, MAATSTAF_JWKS_URL).
"""

from __future__ import annotations

import argparse
import re
import sys

from app.api.auth import ROLLEN, maak_token
from app.config import Instellingen

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
    token.add_argument("--geldig", type=_duur, default=8 * 3600, help="geldigheid, bijv. 30m of 8h (standaard 8h)")
    args = parser.parse_args(argv)

    if not re.fullmatch(r"[0-9]{4}", args.gemeente):
        parser.error("--gemeente moet een CBS-gemeentecode van vier cijfers zijn, bijv. 0363")
    geheim = Instellingen.uit_omgeving().tokengeheim()
    if geheim is None:
        print(
            "Geen geheim: zet MAATSTAF_JWT_SECRET, of MAATSTAF_ONTWIKKELING=1 voor het ontwikkelgeheim.",
            file=sys.stderr,
        )
        return 2
    print(maak_token(args.sub, args.gemeente, args.rollen, geheim, args.geldig))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
