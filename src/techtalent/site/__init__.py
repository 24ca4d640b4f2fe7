"""The Django project: settings, URL map and the one NinjaAPI all domains attach their routers to."""
