"""The distribution app's URLs: the portal's dispatches, the development outbox, and the
webhooks of delivery reports and bounces."""

from django.urls import path

from distribution.backends.sms_gateway import webhooks as sms_webhooks
from distribution.backends.smtp import webhooks as email_webhooks
from distribution.views import dispatches, gatherings, in_step, lost_link, outbox, plan, rates

app_name = "distribution"
urlpatterns = [
    path("utsending/", dispatches.dispatch_list, name="dispatches"),
    path("utsending/ny/", dispatches.compose, name="compose"),
    path("utsending/ny/oppsummering/", dispatches.summary, name="summary"),
    path("utsending/<int:pk>/", dispatches.dispatch_detail, name="dispatch"),
    path("utsending/<int:pk>/avlys/", dispatches.cancel, name="dispatch_cancel"),
    path("utsending/<int:pk>/endre/", dispatches.reschedule, name="dispatch_reschedule"),
    path("utsending/<int:pk>/test/", dispatches.send_test, name="dispatch_test"),
    path("plan/", plan.plan_page, name="plan"),
    path("samarbeid/", in_step.in_step_page, name="in_step"),
    path("samlinger/", gatherings.gathering_list, name="gatherings"),
    path("samlinger/<int:pk>/", gatherings.gathering_detail, name="gathering"),
    path("lenke/", lost_link.lost_link_page, name="lost_link"),
    path("m/<slug:code>", lost_link.gathering_page, name="gathering_public"),
    path("svarprosent/", rates.response_rates, name="rates"),
    path("svarprosent/<slug:by>/", rates.rates_breakdown, name="rates_breakdown"),
    path("utboks/", outbox.outbox, name="outbox"),
    path("utboks/<int:pk>/rapport/", outbox.simulate_report, name="outbox_report"),
    path("rapport/sms/", sms_webhooks.delivery_report, name="sms_report"),
    path("rapport/e-post/", email_webhooks.bounce, name="email_bounce"),
]
