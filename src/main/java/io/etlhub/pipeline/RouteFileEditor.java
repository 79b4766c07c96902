package io.etlhub.pipeline;

import io.etlhub.connector.ConfigFileException;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Changes one top-level value of a route file in place, line by line, so the admin's comments and
 * layout stay as they were. The new text is validated as a whole before it replaces the file.
 */
@Component
class RouteFileEditor {
    private static final Pattern TRAILING_COMMENT = Pattern.compile("^([^#\"']*?|[^#]*?\"[^\"]*\"[^#]*?)(\\s+#.*)?$");

    private final RouteCatalog catalog;

    RouteFileEditor(RouteCatalog catalog) {
        this.catalog = catalog;
    }

    /** Writes {@code key: value} (value already YAML-quoted as needed); returns the old value text. */
    synchronized String set(Path file, String key, String yamlValue) {
        List<String> lines;
        try {
            lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigFileException(file, 0, "cannot read: " + e.getMessage());
        }
        String old = null;
        boolean found = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith(key + ":")) {
                Matcher m = TRAILING_COMMENT.matcher(line.substring(key.length() + 1));
                String comment = m.matches() && m.group(2) != null ? m.group(2) : "";
                old = (m.matches() ? m.group(1) : line.substring(key.length() + 1)).trim();
                lines.set(i, key + ": " + yamlValue + comment);
                found = true;
                break;
            }
        }
        if (!found) lines.add(key + ": " + yamlValue);
        Path candidate = file.resolveSibling("." + file.getFileName() + ".new");
        try {
            Files.write(candidate, lines, StandardCharsets.UTF_8);
            // Validated under the real name's id: parse the candidate, then compare ids by file name.
            validateCandidate(file, candidate);
            Files.move(candidate, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ConfigFileException(file, 0, "cannot write: " + e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(candidate);
            } catch (IOException ignored) {
                // best effort: a leftover hidden .new file is ignored by the catalog (it lists *.yaml/*.yml)
            }
        }
        return old;
    }

    private void validateCandidate(Path file, Path candidate) throws IOException {
        Path check = Files.createTempDirectory("route-check").resolve(file.getFileName());
        try {
            Files.copy(candidate, check);
            catalog.parse(check);
        } catch (ConfigFileException e) {
            throw new ConfigFileException(file, e.line(), e.getMessage().substring(e.getMessage().indexOf(": ") + 2));
        } finally {
            Files.deleteIfExists(check);
            Files.deleteIfExists(check.getParent());
        }
    }
}
