package io.jenkins.plugins.secmlops;

import java.util.ArrayList;
import java.util.List;
import org.kohsuke.stapler.DataBoundSetter;
import org.secmlops.core.result.Shard;

/**
 * A model-and-data step whose work can be split over agents: with {@code shard: '2/4'} it evaluates only the second
 * of four shards of the data, records it as {@code ID-shard-2-of-4} without gates, and {@code mergeSecMLOpsResults
 * id: ID} merges the shards into one result and evaluates the gates once.
 */
public abstract class ShardableStep extends ModelDataStep {
    private String shard;

    protected ShardableStep(String model, String data) {
        super(model, data);
    }

    public String getShard() {
        return shard;
    }

    /**
     * {@code INDEX/COUNT}, counted from 1, e.g. {@code '2/4'}: evaluate only that shard (every COUNT-th batch of the
     * data); merge the shards with {@code mergeSecMLOpsResults}. None by default.
     */
    @DataBoundSetter
    public void setShard(String shard) {
        this.shard = blankToNull(shard);
    }

    /**
     * The shard, or {@code null}.
     *
     * @throws IllegalArgumentException when it is not {@code INDEX/COUNT} with 1 &lt;= INDEX &lt;= COUNT
     */
    Shard parsedShard() {
        if (shard == null) {
            return null;
        }
        try {
            return Shard.parse(shard);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("shard '" + shard + "': " + e.getMessage(), e);
        }
    }

    @Override
    String runId() {
        Shard parsed = parsedShard();
        return parsed == null ? getId() : ShardRuns.runId(getId(), parsed);
    }

    @Override
    boolean sharded() {
        return shard != null;
    }

    @Override
    protected List<String> modelDataArguments(boolean modelRequired) {
        List<String> arguments = new ArrayList<>(super.modelDataArguments(modelRequired));
        Shard parsed = parsedShard();
        if (parsed != null) {
            arguments.add("--shard");
            arguments.add(parsed.toString());
        }
        return arguments;
    }
}
