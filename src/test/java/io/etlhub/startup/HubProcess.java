package io.etlhub.startup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.fail;

/** A hub started as its own JVM with the test classpath; its output is kept in a log file and read line by line. */
final class HubProcess {
    private final Process process;
    private final Path log;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private HubProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
        Thread pump = new Thread(this::pump, "hub-process-output");
        pump.setDaemon(true);
        pump.start();
    }

    static HubProcess start(Class<?> mainClass, Map<String, String> environment, List<String> systemProperties,
                            List<String> arguments, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-XX:TieredStopAtLevel=1", "-Dfile.encoding=UTF-8", "-Duser.timezone=Asia/Shanghai"));
        command.addAll(systemProperties);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Files.createDirectories(log.getParent());
        return new HubProcess(builder.start(), log);
    }

    private void pump() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
            for (String line; (line = in.readLine()) != null; ) {
                out.println(line);
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("(output ended: " + e.getMessage() + ")");
        }
    }

    /** Waits for a line matching the pattern; fails with the end of the output when the process ends or time runs out. */
    Matcher await(Pattern pattern, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(200, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.add(line);
                Matcher m = pattern.matcher(line);
                if (m.find()) return m;
            } else if (!process.isAlive() && lines.isEmpty()) {
                fail("hub process ended (exit " + process.exitValue() + ") before '" + pattern + "'; see " + log + ":\n" + tail());
            }
        }
        fail("no '" + pattern + "' within " + timeout + "; see " + log + ":\n" + tail());
        return null;
    }

    /** SIGKILL: no shutdown hook, no Flyway clean-up, connections dropped. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(60, TimeUnit.SECONDS);
    }

    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) kill();
    }

    private String tail() {
        return String.join("\n", seen.subList(Math.max(0, seen.size() - 40), seen.size()));
    }
}
