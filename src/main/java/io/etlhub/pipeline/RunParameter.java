package io.etlhub.pipeline;

/**
 * A parameter a route kind takes when it is run by hand (the console's run-now form asks for it, the API checks it
 * before a run starts). The label is the bundle's console.param.&lt;name&gt;; {@code type} is the HTML input type
 * (month, date, text).
 */
public record RunParameter(String name, String type, boolean required) {
    public static RunParameter month(String name, boolean required) { return new RunParameter(name, "month", required); }

    public static RunParameter date(String name) { return new RunParameter(name, "date", false); }
}
