package io.jenkins.plugins.secmlops;

import hudson.model.Run;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.secmlops.core.gate.GateEvaluation;
import org.secmlops.core.gate.GateStatus;
import org.secmlops.core.result.GateRunResult;
import org.secmlops.core.result.ResultFormatException;
import org.secmlops.core.result.Shard;

/**
 * The shards of a sharded run in a build: each is recorded under its own id ({@code ID-shard-I-of-N}), without
 * gates, and found again by the merge step.
 */
final class ShardRuns {
    private ShardRuns() {
    }

    /** The id shard {@code shard} of the run with this id is recorded under. */
    static String runId(String id, Shard shard) {
        return id + "-shard-" + shard.index() + "-of-" + shard.count();
    }

    /** A shard's result as the build keeps it: no gates (the worker evaluated none), so no status of its own. */
    static GateRunResult withoutGates(GateRunResult reported) {
        return new GateRunResult(reported.schemaVersion(), reported.capability(), reported.toolVersion(),
                reported.subject(), reported.startedAt(), reported.metrics(),
                new GateEvaluation(List.of(), GateStatus.PASSED), reported.cost(), reported.details());
    }

    /**
     * The results of every shard recorded with this id in the build, by their run id.
     *
     * @throws IllegalArgumentException when there is none, or a recorded result cannot be read
     */
    static Map<String, GateRunResult> find(Run<?, ?> run, String id) {
        Pattern shardId = Pattern.compile(Pattern.quote(id) + "-shard-[0-9]+-of-[0-9]+");
        SecMLOpsBuildAction action = run.getAction(SecMLOpsBuildAction.class);
        Map<String, GateRunResult> results = new LinkedHashMap<>();
        ResultStore store = new ResultStore(run.getRootDir());
        for (GateRunSummary summary : action == null ? List.<GateRunSummary>of() : action.getRuns()) {
            if (shardId.matcher(summary.getId()).matches()) {
                try {
                    results.put(summary.getId(), store.load(summary.getId()));
                } catch (ResultFormatException e) {
                    throw new IllegalArgumentException("the result of shard '" + summary.getId() + "' cannot be"
                            + " read: " + e.getMessage(), e);
                }
            }
        }
        if (results.isEmpty()) {
            throw new IllegalArgumentException("this build recorded no shard with id '" + id + "': run"
                    + " evaluateRobustness or evaluateModel with id: '" + id + "' and shard:"
                    + " 'INDEX/COUNT' first (in parallel branches of this build)");
        }
        return results;
    }
}
