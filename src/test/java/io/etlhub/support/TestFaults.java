package io.etlhub.support;

import io.etlhub.pipeline.FaultInjection;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.annotation.Primary;

import java.util.concurrent.atomic.AtomicReference;

/** Makes the next run crash once at a named point (see FaultInjection). */
@TestComponent
@Primary
public class TestFaults implements FaultInjection {
    private final AtomicReference<String> armed = new AtomicReference<>();

    public void crashOnceAt(String point) {
        armed.set(point);
    }

    public void disarm() {
        armed.set(null);
    }

    @Override
    public void reached(String point) {
        String target = armed.get();
        if (point.equals(target) && armed.compareAndSet(target, null)) {
            throw new InjectedCrash(point);
        }
    }

    public static class InjectedCrash extends RuntimeException {
        InjectedCrash(String point) {
            super("injected crash at " + point);
        }
    }
}
