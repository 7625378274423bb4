package io.jenkins.plugins.secmlops;

import hudson.model.Result;
import org.secmlops.core.gate.GateStatus;

/** Maps a gate status to a Jenkins build result: the only place core statuses meet Jenkins results. */
final class BuildResults {
    private BuildResults() {
    }

    static Result of(GateStatus status) {
        return switch (status) {
            case PASSED, INACTIVE -> Result.SUCCESS;
            case UNSTABLE -> Result.UNSTABLE;
            case FAILED -> Result.FAILURE;
        };
    }
}
