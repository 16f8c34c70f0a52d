"""How dates, times and numbers are written in each of our languages (FORMAT_MODULE_PATH).

The one home for it: templates use the named formats (`date:"DATE_FORMAT"`,
`date:"DATETIME_FORMAT"`), Python code goes through `accounts.formatting`, and both read
these files before Django's own. Only what differs from Django's locale is set here.
"""
