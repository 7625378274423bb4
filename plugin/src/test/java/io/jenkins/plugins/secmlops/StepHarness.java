package io.jenkins.plugins.secmlops;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import hudson.EnvVars;
import hudson.model.Action;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import jenkins.model.RunAction2;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.secmlops.core.gate.Criticality;
import org.secmlops.testsupport.ExternalData;

/**
 * Test doubles at the Jenkins boundary for running steps: a build that keeps its actions (and attaches
 * them, as Jenkins does), a listener that records the log, a step context, and the real worker started
 * as a local process.
 */
final class StepHarness {
    static final WorkerSettings SETTINGS = new WorkerSettings(256, Duration.ofMinutes(2), Criticality.UNSTABLE);

    final Path workspace;
    final Path buildDirectory;
    final List<Action> actions = new ArrayList<>();
    final ByteArrayOutputStream log = new ByteArrayOutputStream();
    final Run<?, ?> run;
    final StepContext context;
    final LocalWorkerLauncher worker;

    StepHarness(Path workspace, Path buildDirectory, Path scratch) throws Exception {
        this.workspace = workspace;
        this.buildDirectory = buildDirectory;
        run = mockRun(buildDirectory, actions, "ml-pipeline#2");
        TaskListener listener = mock(TaskListener.class);
        when(listener.getLogger()).thenReturn(new PrintStream(log, true, StandardCharsets.UTF_8));
        context = mock(StepContext.class);
        when(context.get(Run.class)).thenAnswer(invocation -> run);
        when(context.get(TaskListener.class)).thenReturn(listener);
        EnvVars environment = new EnvVars();
        environment.put("GIT_COMMIT", "0123456789abcdef0123456789abcdef01234567");
        when(context.get(EnvVars.class)).thenReturn(environment);
        worker = new LocalWorkerLauncher(workspace, scratch, SETTINGS);
    }

    static Run<?, ?> mockRun(Path buildDirectory, List<Action> actions, String id) {
        Run<?, ?> run = mock(Run.class);
        when(run.getRootDir()).thenReturn(buildDirectory.toFile());
        when(run.getExternalizableId()).thenReturn(id);
        doAnswer(invocation -> {
            Action action = invocation.getArgument(0);
            actions.add(action);
            if (action instanceof RunAction2 attached) {
                attached.onAttached(run);
            }
            return null;
        }).when(run).addAction(any());
        when(run.getAction(SecMLOpsBuildAction.class)).thenAnswer(invocation -> actions.stream()
                .filter(SecMLOpsBuildAction.class::isInstance).map(SecMLOpsBuildAction.class::cast)
                .findFirst().orElse(null));
        return run;
    }

    String execute(GateStep step) throws Exception {
        return new GateStepRunner(step, (c, s) -> worker, () -> SETTINGS).run(context);
    }

    SecMLOpsBuildAction action() {
        return actions.stream().map(SecMLOpsBuildAction.class::cast).findFirst().orElseThrow();
    }

    String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    /** {@code shared/oms-test-vectors}, beside the checkout. */
    static Path testVectors() {
        return ExternalData.omsTestVectors();
    }

    /** Copies the reference test key pair (ECDSA P-384) into the workspace and returns the private key path. */
    Path copyReferenceKeys() throws IOException {
        Path keys = testVectors().resolve("model-transparency/keys/certificate");
        Path folder = Files.createDirectories(workspace.resolve("keys"));
        Files.copy(keys.resolve("signing-key.pem"), folder.resolve("signing-key.pem"));
        Files.copy(keys.resolve("signing-key-pub.pem"), folder.resolve("release.pub"));
        return folder.resolve("signing-key.pem");
    }

    static final Path DIGITS_TORCHSCRIPT =
            Path.of("../core/src/test/resources/org/secmlops/core/model/digits-mlp.pt");

    /**
     * Puts the core's TorchScript digits MLP into the workspace as {@code digits-mlp.pt} and the first rows of
     * scikit-learn's digits (Debian python3-sklearn) as {@code digits.csv}: columns p0..p63 (0..16) and digit.
     */
    void addDigits(int rows) throws IOException {
        Files.copy(DIGITS_TORCHSCRIPT, workspace.resolve("digits-mlp.pt"));
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            csv.append('p').append(i).append(',');
        }
        csv.append("digit\n");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(ExternalData.digitsCsv())), StandardCharsets.US_ASCII))) {
            for (int row = 0; row < rows; row++) {
                csv.append(in.readLine().replace(".0", "")).append('\n');
            }
        }
        Files.writeString(workspace.resolve("digits.csv"), csv);
    }
}
