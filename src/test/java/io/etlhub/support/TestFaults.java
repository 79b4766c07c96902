package io.etlhub.support;

import io.etlhub.pipeline.FaultInjection;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.annotation.Primary;

import java.util.concurrent.atomic.AtomicReference;

/** Makes the next run crash once at a named point, or do something there once (see FaultInjection). */
@TestComponent
@Primary
public class TestFaults implements FaultInjection {
    private final AtomicReference<String> armed = new AtomicReference<>();
    private final AtomicReference<java.util.Map.Entry<String, Runnable>> action = new AtomicReference<>();

    public void crashOnceAt(String point) {
        armed.set(point);
    }

    /** Runs {@code what} the next time {@code point} is reached (e.g. another writer's change in between). */
    public void doOnceAt(String point, Runnable what) {
        action.set(java.util.Map.entry(point, what));
    }

    public void disarm() {
        armed.set(null);
        action.set(null);
    }

    @Override
    public void reached(String point) {
        var pending = action.get();
        if (pending != null && point.equals(pending.getKey()) && action.compareAndSet(pending, null)) pending.getValue().run();
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
