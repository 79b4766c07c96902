package io.etlhub.pipeline;

public enum Trigger { SCHEDULE, MANUAL, CLI, REPLAY }
