package io.etlhub.pipeline;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The parameters a run started over HTTP or the console may take: never a server path. Refused by
 * name (out, arg1, file, report...) and by value (an absolute path, a home folder, a "..") before
 * anything looks at the file system, so the answer is the same whether or not such a file exists.
 * The CLI keeps --out and its file arguments (a local user on the hub's own machine).
 */
final class RunParameters {
    private static final Set<String> PATH_NAMES = Set.of("out", "file", "files", "report", "dir", "path", "output",
            "outputdir", "output-dir", "outdir", "config", "config-dir", "progress-token");
    private static final Pattern POSITIONAL = Pattern.compile("arg\\d+");
    private static final Pattern PATH_VALUE = Pattern.compile("^(/|\\\\|~|[A-Za-z]:[\\\\/]|file:).*|.*(^|[\\\\/])\\.\\.([\\\\/]|$).*");

    private RunParameters() {}

    /** The first parameter that names a server path, or null. */
    static String pathLike(Map<String, String> parameters) {
        if (parameters == null) return null;
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            String name = p.getKey() == null ? "" : p.getKey().toLowerCase(Locale.ROOT);
            if (PATH_NAMES.contains(name) || POSITIONAL.matcher(name).matches()) return p.getKey();
            if (p.getValue() != null && PATH_VALUE.matcher(p.getValue().trim()).matches()) return p.getKey();
        }
        return null;
    }

    /**
     * Thrown for a path-like parameter; the answer is 400 with the bundle's text, from the API (RouteController) and
     * the console (ErrorAnswers) alike.
     */
    static final class PathParameterException extends BadRunParameterException {
        PathParameterException(String parameter) {
            super("parameter " + parameter + " names a server path: runs started over HTTP write only into the output folder",
                    "security.run.path-parameter", parameter);
        }
    }
}
