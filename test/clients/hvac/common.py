"""Shared by the hvac scenarios: a client for the emulator the vitest test started, and a step
recorder that turns each call's outcome (value or hvac exception) into one JSON document on stdout."""
import json
import os
import sys

import hvac


def client():
    return hvac.Client(url=os.environ["VAULT_ADDR"], token=os.environ["VAULT_TOKEN"])


class Steps:
    def __init__(self):
        self.results = {}

    def run(self, name, fn):
        try:
            value = fn()
            self.results[name] = {"ok": True, "value": value}
        except hvac.exceptions.VaultError as e:
            self.results[name] = {"ok": False, "error": type(e).__name__, "errors": getattr(e, "errors", None)}

    def emit(self):
        json.dump(self.results, sys.stdout, sort_keys=True)
        sys.stdout.write("\n")
