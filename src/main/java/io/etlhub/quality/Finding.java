package io.etlhub.quality;

import java.time.LocalDateTime;
import java.util.List;

/**
 * One broken record: which (id, number), whose (owner), what is wrong (a message code of
 * i18n/quality with its arguments, so the report reads in Chinese or English) and since when.
 */
public record Finding(QualityRule rule, String recordId, String recordNo, String owner, String problem,
                      List<String> args, LocalDateTime since) {}
