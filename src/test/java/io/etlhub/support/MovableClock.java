package io.etlhub.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** A clock the test moves by hand, in Shanghai's zone as the hub runs: for rules that wait hours or days. */
public final class MovableClock extends Clock {
    public Instant now;

    public MovableClock(Instant start) {
        this.now = start;
    }

    @Override public ZoneId getZone() { return ZoneId.of("Asia/Shanghai"); }

    @Override public Clock withZone(ZoneId zone) { return this; }

    @Override public Instant instant() { return now; }

    public void pass(Duration d) { now = now.plus(d); }
}
