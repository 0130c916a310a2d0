# Maatstaf — containerimage.
#   docker build -t maatstaf .
#   docker run -p 8000:8000 -e MAATSTAF_JWT_SECRET=... -e MAATSTAF_SLEUTEL=... -e MAATSTAF_CHECKPOINT_SLEUTEL=... maatstaf
#   docker run -p 8000:8000 -e MAATSTAF_JWKS_URL=https://idp/jwks -e MAATSTAF_JWT_AUDIENCE=maatstaf -e MAATSTAF_SLEUTEL=... \
#              -e MAATSTAF_CHECKPOINT_SLEUTEL=... -e DATABASE_URL=postgresql+psycopg://user:pw@db:5432/maatstaf maatstaf
# Zonder MAATSTAF_JWT_SECRET of MAATSTAF_JWKS_URL, zonder MAATSTAF_SLEUTEL of zonder MAATSTAF_CHECKPOINT_SLEUTEL, start
# de service niet (zie README). Zonder DATABASE_URL: SQLite in /srv/maatstaf/data.
ARG PYTHON_IMAGE=python:3.11-slim

# --- builder: de runtime-afhankelijkheden uit requirements.lock (versies en hashes vast), in /opt/venv ---
FROM ${PYTHON_IMAGE} AS builder
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PYTHONDONTWRITEBYTECODE=1
RUN python -m venv /opt/venv
WORKDIR /build
COPY requirements.lock ./
# Het project zelf wordt niet geïnstalleerd: een kopie van `app` in site-packages zou de code in
# /srv/maatstaf overschaduwen. Daarom alleen de vastgelegde afhankelijkheden (make lock maakt ze uit pyproject.toml).
RUN /opt/venv/bin/pip install --no-cache-dir --require-hashes -r requirements.lock

# --- runtime ---
FROM ${PYTHON_IMAGE}
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH
RUN groupadd --system --gid 10001 maatstaf \
 && useradd --system --uid 10001 --gid maatstaf --home-dir /srv/maatstaf --no-create-home \
        --shell /usr/sbin/nologin maatstaf
COPY --from=builder /opt/venv /opt/venv
WORKDIR /srv/maatstaf
COPY alembic.ini ./
COPY migrations ./migrations
COPY app ./app
# Bytecode vooraf (de code is read-only voor de dienstgebruiker); data/ is het enige schrijfbare pad.
RUN python -m compileall -q app migrations \
 && mkdir -p /srv/maatstaf/data \
 && chown maatstaf:maatstaf /srv/maatstaf/data
ENV DATABASE_URL=sqlite:////srv/maatstaf/data/maatstaf.db
# De SQLite-database (en alleen die) leeft in data/: een volume, zodat ze een nieuwe container overleeft. Met
# DATABASE_URL naar PostgreSQL blijft het leeg.
VOLUME ["/srv/maatstaf/data"]
# Numeriek (= maatstaf:maatstaf), zodat Kubernetes runAsNonRoot het kan controleren.
USER 10001:10001
EXPOSE 8000
# python -m app.server gezond: GET /api/v1/health op MAATSTAF_POORT (en MAATSTAF_HOST) van deze container, niet vast 8000.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-m", "app.server", "gezond"]
# python -m app.server: uvicorn op MAATSTAF_HOST:MAATSTAF_POORT (0.0.0.0:8000) met --proxy-headers,
# --http app.server:BegrensdeKop (grenzen aan grootte en duur van kop en body, 431 en 408, en aan het aantal
# verbindingen), logregels in MAATSTAF_LOG_FORMAAT, en één worker per core van de container (MAATSTAF_WORKERS kiest zelf).
CMD ["python", "-m", "app.server"]
