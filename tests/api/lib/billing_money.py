"""Fixtures of billing's money tests (tests/api/billing/invoices.py,
payments.py, customer_money.py, seed004_flow.py): a caller with the bills
permissions, and a customer with an entitlement, an invoice and its lines,
each made over the API with a uuid in its names."""

import os
import subprocess
import uuid

from clientele_test import api, env
from accounts import access_token, create_user

BILLS = ["customers:read", "customers:update", "bills:read", "bills:create",
         "bills:update"]


def db_command():
    """The mariadb client on the test stack's database, as the server's
    own user (for what the API cannot do: holding a row lock, ageing a
    row)."""
    var = env("CLIENTELE_VAR")
    with open(os.path.join(var, "db-password")) as f:
        pw = f.read().strip()
    return ["mariadb", "--no-defaults", "--socket=" + os.path.join(
        var, "run", "mysqld.sock"), "-uclientele", "-p" + pw, "clientele",
        "-N", "--unbuffered"]


def sql(statement):
    """Runs statement; returns its output lines."""
    out = subprocess.run(db_command(), input=statement, text=True,
                         capture_output=True, check=True).stdout
    return out.splitlines()


def token(perms=BILLS):
    return access_token(create_user(perms=perms))


class Money:
    """Calls as one caller; every helper asserts its own status."""

    def __init__(self, tc, tok):
        self.tc = tc
        self.tok = tok

    def call(self, method, path, body=None, status=200, headers=None):
        r = api(method, path, body, token=self.tok, headers=headers)
        self.tc.assertEqual(r.status, status, "%s %s: %r" % (method, path, r))
        return r.json

    def customer(self, ctype="bw"):
        tag = uuid.uuid4().hex[:10]
        return self.call("POST", "/customers/customers/", {
            "customer_name": "Money " + tag, "customer_type": ctype}, 201)

    def entitlement(self, customer):
        return self.call("POST", "/customers/entitlements/", {
            "customer_master_id": customer["id"],
            "bill_number": "BILL" + uuid.uuid4().hex[:10]}, 201)

    def invoice(self, ent, issue="2025-01-15", status="unpaid", **kw):
        body = {"customer_entitlement_master_id": ent["id"],
                "issue_date": issue, "status": status}
        body.update(kw)
        return self.call("POST", "/bills/invoices/", body, 201)

    def line(self, inv, sub_total, vat_rate="0", discount="0", status=201):
        return self.call("POST", "/bills/invoice-details/", {
            "invoice_master_id": inv["id"], "sub_total": sub_total,
            "vat_rate": vat_rate, "sub_discount_rate": discount}, status)

    def get_invoice(self, inv):
        return self.call("GET", "/bills/invoices/%d/" % inv["id"])

    def payment(self, inv, expect=201, **kw):
        body = {"payment_date": "2025-01-20",
                "payment_method": "Bank Transfer",
                "invoice_master_id": inv["id"], "status": "completed"}
        body.update(kw)
        return self.call("POST", "/payments/payments/", body, expect)

    def pay(self, payment, amount, status=201, detail_status="completed",
            headers=None):
        return self.call("POST", "/payments/payment-details/", {
            "payment_master_id": payment["id"], "pay_amount": amount,
            "transaction_id": "TXN" + uuid.uuid4().hex[:8],
            "status": detail_status}, status, headers=headers)

    def billed(self, total):
        """A fresh customer with an unpaid invoice of one line of total
        (no VAT): (customer, entitlement, invoice)."""
        c = self.customer()
        e = self.entitlement(c)
        inv = self.invoice(e)
        self.line(inv, total)
        return c, e, self.get_invoice(inv)
