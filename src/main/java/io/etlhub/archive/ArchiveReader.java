package io.etlhub.archive;

import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.openxml4j.util.ZipSecureFile;

import java.nio.file.Path;

/**
 * Streams a workbook's rows into a sink, whichever kind of Excel file it is (told by its bytes),
 * and turns POI's many failures into one {@link ArchiveFileException} with a clear message.
 */
public final class ArchiveReader {
    /** Default unpacked size of an .xlsx part other than a worksheet (etlhub.archive.max-part-size). */
    public static final long DEFAULT_MAX_PART_SIZE = 200L << 20;

    private final ArchiveMessages messages;
    private final XlsxPartLimit partLimit;
    private final long maxPartSize;

    public ArchiveReader(ArchiveMessages messages, double minInflateRatio, long maxEntrySize) {
        this(messages, minInflateRatio, maxEntrySize, DEFAULT_MAX_PART_SIZE);
    }

    /**
     * {@code minInflateRatio} and {@code maxEntrySize} are POI's zip-bomb limits (ZipSecureFile); they
     * are process-wide in POI, so every reader sets the same configured values. {@code maxPartSize}
     * limits the unpacked size of every .xlsx part that is not a worksheet ({@link XlsxPartLimit}).
     */
    public ArchiveReader(ArchiveMessages messages, double minInflateRatio, long maxEntrySize, long maxPartSize) {
        this.messages = messages;
        this.partLimit = new XlsxPartLimit(maxPartSize);
        this.maxPartSize = maxPartSize;
        ZipSecureFile.setMinInflateRatio(minInflateRatio);
        ZipSecureFile.setMaxEntrySize(maxEntrySize);
    }

    public void read(Path file, SheetRowSink sink) {
        String name = file.getFileName().toString();
        ExcelFileType type = ExcelFileType.detect(file, messages);
        try {
            if (type == ExcelFileType.XLSX) {
                String part = partLimit.oversizedPart(file);
                if (part != null) throw messages.failure("archive.error.part-too-large", null, name, part, maxPartSize >> 20);
                new XlsxStreamReader().read(file, sink);
            } else {
                new XlsStreamReader().read(file, sink);
            }
        } catch (ArchiveFileException e) {
            throw e;
        } catch (EncryptedDocumentException e) {
            throw messages.failure("archive.error.encrypted", e, name);
        } catch (Exception | StackOverflowError e) {
            if (isZipBomb(e)) throw messages.failure("archive.error.zip-bomb", e, name);
            if (e.getCause() instanceof ArchiveFileException a) throw a;
            throw messages.failure("archive.error.corrupt", e, name, String.valueOf(e.getMessage()));
        }
    }

    private static boolean isZipBomb(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("Zip bomb")) return true;
        }
        return false;
    }
}
