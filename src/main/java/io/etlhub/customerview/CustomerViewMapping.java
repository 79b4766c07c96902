package io.etlhub.customerview;

import io.etlhub.connector.IncrementalReader;
import io.etlhub.connector.SqlColumnRefs;
import io.etlhub.connector.TableNeed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The typed view of a customer-view source mapping (mappings/u8-customer-view.yml, k3-customer-view.yml,
 * mes-ktg.yml, mes-qcadoo.yml): per figure a query over the vendor's tables, by the hub's field names.
 */
public record CustomerViewMapping(String system, IncrementalReader.VersionType versionType,
                                  Map<String, String> safeUpperBound, Map<String, FigureQuery> figures,
                                  List<String> openStates) {

    /** One figure: FROM (tables with aliases and joins), WHERE, the hub's keys and values as SQL expressions, the change column. */
    public record FigureQuery(String from, String where, LinkedHashMap<String, String> keys,
                              LinkedHashMap<String, String> values, String version) {}

    /** Checks the mapping against the figures the hub knows; the message names the mapping, figure and field. */
    void validate(String mappingId) {
        if (system == null || system.isBlank()) throw new IllegalArgumentException("mappings/" + mappingId + ": system is missing");
        if (versionType == null) throw new IllegalArgumentException("mappings/" + mappingId + ": version-type is missing (rowversion or datetime)");
        if (figures == null || figures.isEmpty()) throw new IllegalArgumentException("mappings/" + mappingId + ": figures is empty");
        figures.forEach((name, q) -> {
            Figure f;
            try {
                f = Figure.byMappingName(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("mappings/" + mappingId + ": " + e.getMessage());
            }
            String where = "mappings/" + mappingId + " figure " + name;
            if (q.from() == null || q.from().isBlank()) throw new IllegalArgumentException(where + ": from is missing");
            if (q.version() == null || q.version().isBlank()) throw new IllegalArgumentException(where + ": version is missing");
            for (Figure.Field k : f.keys) {
                if (q.keys() == null || blank(q.keys().get(k.name()))) throw new IllegalArgumentException(where + ": keys." + k.name() + " is missing");
            }
            for (Figure.Field v : f.values) {
                if (q.values() == null || blank(q.values().get(v.name()))) throw new IllegalArgumentException(where + ": values." + v.name() + " is missing");
            }
        });
    }

    Map<Figure, FigureQuery> byFigure() {
        Map<Figure, FigureQuery> out = new LinkedHashMap<>();
        figures.forEach((name, q) -> out.put(Figure.byMappingName(name), q));
        return out;
    }

    /** The source tables and columns the queries read, for `run check`. */
    List<TableNeed> tablesNeeded(String connector) {
        List<String> expressions = new ArrayList<>();
        for (FigureQuery q : figures.values()) {
            expressions.add("FROM " + q.from());
            if (q.where() != null) expressions.add(q.where());
            if (q.keys() != null) expressions.addAll(q.keys().values());
            if (q.values() != null) expressions.addAll(q.values().values());
            expressions.add(q.version());
        }
        return SqlColumnRefs.byTable(Map.of(), expressions).entrySet().stream()
                .map(e -> TableNeed.readOnly(connector, e.getKey(), e.getValue())).toList();
    }

    private static boolean blank(String s) { return s == null || s.isBlank(); }
}
