package io.etlhub.connector;

/** One line of `run check`: OK, a warning, or a fault with its fix. */
public record CheckLine(Status status, String subject, String message) {
    public enum Status { OK, WARN, FAIL }

    public static CheckLine ok(String subject, String message) { return new CheckLine(Status.OK, subject, message); }

    public static CheckLine warn(String subject, String message) { return new CheckLine(Status.WARN, subject, message); }

    public static CheckLine fail(String subject, String message) { return new CheckLine(Status.FAIL, subject, message); }

    @Override
    public String toString() {
        return String.format("%-4s %s: %s", status, subject, message);
    }
}
