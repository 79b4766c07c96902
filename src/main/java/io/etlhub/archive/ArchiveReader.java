package io.etlhub.archive;

import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.openxml4j.util.ZipSecureFile;

import java.nio.file.Path;

/**
 * Streams a workbook's rows into a sink, whichever kind of Excel file it is (told by its bytes),
 * and turns POI's many failures into one {@link ArchiveFileException} with a clear message.
 */
public final class ArchiveReader {
    private final ArchiveMessages messages;

    /**
     * {@code minInflateRatio} and {@code maxEntrySize} are POI's zip-bomb limits (ZipSecureFile); they
     * are process-wide in POI, so every reader sets the same configured values.
     */
    public ArchiveReader(ArchiveMessages messages, double minInflateRatio, long maxEntrySize) {
        this.messages = messages;
        ZipSecureFile.setMinInflateRatio(minInflateRatio);
        ZipSecureFile.setMaxEntrySize(maxEntrySize);
    }

    public void read(Path file, SheetRowSink sink) {
        String name = file.getFileName().toString();
        ExcelFileType type = ExcelFileType.detect(file, messages);
        try {
            if (type == ExcelFileType.XLSX) new XlsxStreamReader().read(file, sink);
            else new XlsStreamReader().read(file, sink);
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
