from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "techtalent.web"
    label = "web"
