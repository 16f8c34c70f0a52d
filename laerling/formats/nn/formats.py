# Nynorsk writes dates and times as bokmål does (laerling/formats/nb/formats.py).
TIME_FORMAT = "H.i"
DATETIME_FORMAT = r"j. F Y \k\l. H.i"
SHORT_DATETIME_FORMAT = r"d.m.Y \k\l. H.i"
