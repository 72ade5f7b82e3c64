# ruff: noqa: E501  (each paragraph of consent text is one line on purpose)
"""The texts every clinic starts with. Owners publish their own versions under Settings → Consent.

The treatment text describes the risks named in docs/domain/microneedling.md:
§1.4 (redness and downtime: "like a moderate sunburn", usually settling within 24 hours to
3 days, bruising and scabbing within 7–10 days), §8.2 (adverse events: post-inflammatory
hyperpigmentation, more often in darker skin types; tram-track scarring; acne flare and milia;
infection; granulomas from topicals not made for use in the skin; the FDA's risk list), §6.1
(topical anaesthetic toxicity), §6.2 (cold sore reactivation), §7 (contraindications the client must
declare) and §8.1 (aftercare). Numbers are kept out of the wording on purpose: the rates vary
between studies and the clinic's practitioner explains them.
"""

from __future__ import annotations

from needling.consent.models import Kind

TREATMENT_TITLE = "Consent to microneedling treatment"
TREATMENT_BODY = """\
Microneedling (collagen induction therapy) uses fine sterile needles to make many tiny channels in the skin. The skin's healing response is what improves scars, lines and texture. Results build up over several sessions and over months after the course.

What to expect after each session: the treated skin is red and flushed, like a moderate sunburn, and may feel tight. This usually settles within a day and rarely lasts beyond three days. Pinpoint bleeding, bruising, minor scabbing, dryness and flaking can occur and usually resolve within 7 to 10 days.

Possible risks, which I understand and accept:
- darker patches of skin (post-inflammatory hyperpigmentation), more common in darker skin types;
- lines of marks or scarring ("tram tracks"), rare;
- a flare of acne or small white spots (milia);
- infection, and reactivation of cold sores if I have had them before;
- allergic or skin reactions, including rare lumps (granulomas) from products applied to the skin;
- reactions to the numbing cream;
- the result may be less than I hoped for, and more sessions may be needed.

I have declared my full medical history, including pregnancy or breastfeeding, medicines (for example isotretinoin, blood thinners), skin conditions, cold sores, keloid scars, bleeding disorders and allergies, and I will tell the clinic if anything changes before a session.

I will follow the aftercare instructions I am given, including sun protection, and contact the clinic if I notice signs of infection, a cold sore, or dark patches.

I have had the chance to ask questions. I understand that I may withdraw this consent at any time before a session.
"""

PHOTOGRAPHY_TITLE = "Consent to clinical photographs"
PHOTOGRAPHY_BODY = """\
The clinic takes standardised photographs of the treated areas before treatment, during the course and at follow-up visits, to plan treatment and to measure the result.

The photographs are part of my clinical record. They are stored securely, shown only to the clinicians treating me and to me, and are not used for any other purpose without my separate consent.

I may withdraw this consent at any time. Photographs already taken stay in my clinical record; no new photographs will be taken.
"""

MARKETING_TITLE = "Consent to marketing use of photographs and contact"
MARKETING_BODY = """\
I agree that the clinic may use my before-and-after photographs, without my name, in its information for other clients (for example its website or leaflets), and may contact me about its services.

This consent is optional and does not affect my treatment. I may withdraw it at any time; the clinic will then stop new uses and contact as soon as possible.
"""

DEFAULTS: dict[str, tuple[str, str]] = {
    Kind.TREATMENT: (TREATMENT_TITLE, TREATMENT_BODY),
    Kind.PHOTOGRAPHY: (PHOTOGRAPHY_TITLE, PHOTOGRAPHY_BODY),
    Kind.MARKETING: (MARKETING_TITLE, MARKETING_BODY),
}
