"""hvac 0.11.2 database secrets engine methods against a real PostgreSQL: configure, create_role,
read_role, list_roles, generate_credentials, and their errors. The vitest test made a scratch
admin role and schema and passes them: CONNECTION_URL, DB_USERNAME, DB_PASSWORD, SCHEMA."""
import os

from common import Steps, client

c = client()
steps = Steps()
schema = os.environ["SCHEMA"]
creation = (
    f"CREATE ROLE \"{{{{name}}}}\" WITH LOGIN PASSWORD '{{{{password}}}}' VALID UNTIL '{{{{expiration}}}}'; "
    f"GRANT USAGE ON SCHEMA \"{schema}\" TO \"{{{{name}}}}\"; "
    f"GRANT SELECT ON ALL TABLES IN SCHEMA \"{schema}\" TO \"{{{{name}}}}\";"
)
revocation = (
    f"REVOKE ALL PRIVILEGES ON ALL TABLES IN SCHEMA \"{schema}\" FROM \"{{{{name}}}}\"; "
    f"REVOKE USAGE ON SCHEMA \"{schema}\" FROM \"{{{{name}}}}\"; DROP ROLE IF EXISTS \"{{{{name}}}}\";"
)


def configure():
    return c.secrets.database.configure(
        name="production-postgres",
        plugin_name="postgresql-database-plugin",
        allowed_roles=["app-readonly"],
        connection_url=os.environ["CONNECTION_URL"],
        username=os.environ["DB_USERNAME"],
        password=os.environ["DB_PASSWORD"],
        password_authentication="scram-sha-256",
    ).status_code


def create_role():
    return c.secrets.database.create_role(
        name="app-readonly",
        db_name="production-postgres",
        creation_statements=[creation],
        revocation_statements=[revocation],
        default_ttl="1h",
        max_ttl="24h",
    ).status_code


def creds():
    res = c.secrets.database.generate_credentials("app-readonly")
    return {k: res[k] for k in ("lease_id", "lease_duration", "renewable", "data")}


steps.run("configure", configure)
steps.run("create_role", create_role)
steps.run("read_role", lambda: c.secrets.database.read_role("app-readonly")["data"])
steps.run("list_roles", lambda: c.secrets.database.list_roles()["data"]["keys"])
steps.run("creds", creds)
steps.run("read_missing_role", lambda: c.secrets.database.read_role("nope"))
steps.run("creds_unknown_role", lambda: c.secrets.database.generate_credentials("nope"))
steps.run(
    "configure_refused",
    lambda: c.secrets.database.configure(
        name="down", plugin_name="postgresql-database-plugin", connection_url="postgresql://u:p@127.0.0.1:1/db"
    ).status_code,
)
steps.emit()
