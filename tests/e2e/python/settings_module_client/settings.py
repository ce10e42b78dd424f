# Configuration read once from the environment, Django-settings style.
import os

FLEXY_BASE_URL = os.environ.get("FLEXY_BASE_URL", "https://flexy-api.oneclickdz.com/v2")
FLEXY_API_KEY = os.environ.get("FLEXY_API_KEY", "e2e-test-key")
FLEXY_TIMEOUT = 10
