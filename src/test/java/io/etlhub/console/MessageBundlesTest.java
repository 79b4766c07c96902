package io.etlhub.console;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every bundle (spring.messages.basename) has the same keys in Chinese and English, none empty, and its
 * default file (what a user with another language gets) is the Chinese one.
 */
class MessageBundlesTest {
    /** The bundles the hub reads: spring.messages.basename in application.yml. */
    static final List<String> BUNDLES = basenames();

    @Test
    void chineseAndEnglishHaveTheSameKeysAndNoEmptyText() {
        List<String> problems = new ArrayList<>();
        for (String bundle : BUNDLES) {
            Properties zh = load(bundle + "_zh_CN.properties");
            Properties en = load(bundle + "_en.properties");
            Properties base = load(bundle + ".properties");
            missing(bundle + "_en", keys(zh), keys(en), problems);
            missing(bundle + "_zh_CN", keys(en), keys(zh), problems);
            missing(bundle + " (default)", keys(zh), keys(base), problems);
            for (Properties p : List.of(zh, en)) {
                p.stringPropertyNames().stream().filter(k -> p.getProperty(k).isBlank())
                        .forEach(k -> problems.add(bundle + ": " + k + " has no text"));
            }
        }
        assertThat(problems).as("untranslated keys").isEmpty();
    }

    @Test
    void theDefaultBundleIsTheChineseOne() {
        for (String bundle : BUNDLES) {
            Properties zh = load(bundle + "_zh_CN.properties");
            Properties base = load(bundle + ".properties");
            for (String k : keys(base)) {
                assertThat(base.getProperty(k)).as(bundle + " " + k).isEqualTo(zh.getProperty(k));
            }
        }
    }

    /** A Chinese text with three English words in a row is a sentence left untranslated (names and commands aside). */
    @Test
    void noChineseTextHasAnEnglishSentence() {
        List<String> problems = new ArrayList<>();
        for (String bundle : BUNDLES) {
            Properties zh = load(bundle + "_zh_CN.properties");
            for (String k : keys(zh)) {
                String english = ConsolePagesTranslatedIntegrationTest.englishPhrase(zh.getProperty(k).replaceAll("\\{\\d+}", " "));
                if (english != null) problems.add(bundle + ": " + k + " has '" + english + "'");
            }
        }
        assertThat(problems).isEmpty();
    }

    private static void missing(String where, Set<String> expected, Set<String> actual, List<String> problems) {
        Set<String> gone = new TreeSet<>(expected);
        gone.removeAll(actual);
        gone.forEach(k -> problems.add(where + " lacks " + k));
    }

    private static Set<String> keys(Properties p) {
        return new TreeSet<>(p.stringPropertyNames());
    }

    private static List<String> basenames() {
        try (InputStream in = MessageBundlesTest.class.getClassLoader().getResourceAsStream("application.yml")) {
            String yml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^\\s+basename:\\s*(\\S+)").matcher(yml);
            assertThat(m.find()).as("spring.messages.basename in application.yml").isTrue();
            return List.of(m.group(1).split(","));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Properties load(String resource) {
        Properties p = new Properties();
        try (InputStream in = MessageBundlesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(resource, e);
        }
        return p;
    }
}
