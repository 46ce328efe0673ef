<?php
// bench/php/select.php: bench/speed's PHP-FPM reference (not part of the
// product). The same answer as bench/ref's "ref select": one SELECT of the
// first three plans, in Clientele's list envelope. The connection is
// mysqli's persistent one ("p:" host): each php-fpm child opens it once
// and keeps it across requests (mysqli resets its session on reuse, as
// stock PHP does; the handshake's charset is utf8mb4, so no SET NAMES).
// The database comes from the pool's env[] lines (bench/speed writes
// them): BENCH_DB_SOCKET, BENCH_DB_USER, BENCH_DB_PASSWORD, BENCH_DB_NAME.
mysqli_report(MYSQLI_REPORT_ERROR | MYSQLI_REPORT_STRICT);
header('Content-Type: application/json; charset=utf-8');
try {
	$db = new mysqli('p:localhost', getenv('BENCH_DB_USER'),
	    getenv('BENCH_DB_PASSWORD'), getenv('BENCH_DB_NAME'), 0,
	    getenv('BENCH_DB_SOCKET'));
	$res = $db->query('SELECT id, name, amount, payment_cycle, ' .
	    'total_valid_months, is_cancellable FROM plans ORDER BY id LIMIT 3');
	$rows = [];
	while (($r = $res->fetch_assoc()) !== null) {
		$rows[] = [
			'id' => (int)$r['id'],
			'name' => $r['name'],
			'amount' => $r['amount'],
			'payment_cycle' => (int)$r['payment_cycle'],
			'total_valid_months' => (int)$r['total_valid_months'],
			'is_cancellable' => $r['is_cancellable'] !== '0',
		];
	}
	$res->free();
	echo json_encode(['count' => count($rows), 'next' => null,
	    'previous' => null, 'results' => $rows],
	    JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE), "\n";
} catch (mysqli_sql_exception $e) {
	http_response_code(500);
	echo json_encode(['detail' => $e->getMessage()]), "\n";
}
