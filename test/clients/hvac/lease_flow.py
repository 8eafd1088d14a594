"""hvac 0.11.2 lease methods: read_lease, list_leases, renew_lease, revoke_lease, revoke_prefix,
revoke_force, and their errors. The vitest test issued the leases and passes their ids:
LEASE_ID and OTHER_LEASE_ID under leasetest/creds/app/, BROKEN_LEASE_ID on a mount whose
revocations fail (leasebroken/creds/app/)."""
import os

from common import Steps, client

c = client()
steps = Steps()
lease = os.environ["LEASE_ID"]
other = os.environ["OTHER_LEASE_ID"]
broken = os.environ["BROKEN_LEASE_ID"]


def read(lease_id):
    data = c.sys.read_lease(lease_id)["data"]
    return {k: data[k] for k in ("id", "renewable", "ttl", "issue_time", "expire_time", "last_renewal")}


def renew():
    res = c.sys.renew_lease(lease, increment=7200)
    return {k: res[k] for k in ("lease_id", "lease_duration", "renewable", "data")}


steps.run("read", lambda: read(lease))
steps.run("list", lambda: sorted(c.sys.list_leases("leasetest/creds/app/")["data"]["keys"]))
steps.run("list_mount", lambda: c.sys.list_leases("leasetest/")["data"]["keys"])
steps.run("renew", renew)
steps.run("read_renewed", lambda: read(lease))
steps.run("revoke", lambda: c.sys.revoke_lease(lease).status_code)
steps.run("read_revoked", lambda: read(lease))
steps.run("read_unknown", lambda: read("leasetest/creds/app/nope"))
steps.run("list_one_left", lambda: c.sys.list_leases("leasetest/creds/app/")["data"]["keys"])
steps.run("revoke_prefix", lambda: c.sys.revoke_prefix("leasetest/creds").status_code)
# The last lease under the prefix is gone: Vault answers the LIST with 404 {"errors":[]}.
steps.run("list_after_last", lambda: c.sys.list_leases("leasetest/creds/app/"))
steps.run("revoke_prefix_failing", lambda: c.sys.revoke_prefix("leasebroken/creds").status_code)
steps.run("read_broken", lambda: read(broken)["id"])
steps.run("revoke_force", lambda: c.sys.revoke_force("leasebroken/creds").status_code)
steps.run("read_forced", lambda: read(broken))
steps.emit()
