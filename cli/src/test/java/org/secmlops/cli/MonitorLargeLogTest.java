package org.secmlops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.result.GateRunResult;
import org.secmlops.core.result.ResultJson;

/**
 * A traffic log of about 200 MB of 784-value records, followed by a worker JVM with a 48 MiB heap until it has
 * decided every line: memory must not grow with the log (the log is four times the heap).
 */
class MonitorLargeLogTest {
    private static final int WIDTH = 784;
    private static final long TARGET_BYTES = 200L << 20;
    private static final long DEADLINE_SECONDS = 600;

    @TempDir
    Path dir;

    private static String values(SplittableRandom random) {
        StringBuilder s = new StringBuilder();
        for (int j = 0; j < WIDTH; j++) {
            s.append(j == 0 ? "" : ",").append(Math.round(random.nextDouble() * 1000) / 1000.0);
        }
        return s.toString();
    }

    private Path reference() throws IOException {
        SplittableRandom random = new SplittableRandom(1);
        Path file = dir.resolve("reference.csv");
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (int j = 0; j < WIDTH; j++) {
                out.write("p" + j + ",");
            }
            out.write("label\n");
            for (int i = 0; i < 400; i++) {
                out.write(values(random) + "," + (i % 10) + "\n");
            }
        }
        return file;
    }

    /** Records from a pool of 256 distinct inputs, 1,000 clients, until the log holds {@link #TARGET_BYTES}. */
    private long log(Path file) throws IOException {
        SplittableRandom random = new SplittableRandom(2);
        List<String> pool = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            pool.add(values(random));
        }
        long bytes = 0;
        long lines = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            while (bytes < TARGET_BYTES) {
                String line = "{\"client\":\"c" + lines % 1000 + "\",\"input\":[" + pool.get((int) (lines * 7 % 256))
                        + "]}\n";
                out.write(line);
                bytes += line.length();
                lines++;
            }
        }
        return lines;
    }

    @Test
    void aLogFourTimesTheHeapShouldBeFollowedToItsEndInBoundedMemory() throws Exception {
        Path reference = reference();
        Path log = dir.resolve("traffic.jsonl");
        long lines = log(log);
        Path report = dir.resolve("report");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx48m", "-cp", System.getProperty("java.class.path"), SecMLOpsCli.class.getName(),
                "monitor", "--follow", log.toString(), "--max-requests", Long.toString(lines), "--reference",
                reference.toString(), "--label-column", "label", "--report-dir", report.toString()));
        Path output = dir.resolve("worker.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            assertThat(process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)).as("finished").isTrue();

            assertThat(Files.size(log)).isGreaterThan(4 * (48L << 20));
            assertThat(process.exitValue()).as(Files.readString(output)).isIn(ExitCode.PASSED.code(),
                    ExitCode.UNSTABLE.code());
            GateRunResult result = ResultJson.read(report.resolve("result.json"));
            assertThat(result.details().path("monitor").path("records").asLong()).isEqualTo(lines);
            assertThat(result.metrics().get("BAD_RECORDS")).isZero();
        } finally {
            process.destroyForcibly();
        }
    }
}
