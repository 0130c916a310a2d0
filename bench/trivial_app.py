"""Het plafond van het framework: een triviaal FastAPI-endpoint, op dezelfde manier geserveerd als Maatstaf."""

from fastapi import FastAPI, Request
from starlette.responses import Response

app = FastAPI()


@app.post("/api/v1/trivial")
async def trivial(request: Request) -> Response:
    await request.body()
    return Response(b'{"ok":true}', status_code=201, media_type="application/json")
