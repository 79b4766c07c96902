package io.etlhub.startup;

import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * A point inside Flyway's migrations where a hub process announces itself and waits to be killed:
 * before the Nth statement of an SQL migration (some of its statements done, not recorded), or after
 * a migration ran but before Flyway recorded it. Spec: {@code <history table>:<version>:statement:<N>}
 * or {@code <history table>:<version>:done}.
 */
final class KillPoint implements Callback {
    static final String REACHED = "KILL-POINT-REACHED";

    private final String table;
    private final String version;
    private final int statement;
    private int statementsSeen;

    KillPoint(String spec) {
        String[] parts = spec.split(":");
        this.table = parts[0];
        this.version = parts[1];
        this.statement = "statement".equals(parts[2]) ? Integer.parseInt(parts[3]) : 0;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return (event == Event.BEFORE_EACH_MIGRATE || event == Event.BEFORE_EACH_MIGRATE_STATEMENT || event == Event.AFTER_EACH_MIGRATE)
                && table.equals(context.getConfiguration().getTable())
                && context.getMigrationInfo() != null && context.getMigrationInfo().getVersion() != null
                && version.equals(context.getMigrationInfo().getVersion().getVersion());
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) { return true; }

    @Override
    public void handle(Event event, Context context) {
        if (event == Event.BEFORE_EACH_MIGRATE) statementsSeen = 0;
        boolean reached = statement > 0
                ? event == Event.BEFORE_EACH_MIGRATE_STATEMENT && ++statementsSeen == statement
                : event == Event.AFTER_EACH_MIGRATE;
        if (!reached) return;
        System.out.println(REACHED + " " + table + ":" + version);
        System.out.flush();
        try {
            Thread.sleep(Long.MAX_VALUE); // the test kills the process (SIGKILL) here
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String getCallbackName() { return "kill-point"; }
}
