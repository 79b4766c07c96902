package io.etlhub.archive;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.ToLongFunction;

/**
 * The companies of the file as far as the rows being read can tell: a VALID row with a credit code
 * belongs to that code's company, whose first row is the first row read with the code. Kept while
 * reading, so a file whose VALID rows all carry a credit code needs no grouping pass in SQL.
 *
 * <p>Codes are held as 64-bit hashes in an open-addressing table (a long and an int per code: about
 * 24 MB for 1,000,000 codes), so two different codes could meet on one hash. Every row said to join
 * an earlier one is therefore remembered, and {@link ArchiveStaging#assignCompanies(long, CustomerKeys, CompanyIndex)}
 * compares their staged codes before it trusts the grouping; on any difference, and whenever a VALID
 * row has no credit code (its company depends on the whole file's names), the grouping is made in SQL.
 */
final class CompanyIndex {
    private static final int MAX_FILL_PERCENT = 60;

    private final ToLongFunction<String> hash;
    private long[] hashes = new long[1 << 12];
    private int[] firsts = new int[1 << 12];
    private int size;
    /** Pairs (seq, seq of the row it joined), to confirm. */
    private int[] joined = new int[256];
    private int joinedPairs;
    private boolean needsSql;

    CompanyIndex() {
        this(CompanyIndex::hash64);
    }

    /** With another hash: tests use a colliding one to show that collisions are caught. */
    CompanyIndex(ToLongFunction<String> hash) {
        this.hash = hash;
    }

    /**
     * The seq of the first row of the company a VALID row at {@code seq} belongs to, as far as known now;
     * {@code creditCode} null: not known before the whole file is read (the grouping goes to SQL).
     */
    long companySeq(String creditCode, long seq) {
        if (creditCode == null || seq > Integer.MAX_VALUE) {
            needsSql = true;
            return seq;
        }
        long h = hash.applyAsLong(creditCode);
        if (h == 0) h = 1; // 0 marks a free slot
        int mask = hashes.length - 1;
        int i = (int) mix(h) & mask;
        while (hashes[i] != 0) {
            if (hashes[i] == h) {
                remember((int) seq, firsts[i]);
                return firsts[i];
            }
            i = (i + 1) & mask;
        }
        hashes[i] = h;
        firsts[i] = (int) seq;
        if (++size * 100L > (long) hashes.length * MAX_FILL_PERCENT) grow();
        return seq;
    }

    /** Whether some VALID row's company can only be found with the whole file (a row without a credit code). */
    boolean needsSql() { return needsSql; }

    /** The pairs (seq, seq of the first row of the company it joined) to confirm, flat. */
    int[] joined() { return Arrays.copyOf(joined, joinedPairs * 2); }

    private void remember(int seq, int first) {
        if (joinedPairs * 2 + 2 > joined.length) joined = Arrays.copyOf(joined, joined.length * 2);
        joined[joinedPairs * 2] = seq;
        joined[joinedPairs * 2 + 1] = first;
        joinedPairs++;
    }

    private void grow() {
        long[] oldHashes = hashes;
        int[] oldFirsts = firsts;
        hashes = new long[oldHashes.length * 2];
        firsts = new int[oldHashes.length * 2];
        int mask = hashes.length - 1;
        for (int j = 0; j < oldHashes.length; j++) {
            if (oldHashes[j] == 0) continue;
            int i = (int) mix(oldHashes[j]) & mask;
            while (hashes[i] != 0) i = (i + 1) & mask;
            hashes[i] = oldHashes[j];
            firsts[i] = oldFirsts[j];
        }
    }

    /** FNV-1a over the UTF-8 bytes, finished by a 64-bit mixer so that similar codes spread. */
    static long hash64(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
