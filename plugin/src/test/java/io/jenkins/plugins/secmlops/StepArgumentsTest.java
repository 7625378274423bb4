package io.jenkins.plugins.secmlops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The parameters added to keep the steps in step with the CLI reach the worker as their options. */
class StepArgumentsTest {
    @Test
    void modelAndDataParametersBecomeTheirOptions() {
        EvaluateModelStep step = new EvaluateModelStep("model.onnx", "images/");
        step.setNoHeader(true);
        step.setImageSize("28,28");
        step.setGrayscale(true);
        step.setSignature("serving_default");
        step.setInputName("x");
        step.setOutputName("y");
        step.setInputShape("1,28,28");

        assertThat(String.join(" ", step.workerArguments())).contains("--no-header", "--image-size 28,28",
                "--grayscale", "--signature serving_default", "--input-name x", "--output-name y",
                "--input-shape 1,28,28");
        assertThat(new EvaluateModelStep("m.onnx", "d.csv").workerArguments()).doesNotContain("--no-header",
                "--grayscale", "--signature");
    }

    @Test
    void monitorParametersBecomeTheirOptions() {
        MonitorModelStep step = new MonitorModelStep("logs/inference.jsonl.gz", "data/validation.csv");
        step.setLabelColumn("label");
        step.setState("monitor/monitor.state");
        step.setReferenceCache("monitor/reference.cache");
        step.setAdversarialFpr(0.02);
        step.setBaselineResult("evaluate/result.json");

        assertThat(step.workerArguments()).startsWith("monitor", "--traffic", "logs/inference.jsonl.gz");
        assertThat(String.join(" ", step.workerArguments())).contains("--reference data/validation.csv",
                "--label-column label", "--state monitor/monitor.state", "--reference-cache monitor/reference.cache",
                "--adversarial-fpr 0.02", "--baseline-result evaluate/result.json")
                .doesNotContain("--data", "--model");
        assertThat(step.capability().defaultGates()).extracting(g -> g.metric())
                .doesNotContain("PREDICTION_DRIFT_PSI");
        step.setModel("model.onnx");
        assertThat(String.join(" ", step.workerArguments())).contains("--model model.onnx");
        assertThat(step.capability().defaultGates()).extracting(g -> g.metric())
                .contains("PREDICTION_DRIFT_PSI", "CONFIDENCE_DROP");
    }

    @Test
    void robustnessParametersBecomeTheirOptions() {
        EvaluateRobustnessStep step = new EvaluateRobustnessStep("model.onnx", "data.csv");
        step.setSpsaSamples(16);
        step.setSmoothingN0(8);
        step.setSmoothingN(64);
        step.setExamples(2);

        assertThat(String.join(" ", step.workerArguments())).contains("--spsa-samples 16", "--smoothing-n0 8",
                "--smoothing-n 64", "--examples 2");
    }

    @Test
    void signingParametersBecomeTheirOptions() {
        SignModelStep sign = new SignModelStep("model", "key.pem", "model.sig");
        sign.setPublicKey("key.pub");
        sign.setSignGitPaths(true);
        sign.setMethod("shards");
        sign.setShardSize(1024L);
        sign.setThreads(2);
        sign.setAttestation("gates.json");
        VerifyModelStep verify = new VerifyModelStep("model", "model.sig");
        verify.setPublicKey("key.pub");
        verify.setGatesAttestation("gates.json");
        verify.setThreads(3);

        assertThat(String.join(" ", sign.workerArguments())).contains("--public-key key.pub",
                "--no-ignore-git-paths", "--method shards", "--shard-size 1024", "--threads 2",
                "--attestation gates.json");
        assertThat(String.join(" ", verify.workerArguments())).contains("--gates-attestation gates.json",
                "--threads 3");
        assertThat(new SignModelStep("model", "key.pem", "model.sig").workerArguments())
                .isEqualTo(List.of("sign", "model", "--key", "key.pem", "--signature", "model.sig"));
    }
}
