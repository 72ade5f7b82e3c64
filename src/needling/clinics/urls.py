from django.urls import path

from needling.audit import views as audit_views
from needling.clinics import views

app_name = "settings"
urlpatterns = [
    path("", views.settings_index, name="index"),
    path("audit/", audit_views.audit_log, name="audit"),
    path("staff/new/", views.staff_add, name="staff_add"),
    path("staff/<int:member_id>/", views.staff_change, name="staff_change"),
]
