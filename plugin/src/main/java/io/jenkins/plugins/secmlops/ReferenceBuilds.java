package io.jenkins.plugins.secmlops;

import hudson.model.Run;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.secmlops.core.gate.ReferenceMetrics;
import org.secmlops.core.result.GateRunResult;
import org.secmlops.core.result.ResultJson;

/** Finds the reference build of a gate run: the last earlier build in which the run with the same id passed. */
final class ReferenceBuilds {
    static final int MAX_BUILDS_SEARCHED = 200;
    /** The largest reference result handed to the worker: the size of a result the controller accepts. */
    static final long MAX_RESULT_BYTES = JenkinsWorkerLauncher.MAX_RESULT_BYTES;

    private ReferenceBuilds() {
    }

    static Optional<ReferenceMetrics> find(Run<?, ?> current, String id) {
        return build(current, id).map(build -> new ReferenceMetrics(build.getExternalizableId(),
                build.getAction(SecMLOpsBuildAction.class).find(id).orElseThrow().getMetrics()));
    }

    /** The reference build of the run {@code id} in {@code current}, if any. */
    static Optional<Run<?, ?>> build(Run<?, ?> current, String id) {
        Run<?, ?> build = current.getPreviousBuild();
        for (int searched = 0; build != null && searched < MAX_BUILDS_SEARCHED; searched++) {
            SecMLOpsBuildAction action = build.getAction(SecMLOpsBuildAction.class);
            if (action != null) {
                Optional<GateRunSummary> summary = action.find(id);
                if (summary.isPresent() && summary.get().isPassed()) {
                    return Optional.of(build);
                }
            }
            build = build.getPreviousBuild();
        }
        return Optional.empty();
    }

    /**
     * The reference build's kept {@code result.json} of run {@code id}, for the worker to tell new, fixed and
     * outstanding problems; empty (and a line in the log saying why) where it is missing, larger than {@link
     * #MAX_RESULT_BYTES}, unreadable or another capability's result. The worker checks it again before any work.
     */
    static Optional<String> resultJson(Run<?, ?> reference, String id, String capability, PrintStream log) {
        Path file = new ResultStore(reference.getRootDir()).resultFile(id);
        String why;
        try {
            if (!Files.isRegularFile(file)) {
                why = "it kept no result file";
            } else if (Files.size(file) > MAX_RESULT_BYTES) {
                why = "its result is larger than " + (MAX_RESULT_BYTES >> 20) + " MiB";
            } else {
                String json = Files.readString(file, StandardCharsets.UTF_8);
                GateRunResult result = ResultJson.read(new ByteArrayInputStream(
                        json.getBytes(StandardCharsets.UTF_8)), file.toString());
                if (result.capability().equals(capability)) {
                    return Optional.of(json);
                }
                why = "its result is one of " + result.capability();
            }
        } catch (IOException e) {
            why = "its result cannot be read: " + e.getMessage();
        }
        log.println("[secmlops] not comparing problems with reference build " + reference.getExternalizableId()
                + ": " + why);
        return Optional.empty();
    }

    /** A result {@link #resultJson} returned, read again. */
    static GateRunResult parse(String json) {
        try {
            return ResultJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "reference result");
        } catch (IOException e) {
            throw new IllegalStateException("a reference result read before cannot be read again: " + e.getMessage(),
                    e);
        }
    }
}
