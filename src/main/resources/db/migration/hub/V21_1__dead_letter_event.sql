-- A dead letter of a change stream (CDC) keeps its change event whole (topic, key and value with their schemas),
-- so a replay delivers it again to the route's step as it first came (dead_letter.payload holds what an admin reads).
-- Re-runnable (io.etlhub.connector.SchemaMigrations): CREATE TABLE IF NOT EXISTS.
CREATE TABLE IF NOT EXISTS dead_letter_event (
    dead_letter_id BIGINT     NOT NULL PRIMARY KEY,
    event          MEDIUMTEXT NOT NULL
);
