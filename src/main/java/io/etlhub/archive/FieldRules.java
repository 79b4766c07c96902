package io.etlhub.archive;

import java.util.Map;

/** The rules a mapping file can name, by name. */
public final class FieldRules {
    private static final Map<String, FieldRule> RULES = Map.of(
            "text", new TextRule(),
            "company-name", new CompanyNameRule(),
            "date", new DateRule(),
            "number", new NumberRule(),
            "mobile", new PhoneRule(true),
            "phone", new PhoneRule(false),
            "credit-code", new CreditCodeRule(),
            "email", new EmailRule());

    private FieldRules() {}

    public static FieldRule named(String name) {
        FieldRule rule = RULES.get(name == null ? "text" : name);
        if (rule == null) throw new IllegalArgumentException("unknown rule '" + name + "' (known: " + RULES.keySet() + ")");
        return rule;
    }
}
