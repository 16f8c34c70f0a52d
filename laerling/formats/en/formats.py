# English for readers in Norway: day before month ("2 December 2026") and a 24-hour clock
# ("12:00"), not Django's American "Dec. 2, 2026, noon". Dates typed in are read day first
# to match, as in British English.
# Read by Django by name, hence "unused".
from django.conf.locale.en_GB.formats import DATE_INPUT_FORMATS, DATETIME_INPUT_FORMATS  # noqa: F401

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = r"j F Y \a\t H:i"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
