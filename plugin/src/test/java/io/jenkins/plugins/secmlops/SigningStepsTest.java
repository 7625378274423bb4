package io.jenkins.plugins.secmlops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import hudson.AbortException;
import hudson.model.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.gate.GateStatus;

class SigningStepsTest {
    @TempDir
    Path workspace;
    @TempDir
    Path buildDirectory;
    @TempDir
    Path scratch;

    private StepHarness build;
    private String privateKey;

    @BeforeEach
    void setUp() throws Exception {
        build = new StepHarness(workspace, buildDirectory, scratch);
        privateKey = build.copyReferenceKeys().toString();
        Path model = Files.createDirectories(workspace.resolve("model/weights"));
        Files.writeString(model.resolve("layer0.bin"), "weights-0");
        Files.writeString(workspace.resolve("model/config.json"), "{\"layers\": 2}");
    }

    private static VerifyModelStep verifyWithFile() {
        VerifyModelStep verify = new VerifyModelStep("model", "model.sig");
        verify.setPublicKey("keys/release.pub");
        return verify;
    }

    @Test
    void shouldSignAndThenVerifyTheUnchangedModel() throws Exception {
        assertThat(build.execute(new SignModelStep("model", privateKey, "model.sig"))).isEqualTo("PASSED");
        String status = build.execute(verifyWithFile());

        assertThat(status).isEqualTo("PASSED");
        assertThat(workspace.resolve("model.sig")).exists();
        GateRunSummary verification = build.action().find("verify").orElseThrow();
        assertThat(verification.getMetrics()).containsEntry("FILES_VERIFIED", 2.0).containsEntry("FILES_FAILED", 0.0)
                .containsEntry("SIGNATURE_VALID", 1.0);
        verify(build.run, never()).setResult(any());
    }

    @Test
    void shouldFailDeploymentNamingTheChangedFile() throws Exception {
        build.execute(new SignModelStep("model", privateKey, "model.sig"));
        Files.writeString(workspace.resolve("model/weights/layer0.bin"), "poisoned");

        assertThatThrownBy(() -> build.execute(verifyWithFile())).isInstanceOf(AbortException.class)
                .hasMessageContaining("verifyModel: quality gates failed").hasMessageContaining("FILES_FAILED = 1");

        verify(build.run).setResult(Result.FAILURE);
        assertThat(build.action().getReportHtml("verify")).contains("weights/layer0.bin");
    }

    @Test
    void shouldVerifyAgainstATrustedKeyOfTheGlobalConfiguration() throws Exception {
        build.execute(new SignModelStep("model", privateKey, "model.sig"));
        String pem = Files.readString(workspace.resolve("keys/release.pub"));
        VerifyModelStep verify = new VerifyModelStep("model", "model.sig");
        verify.setTrustedKey("release");
        verify.setTrustedKeys(name -> name.equals("release") ? Optional.of(pem) : Optional.empty());

        assertThat(build.execute(verify)).isEqualTo("PASSED");

        VerifyModelStep unknown = new VerifyModelStep("model", "model.sig");
        unknown.setId("verify-unknown");
        unknown.setTrustedKey("staging");
        unknown.setTrustedKeys(name -> Optional.empty());
        assertThatThrownBy(() -> build.execute(unknown)).hasMessageContaining("no trusted key named 'staging'");
    }

    @Test
    void shouldDemandSignedGateResultsWhenRequired() throws Exception {
        build.execute(new ScanModelStep("model"));
        SignModelStep sign = new SignModelStep("model", privateKey, "model.sig");
        sign.setAttestGates(true);
        build.execute(sign);
        VerifyModelStep requiringScan = verifyWithFile();
        requiringScan.setRequireGates(List.of("scan"));

        assertThat(build.execute(requiringScan)).isEqualTo("PASSED");
        assertThat(Files.readString(workspace.resolve("model.sig.gates.json"), StandardCharsets.UTF_8)).isNotBlank();

        VerifyModelStep requiringRobustness = verifyWithFile();
        requiringRobustness.setId("verify-robustness");
        requiringRobustness.setRequireGates(List.of("robustness"));
        assertThatThrownBy(() -> build.execute(requiringRobustness)).isInstanceOf(AbortException.class)
                .hasMessageContaining("REQUIRED_GATES_FAILED");
    }

    @Test
    void shouldNeverShowThePrivateKeyInLogReportOrResult() throws Exception {
        build.execute(new SignModelStep("model", privateKey, "model.sig"));
        String keyBody = Files.readAllLines(Path.of(privateKey)).get(1);

        assertThat(build.log()).doesNotContain(keyBody);
        assertThat(Files.readString(buildDirectory.resolve("secmlops/sign/result.json"))).doesNotContain(keyBody);
        assertThat(Files.readString(buildDirectory.resolve("secmlops/sign/report.html"))).doesNotContain(keyBody);
    }

    @Test
    void shouldRequireExactlyOneKeySourceBeforeStartingTheWorker() {
        VerifyModelStep neither = new VerifyModelStep("model", "model.sig");
        VerifyModelStep both = verifyWithFile();
        both.setTrustedKey("release");

        assertThatThrownBy(() -> build.execute(neither)).hasMessageContaining("exactly one of publicKey");
        assertThatThrownBy(() -> build.execute(both)).hasMessageContaining("exactly one of publicKey");
        assertThat(build.worker.launches()).isZero();
    }

    @Test
    void shouldReportUnsignedModelAsFailedVerification() {
        assertThatThrownBy(() -> build.execute(verifyWithFile())).isInstanceOf(AbortException.class)
                .hasMessageContaining("verifyModel");
        assertThat(build.action().find("verify").orElseThrow().getStatus()).isEqualTo(GateStatus.FAILED);
    }
}
