"""hvac 0.11.2 against the sys endpoints: HEAD/GET health, enabling and listing secrets engines."""
import os

import hvac
from common import Steps, client

c = client()
mount = os.environ["MOUNT"]
steps = Steps()


def head_health():
    r = c.sys.read_health_status(method="HEAD")
    return {"status": r.status_code, "body": r.text, "content_type": r.headers.get("Content-Type")}


def get_health():
    # With a JSON body hvac's adapter returns the decoded document; the query carries standbyok=False.
    body = c.sys.read_health_status(method="GET", standby_ok=False, active_code=200)
    return {"initialized": body["initialized"], "sealed": body["sealed"], "version": body["version"]}


steps.run("head_health", head_health)
steps.run("get_health", get_health)
steps.run("is_initialized", lambda: c.sys.is_initialized())
steps.run("is_sealed", lambda: c.sys.is_sealed())
steps.run("enable", lambda: c.sys.enable_secrets_engine(backend_type="kv", path=mount, description="hvac test", options={"version": "1"}).status_code)
steps.run("enable_again", lambda: c.sys.enable_secrets_engine(backend_type="kv", path=mount))


def listed():
    mounts = c.sys.list_mounted_secrets_engines()
    entry = mounts["data"][mount + "/"]
    return {"type": entry["type"], "description": entry["description"], "options": entry["options"], "top_level": (mount + "/") in mounts}


steps.run("list_mounts", listed)
steps.run("disable", lambda: c.sys.disable_secrets_engine(path=mount).status_code)
steps.run("bad_token", lambda: hvac.Client(url=os.environ["VAULT_ADDR"], token="hvs.nope").sys.list_mounted_secrets_engines())
steps.emit()
