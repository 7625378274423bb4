package org.secmlops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.result.GateRunResult;
import org.secmlops.core.result.Json;
import org.secmlops.core.result.ResultJson;

/**
 * {@code secmlops monitor --follow}: the test appends requests to the log while the command follows it, and waits
 * (polls with deadlines, no sleeps) for the alerts in the alert file and the values on the Prometheus endpoint,
 * scraped over loopback; a child JVM is stopped with SIGTERM and saves its state.
 */
class MonitorFollowCommandTest {
    private static final int WIDTH = 8;
    private static final long DEADLINE_SECONDS = 60;
    private static final String ATTACKER = "198.51.100.66";

    @TempDir
    Path dir;

    @RegisterExtension
    final CapturedConsole console = new CapturedConsole();
    private final ByteArrayOutputStream out = console.out();
    private final ByteArrayOutputStream err = console.err();
    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    /** 600 Gaussian rows of 8 features, label: the sign of the first feature. */
    private Path reference() throws IOException {
        Random random = new Random(1);
        StringBuilder csv = new StringBuilder("f0,f1,f2,f3,f4,f5,f6,f7,label\n");
        for (int i = 0; i < 600; i++) {
            double first = random.nextGaussian();
            csv.append(first);
            for (int j = 1; j < WIDTH; j++) {
                csv.append(',').append(random.nextGaussian());
            }
            csv.append(',').append(first > 0 ? 1 : 0).append('\n');
        }
        return Files.writeString(dir.resolve("reference.csv"), csv.toString());
    }

    /** 400 benign requests from 20 clients, and every tenth an attacker's near-identical probe. */
    private static List<String> traffic() {
        Random random = new Random(2);
        List<String> lines = new ArrayList<>();
        double[] probe = new double[WIDTH];
        for (int i = 0; i < 400; i++) {
            lines.add(line("client-" + (i % 20), random, null));
            if (i % 10 == 0) {
                probe[i / 10 % WIDTH] += 0.01;
                lines.add(line(ATTACKER, random, probe));
            }
        }
        return lines;
    }

    private static String line(String client, Random random, double[] fixed) {
        StringBuilder s = new StringBuilder("{\"client\":\"").append(client).append("\",\"input\":[");
        for (int j = 0; j < WIDTH; j++) {
            s.append(j == 0 ? "" : ",").append(fixed == null ? random.nextGaussian() : fixed[j]);
        }
        return s.append("]}").toString();
    }

