from django.urls import path

from needling.charting import views

app_name = "charting"
urlpatterns = [
    path("client/<int:client_id>/start/", views.start, name="start"),
    path("<int:session_id>/", views.chart, name="chart"),
    path("<int:session_id>/save/<slug:step>/", views.save_step, name="save_step"),
    path("<int:session_id>/zones/", views.zone_save, name="zone_save"),
    path("<int:session_id>/zones/<int:zone_id>/remove/", views.zone_remove, name="zone_remove"),
    path("<int:session_id>/depth-check/", views.depth_check, name="depth_check"),
    path("<int:session_id>/sign/", views.sign, name="sign"),
    path("<int:session_id>/addenda/", views.addendum, name="addendum"),
    path("<int:session_id>/aftercare.pdf", views.aftercare_pdf, name="aftercare_pdf"),
    path("<int:session_id>/adverse-events/", views.adverse_event_new, name="adverse_event_new"),
    path("<int:session_id>/emergency/", views.emergency_record, name="emergency_record"),
    path(
        "adverse-events/<int:event_id>/resolve/",
        views.adverse_event_resolve,
        name="adverse_event_resolve",
    ),
    path("<int:session_id>/healing-check/", views.healing_check, name="healing_check"),
]
