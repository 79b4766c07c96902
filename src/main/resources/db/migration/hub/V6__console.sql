-- Route administration console (issue 6): dead letters and the admin audit log.
-- Re-runnable after a start-up killed half-way (io.etlhub.connector.SchemaMigrations): CREATE TABLE
-- IF NOT EXISTS with the indexes inside; columns and indexes on earlier tables go to SchemaChanges.

-- A record (or a whole batch) a route could not process. payload holds the run parameters that
-- process it again; replaying claims the row (NEW -> REPLAYING) so it is applied once.
CREATE TABLE IF NOT EXISTS dead_letter (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    route_id       VARCHAR(100)  NOT NULL,
    run_id         BIGINT        NOT NULL,
    record_key     VARCHAR(200)  NOT NULL,
    payload        VARCHAR(4000) NOT NULL,
    error_message  VARCHAR(4000),
    state          VARCHAR(20)   NOT NULL,
    created_at     DATETIME(3)   NOT NULL,
    replay_run_id  BIGINT,
    replayed_by    VARCHAR(100),
    replayed_at    DATETIME(3),
    INDEX ix_dead_letter_run (run_id),
    INDEX ix_dead_letter_state (state, route_id)
);

-- Every admin action: who, when, what, and the value before and after.
CREATE TABLE IF NOT EXISTS audit_log (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    actor        VARCHAR(100)  NOT NULL,
    action       VARCHAR(50)   NOT NULL,
    target       VARCHAR(200)  NOT NULL,
    before_value VARCHAR(4000),
    after_value  VARCHAR(4000),
    created_at   DATETIME(3)   NOT NULL,
    INDEX ix_audit_log_created (created_at)
);

-- Console users kept in the hub store (besides those in etlhub.security.users). password_hash is a
-- Spring Security encoded password, e.g. {bcrypt}$2a$10$...; roles is a comma-separated list.
CREATE TABLE IF NOT EXISTS console_user (
    username      VARCHAR(100) NOT NULL PRIMARY KEY,
    password_hash VARCHAR(200) NOT NULL,
    roles         VARCHAR(200) NOT NULL,
    enabled       BOOLEAN      NOT NULL DEFAULT TRUE
);
