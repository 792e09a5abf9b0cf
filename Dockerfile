# Image for compose.yaml (operators; not built by the project's own tooling).
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
RUN apt-get update && apt-get install -y --no-install-recommends gettext libpango-1.0-0 libpangoft2-1.0-0 fontconfig fonts-noto-core && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN python manage.py compile_catalogues
RUN useradd --system --home /app hub && mkdir -p /srv/hub /app/var && chown -R hub /srv/hub /app/var
USER hub
EXPOSE 8000
