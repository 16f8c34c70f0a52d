from django.apps import AppConfig


class SimulatorConfig(AppConfig):
    name = "accounts.simulator"
    label = "simulator"
    verbose_name = "ID-porten/Altinn simulator"
