package org.secmlops.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.secmlops.cli.ScanCommandTest.BENIGN_PICKLE;
import static org.secmlops.cli.ScanCommandTest.OS_SYSTEM_PICKLE;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.capability.IssueComparison;
import org.secmlops.core.capability.TrackedIssue;
import org.secmlops.core.result.GateRunResult;
import org.secmlops.core.result.ResultJson;

class SinceReferenceCommandTest {
    @TempDir
    Path directory;

    @Test
    void shouldListNewFixedAndOutstandingFindingsAgainstTheReferenceResult() throws Exception {
        Path model = Files.createDirectories(directory.resolve("model"));
        Files.write(model.resolve("a.pkl"), OS_SYSTEM_PICKLE);
        Files.write(model.resolve("b.pkl"), OS_SYSTEM_PICKLE);
        Files.write(model.resolve("ok.pkl"), BENIGN_PICKLE);
        assertThat(scan(model, "first", "--gate", "CRITICAL_FINDINGS:10")).isEqualTo(ExitCode.PASSED.code());
        Files.delete(model.resolve("a.pkl"));
        Files.write(model.resolve("c.pkl"), OS_SYSTEM_PICKLE);

        int exit = scan(model, "second", "--reference-result", directory.resolve("first/result.json").toString(),
                "--gate", "CRITICAL_FINDINGS:10",
                "--gate", "NEW_CRITICAL_FINDINGS:0:UNSTABLE");

        assertThat(exit).isEqualTo(ExitCode.UNSTABLE.code());
        GateRunResult result = ResultJson.read(directory.resolve("second/result.json"));
        assertThat(result.metrics()).containsEntry("NEW_CRITICAL_FINDINGS", 1.0).containsEntry("NEW_FINDINGS", 1.0)
                .containsEntry("CRITICAL_FINDINGS", 2.0);
        assertThat(result.metrics().keySet()).as("the catalog's order").containsExactly("CRITICAL_FINDINGS",
                "HIGH_FINDINGS", "MEDIUM_FINDINGS", "LOW_FINDINGS", "FILES_SCANNED", "NEW_CRITICAL_FINDINGS",
                "NEW_HIGH_FINDINGS", "NEW_FINDINGS");
        IssueComparison comparison = IssueComparison.in(result.details()).orElseThrow();
        assertThat(comparison.newIssues()).extracting(TrackedIssue::key).singleElement().asString()
                .startsWith("c.pkl | ").endsWith(" | PICKLE_DANGEROUS_GLOBAL");
        assertThat(comparison.fixedIssues()).extracting(TrackedIssue::key).singleElement().asString()
                .startsWith("a.pkl | ");
        assertThat(comparison.outstandingIssues()).extracting(TrackedIssue::key).singleElement().asString()
                .startsWith("b.pkl | ");
        String report = Files.readString(directory.resolve("second/report.html"));
        assertThat(report).contains("Since the reference build", "1 new</strong>", "1 fixed", "1 outstanding");
        assertThat(report.indexOf("secmlops-new-issues")).isLessThan(report.indexOf("secmlops-fixed-issues"));
    }

    @Test
    void shouldCountEveryFindingOutstandingAndNoneNewWithoutReference() throws Exception {
        Path model = Files.createDirectories(directory.resolve("model"));
        Files.write(model.resolve("a.pkl"), OS_SYSTEM_PICKLE);

        int exit = scan(model, "only", "--gate", "NEW_CRITICAL_FINDINGS:0:FAILURE");

        assertThat(exit).isEqualTo(ExitCode.PASSED.code());
        GateRunResult result = ResultJson.read(directory.resolve("only/result.json"));
        assertThat(result.metrics()).containsEntry("NEW_CRITICAL_FINDINGS", 0.0);
        IssueComparison comparison = IssueComparison.in(result.details()).orElseThrow();
        assertThat(comparison.hasReference()).isFalse();
        assertThat(comparison.outstandingCount()).isEqualTo(1);
        assertThat(Files.readString(directory.resolve("only/report.html"))).contains("No reference build");
    }

    @Test
    void shouldRefuseAReferenceResultOfAnotherCapabilityBeforeAnyWork() throws Exception {
        Path model = Files.createDirectories(directory.resolve("model"));
        Files.write(model.resolve("a.pkl"), BENIGN_PICKLE);
        scan(model, "first");
        String other = Files.readString(directory.resolve("first/result.json"))
                .replaceFirst("\"capability\"\\s*:\\s*\"scan\"", "\"capability\":\"robustness\"");
        Path reference = Files.writeString(directory.resolve("other.json"), other);

        int exit = scan(model, "second", "--reference-result", reference.toString());

        assertThat(exit).isEqualTo(ExitCode.INPUT_ERROR.code());
        assertThat(directory.resolve("second/result.json")).doesNotExist();
    }

    private int scan(Path model, String reportDir, String... more) {
        String[] arguments = new String[4 + more.length];
        arguments[0] = "scan";
        arguments[1] = model.toString();
        arguments[2] = "--report-dir";
        arguments[3] = directory.resolve(reportDir).toString();
        System.arraycopy(more, 0, arguments, 4, more.length);
        return SecMLOpsCli.execute(arguments);
    }
}
