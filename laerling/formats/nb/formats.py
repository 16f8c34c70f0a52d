# Bokmål: "2. desember 2026", and a time as Språkrådet writes it, "kl. 12.00". Django's own
# nb formats write "12:00" with no "kl."; a date and a time are one phrase here.
TIME_FORMAT = "H.i"
DATETIME_FORMAT = r"j. F Y \k\l. H.i"
SHORT_DATETIME_FORMAT = r"d.m.Y \k\l. H.i"
