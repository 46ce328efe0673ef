#!/usr/bin/env python3
"""bench/gen_crm.py: writes N CRM customers (module collections, API.md
§3), each with one loan of six monthly installments, as one SQL file of
multi-row INSERTs, for `clientelectl load FILE` and bench/crm.sh.

    bench/gen_crm.py [-n COUNT] [--first K] [--seed S] [--today YYYY-MM-DD]
                     [--batch ROWS] [--agents ID,...] [-o FILE]

Defaults: 100000 customers (600,000 installments), the first being number
1, seed 1, today's date, 1000 rows per INSERT, standard output. Customer
k has id 1100000000 + k and email bench-crm-k@bench.local, so --first
lets a second file add customers to a first (1,000, then 99,000 more).
Loans start between 170 days before and 30 days after today, one
installment every 30 days; an installment due before today is paid with
probability 0.8, 5 days early to 40 days late, so every status code and
bucket occurs. The customer's current installment (cur_due_date,
cur_late_days) is computed here as the import does, and the file ends
by rebuilding crm_month_stats. --agents assigns
the customers to those agents round robin (none: unassigned). The same arguments
always give the same file."""
import argparse
import datetime
import random
import sys


def main():
    p = argparse.ArgumentParser()
    p.add_argument("-n", type=int, default=100000)
    p.add_argument("--first", type=int, default=1)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--today", default=datetime.date.today().isoformat())
    p.add_argument("--batch", type=int, default=1000)
    p.add_argument("--agents", default="",
                   help="comma list of agents ids, assigned round robin")
    p.add_argument("-o", default="-")
    a = p.parse_args()
    today = datetime.date.fromisoformat(a.today)
    agents = [int(x) for x in a.agents.split(",") if x]
    rng = random.Random(a.seed * 1000003 + a.first)
    out = sys.stdout if a.o == "-" else open(a.o, "w")
    out.write("-- bench/gen_crm.py -n %d --first %d --seed %d --today %s\n"
              % (a.n, a.first, a.seed, a.today))
    out.write("SET unique_checks = 0;\n")
    for start in range(a.first, a.first + a.n, a.batch):
        ks = range(start, min(start + a.batch, a.first + a.n))
        cust, loans, insts = [], [], []
        for k in ks:
            cid = 1100000000 + k
            begin = today + datetime.timedelta(days=rng.randint(-170, 30))
            rows, current, last = [], None, None
            for j in range(6):
                due = begin + datetime.timedelta(days=30 * j)
                paid = None
                if due < today and rng.random() < 0.8:
                    paid = due + datetime.timedelta(days=rng.randint(-5, 40))
                rows.append((j + 1, due, paid))
                if paid is None and current is None:
                    current = due
                if paid is not None:
                    last = (due, paid)
            cur_late = "NULL"
            if current is None:
                current = last[0]
                cur_late = str((last[1] - last[0]).days)
            cust.append("(%d,'Bench Customer %d','bench-crm-%d@bench.local',"
                        "'0170000%05d','BD',%s,'%s',%s)"
                        % (cid, k, k, k % 100000,
                           agents[k % len(agents)] if agents else "NULL",
                           current, cur_late))
            loans.append("(%d,%d)" % (cid, cid))
            for num, due, paid in rows:
                insts.append("(%d,%d,%d,'%s',500.00,%s,%s)" % (
                    cid, cid, num, due,
                    "'%s'" % paid if paid else "NULL",
                    "500.00" if paid else "NULL"))
        out.write("INSERT INTO crm_customers (id, fullname, email, phone, "
                  "country, agent_id, cur_due_date, cur_late_days) VALUES\n"
                  + ",\n".join(cust) + ";\n")
        out.write("INSERT INTO crm_loans (id, customer_id) VALUES\n"
                  + ",\n".join(loans) + ";\n")
        out.write("INSERT INTO crm_installments (loan_id, customer_id, "
                  "number, due_date, due_amount, paid_date, paid_amount) "
                  "VALUES\n" + ",\n".join(insts) + ";\n")
    out.write("SET unique_checks = 1;\n")
    # crm_month_stats, rebuilt from every installment as the import keeps
    # it (the same statement ends sql/demo/collections.sql).
    out.write("DELETE FROM crm_month_stats;\n"
              "INSERT INTO crm_month_stats (month_start, agent_id, is_first, "
              "is_paid, late_days, installments, paid_amount) "
              "SELECT i.due_date - INTERVAL DAYOFMONTH(i.due_date) - 1 DAY, "
              "COALESCE(c.agent_id, 0), i.number = 1, "
              "i.paid_date IS NOT NULL, "
              "COALESCE(DATEDIFF(i.paid_date, i.due_date), 0), COUNT(*), "
              "COALESCE(SUM(i.paid_amount), 0) FROM crm_installments i "
              "JOIN crm_customers c ON c.id = i.customer_id "
              "GROUP BY 1, 2, 3, 4, 5;\n")
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
