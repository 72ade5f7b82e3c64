from django.urls import path

from needling.intake import settings_views

app_name = "intake_settings"
urlpatterns = [path("", settings_views.questionnaire, name="form")]
