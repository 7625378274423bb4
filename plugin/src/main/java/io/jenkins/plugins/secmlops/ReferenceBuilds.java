package io.jenkins.plugins.secmlops;

import hudson.model.Run;
import java.util.Optional;
import org.secmlops.core.gate.ReferenceMetrics;

/** Finds the reference build of a gate run: the last earlier build in which the run with the same id passed. */
final class ReferenceBuilds {
    static final int MAX_BUILDS_SEARCHED = 200;

    private ReferenceBuilds() {
    }

    static Optional<ReferenceMetrics> find(Run<?, ?> current, String id) {
        Run<?, ?> build = current.getPreviousBuild();
        for (int searched = 0; build != null && searched < MAX_BUILDS_SEARCHED; searched++) {
            SecMLOpsBuildAction action = build.getAction(SecMLOpsBuildAction.class);
            if (action != null) {
                Optional<GateRunSummary> summary = action.find(id);
                if (summary.isPresent() && summary.get().isPassed()) {
                    return Optional.of(new ReferenceMetrics(build.getExternalizableId(), summary.get().getMetrics()));
                }
            }
            build = build.getPreviousBuild();
        }
        return Optional.empty();
    }
}
