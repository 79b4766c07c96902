package io.etlhub.archive;

import org.apache.poi.ss.usermodel.DateUtil;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates typed every way: Excel serial numbers, 2019.3.5, 2019/03/05, 2019-3-5, 2019年3月5日,
 * 20190305, optionally followed by a time. Out to ISO (2019-03-05). Years outside 1900..2100 are rejected.
 */
public final class DateRule implements FieldRule {
    private static final Pattern YMD = Pattern.compile("(\\d{4})\\s*[-./年]\\s*(\\d{1,2})\\s*[-./月]\\s*(\\d{1,2})\\s*日?(?:[ T]\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?)?");
    private static final Pattern COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");
    private static final Pattern SERIAL = Pattern.compile("\\d{1,6}(\\.\\d+)?");

    @Override
    public Cleaned apply(String text) {
        String s = Widths.half(text);
        if (s.isEmpty()) return Cleaned.BLANK;
        Matcher m = YMD.matcher(s);
        if (m.matches()) return date(m.group(1), m.group(2), m.group(3));
        m = COMPACT.matcher(s);
        if (m.matches()) return date(m.group(1), m.group(2), m.group(3));
        if (SERIAL.matcher(s).matches()) {
            double serial = Double.parseDouble(s);
            // 1 = 1900-01-01 in Excel's calendar; anything before 1900-01-01 or after 2100 is not a date here.
            if (serial >= 1 && serial < 73051) {
                return Cleaned.of(DateUtil.getLocalDateTime(serial).toLocalDate().toString());
            }
        }
        return Cleaned.reject("archive.reason.date");
    }

    private static Cleaned date(String y, String m, String d) {
        try {
            LocalDate date = LocalDate.of(Integer.parseInt(y), Integer.parseInt(m), Integer.parseInt(d));
            if (date.getYear() < 1900 || date.getYear() > 2100) return Cleaned.reject("archive.reason.date");
            return Cleaned.of(date.toString());
        } catch (DateTimeException e) {
            return Cleaned.reject("archive.reason.date");
        }
    }
}
