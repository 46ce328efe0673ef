// bench/node/select.js: bench/speed's Express reference (not part of the
// product). The same answer as bench/ref's "ref select": one SELECT of the
// first three plans, in Clientele's list envelope.
//
//   node select.js SOCKET PROCS
//
// PROCS processes (node's cluster: the master accepts on the Unix socket
// and hands connections round robin), each an Express app with a mysql2
// pool whose connections stay open (a production setup; the statement is
// prepared once per connection by pool.execute). nginx reaches it with
// proxy_pass and upstream keepalive. The database comes from the
// environment: BENCH_DB_SOCKET, BENCH_DB_USER, BENCH_DB_PASSWORD,
// BENCH_DB_NAME.
'use strict';

const cluster = require('node:cluster');
const fs = require('node:fs');

const [sock, procsArg] = process.argv.slice(2);
const procs = Number(procsArg || 4);

if (!sock || !(procs >= 1)) {
  console.error('usage: node select.js SOCKET PROCS');
  process.exit(2);
}

const SQL = 'SELECT id, name, amount, payment_cycle, total_valid_months, ' +
  'is_cancellable FROM plans ORDER BY id LIMIT 3';

if (cluster.isPrimary) {
  try {
    fs.unlinkSync(sock);
  } catch (e) {
    if (e.code !== 'ENOENT') throw e;
  }
  for (let i = 0; i < procs; i++) cluster.fork();
  let stopping = false;
  cluster.on('exit', (w, code) => {
    if (!stopping) {
      console.error(`bench/node: worker ${w.process.pid} exited (${code})`);
      process.exit(1);
    }
  });
  const stop = () => {
    stopping = true;
    for (const id in cluster.workers) cluster.workers[id].kill();
    try {
      fs.unlinkSync(sock);
    } catch (e) {
      // Already gone.
    }
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} else {
  const express = require('express');
  const mysql = require('mysql2');
  const pool = mysql.createPool({
    socketPath: process.env.BENCH_DB_SOCKET,
    user: process.env.BENCH_DB_USER,
    password: process.env.BENCH_DB_PASSWORD,
    database: process.env.BENCH_DB_NAME,
    charset: 'utf8mb4',
    // DECIMAL stays a string, as Clientele renders it.
    decimalNumbers: false,
    // As many connections as the bench's 32 wrk connections could use
    // from 4 processes; kept open (no idle timeout within a run).
    connectionLimit: 8,
    maxIdle: 8,
  });
  const app = express();
  app.disable('x-powered-by');
  app.get('/ref/express', (req, res) => {
    pool.execute(SQL, (err, rows) => {
      if (err) {
        res.status(500).json({detail: String(err)});
        return;
      }
      res.json({
        count: rows.length,
        next: null,
        previous: null,
        results: rows.map((r) => ({
          id: Number(r.id),
          name: r.name,
          amount: r.amount,
          payment_cycle: r.payment_cycle,
          total_valid_months: r.total_valid_months,
          is_cancellable: r.is_cancellable !== 0,
        })),
      });
    });
  });
  const server = app.listen(sock, () => {
    try {
      fs.chmodSync(sock, 0o666);
    } catch (e) {
      // The master made it; another worker may have changed it already.
    }
  });
  // nginx keeps upstream connections up to its keepalive_timeout (60 s):
  // hold them longer than that so node does not close first.
  server.keepAliveTimeout = 75000;
  server.headersTimeout = 76000;
}
