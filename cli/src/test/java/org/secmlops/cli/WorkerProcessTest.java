package org.secmlops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker as the plugin starts it: a separate JVM (the CLI's main class on the test class path, what the worker
 * jar runs), stopped with SIGTERM in the middle of its work, or running out of heap. Synchronisation is on the
 * worker's own log lines, with deadlines; no sleeps.
 */
class WorkerProcessTest {
    private static final long STOP_DEADLINE_SECONDS = 10;

    @TempDir
    Path dir;

    /** Holds the large CSV, written once for all tests of the class. */
    @TempDir
    static Path shared;

    private static Path largeCsv;

    /** A worker process whose output lines are collected by a reader thread. */
    private static final class Worker implements AutoCloseable {
        final Process process;
        final List<String> lines = new ArrayList<>();
        private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();

        Worker(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        queue.add(line);
                    }
                } catch (IOException e) {
                    queue.add("(output closed: " + e + ")");
                }
            }, "worker-output");
            reader.setDaemon(true);
            reader.start();
        }

        /** Waits for a line containing the text, at most the deadline; false when the process ended first. */
        boolean awaitLine(String text, long seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < deadline) {
                String line = queue.poll(100, TimeUnit.MILLISECONDS);
                if (line != null) {
                    lines.add(line);
                    if (line.contains(text)) {
                        return true;
                    }
                } else if (!process.isAlive() && queue.isEmpty()) {
                    return false;
                }
            }
            return false;
        }

        String log() {
            queue.drainTo(lines);
            return String.join("\n", lines);
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    private Worker start(Path tmp, String heap, String... args) throws IOException {
        Files.createDirectories(tmp);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx" + heap, "-Djava.io.tmpdir=" + tmp, "-Dai.djl.offline=true", "-cp",
                System.getProperty("java.class.path")));
        if (System.getProperty("maven.repo.local") != null) {
            command.add("-Dmaven.repo.local=" + System.getProperty("maven.repo.local"));
        }
        command.add(SecMLOpsCli.class.getName());
        command.addAll(List.of(args));
        return new Worker(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /** A CSV large enough that the data check runs for minutes on two cores (written once). */
    private static synchronized Path largeCsv() throws IOException {
        if (largeCsv != null) {
            return largeCsv;
        }
        Path file = shared.resolve("large.csv");
        SplittableRandom random = new SplittableRandom(11);
        try (Writer out = Files.newBufferedWriter(file)) {
            StringBuilder header = new StringBuilder();
            for (int j = 0; j < 24; j++) {
                header.append('f').append(j).append(',');
            }
            out.write(header.append("label\n").toString());
            for (int i = 0; i < 400_000; i++) {
                int label = random.nextInt(10);
                StringBuilder row = new StringBuilder(200);
                for (int j = 0; j < 24; j++) {
                    row.append(Math.round((random.nextGaussian() + (j % 10 == label ? 1 : 0)) * 1000) / 1000.0)
                            .append(',');
                }
                out.write(row.append(label).append('\n').toString());
            }
        }
        largeCsv = file;
        return file;
    }

    private static List<String> everything(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(p -> !p.equals(folder)).map(p -> folder.relativize(p).toString()).sorted().toList();
        }
    }

    private void assertStopsAsCancelledAt(String startedLine, String signal) throws Exception {
        Path data = largeCsv();
        Path tmp = dir.resolve("tmp-" + signal);
        Path reportDir = dir.resolve("report");
        Path manifest = dir.resolve("manifest.json");
        try (Worker worker = start(tmp, "512m", "data-check", "--data", data.toString(), "--label-column", "label",
                "--manifest-out", manifest.toString(), "--report-dir", reportDir.toString())) {
            assertThat(worker.awaitLine(startedLine, 120)).as(worker.log()).isTrue();
            assertThat(everything(tmp)).as("the run's own temporary folder")
                    .anyMatch(name -> name.startsWith(RunTemporaryFolder.PREFIX));

            long signalled = System.nanoTime();
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(worker.process.pid())).start();
            assertThat(kill.waitFor(STOP_DEADLINE_SECONDS, TimeUnit.SECONDS)).isTrue();
            boolean ended = worker.process.waitFor(STOP_DEADLINE_SECONDS, TimeUnit.SECONDS);
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - signalled);

            assertThat(ended).as("stopped within %d s:%n%s", STOP_DEADLINE_SECONDS, worker.log()).isTrue();
            assertThat(worker.process.exitValue()).as(worker.log()).isEqualTo(ExitCode.CANCELLED.code());
            assertThat(seconds).isLessThan(STOP_DEADLINE_SECONDS);
            assertThat(worker.log()).contains("ERROR: cancelled: the run was stopped before it finished");
            assertThat(everything(tmp)).as("temporary files left behind").isEmpty();
            assertThat(everything(reportDir)).as("partial outputs").noneMatch(name -> name.endsWith(".tmp"))
                    .doesNotContain("result.json", "report.html", "sample-scores.csv");
            assertThat(manifest).doesNotExist();
        }
    }

    @Test
    void sigtermWhileReadingTheDataShouldExitAsCancelledAndLeaveNothingBehind() throws Exception {
        assertStopsAsCancelledAt("data: CSV", "TERM");
    }

    @Test
    void sigtermWhileTheLearnersRunShouldExitAsCancelledAndLeaveNothingBehind() throws Exception {
        assertStopsAsCancelledAt("embedding:", "TERM");
    }

    @Test
    void sigintWhileTheLearnersRunShouldExitAsCancelledToo() throws Exception {
        assertStopsAsCancelledAt("embedding:", "INT");
    }

    @Test
    void aBigCsvUnderA64MiBHeapShouldBeAnInputErrorNeverUnstable() throws Exception {
        Path data = largeCsv();
        Path tmp = dir.resolve("tmp");
        try (Worker worker = start(tmp, "64m", "data-check", "--data", data.toString(), "--label-column", "label",
                "--report-dir", dir.resolve("report").toString())) {
            assertThat(worker.process.waitFor(300, TimeUnit.SECONDS)).as(worker.log()).isTrue();

            assertThat(worker.process.exitValue()).as(worker.log()).isEqualTo(ExitCode.INPUT_ERROR.code());
            assertThat(worker.log()).contains("ERROR: out of memory: the input needs more than the worker's heap of");
            assertThat(everything(tmp)).isEmpty();
            assertThat(everything(dir.resolve("report"))).isEmpty();
        }
    }

    @Test
    void runningOutOfHeapShouldBeAnInputErrorWithAMessageNeverUnstable() throws Exception {
        // 64 samples of 4096 x 4096 pixels: within the per-sample limit, far beyond a 64 MiB heap.
        ByteBuffer images = ByteBuffer.allocate(16 + 1024).putInt(0x00000803).putInt(64).putInt(4096).putInt(4096);
        ByteBuffer labels = ByteBuffer.allocate(8 + 64).putInt(0x00000801).putInt(64);
        Path x = Files.write(dir.resolve("big-images-idx3-ubyte"), images.array());
        Files.write(dir.resolve("big-labels-idx1-ubyte"), labels.array());
        Path tmp = dir.resolve("tmp");

        try (Worker worker = start(tmp, "64m", "data-check", "--data", x.toString(), "--report-dir",
                dir.resolve("report").toString())) {
            assertThat(worker.process.waitFor(120, TimeUnit.SECONDS)).as(worker.log()).isTrue();

            assertThat(worker.process.exitValue()).as(worker.log()).isEqualTo(ExitCode.INPUT_ERROR.code());
            assertThat(worker.log()).contains("ERROR: out of memory: the input needs more than the worker's heap of")
                    .doesNotContain("OutOfMemoryError", "Exception in thread");
            assertThat(everything(tmp)).isEmpty();
        }
    }

    @Test
    void anOnnxRunShouldLeaveNoOnnxRuntimeFoldersInTheTemporaryDirectory() throws Exception {
        Path model = OnnxLinear.write(dir.resolve("linear.onnx"));
        Path data = Files.writeString(dir.resolve("d.csv"), "a,b,label\n2,1,0\n1,2,1\n3,0,0\n0,3,1\n");
        Path tmp = dir.resolve("tmp");
        try (Worker worker = start(tmp, "512m", "evaluate", "--model", model.toString(), "--data", data.toString(),
                "--label-column", "label", "--device", "cpu", "--report-dir", dir.resolve("report").toString())) {
            assertThat(worker.process.waitFor(300, TimeUnit.SECONDS)).as(worker.log()).isTrue();

            assertThat(worker.process.exitValue()).as(worker.log()).isBetween(0, 2);
            assertThat(worker.log()).containsIgnoringCase("onnx");
            assertThat(everything(tmp)).as("left in java.io.tmpdir").isEmpty();
        }
    }

    @Test
    void aNormalRunShouldDeleteItsTemporaryFolder() throws Exception {
        Path data = Files.writeString(dir.resolve("d.csv"), "a,label\n1,0\n2,1\n1,0\n2,1\n1,0\n2,1\n1,0\n2,1\n");
        Path tmp = dir.resolve("tmp");
        try (Worker worker = start(tmp, "256m", "data-check", "--data", data.toString(), "--label-column", "label",
                "--folds", "2", "--report-dir", dir.resolve("report").toString())) {
            assertThat(worker.process.waitFor(120, TimeUnit.SECONDS)).as(worker.log()).isTrue();

            assertThat(worker.process.exitValue()).as(worker.log()).isBetween(0, 2);
            assertThat(everything(tmp)).isEmpty();
        }
    }
}
