from django.urls import path

from needling.intake import views

app_name = "intake"
urlpatterns = [
    path("<int:client_id>/", views.intake_form, name="form"),
    path("<int:client_id>/follow-ups/", views.intake_followups, name="followups"),
    path("<int:client_id>/answers/", views.intake_answers, name="answers"),
    path("<int:client_id>/rescreen/", views.rescreen, name="rescreen"),
    path("<int:client_id>/decide/", views.decide, name="decide"),
    path("<int:client_id>/override/", views.override, name="override"),
]
