package io.jenkins.plugins.secmlops;

import hudson.Extension;
import hudson.model.Run;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.kohsuke.stapler.DataBoundConstructor;
import org.secmlops.core.capability.Capability;
import org.secmlops.core.result.GateRunResult;
import org.secmlops.core.result.ResultJson;
import org.secmlops.core.result.ShardSet;
import org.secmlops.core.result.ShardSetException;

/**
 * {@code mergeSecMLOpsResults id: 'robustness'}: merges the shards this build recorded with that id ({@code
 * evaluateRobustness id: 'robustness', shard: '1/2'} and so on, e.g. in {@code parallel} branches on several agents)
 * into one result, equal to the unsharded run's, and evaluates the gates once on it. The controller checks that the
 * shards belong together ({@link ShardSet}) before the worker merges them on the agent; nothing a shard reports about
 * itself is taken on trust.
 */
public class MergeSecMLOpsResultsStep extends GateStep {
    static final String FUNCTION_NAME = "mergeSecMLOpsResults";
    private static final String INPUT = "shard-";

    private final String mergedId;
    private transient Capability capability;
    private transient Map<String, String> shardInputs;

    @DataBoundConstructor
    public MergeSecMLOpsResultsStep(String id) {
        this.mergedId = id == null ? "" : id.trim();
    }

    @Override
    public String functionName() {
        return FUNCTION_NAME;
    }

    /**
     * The shards' capability, known once {@link #prepare} has read them.
     *
     * @throws IllegalArgumentException before that
     */
    @Override
    public Capability capability() {
        if (capability == null) {
            throw new IllegalArgumentException(FUNCTION_NAME + " needs the id of the sharded run to merge");
        }
        return capability;
    }

    /** The id the shards ran with; the merged result is recorded under it. */
    @Override
    public String getId() {
        return mergedId;
    }

    @Override
    void prepare(StepContext context) throws Exception {
        if (getId().isEmpty()) {
            throw new IllegalArgumentException("id is required: the id the shards ran with");
        }
        Map<String, GateRunResult> shards = ShardRuns.find(context.get(Run.class), getId());
        ShardSet set;
        try {
            set = ShardSet.of(shards);
        } catch (ShardSetException e) {
            throw new IllegalArgumentException("the shards with id '" + getId() + "' cannot be merged: "
                    + e.getMessage(), e);
        }
        capability = Capabilities.find(set.capability()).orElseThrow(() -> new IllegalArgumentException(
                "shards of capability '" + set.capability() + "' cannot be merged"));
        Map<String, String> inputs = new LinkedHashMap<>();
        for (int i = 0; i < set.results().size(); i++) {
            inputs.put(INPUT + set.marks().get(i).index(), ResultJson.toJson(set.results().get(i)));
        }
        shardInputs = inputs;
    }

    @Override
    public List<String> workerArguments() {
        return List.of("merge");
    }

    @Override
    public Map<String, String> workerInputs(StepContext context) {
        return shardInputs == null ? Map.of() : shardInputs;
    }

    @Override
    List<String> workerArguments(StepContext context, Map<String, String> inputs) {
        List<String> arguments = new ArrayList<>(workerArguments());
        inputs.keySet().forEach(name -> arguments.add(WorkerRequest.INPUT_PREFIX + name));
        return arguments;
    }

    /** The step's symbol and context. */
    @Extension
    public static class DescriptorImpl extends GateStepDescriptor {
        @Override
        public String getFunctionName() {
            return FUNCTION_NAME;
        }

        @Override
        public String getDisplayName() {
            return "Merge the shards of a sharded SecMLOps run and evaluate its gates (SecMLOps)";
        }
    }
}
