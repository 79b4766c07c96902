package io.etlhub.connector;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tables and columns that mapping expressions refer to as {@code alias.column} (h.cVouchID), with
 * the aliases the caller gives (h = header table) and those the expressions declare themselves
 * ({@code (SELECT c.FNUMBER FROM T_BD_CUSTOMER c ...)}). Good enough for mapping files; not a SQL parser.
 */
public final class SqlColumnRefs {
    private static final Pattern LITERAL = Pattern.compile("'(?:[^']|'')*'");
    private static final Pattern FROM = Pattern.compile("(?i)\\b(?:FROM|JOIN)\\s+([A-Za-z_][\\w.]*)(?:\\s+(?:AS\\s+)?([A-Za-z_]\\w*))?");
    private static final Pattern REF = Pattern.compile("\\b([A-Za-z_]\\w*)\\.([A-Za-z_]\\w*)\\b");
    private static final Set<String> KEYWORDS = Set.of("WHERE", "ON", "JOIN", "INNER", "LEFT", "RIGHT", "GROUP", "ORDER", "UNION", "AND", "OR");

    private SqlColumnRefs() {}

    /** Columns by table name, for every table mentioned (a table without column references maps to an empty set). */
    public static Map<String, Set<String>> byTable(Map<String, String> aliases, Collection<String> expressions) {
        Map<String, String> known = new HashMap<>(aliases);
        Map<String, Set<String>> tables = new TreeMap<>();
        aliases.values().forEach(t -> tables.computeIfAbsent(t, k -> new TreeSet<>()));
        StringBuilder all = new StringBuilder();
        for (String e : expressions) {
            if (e != null) all.append(LITERAL.matcher(e).replaceAll("''")).append('\n');
        }
        Matcher from = FROM.matcher(all);
        while (from.find()) {
            tables.computeIfAbsent(from.group(1), k -> new TreeSet<>());
            String alias = from.group(2);
            if (alias != null && !KEYWORDS.contains(alias.toUpperCase())) known.put(alias, from.group(1));
        }
        Matcher ref = REF.matcher(all);
        while (ref.find()) {
            String table = known.get(ref.group(1));
            if (table != null) tables.get(table).add(ref.group(2));
        }
        return tables;
    }
}
