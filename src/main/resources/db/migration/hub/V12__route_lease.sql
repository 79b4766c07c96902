-- One run of a route at a time across hub processes (the server and one-shot CLI runs share the hub
-- store): a lease row per route, taken with a conditional UPDATE, renewed while the run lasts and
-- left to expire when its holder is killed. Re-runnable (CREATE TABLE IF NOT EXISTS).
CREATE TABLE IF NOT EXISTS route_lease (
    route_id   VARCHAR(100) NOT NULL PRIMARY KEY,
    holder     VARCHAR(200),
    taken_at   TIMESTAMP(3) NULL,
    expires_at TIMESTAMP(3) NULL
);
