package io.etlhub.archive;

import org.apache.poi.poifs.filesystem.POIFSFileSystem;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** What a file is, told by its bytes, never by its extension. */
public enum ExcelFileType {
    XLSX, XLS;

    private static final byte[] ZIP = {0x50, 0x4B, 0x03, 0x04};
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};

    /** Throws {@link ArchiveFileException} for an empty, encrypted or non-Excel file. */
    public static ExcelFileType detect(Path file, ArchiveMessages messages) {
        String name = file.getFileName().toString();
        byte[] head = new byte[8];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, 8);
        } catch (IOException e) {
            throw messages.failure("archive.error.unreadable", e, name, e.getMessage());
        }
        if (n == 0) throw messages.failure("archive.error.empty-file", null, name);
        if (n >= 4 && Arrays.equals(Arrays.copyOf(head, 4), ZIP)) return XLSX;
        if (n == 8 && Arrays.equals(head, OLE2)) {
            // An OLE2 container is either a .xls or an encrypted (password-protected) .xlsx.
            try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true)) {
                var root = fs.getRoot();
                if (root.hasEntry("EncryptionInfo") || root.hasEntry("EncryptedPackage")) {
                    throw messages.failure("archive.error.encrypted", null, name);
                }
                if (root.hasEntry("Workbook") || root.hasEntry("WORKBOOK") || root.hasEntry("Book")) return XLS;
            } catch (IOException | RuntimeException e) {
                if (e instanceof ArchiveFileException a) throw a;
                throw messages.failure("archive.error.corrupt", e, name, e.getMessage());
            }
        }
        throw messages.failure("archive.error.not-excel", null, name);
    }
}
