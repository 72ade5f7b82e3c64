from django.urls import path

from needling.plans import views

app_name = "plans"
urlpatterns = [
    path("client/<int:client_id>/", views.plan_edit, name="edit"),
    path("client/<int:client_id>/guidance/", views.plan_guidance, name="guidance"),
]
