-- Failed logins per user name ("user:NAME") and per client address ("address:IP") with their lockouts
-- (console.LoginThrottle): kept in the hub store so a restart does not forget a lockout or its back-off.
-- Times are the hub's wall-clock time (etlhub.time-zone). Re-runnable (CREATE TABLE IF NOT EXISTS).
CREATE TABLE IF NOT EXISTS login_throttle (
    throttle_key  VARCHAR(300) NOT NULL PRIMARY KEY,
    failures      INT          NOT NULL,
    first_failure DATETIME(3),
    lockouts      INT          NOT NULL,
    locked_until  DATETIME(3),
    last_seen     DATETIME(3)  NOT NULL,
    INDEX ix_login_throttle_seen (last_seen)
);
