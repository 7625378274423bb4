package org.secmlops.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.secmlops.core.capability.Capability;
import org.secmlops.core.capability.evaluate.EvaluateCapability;
import org.secmlops.core.capability.robustness.RobustnessCapability;
import org.secmlops.core.io.SafeOutput;
import org.secmlops.core.result.GateRunResult;
import org.secmlops.core.result.ResultFormatException;
import org.secmlops.core.result.ResultJson;
import org.secmlops.core.result.ShardSet;
import org.secmlops.core.result.ShardSetException;
import org.secmlops.core.run.GateRunner;
import org.secmlops.core.run.Measurement;
import org.secmlops.core.shard.ShardedResults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code secmlops merge --report-dir DIR SHARD_RESULT...}: one result from the shards of a robustness or evaluate
 * run, gates evaluated once on the merged metrics.
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Merge the result.json files of all shards of one robustness or evaluate run"
                + " (--shard INDEX/COUNT) into one result.json and report.html, equal to the unsharded run's, and"
                + " evaluate the gates once on the merged metrics. The shards must be of one evaluation (same command,"
                + " options and input files) and each must be given exactly once.")
final class MergeCommand implements Callable<Integer> {
    private static final List<Capability> SHARDED = List.of(RobustnessCapability.INSTANCE,
            EvaluateCapability.INSTANCE);

    @Parameters(arity = "1..*", paramLabel = "SHARD_RESULT", description = "The result.json of each shard.")
    List<Path> shards;

    @Mixin
    GateOptions gateOptions;

    @Override
    public Integer call() throws Exception {
        Progress progress = new Progress(System.out);
        SafeOutput.Plan plan = gateOptions.plan();
        for (Path shard : shards) {
            plan.input("SHARD_RESULT", shard);
        }
        gateOptions.checkBeforeWork(plan);
        Map<String, GateRunResult> bySource = new LinkedHashMap<>();
        for (Path shard : shards) {
            try {
                bySource.put(shard.toString(), ResultJson.read(shard));
            } catch (ResultFormatException e) {
                throw new InputException(e.getMessage(), e);
            }
        }
        try {
            ShardSet set = ShardSet.of(bySource);
            Capability capability = SHARDED.stream().filter(c -> c.id().equals(set.capability())).findFirst()
                    .orElseThrow(() -> new ShardSetException("results of '" + set.capability() + "' are not"
                            + " sharded: only robustness and evaluate runs are"));
            Measurement merged = ShardedResults.merge(set, progress::line);
            Instant startedAt = set.results().stream().map(GateRunResult::startedAt).min(Comparator.naturalOrder())
                    .orElseThrow();
            GateRunResult result;
            try {
                result = new GateRunner(capability, Version.current()).evaluate(set.results().get(0).subject(),
                        gateOptions.spec(), merged, set.totalCost(), startedAt, gateOptions.referenceResult());
            } catch (IllegalArgumentException e) {
                throw new InputException("--reference-result: " + e.getMessage(), e);
            }
            return gateOptions.write(capability, result, progress).code();
        } catch (ShardSetException e) {
            throw new InputException("cannot merge: " + e.getMessage(), e);
        }
    }
}
