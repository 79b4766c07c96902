package io.etlhub.quality;

/**
 * Red/amber/green judgement of a metric; NONE when there was nothing to measure (no denominator);
 * NOT_CONFIGURED when the rule was switched off or its CRM table or column is not there.
 */
public enum Verdict { GREEN, AMBER, RED, NONE, NOT_CONFIGURED }