    private static void append(Path log, List<String> lines) throws IOException {
        Files.writeString(log, String.join("\n", lines) + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %d s for %s", DEADLINE_SECONDS, what).isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    private static List<JsonNode> alerts(Path file) {
        List<JsonNode> out = new ArrayList<>();
        try {
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file)) {
                    if (line.endsWith("}")) {
                        out.add(Json.mapper().readTree(line));
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+(?:\\{[^}]*\\})?) (\\S+)$", Pattern.MULTILINE);

    /** The samples of a scrape in Prometheus' text format, by name with labels. */
    private static Map<String, Double> scrape(int port) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
            Map<String, Double> samples = new HashMap<>();
            Matcher m = SAMPLE.matcher(response.body());
            while (m.find()) {
                samples.put(m.group(1), Double.parseDouble(m.group(2)));
            }
            return samples;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldAlertOnTheAttackerAsItsProbesArriveAndServeTheMetricsToPrometheus() throws Exception {
        Path reference = reference();
        Path log = Files.createFile(dir.resolve("traffic.jsonl"));
        Path report = dir.resolve("report");
        Path alertFile = report.resolve("alerts.jsonl");
        List<String> lines = traffic();
        lines.add(2, "{\"client\":\"broken\",\"input\":[1,2,3]}");
        Future<Integer> running = executor.submit(() -> SecMLOpsCli.execute("monitor", "--follow", log.toString(),
                "--reference", reference.toString(), "--label-column", "label", "--state",
                dir.resolve("monitor.state").toString(), "--max-requests", Integer.toString(lines.size() + 1),
                "--metrics-port", "0", "--report-dir", report.toString()));
        await("the metrics endpoint", () -> out.toString(StandardCharsets.UTF_8).contains("/metrics")
                || running.isDone());
        Matcher address = Pattern.compile("metrics: http://127\\.0\\.0\\.1:(\\d+)/metrics")
                .matcher(out.toString(StandardCharsets.UTF_8));
        assertThat(address.find()).as(out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8))
                .isTrue();
        int port = Integer.parseInt(address.group(1));

        java.time.Instant[] appended = new java.time.Instant[lines.size() + 1];
        for (int i = 0; i < lines.size(); i += 20) {
            int end = Math.min(lines.size(), i + 20);
            append(log, lines.subList(i, end));
            java.time.Instant now = java.time.Instant.now();
            for (int line = i + 1; line <= end; line++) {
                appended[line] = now;
            }
            await("lines up to " + end + " decided", () -> scrape(port)
                    .getOrDefault("secmlops_monitor_requests_total", -1.0) >= end);
        }
        long expectedRecords = lines.size() - 1;
        await("the window metrics of every record", () -> scrape(port)
                .getOrDefault("secmlops_monitor_window_records", -1.0) == expectedRecords);
        Map<String, Double> metrics = scrape(port);
        append(log, List.of(line("client-last", new Random(3), null)));
        int exit = running.get(DEADLINE_SECONDS, TimeUnit.SECONDS);

        assertThat(metrics).containsEntry("secmlops_monitor_attack_clients", 1.0)
                .containsEntry("secmlops_monitor_requests_total", (double) lines.size())
                .containsEntry("secmlops_monitor_bad_lines_total", 1.0)
                .containsEntry("secmlops_monitor_alerts_total{kind=\"attack_client\"}", 1.0)
                .containsEntry("secmlops_monitor_alerts_total{kind=\"bad_record\"}", 1.0)
                .containsKey("secmlops_monitor_input_drift_psi");
        assertThat(metrics.get("secmlops_monitor_bad_records")).isCloseTo(1.0 / lines.size(),
                org.assertj.core.api.Assertions.within(1e-9));
        assertThat(metrics.get("secmlops_monitor_accuracy")).isNaN();

        List<JsonNode> alerts = alerts(alertFile).stream()
                .filter(a -> !a.path("alert").asText().equals("adversarial_input")).toList();
        assertThat(alerts).hasSize(2);
        assertThat(alerts.get(0).path("alert").asText()).isEqualTo("bad_record");
        assertThat(alerts.get(0).path("line").asLong()).isEqualTo(3);
        assertThat(alerts.get(0).path("reason").asText()).isEqualTo("input has 3 values, the reference 8");
        assertThat(alerts.get(1).path("client").asText()).isEqualTo(ATTACKER);
        assertThat(alerts.get(1).path("queries_seen").asLong()).isBetween(11L, 15L);
        java.time.Instant flaggingLineAppended = appended[alerts.get(1).path("line").asInt()];
        assertThat(java.time.Duration.between(flaggingLineAppended,
                java.time.Instant.parse(alerts.get(1).path("time").asText()))).as("alert latency")
                .isLessThan(java.time.Duration.ofSeconds(1));

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCode.UNSTABLE.code());
        GateRunResult result = ResultJson.read(report.resolve("result.json"));
        assertThat(result.metrics().get("ATTACK_CLIENTS")).isEqualTo(1.0);
        assertThat(result.details().path("monitor").path("records").asLong()).isEqualTo(lines.size());
        assertThat(dir.resolve("monitor.state")).isNotEmptyFile();
    }

    @Test
    void followOptionsWithoutFollowAndBothSourcesShouldBeUsageErrors() throws Exception {
        Path reference = reference();
        Path log = Files.writeString(dir.resolve("t.jsonl"), line("a", new Random(1), null) + "\n");

        int withoutFollow = SecMLOpsCli.execute("monitor", "--traffic", log.toString(), "--reference",
                reference.toString(), "--label-column", "label", "--metrics-port", "0", "--report-dir",
                dir.resolve("r1").toString());
        int both = SecMLOpsCli.execute("monitor", "--traffic", log.toString(), "--follow", log.toString(),
                "--reference", reference.toString(), "--report-dir", dir.resolve("r2").toString());
        int badDuration = SecMLOpsCli.execute("monitor", "--follow", log.toString(), "--duration", "soon",
                "--reference", reference.toString(), "--report-dir", dir.resolve("r3").toString());

        assertThat(List.of(withoutFollow, both, badDuration)).containsOnly(ExitCode.USAGE_ERROR.code());
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("are options of --follow",
                "mutually exclusive", "duration 'soon' is not");
    }

    @Test
    void aGzipLogCannotBeFollowed() throws Exception {
        Path reference = reference();
        Path gz = dir.resolve("t.jsonl.gz");
        try (var zipped = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            zipped.write((line("a", new Random(1), null) + "\n").getBytes(StandardCharsets.UTF_8));
        }

        int exit = SecMLOpsCli.execute("monitor", "--follow", gz.toString(), "--duration", "1s", "--reference",
                reference.toString(), "--label-column", "label", "--report-dir", dir.resolve("r").toString());

        assertThat(exit).isEqualTo(ExitCode.INPUT_ERROR.code());
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("gzip-compressed");
    }

    @Test
    void sigtermShouldStopTheFollowingWorkerAsCancelledWithItsStateSaved() throws Exception {
        Path reference = reference();
        Path log = Files.createFile(dir.resolve("traffic.jsonl"));
        Path state = dir.resolve("monitor.state");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"), SecMLOpsCli.class.getName(),
                "monitor", "--follow", log.toString(), "--reference", reference.toString(), "--label-column", "label",
                "--state", state.toString(), "--report-dir", dir.resolve("report").toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BlockingQueue<String> output = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String l = in.readLine(); l != null; l = in.readLine()) {
                    output.add(l);
                }
            } catch (IOException e) {
                output.add("(output closed: " + e + ")");
            }
        }, "follow-output");
        reader.setDaemon(true);
        reader.start();
        try {
            List<String> seen = new ArrayList<>();
            await("the worker following the log", () -> {
                output.drainTo(seen);
                return seen.stream().anyMatch(l -> l.contains("following " + log + " from its start"))
                        || !process.isAlive();
            });
            append(log, traffic().subList(0, 50));

            Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start();
            assertThat(kill.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)).isTrue();
            reader.join(TimeUnit.SECONDS.toMillis(DEADLINE_SECONDS));
            output.drainTo(seen);

            assertThat(process.exitValue()).as(String.join("\n", seen)).isEqualTo(ExitCode.CANCELLED.code());
            assertThat(seen).anyMatch(l -> l.contains("state: ") && l.contains("saved to " + state))
                    .anyMatch(l -> l.contains("ERROR: cancelled"));
            assertThat(state).isNotEmptyFile();
        } finally {
            process.destroyForcibly();
        }
    }
}
