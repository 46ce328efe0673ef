#!/usr/bin/env python3
"""bench/gen_customers.py: writes N billing customers (module billing,
API.md §6) as one SQL file of multi-row INSERTs into billing_customers,
for `clientelectl load FILE` and bench/customers.sh.

    bench/gen_customers.py [-n COUNT] [--seed S] [--batch ROWS] [-o FILE]

Defaults: 100000 customers, seed 1, 1000 rows per INSERT, standard output.
The same arguments always give the same file. kam_id, created_by and
updated_by are NULL; created_at and updated_at keep their defaults;
customer_number is BENCH000001, BENCH000002, ... (unique). One customer in
MARKER_EVERY (300) has the word "Zephyr" in its name (and so in its email),
and no other row holds that text, so ?search=zephyr matches COUNT/300 rows
(333 of 100000): the search bench/customers.sh measures. The number of
such rows is printed on standard error."""
import argparse
import random
import sys

COLUMNS = ("customer_name", "company_name", "email", "phone", "address",
           "customer_type", "kam_id", "customer_number", "contact_person",
           "status", "is_active", "created_by", "updated_by")
MARKER = "Zephyr"
MARKER_EVERY = 300
NUMBER_PREFIX = "BENCH"

ADJECTIVES = ("Apex", "Blue", "Bright", "Crystal", "Delta", "Eastern",
              "First", "Golden", "Green", "Grand", "Metro", "Nova", "Orbit",
              "Pacific", "Prime", "Rapid", "Royal", "Silver", "Smart",
              "Summit", "Swift", "Titan", "United", "Vertex")
NOUNS = ("Fiber", "Link", "Net", "Wave", "Cable", "Data", "Signal", "Sky",
         "Stream", "Connect", "Byte", "Pulse", "Core", "Bridge", "Gate",
         "Path", "Spark", "Point", "Line", "Hub")
SUFFIXES = ("Ltd", "Networks", "Telecom", "Online", "Solutions",
            "Communications", "Broadband", "Systems", "Enterprise", "ISP")
CITIES = ("Dhaka", "Chattogram", "Khulna", "Rajshahi", "Sylhet", "Barishal",
          "Rangpur", "Mymensingh", "Gazipur", "Narayanganj", "Cumilla",
          "Bogura")
AREAS = ("Gulshan", "Banani", "Dhanmondi", "Mirpur", "Uttara", "Motijheel",
         "Agrabad", "Sonadanga", "Zindabazar", "Kazipara")
FIRST = ("Ahmed", "Fatima", "Rahim", "Karim", "Nusrat", "Tanvir", "Sadia",
         "Imran", "Farhana", "Rafiq", "Shirin", "Jamal", "Ayesha", "Hasan")
LAST = ("Rahman", "Hossain", "Islam", "Chowdhury", "Ahmed", "Khan", "Das",
        "Akter", "Sarker", "Uddin", "Begum", "Miah")
# (value, weight)
TYPES = (("bw", 50), ("channel_partner", 20), ("soho", 30))
STATUSES = (("active", 85), ("inactive", 10), ("suspended", 5))


def pick(rng, weighted):
    values, weights = zip(*weighted)
    return rng.choices(values, weights)[0]


def sql_str(s):
    """A MariaDB string literal of s (the generated text has no quotes or
    backslashes, but escape them anyway)."""
    return "'" + s.replace("\\", "\\\\").replace("'", "''") + "'"


def customer(rng, i):
    """The column values of customer number i (1-based), as SQL text."""
    noun = MARKER if i % MARKER_EVERY == 0 else rng.choice(NOUNS)
    adj, suffix = rng.choice(ADJECTIVES), rng.choice(SUFFIXES)
    company = "%s %s %s" % (adj, noun, suffix)
    name = "%s %d" % (company, i)
    email = "info.%s%s.%d@example.net" % (adj.lower(), noun.lower(), i)
    phone = "+8801%d%08d" % (rng.randint(3, 9), rng.randrange(10 ** 8))
    address = "House %d, Road %d, %s, %s" % (
        rng.randint(1, 200), rng.randint(1, 120), rng.choice(AREAS),
        rng.choice(CITIES))
    status = pick(rng, STATUSES)
    values = (
        sql_str(name), sql_str(company), sql_str(email), sql_str(phone),
        sql_str(address), sql_str(pick(rng, TYPES)), "NULL",
        sql_str("%s%06d" % (NUMBER_PREFIX, i)),
        sql_str("%s %s" % (rng.choice(FIRST), rng.choice(LAST))),
        sql_str(status), "0" if status == "inactive" else "1", "NULL", "NULL")
    return "(" + ", ".join(values) + ")", noun == MARKER


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", "--count", type=int, default=100000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--batch", type=int, default=1000,
                    help="rows per INSERT statement")
    ap.add_argument("-o", "--output", default="-")
    args = ap.parse_args()
    if args.count < 1 or args.count > 999999 or args.batch < 1:
        ap.error("COUNT must be 1..999999 and ROWS at least 1")
    rng = random.Random(args.seed)
    out = sys.stdout if args.output == "-" else open(args.output, "w")
    marked = 0
    out.write("-- bench/gen_customers.py -n %d --seed %d --batch %d\n"
              "-- %d billing customers for bench/customers.sh\n"
              % (args.count, args.seed, args.batch, args.count))
    insert = "INSERT INTO billing_customers (%s) VALUES\n" % ", ".join(COLUMNS)
    for start in range(1, args.count + 1, args.batch):
        end = min(start + args.batch, args.count + 1)
        rows = []
        for i in range(start, end):
            row, m = customer(rng, i)
            rows.append(row)
            marked += m
        out.write(insert + ",\n".join(rows) + ";\n")
    if out is not sys.stdout:
        out.close()
    sys.stderr.write("%d customers, %d named %s (search=%s)\n"
                     % (args.count, marked, MARKER, MARKER.lower()))


if __name__ == "__main__":
    main()
