"""hvac 0.11.2 against a server started sealed and uninitialised: initialize, submit the unseal
shares, then use the root token it returned."""
import hvac
from common import Steps, client

c = client()
steps = Steps()
state = {}

steps.run("initialized_before", lambda: c.sys.is_initialized())
steps.run("sealed_before", lambda: c.sys.is_sealed())


def initialize():
    result = c.sys.initialize(secret_shares=3, secret_threshold=2)
    state.update(result)
    return {"keys": len(result["keys"]), "keys_base64": len(result["keys_base64"]), "root_prefix": result["root_token"][:4], "root_len": len(result["root_token"])}


steps.run("initialize", initialize)
steps.run("initialize_again", lambda: c.sys.initialize(secret_shares=1, secret_threshold=1))


def first_share():
    status = c.sys.submit_unseal_key(state["keys"][0])
    return {"sealed": status["sealed"], "progress": status["progress"], "t": status["t"], "n": status["n"]}


def second_share():
    status = c.sys.submit_unseal_key(state["keys_base64"][1])
    return {"sealed": status["sealed"], "progress": status["progress"]}


steps.run("first_share", first_share)
steps.run("second_share", second_share)


def use_root_token():
    root = hvac.Client(url=c.url, token=state["root_token"])
    return sorted(root.sys.list_mounted_secrets_engines()["data"].keys())


steps.run("mounts_with_root_token", use_root_token)
steps.emit()
