"""gunicorn in production: `gunicorn laerling.wsgi --config gunicorn.conf.py` (docker-compose.yml,
Dockerfile). gunicorn also reads this file by itself when started in this folder."""

bind = "0.0.0.0:8000"
workers = 3
accesslog = "-"
# Every access and error log line with personal-link tokens masked (laerling/log_masking.py).
logger_class = "laerling.log_masking.GunicornLogger"
