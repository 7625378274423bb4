package org.secmlops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.result.GateRunResult;
import org.secmlops.core.result.ResultJson;

class MonitorCommandTest {
    private static final int WIDTH = 8;

    @TempDir
    Path dir;

    @RegisterExtension
    final CapturedConsole console = new CapturedConsole();
    private final ByteArrayOutputStream out = console.out();
    private final ByteArrayOutputStream err = console.err();

    /** 600 Gaussian rows of 8 features, label: the sign of the first feature. */
    private Path reference() throws Exception {
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

    /** 400 benign requests from 20 clients, and an attacker's near-identical probes when {@code attacker} is set. */
    private Path traffic(String name, String attacker) throws Exception {
        Random random = new Random(2);
        StringBuilder log = new StringBuilder();
        double[] probe = new double[WIDTH];
        for (int i = 0; i < 400; i++) {
            log.append(line("client-" + (i % 20), random, null));
            if (attacker != null && i % 10 == 0) {
                probe[i / 10 % WIDTH] += 0.01;
                log.append(line(attacker, random, probe));
            }
        }
        return Files.writeString(dir.resolve(name), log.toString());
    }

    private static String line(String client, Random random, double[] fixed) {
        StringBuilder s = new StringBuilder("{\"client\":\"").append(client.replace("\"", "\\\"")).append("\",\"input\":[");
        for (int j = 0; j < WIDTH; j++) {
            s.append(j == 0 ? "" : ",").append(fixed == null ? random.nextGaussian() : fixed[j]);
        }
        return s.append("]}\n").toString();
    }

    @Test
    void shouldPassABenignWindowAndFlagAnAttackerInTheNext() throws Exception {
        Path reference = reference();
        Path state = dir.resolve("state/monitor.state");
        Path cache = dir.resolve("state/reference.cache");

        int benign = SecMLOpsCli.execute("monitor", "--traffic", traffic("benign.jsonl", null).toString(),
                "--reference", reference.toString(), "--label-column", "label", "--state", state.toString(),
                "--reference-cache", cache.toString(), "--report-dir", dir.resolve("benign").toString());

        assertThat(benign).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCode.PASSED.code());
        assertThat(state).isNotEmptyFile();
        assertThat(cache).isNotEmptyFile();

        Path report = dir.resolve("attack");
        int attacked = SecMLOpsCli.execute("monitor", "--traffic", traffic("attack.jsonl", "<b>probe</b>").toString(),
                "--reference", reference.toString(), "--label-column", "label", "--state", state.toString(),
                "--class-names", "negative,positive",
                "--reference-cache", cache.toString(), "--report-dir", report.toString());

        assertThat(attacked).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCode.UNSTABLE.code());
        GateRunResult result = ResultJson.read(report.resolve("result.json"));
        assertThat(result.capability()).isEqualTo("monitor");
        assertThat(result.metrics().get("ATTACK_CLIENTS")).isEqualTo(1.0);
        assertThat(result.details().path("monitor").path("flaggedClients").get(0).path("client").asText())
                .isEqualTo("<b>probe</b>");
        String html = Files.readString(report.resolve("report.html"));
        assertThat(result.details().path("classNames").toString()).contains("negative", "positive");
        assertThat(html).contains("Flagged clients", "&lt;b&gt;probe&lt;/b&gt;", "<svg").doesNotContain("<b>probe");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("reference statistics from the cache", "UNSTABLE");
    }

    @Test
    void shouldRefuseAnEmptyWindowAsAnInputError() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.jsonl"), "\n");

        int exit = SecMLOpsCli.execute("monitor", "--traffic", empty.toString(), "--reference",
                reference().toString(), "--label-column", "label", "--report-dir", dir.resolve("r").toString());

        assertThat(exit).isEqualTo(ExitCode.INPUT_ERROR.code());
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("holds no valid record");
    }
}
