package io.etlhub.connector;

import java.math.BigInteger;

/** SQL Server rowversion values arrive as binary(8); fixtures on MySQL keep them as BIGINT. */
public final class RowVersions {
    private RowVersions() {}

    public static long toLong(Object value) {
        if (value instanceof byte[] bytes) return new BigInteger(1, bytes).longValue();
        if (value instanceof Number n) return n.longValue();
        return Long.parseLong(value.toString());
    }
}
