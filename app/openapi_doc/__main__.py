"""``python -m app.openapi_doc``: schrijft ``openapi.yaml``; ``--check`` faalt als het vastgelegde bestand afwijkt."""

from __future__ import annotations

import sys

from app.main import api
from app.openapi_doc import BESTAND, als_yaml


def main(argv: list[str]) -> int:
    tekst = als_yaml(api.openapi())
    if "--check" in argv:
        if not BESTAND.exists() or BESTAND.read_text(encoding="utf-8") != tekst:
            print("openapi.yaml wijkt af van de app: draai `make openapi` en leg het resultaat vast.", file=sys.stderr)
            return 1
        print("openapi.yaml is actueel.")
        return 0
    BESTAND.write_text(tekst, encoding="utf-8")
    print(f"{BESTAND} geschreven.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
