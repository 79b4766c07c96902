package io.etlhub.archive;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;

/**
 * The unpacked size of every part of an .xlsx other than its worksheets (shared strings, styles,
 * workbook, relations...), checked before POI reads any of them: those parts are read whole into
 * memory, so a 20 MB file whose shared strings unpack to 1 GB (well within POI's inflate ratio) is
 * refused here. Each part is inflated and counted, whatever size its zip entry claims. Worksheets
 * are streamed row by row and limited by POI's max entry size.
 */
final class XlsxPartLimit {
    private final long maxPartSize;

    XlsxPartLimit(long maxPartSize) {
        this.maxPartSize = maxPartSize;
    }

    /** The first part over the limit, or null; IOExceptions are left to the reader that follows. */
    String oversizedPart(Path file) throws IOException {
        try (ZipFile zip = ZipFile.builder().setPath(file).get()) {
            byte[] buf = new byte[65536];
            for (Enumeration<ZipArchiveEntry> entries = zip.getEntries(); entries.hasMoreElements(); ) {
                ZipArchiveEntry entry = entries.nextElement();
                if (entry.isDirectory() || entry.getName().startsWith("xl/worksheets/")) continue;
                if (entry.getSize() > maxPartSize) return entry.getName();
                long total = 0;
                try (InputStream in = zip.getInputStream(entry)) {
                    for (int r; (r = in.read(buf)) > 0; ) {
                        total += r;
                        if (total > maxPartSize) return entry.getName();
                    }
                }
            }
        }
        return null;
    }
}
