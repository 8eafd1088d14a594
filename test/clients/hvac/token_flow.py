"""hvac 0.11.2 token methods: create, lookup, lookup-self, renew, LIST accessors, revoke, and their errors."""
from common import Steps, client

c = client()
steps = Steps()
made = {}


def create():
    res = c.auth.token.create(policies=["app"], ttl="1h", meta={"owner": "hvac"})
    made["token"] = res["auth"]["client_token"]
    made["accessor"] = res["auth"]["accessor"]
    auth = res["auth"]
    return {
        "length": len(auth["client_token"]),
        "prefix": auth["client_token"][:9],
        "policies": auth["policies"],
        "metadata": auth["metadata"],
        "lease_duration": auth["lease_duration"],
        "renewable": auth["renewable"],
        "warnings": res["warnings"],
    }


steps.run("create", create)
steps.run("lookup", lambda: {k: c.auth.token.lookup(made["token"])["data"][k] for k in ("id", "display_name", "policies", "ttl", "meta", "path")})
steps.run("lookup_self", lambda: {k: c.auth.token.lookup_self()["data"][k] for k in ("id", "display_name", "policies", "path")})
steps.run("renew", lambda: {k: c.auth.token.renew(made["token"], increment="2h")["auth"][k] for k in ("client_token", "lease_duration")})
steps.run("accessor_listed", lambda: made["accessor"] in c.auth.token.list_accessors()["data"]["keys"])
steps.run("revoke", lambda: c.auth.token.revoke(made["token"]).status_code)
steps.run("lookup_revoked", lambda: c.auth.token.lookup(made["token"]))
steps.run("renew_unknown", lambda: c.auth.token.renew("nope"))
steps.emit()
