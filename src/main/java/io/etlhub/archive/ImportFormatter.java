package io.etlhub.archive;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * Formats numeric cells for import rather than for display: date-formatted cells as ISO dates
 * (2019-03-05, or 2019-03-05T10:30 with a time), every other number as its plain decimal
 * (13812345678, not 1.38E+10; 0.5, not 50%).
 */
final class ImportFormatter extends DataFormatter {
    @Override
    public String formatRawCellContents(double value, int formatIndex, String formatString) {
        return format(value, formatIndex, formatString);
    }

    @Override
    public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904Windowing) {
        return format(value, formatIndex, formatString);
    }

    static String format(double value, int formatIndex, String formatString) {
        if (formatString != null && DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
            LocalDateTime t = DateUtil.getLocalDateTime(value);
            return t.toLocalTime().toSecondOfDay() == 0 ? t.toLocalDate().toString() : t.toString();
        }
        return plain(value);
    }

    static String plain(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) return Long.toString((long) value);
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
