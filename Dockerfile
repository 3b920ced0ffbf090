# syntax=docker/dockerfile:1
# The production image: `docker build -t dealreg .`, then see compose.yaml for the shape it runs
# in (a one-shot `migrate`, API replicas, workers).

# Build: the project's wheel and the wheels of everything it depends on (no dev extras), so the
# runtime stage installs offline and carries no build tools.
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY src ./src
# Migrations ship inside the wheel (pyproject's force-include), so `dealreg migrate` works there.
COPY alembic ./alembic
# With the `otel` extra: traces are off until OTEL_EXPORTER_OTLP_ENDPOINT is set.
RUN pip wheel --no-cache-dir --wheel-dir /wheels '.[otel]'

FROM python:3.11-slim AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DEALREG_DATA_DIR=/var/lib/dealreg
# A fixed uid, so a volume's owner is the same across rebuilds. The data directory exists, owned
# by that user, before any volume is mounted on it: Docker gives a new named volume the owner of
# the directory it is mounted on, so the API can write the JWT signing key there on first start.
RUN groupadd --system --gid 10001 dealreg \
 && useradd --system --uid 10001 --gid dealreg --home-dir /var/lib/dealreg --shell /usr/sbin/nologin dealreg \
 && install -d -o dealreg -g dealreg -m 0750 /var/lib/dealreg
# The wheels are mounted, not copied: no layer of the image keeps them.
RUN --mount=type=bind,from=build,source=/wheels,target=/wheels \
    pip install --no-cache-dir --no-index --find-links /wheels 'dealreg[otel]'
USER dealreg
WORKDIR /var/lib/dealreg
EXPOSE 8000 9100
# Liveness of the API process (a worker serves no HTTP: compose.yaml turns this off for workers).
# /ready also asks the database, which is the load balancer's question, not the restart's.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=4)"]
ENTRYPOINT ["dealreg"]
CMD ["serve", "--host", "0.0.0.0"]
