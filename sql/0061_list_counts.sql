-- Lists (issue #10): exact row counts the schema maintains, for the list
-- envelope's "count" when no filter applies (struct cl_list_spec's
-- count_all). COUNT(*) reads every entry of an index: about 100 ms at a
-- million rows, for every page. Triggers keep the count in the
-- transaction of each insert and delete, so it is exact whatever writes
-- (routes, clientelectl load, SQL by hand); TRUNCATE fires none, so
-- reset the row after one. Only tables whose writes are rare enough for
-- one counter row (each insert locks it until commit) belong here.

CREATE TABLE list_counts (
	name               VARCHAR(64) NOT NULL,
	n                  BIGINT NOT NULL,
	PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO list_counts (name, n) SELECT 'plans', COUNT(*) FROM plans;

CREATE TRIGGER list_counts_plans_insert AFTER INSERT ON plans
	FOR EACH ROW UPDATE list_counts SET n = n + 1 WHERE name = 'plans';
CREATE TRIGGER list_counts_plans_delete AFTER DELETE ON plans
	FOR EACH ROW UPDATE list_counts SET n = n - 1 WHERE name = 'plans';
