package io.etlhub.connector;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Java side of "blank means blank": Unicode spaces and invisible characters, placeholders ignoring case. */
class BlanksTest {
    static final List<String> PLACEHOLDERS = List.of("无", "-", "未知", "N/A");

    @Test
    void unicodeSpacesAndInvisibleCharactersAloneAreBlank() {
        for (String blank : new String[] {null, "", " ", "\t\r\n", "\u3000", "\u3000\u3000", "\u00A0", "\u200B", "\uFEFF",
                "\u2003\u202F", " \u3000\u200B "}) {
            assertThat(Blanks.isBlank(blank)).as("[%s]", Blanks.spelled(blank)).isTrue();
        }
        assertThat(Blanks.isBlank("展会")).isFalse();
        assertThat(Blanks.isBlank("\u3000展会\u3000")).isFalse();
    }

    @Test
    void placeholdersMatchWithoutInvisibleCharactersAndCase() {
        assertThat(Blanks.isBlankOrPlaceholder("\u3000无\u3000", PLACEHOLDERS)).isTrue();
        assertThat(Blanks.isBlankOrPlaceholder("n/a\u200B", PLACEHOLDERS)).isTrue();
        assertThat(Blanks.isBlankOrPlaceholder("\u00A0-", PLACEHOLDERS)).isTrue();
        assertThat(Blanks.isBlankOrPlaceholder("\u3000", PLACEHOLDERS)).isTrue();
        assertThat(Blanks.isBlankOrPlaceholder("无锡展会", PLACEHOLDERS)).isFalse();
        assertThat(Blanks.isBlankOrPlaceholder("--", PLACEHOLDERS)).isFalse();
    }

    @Test
    void trimmingAndSpellingForReports() {
        assertThat(Blanks.trimToNull("\u3000C00001\u00A0")).isEqualTo("C00001");
        assertThat(Blanks.trimToNull("\u3000\u200B")).isNull();
        assertThat(Blanks.spelled("\u3000无")).isEqualTo("[U+3000]无");
    }
}
