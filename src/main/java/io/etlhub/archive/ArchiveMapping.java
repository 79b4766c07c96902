package io.etlhub.archive;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The typed view of one archive kind's mapping file (mappings/archive-customers.yml): which CRM
 * table the rows go to, each target field with its header aliases and rule, the de-duplication keys
 * and the merge policy.
 */
public record ArchiveMapping(
        String kind,
        String description,
        String target,
        Integer minHeaderMatches,
        Integer headerSearchRows,
        Map<String, Field> fields,
        Dedup dedup,
        Merge merge) {

    /**
     * A target field. {@code column} is the logical column in mappings/crm.yml (default: the field's
     * own name; "none" for a field that is only read, such as the record date). {@code carryDown}
     * fills a blank cell from the row above (a column grouped with merged cells).
     */
    public record Field(List<String> aliases, String rule, Boolean required, Boolean carryDown, String column) {
        public boolean isRequired() { return Boolean.TRUE.equals(required); }

        public boolean isCarryDown() { return Boolean.TRUE.equals(carryDown); }

        public String crmColumn(String fieldName) { return column == null ? fieldName : column; }

        public boolean toCrm() { return !"none".equals(column); }
    }

    /** Credit code first, then the normalised name with any of the phone fields. */
    public record Dedup(String creditCode, String name, List<String> phones) {}

    /**
     * fill-blanks: only CRM fields that are empty get the archive's value. overwrite-older: also
     * replace a CRM value when the row's record date is later than the CRM row's update time; a
     * newer CRM value is never overwritten.
     */
    public record Merge(String policy, String recordDate) {
        public boolean overwriteOlder() { return "overwrite-older".equals(policy); }
    }

    public int minHeaderMatchesOr(int fallback) { return minHeaderMatches == null ? fallback : minHeaderMatches; }

    public int headerSearchRowsOr(int fallback) { return headerSearchRows == null ? fallback : headerSearchRows; }

    /** Header text as compared with the aliases: half-width, no spaces, no trailing colon or asterisk, lower case. */
    public static String headerKey(String header) {
        if (header == null) return "";
        String s = Widths.half(header).replace(" ", "").toLowerCase(Locale.ROOT);
        while (!s.isEmpty() && ":*：".indexOf(s.charAt(s.length() - 1)) >= 0) s = s.substring(0, s.length() - 1);
        while (!s.isEmpty() && s.charAt(0) == '*') s = s.substring(1);
        return s;
    }
}
