package org.secmlops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.result.GateRunResult;
import org.secmlops.core.result.ResultJson;

/** {@code evaluate --shard} and {@code merge} through the command line, on a TensorFlow SavedModel and 20 CSV rows. */
class MergeCommandTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final CapturedConsole console = new CapturedConsole();
    private final ByteArrayOutputStream err = console.err();

    private Path model;
    private Path csv;

    @BeforeEach
    void data() throws Exception {
        model = LinearSavedModel.write(dir, 2f);
        StringBuilder text = new StringBuilder("a,b,label\n");
        for (int i = 0; i < 20; i++) {
            float a = (i % 2 == 0) ? 0.9f - i * 0.01f : 0.1f + i * 0.01f;
            int label = a > 0.5f ? 0 : 1;
            text.append(a).append(',').append(1 - a).append(',').append(i >= 17 ? 1 - label : label).append('\n');
        }
        csv = Files.writeString(dir.resolve("data.csv"), text.toString());
    }

    private int evaluate(String reportDir, String... more) {
        List<String> args = new ArrayList<>(List.of("evaluate", "--model", model.toString(), "--data",
                csv.toString(), "--label-column", "label", "--batch-size", "3", "--device", "cpu", "--report-dir",
                dir.resolve(reportDir).toString()));
        args.addAll(List.of(more));
        return SecMLOpsCli.execute(args.toArray(String[]::new));
    }

    private int merge(String reportDir, String... shards) {
        List<String> args = new ArrayList<>(List.of("merge", "--report-dir", dir.resolve(reportDir).toString(),
                "--gate", "ACCURACY:0.95:FAILURE"));
        for (String shard : shards) {
            args.add(dir.resolve(shard).resolve("result.json").toString());
        }
        return SecMLOpsCli.execute(args.toArray(String[]::new));
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldMergeTwoShardsIntoTheUnshardedResultAndEvaluateTheGatesOnce() throws Exception {
        assertThat(evaluate("whole", "--gate", "ACCURACY:0.95:FAILURE")).isEqualTo(ExitCode.FAILED.code());
        assertThat(evaluate("s2", "--shard", "2/2")).as(errors()).isEqualTo(ExitCode.PASSED.code());
        assertThat(evaluate("s1", "--shard", "1/2")).as(errors()).isEqualTo(ExitCode.PASSED.code());

        int exit = merge("merged", "s2", "s1");

        assertThat(exit).as(errors()).isEqualTo(ExitCode.FAILED.code());
        GateRunResult whole = ResultJson.read(dir.resolve("whole/result.json"));
        GateRunResult merged = ResultJson.read(dir.resolve("merged/result.json"));
        GateRunResult shard = ResultJson.read(dir.resolve("s1/result.json"));
        assertThat(merged.metrics().get("ACCURACY")).isEqualTo(whole.metrics().get("ACCURACY")).isEqualTo(0.85);
        assertThat(merged.metrics().get("ECE")).isEqualTo(whole.metrics().get("ECE"));
        assertThat(merged.details().path("evaluation").path("confusion"))
                .isEqualTo(whole.details().path("evaluation").path("confusion"));
        assertThat(merged.gates().results()).hasSize(1);
        assertThat(shard.gates().results()).isEmpty();
        assertThat(shard.details().path("shard").path("samples").asLong()).isEqualTo(11);
        assertThat(merged.details().path("shards")).hasSize(2);
        assertThat(Files.readString(dir.resolve("merged/report.html"))).contains("<h2>Shards</h2>",
                "Merged from 2 shards");
        assertThat(Files.readString(dir.resolve("s1/report.html"))).contains("Shard 1 of 2");
    }

    @Test
    void shouldRefuseAMissingShard() {
        evaluate("s1", "--shard", "1/2");

        assertThat(merge("merged", "s1")).isEqualTo(ExitCode.INPUT_ERROR.code());
        assertThat(errors()).contains("shard 2/2 is missing");
        assertThat(dir.resolve("merged/result.json")).doesNotExist();
    }

    @Test
    void shouldRefuseAShardGivenTwice() throws Exception {
        evaluate("s1", "--shard", "1/2");
        Files.createDirectories(dir.resolve("copy"));
        Files.copy(dir.resolve("s1/result.json"), dir.resolve("copy/result.json"));

        assertThat(merge("merged", "s1", "copy")).isEqualTo(ExitCode.INPUT_ERROR.code());
        assertThat(errors()).contains("shard 1/2 is given twice");
    }

    @Test
    void shouldRefuseShardsOfDifferentEvaluations() {
        evaluate("s1", "--shard", "1/2");
        evaluate("s2", "--shard", "2/2", "--scale", "0.5");

        assertThat(merge("merged", "s1", "s2")).isEqualTo(ExitCode.INPUT_ERROR.code());
        assertThat(errors()).contains("are not shards of one evaluation", "options and inputs (digest)");
    }

    @Test
    void shouldRefuseResultsThatAreNoShards() {
        evaluate("whole");

        assertThat(merge("merged", "whole")).isEqualTo(ExitCode.INPUT_ERROR.code());
        assertThat(errors()).contains("is not a shard result");
    }

    @Test
    void shouldRefuseAShardIndexOutOfRange() {
        assertThat(evaluate("s3", "--shard", "3/2")).isEqualTo(ExitCode.USAGE_ERROR.code());
        assertThat(errors()).contains("the shard index must be 1..2");
        assertThat(evaluate("s0", "--shard", "0/2")).isEqualTo(ExitCode.USAGE_ERROR.code());
        assertThat(evaluate("sx", "--shard", "two")).isEqualTo(ExitCode.USAGE_ERROR.code());
        assertThat(errors()).contains("INDEX/COUNT");
    }

    @Test
    void shouldRefuseGatesOnAShard() {
        assertThat(evaluate("s1", "--shard", "1/2", "--gate", "ACCURACY:0.9")).isEqualTo(ExitCode.USAGE_ERROR.code());
        assertThat(errors()).contains("a shard run evaluates no gates");
    }

    @Test
    void shouldRefuseAShardWithoutBatches() {
        assertThat(evaluate("s9", "--shard", "9/9")).isEqualTo(ExitCode.INPUT_ERROR.code());
        assertThat(errors()).contains("shard 9/9 has no batch to evaluate", "7 batches");
    }
}
