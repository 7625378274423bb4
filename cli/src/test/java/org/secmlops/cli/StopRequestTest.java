package org.secmlops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StopRequestTest {
    @TempDir
    Path dir;

    @Test
    void terminatingTheWorkerShouldStopTheRunningCommandAtItsNextCancellationPoint() throws Exception {
        StringBuilder csv = new StringBuilder("a,b,label\n");
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 2000; i++) {
            double a = random.nextDouble();
            double b = random.nextDouble();
            csv.append(String.format(Locale.ROOT, "%.4f,%.4f,%d%n", a, b, a > b ? 0 : 1));
        }
        Path data = Files.writeString(dir.resolve("data.csv"), csv.toString());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Dai.djl.offline=true",
                "-Dmaven.repo.local=" + System.getProperty("maven.repo.local"), "-cp",
                System.getProperty("java.class.path"), SecMLOpsCli.class.getName(), "robustness", "--model",
                LinearSavedModel.write(dir, 2f).toString(), "--data", data.toString(), "--label-column", "label",
                "--valid-range", "0,1", "--attack", "spsa", "--queries", "100000000", "--eps", "0.001",
                "--device", "cpu", "--report-dir", dir.resolve("report").toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
                if (line.contains("model outputs 2 classes")) {
                    process.toHandle().destroy();
                }
            }
        }

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(String.join("\n", lines)).isTrue();
        assertThat(process.exitValue()).as(String.join("\n", lines)).isEqualTo(ExitCode.CANCELLED.code());
        assertThat(lines).contains("ERROR: cancelled: the run was stopped before it finished");
        assertThat(dir.resolve("report/result.json")).doesNotExist();
    }
}
