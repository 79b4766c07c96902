package io.etlhub.quality;

/** Red/amber/green judgement of a metric; NONE when there was nothing to measure (no denominator). */
public enum Verdict { GREEN, AMBER, RED, NONE }
