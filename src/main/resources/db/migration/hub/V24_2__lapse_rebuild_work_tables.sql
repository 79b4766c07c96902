-- The rhythm rebuild (io.etlhub.lapse.RhythmRebuild) ranks home stores in one statement and takes tiers
-- from the live member rows: two of V15_2's work tables are no longer used. Re-runnable.
DROP TABLE IF EXISTS lapse_rebuild_store;
DROP TABLE IF EXISTS lapse_rebuild_tier;
