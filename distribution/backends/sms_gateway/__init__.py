"""The SMS gateway in production: LINK Mobility's SMS REST API ("Common Platform"), behind
django-sms. client.py speaks HTTP, backend.py is the django-sms backend, codes.py maps the
gateway's result codes to our failures, webhooks.py takes its delivery reports. Another
gateway (Sveve) would be a sibling folder with the same four modules: the pipeline reads
only `SubmitResult` (backends/results.py) off each message."""
