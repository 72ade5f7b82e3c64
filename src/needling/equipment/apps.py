from django.apps import AppConfig


class EquipmentConfig(AppConfig):
    name = "needling.equipment"
    label = "equipment"
    verbose_name = "Equipment"
