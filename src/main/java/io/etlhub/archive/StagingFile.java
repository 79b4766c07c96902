package io.etlhub.archive;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * An import's staged rows in a local file of the hub's work folder instead of the hub store: written once in file
 * order, read back sequentially (the companies in the order of their first rows) with the few rows that join an
 * earlier company read by position. No INSERT, ORDER BY read-back and DELETE of every row in the database, and the
 * values as typed fields (a field number and UTF-8 text) instead of a JSON map.
 *
 * <p>The file is locked while its import runs and deleted when the import ends; a file left by a process that died
 * (the lock goes with the process) is deleted by {@link #cleanOrphans(Path)}, which the service calls at start and
 * before each import. Nothing of an import that did not finish reached the CRM (one transaction), so there is
 * nothing to complete: the file is simply gone and the same file can be imported again.
 *
 * <p>A record: seq, company seq, sheet, row, flags (valid; has a credit code), the credit code, the name key,
 * the number of values, then each value as a field number and its text. Written by one thread, read by another once
 * writing is finished ({@link #finishWriting()}; the writer's hand-over orders the two).
 */
final class StagingFile implements AutoCloseable {
    static final String SUFFIX = ".staging";
    private static final int BUFFER = 1 << 16;
    /**
     * The files this process's imports hold. The clean-up does not even open them: on Linux, closing any channel of a
     * file drops every lock the process holds on it.
     */
    private static final java.util.Set<Path> OPEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;
    private final java.io.OutputStream out;
    /** The record being written (one write per record: the streams' per-byte calls cost more than the encoding). */
    private ByteBuffer record = ByteBuffer.allocate(4096);
    private long size;
    /** Where the record of each seq starts (seq 1 at index 0), and the end of the last one. */
    private long[] offsets = new long[1 << 12];
    private long rows;
    private final List<String> fieldNames = new ArrayList<>();
    private final Map<String, Integer> fieldNumbers = new HashMap<>();
    private final List<String> sheetNames = new ArrayList<>();
    private Sequential reading;
    private String lastSheet;
    private int lastSheetNumber = -1;

    private StagingFile(Path path) throws IOException {
        this.path = path;
        OPEN.add(path); // before it exists: this process's clean-up never takes it for an orphan
        try {
            this.channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.READ);
        } catch (IOException e) {
            OPEN.remove(path);
            throw e;
        }
        this.lock = channel.lock();
        this.out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER);
    }

    /** A new, locked file for the import in {@code folder} (created if need be). */
    static StagingFile create(Path folder, long importId) {
        try {
            Files.createDirectories(folder);
            return new StagingFile(folder.resolve("import-" + importId + "-" + java.util.UUID.randomUUID() + SUFFIX).toAbsolutePath().normalize());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the staging file in " + folder, e);
        }
    }

    /**
     * Deletes the staging files no running import holds (left by a process that died mid-import); returns the ids of
     * their imports.
     */
    static List<Long> cleanOrphans(Path folder) {
        List<Long> imports = new ArrayList<>();
        if (!Files.isDirectory(folder)) return imports;
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).toList()) {
                if (deleteIfUnlocked(f)) {
                    java.util.regex.Matcher id = ORPHAN.matcher(f.getFileName().toString());
                    if (id.matches()) imports.add(Long.parseLong(id.group(1)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean the staging folder " + folder, e);
        }
        return imports;
    }

    /** import-<import id>-<random>.staging */
    private static final java.util.regex.Pattern ORPHAN = java.util.regex.Pattern.compile("import-(\\d{1,18})-.*");

    private static boolean deleteIfUnlocked(Path file) throws IOException {
        if (OPEN.contains(file.toAbsolutePath().normalize())) return false; // a running import of this process
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock held = c.tryLock();
            if (held == null) return false; // another process's running import
            held.release();
        } catch (OverlappingFileLockException e) {
            return false; // a running import of this process
        } catch (java.nio.file.NoSuchFileException e) {
            return false; // its import ended meanwhile
        }
        return Files.deleteIfExists(file);
    }

    Path path() { return path; }

    long rows() { return rows; }

    /** Appends row {@code seq} (1, 2, ... in that order). */
    void append(long seq, long companySeq, String sheet, int row, boolean valid, String creditCode, String nameKey,
                Map<String, String> values) {
        if (seq != rows + 1) throw new IllegalArgumentException("rows are staged in order: expected " + (rows + 1) + ", got " + seq);
        try {
            if (rows + 1 >= offsets.length) offsets = Arrays.copyOf(offsets, offsets.length * 2);
            offsets[(int) rows] = size;
            record.clear();
            room(17).putLong(companySeq).putInt(sheetNumber(sheet)).putInt(row)
                    .put((byte) ((valid ? 1 : 0) | (creditCode != null ? 2 : 0) | (nameKey != null ? 4 : 0)));
            if (creditCode != null) text(creditCode);
            if (nameKey != null) text(nameKey);
            room(2).putShort((short) values.size());
            for (Map.Entry<String, String> v : values.entrySet()) {
                room(2).putShort((short) fieldNumber(v.getKey()));
                text(v.getValue());
            }
            out.write(record.array(), 0, record.position());
            size += record.position();
            rows++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the staging file " + path, e);
        }
    }

    /** Writes what is buffered; the file can be read from now on. */
    void finishWriting() {
        try {
            out.flush();
            offsets[(int) rows] = size;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the staging file " + path, e);
        }
    }

    /** A staged row as written, read by its position. */
    record Staged(long seq, long companySeq, String sheet, int row, boolean valid, String creditCode, String nameKey,
                  Map<String, String> values) {
        StagedRow asStagedRow() { return new StagedRow(seq, companySeq, sheet, row, values); }
    }

    /** Row {@code seq}, read by its position. */
    Staged read(long seq) {
        int i = (int) seq - 1;
        ByteBuffer buf = ByteBuffer.allocate((int) (offsets[i + 1] - offsets[i]));
        try {
            long at = offsets[i];
            while (buf.hasRemaining()) {
                if (channel.read(buf, at + buf.position()) < 0) throw new EOFException(path.toString());
            }
            buf.flip();
            return decode(seq, buf);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the staging file " + path, e);
        }
    }

    /** Every row in file order (for the set-based grouping in the hub store). */
    void forEach(java.util.function.Consumer<Staged> consumer) {
        try (Sequential rows = new Sequential()) {
            for (Staged s; (s = rows.next()) != null; ) consumer.accept(s);
        }
    }

    /**
     * The VALID rows company by company, in the order of each company's first row, each company's rows in file order,
     * in pages of {@code pageSize}; {@code joined}: pairs (seq, seq of its company's first row) of every VALID row that
     * joins an earlier one, as {@link CompanyIndex#joined()} gives them. The file is read once in order; the joining
     * rows are read by position when their company's first row comes.
     */
    Supplier<List<StagedRow>> companyPages(int[] joined, int pageSize) {
        long[] byFirst = new long[joined.length / 2]; // (first << 32 | seq), sorted: each company's joiners in file order
        for (int i = 0; i < byFirst.length; i++) byFirst[i] = ((long) joined[2 * i + 1] << 32) | (joined[2 * i] & 0xffffffffL);
        Arrays.sort(byFirst);
        Sequential file = reading = new Sequential();
        int[] next = {0};
        return () -> {
            List<StagedRow> page = new ArrayList<>(pageSize + 16);
            while (page.size() < pageSize) {
                Staged s = file.next();
                if (s == null) {
                    file.close();
                    break;
                }
                if (!s.valid() || s.companySeq() != s.seq()) continue; // rejected, or read with its company's first row
                page.add(s.asStagedRow());
                while (next[0] < byFirst.length && (byFirst[next[0]] >>> 32) < s.seq()) next[0]++;
                while (next[0] < byFirst.length && (byFirst[next[0]] >>> 32) == s.seq()) {
                    page.add(read(byFirst[next[0]++] & 0xffffffffL).asStagedRow());
                }
            }
            return page;
        };
    }

    /** Closes and deletes the file. */
    @Override
    public void close() {
        if (reading != null) reading.close();
        try {
            out.close();
        } catch (IOException ignored) {
            // the file is deleted anyway
        }
        try {
            if (lock.isValid()) lock.release();
            channel.close();
            Files.deleteIfExists(path);
            OPEN.remove(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the staging file " + path, e);
        }
    }

    /** One record from {@code in} (a heap buffer holding it from its position). */
    private Staged decode(long seq, ByteBuffer in) {
        long companySeq = in.getLong();
        String sheet = sheetNames.get(in.getInt());
        int row = in.getInt();
        int flags = in.get();
        String code = (flags & 2) != 0 ? text(in) : null;
        String nameKey = (flags & 4) != 0 ? text(in) : null;
        int n = in.getShort() & 0xffff;
        Map<String, String> values = new LinkedHashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            String field = fieldNames.get(in.getShort() & 0xffff);
            values.put(field, text(in));
        }
        return new Staged(seq, companySeq, sheet, row, (flags & 1) != 0, code, nameKey, values);
    }

    private int sheetNumber(String sheet) {
        if (!sheet.equals(lastSheet)) {
            lastSheetNumber = sheetNames.indexOf(sheet);
            if (lastSheetNumber < 0) {
                sheetNames.add(sheet);
                lastSheetNumber = sheetNames.size() - 1;
            }
            lastSheet = sheet;
        }
        return lastSheetNumber;
    }

    private int fieldNumber(String field) {
        return fieldNumbers.computeIfAbsent(field, f -> {
            fieldNames.add(f);
            return fieldNames.size() - 1;
        });
    }

    private void text(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        room(4 + b.length).putInt(b.length).put(b);
    }

    private static String text(ByteBuffer in) {
        int length = in.getInt();
        String s = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return s;
    }

    /** The record's buffer with room for {@code bytes} more. */
    private ByteBuffer room(int bytes) {
        if (record.remaining() < bytes) {
            ByteBuffer larger = ByteBuffer.allocate(Math.max(record.capacity() * 2, record.position() + bytes));
            record.flip();
            record = larger.put(record);
        }
        return record;
    }

    /** The rows in file order, from the start; null after the last. */
    private final class Sequential implements AutoCloseable {
        private final DataInputStream in;
        private ByteBuffer buf = ByteBuffer.allocate(4096);
        private long seq;

        Sequential() {
            try {
                in = new DataInputStream(new BufferedInputStream(Files.newInputStream(path), BUFFER));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the staging file " + path, e);
            }
        }

        Staged next() {
            if (seq >= rows) return null;
            try {
                int length = (int) (offsets[(int) seq + 1] - offsets[(int) seq]);
                if (buf.capacity() < length) buf = ByteBuffer.allocate(Math.max(length, buf.capacity() * 2));
                buf.clear();
                in.readFully(buf.array(), 0, length);
                buf.limit(length);
                return decode(++seq, buf);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the staging file " + path, e);
            }
        }

        @Override
        public void close() {
            try {
                in.close();
            } catch (IOException ignored) {
                // read only
            }
        }
    }
}
