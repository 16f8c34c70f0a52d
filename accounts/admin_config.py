"""Django's admin app on our own site class (accounts.admin_site), named in INSTALLED_APPS.

A module of its own: INSTALLED_APPS loads it before any model exists, and an app
module may declare only one default AppConfig.
"""

from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminConfig(DjangoAdminConfig):
    default_site = "accounts.admin_site.AdminSite"
