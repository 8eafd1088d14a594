"""hvac 0.11.2 AppRole methods: the seed's flow (policy, role webapp, role-id, secret-id,
client.auth.approle.login) and the admin methods (role CRUD/LIST, update_role_id, custom and
generated secret ids, their lookups, LIST of accessors, destroys), with errors as hvac exceptions.
Phase "login" runs the flow and leaves the login token in the output; phase "expired" (run by the
test after it advanced the clock) uses that token (LOGIN_TOKEN) again."""
import json
import os

import hvac

from common import Steps, client

c = client()
steps = Steps()
phase = os.environ.get("PHASE", "login")


def pick(res, keys):
    """The named fields of a response's data; a bodiless answer (hvac's Response) as its status."""
    if not isinstance(res, dict):
        return {"status": res.status_code}
    return {k: res["data"][k] for k in keys}


def login_flow():
    c.sys.create_or_update_policy("db-consumer", 'path "secret/*" { capabilities = ["read"] }')
    c.sys.enable_auth_method("approle")
    steps.run("create_role", lambda: c.auth.approle.create_or_update_approle(
        "webapp", token_policies=["db-consumer"], token_ttl="1h", token_max_ttl="4h",
        secret_id_ttl="720h", secret_id_num_uses=0).status_code)
    steps.run("read_role", lambda: pick(c.auth.approle.read_role("webapp"), (
        "token_policies", "token_ttl", "token_max_ttl", "secret_id_ttl", "secret_id_num_uses", "bind_secret_id")))
    steps.run("list_roles", lambda: c.auth.approle.list_roles()["data"]["keys"])
    role_id = c.auth.approle.read_role_id("webapp")["data"]["role_id"]
    steps.results["role_id"] = {"ok": True, "value": role_id}
    # generate_secret_id sends the metadata dict as a JSON string, as Vault's field wants it.
    secret = c.auth.approle.generate_secret_id("webapp", metadata={"app": "billing"})["data"]
    steps.results["secret"] = {"ok": True, "value": {k: secret[k] for k in ("secret_id_num_uses", "secret_id_ttl")}}

    app = hvac.Client(url=os.environ["VAULT_ADDR"])
    auth = app.auth.approle.login(role_id, secret["secret_id"])["auth"]
    steps.results["login"] = {"ok": True, "value": {k: auth[k] for k in (
        "client_token", "policies", "token_policies", "metadata", "lease_duration", "renewable", "orphan", "token_type", "entity_id")}}
    # use_token=True: the client now carries the login token.
    steps.run("uses_login_token", lambda: app.token == auth["client_token"] and app.is_authenticated())
    steps.run("lookup_self", lambda: pick(app.auth.token.lookup_self(), ("display_name", "path", "policies", "meta", "ttl", "orphan")))
    steps.run("denied", lambda: app.sys.list_mounted_secrets_engines())

    # Admin methods on the secret ids.
    # create_custom_secret_id sends the metadata dict as it is: Vault refuses an object for its string field.
    steps.run("custom_secret_id_dict_metadata", lambda: c.auth.approle.create_custom_secret_id("webapp", "other-secret", metadata={"kind": "custom"}))
    steps.run("custom_secret_id", lambda: pick(c.auth.approle.create_custom_secret_id("webapp", "my-custom-secret"), ("secret_id", "secret_id_num_uses")))
    steps.run("read_secret_id", lambda: pick(c.auth.approle.read_secret_id("webapp", "my-custom-secret"), ("metadata", "secret_id_num_uses", "secret_id_ttl")))
    custom_accessor = c.auth.approle.read_secret_id("webapp", "my-custom-secret")["data"]["secret_id_accessor"]
    steps.run("list_accessors", lambda: sorted(c.auth.approle.list_secret_id_accessors("webapp")["data"]["keys"]) == sorted([secret["secret_id_accessor"], custom_accessor]))
    steps.run("read_accessor", lambda: pick(c.auth.approle.read_secret_id_accessor("webapp", secret["secret_id_accessor"]), ("metadata", "secret_id_accessor")) == {"metadata": {"app": "billing"}, "secret_id_accessor": secret["secret_id_accessor"]})
    steps.run("custom_login", lambda: app.auth.approle.login(role_id, "my-custom-secret", use_token=False)["auth"]["metadata"])
    steps.run("destroy_secret_id", lambda: c.auth.approle.destroy_secret_id("webapp", "my-custom-secret").status_code)
    steps.run("login_destroyed", lambda: app.auth.approle.login(role_id, "my-custom-secret", use_token=False))
    # An unknown secret id: Vault answers 204 with no body, which hvac hands back as the Response.
    steps.run("read_destroyed", lambda: c.auth.approle.read_secret_id("webapp", "my-custom-secret").status_code)
    # Its accessor went with it: Vault's 500 for an unknown accessor.
    steps.run("destroy_gone_accessor", lambda: c.auth.approle.destroy_secret_id_accessor("webapp", custom_accessor).status_code)

    steps.run("update_role_id", lambda: c.auth.approle.update_role_id("webapp", "webapp-role-id").status_code)
    steps.run("read_new_role_id", lambda: c.auth.approle.read_role_id("webapp")["data"]["role_id"])
    steps.run("login_old_role_id", lambda: app.auth.approle.login(role_id, secret["secret_id"], use_token=False))
    steps.run("login_new_role_id", lambda: app.auth.approle.login("webapp-role-id", secret["secret_id"], use_token=False)["auth"]["metadata"])
    steps.run("destroy_accessor", lambda: c.auth.approle.destroy_secret_id_accessor("webapp", secret["secret_id_accessor"]).status_code)
    steps.run("login_accessor_destroyed", lambda: app.auth.approle.login("webapp-role-id", secret["secret_id"], use_token=False))
    steps.run("delete_role", lambda: c.auth.approle.delete_role("webapp").status_code)
    steps.run("read_deleted_role", lambda: c.auth.approle.read_role("webapp"))


def expired_flow():
    app = hvac.Client(url=os.environ["VAULT_ADDR"], token=os.environ["LOGIN_TOKEN"])
    steps.run("lookup_self_expired", lambda: app.auth.token.lookup_self()["data"])
    steps.run("is_authenticated", lambda: app.is_authenticated())


if phase == "login":
    login_flow()
else:
    expired_flow()
steps.emit()
