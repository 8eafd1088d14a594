"""hvac 0.11.2 KV v1 and v2 on one requests session (keep-alive: LIST, GET, POST and PUT mixed)."""
import os

from common import Steps, client

c = client()
v1 = os.environ["V1_MOUNT"]
v2 = os.environ["V2_MOUNT"]
steps = Steps()

c.sys.enable_secrets_engine(backend_type="kv", path=v1, options={"version": "1"})
c.sys.enable_secrets_engine(backend_type="kv", path=v2, options={"version": "2"})

steps.run("v1_create", lambda: c.secrets.kv.v1.create_or_update_secret(path="app/db", secret={"user": "u", "n": 1}, mount_point=v1).status_code)
steps.run("v1_create_put", lambda: c.secrets.kv.v1.create_or_update_secret(path="app/api", secret={"k": "v"}, method="PUT", mount_point=v1).status_code)
steps.run("v1_read", lambda: c.secrets.kv.v1.read_secret(path="app/db", mount_point=v1)["data"])
steps.run("v1_list_root", lambda: c.secrets.kv.v1.list_secrets(path="", mount_point=v1)["data"])
steps.run("v1_list", lambda: c.secrets.kv.v1.list_secrets(path="app", mount_point=v1)["data"])
steps.run("v1_delete", lambda: c.secrets.kv.v1.delete_secret(path="app/db", mount_point=v1).status_code)
steps.run("v1_read_deleted", lambda: c.secrets.kv.v1.read_secret(path="app/db", mount_point=v1))
steps.run("v1_list_empty", lambda: c.secrets.kv.v1.list_secrets(path="nothing", mount_point=v1))

steps.run("v2_create", lambda: c.secrets.kv.v2.create_or_update_secret(path="svc/one", secret={"a": "1"}, mount_point=v2)["data"]["version"])
steps.run("v2_update", lambda: c.secrets.kv.v2.create_or_update_secret(path="svc/one", secret={"a": "2"}, mount_point=v2)["data"]["version"])
steps.run("v2_create_two", lambda: c.secrets.kv.v2.create_or_update_secret(path="svc/two", secret={"b": "x"}, mount_point=v2)["data"]["version"])
steps.run("v2_read", lambda: c.secrets.kv.v2.read_secret_version(path="svc/one", mount_point=v2)["data"]["data"])
steps.run("v2_read_v1", lambda: c.secrets.kv.v2.read_secret_version(path="svc/one", version=1, mount_point=v2)["data"]["data"])
steps.run("v2_list", lambda: c.secrets.kv.v2.list_secrets(path="svc", mount_point=v2)["data"])
steps.run("v2_list_root", lambda: c.secrets.kv.v2.list_secrets(path="", mount_point=v2)["data"])

c.sys.disable_secrets_engine(path=v1)
c.sys.disable_secrets_engine(path=v2)
steps.emit()
