"""Module livestream (API.md §7): GET /vin/{vin}: the inventory vehicle
when known, else decoded from the VIN (WMI, make, country, model year,
check digit computed here independently); malformed: 400."""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from live import assert_error, ctl, live, make_org  # noqa: E402

VALUES = dict(zip("ABCDEFGHJKLMNPRSTUVWXYZ",
                  [1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5,
                   6, 7, 8, 9]))
WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]


def check_digit(vin):
    total = sum((int(c) if c.isdigit() else VALUES[c]) * w
                for c, w in zip(vin, WEIGHTS))
    return "X" if total % 11 == 10 else str(total % 11)


def with_check(vin):
    return vin[:8] + check_digit(vin) + vin[9:]


class Vin(unittest.TestCase):
    def test_decodes_a_valid_vin(self):
        vin = with_check("WBA3A5C50CF000000")
        r = live("GET", "/vin/" + vin)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["wmi"], "WBA")
        self.assertEqual(r.json["make"], "BMW")
        self.assertEqual(r.json["country"], "Germany")
        self.assertEqual(r.json["year"], 2012)   # C, position 7 a letter
        self.assertTrue(r.json["checkDigitValid"])
        self.assertTrue(r.json["valid"])

    def test_classic_x_check_digit(self):
        r = live("GET", "/vin/1M8GDM9AXKP042788")
        self.assertEqual(check_digit("1M8GDM9AXKP042788"), "X")
        self.assertTrue(r.json["checkDigitValid"], r)
        self.assertEqual(r.json["year"], 1989)   # K, position 7 a digit
        self.assertEqual(r.json["country"], "United States")

    def test_wrong_check_digit_is_decoded_but_invalid(self):
        good = with_check("JHMCM56557C404453")
        bad = good[:8] + ("1" if good[8] != "1" else "2") + good[9:]
        r = live("GET", "/vin/" + bad)
        self.assertEqual(r.status, 200, r)
        self.assertFalse(r.json["checkDigitValid"])
        self.assertFalse(r.json["valid"])
        self.assertEqual(r.json["make"], "Honda")
        self.assertEqual(r.json["country"], "Japan")

    def test_inventory_wins(self):
        org = make_org()
        vin = with_check("5YJ3E1EA0KF31%04d" % (os.getpid() % 10000))
        ctl("vehicle", "create", "--org", str(org["id"]), "--vin", vin,
            "--make", "Tesla", "--model", "Model 3", "--type", "sedan",
            "--year", "2019")
        r = live("GET", "/vin/" + vin.lower())
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["source"], "inventory")
        self.assertEqual(r.json["model"], "Model 3")
        self.assertEqual(r.json["year"], 2019)
        self.assertEqual(r.json["organizationId"], org["id"])

    def test_malformed_is_400(self):
        for vin in ["1HGCM82633A00435", "1HGCM82633A0043521",
                    "1HGCM82633A00435I", "1HGCM82633A00435O",
                    "1HGCM82633A00435Q", "1HGCM8263-A004352"]:
            assert_error(self, live("GET", "/vin/" + vin), 400)


if __name__ == "__main__":
    unittest.main(verbosity=2)
