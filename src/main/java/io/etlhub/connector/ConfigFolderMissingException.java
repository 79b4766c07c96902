package io.etlhub.connector;

import java.nio.file.Path;

/** The configuration folder has no routes/, connectors/ or mappings/: the hub was started from the wrong place. */
public class ConfigFolderMissingException extends RuntimeException {
    public ConfigFolderMissingException(String folder, Path configDir) {
        super("no " + folder + "/ folder in " + configDir + ": set ETLHUB_CONFIG_DIR or --config");
    }
}
