"""E-mail in production goes by Django's SMTP backend; what is ours here is the webhook
that takes bounces reported after sending (webhooks.py)."""
