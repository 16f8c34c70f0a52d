FROM python:3.11-slim-bookworm
RUN apt-get update && apt-get install -y --no-install-recommends \
      nodejs npm gettext libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml constraints.txt ./
RUN pip install --no-cache-dir -c constraints.txt -e .
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN python manage.py compilemessages --ignore node_modules \
    && DEBUG=false SECRET_KEY=build-only ALLOWED_HOSTS=x python manage.py build_respondent_css \
    && DEBUG=false SECRET_KEY=build-only ALLOWED_HOSTS=x python manage.py collectstatic --noinput
USER nobody
