from django.urls import path

from needling.consent.views import section, signatures, signing

app_name = "consent"
urlpatterns = [
    path("clients/<int:client_id>/section/", section.client_section, name="section"),
    path("clients/<int:client_id>/sign/<str:kind>/", signing.sign, name="sign"),
    path("signatures/<int:signature_id>/", signatures.signature_detail, name="signature"),
    path("signatures/<int:signature_id>/pdf/", signatures.signature_pdf_download, name="pdf"),
    path("signatures/<int:signature_id>/withdraw/", signatures.withdraw, name="withdraw"),
]
