package org.secmlops.core.result;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Shard results checked to belong together: the same capability, subject, tool version, inputs digest and shard
 * count, every shard present exactly once, and their batches adding up to the whole without overlap. Nothing a
 * shard says about itself is taken on trust before these checks.
 *
 * <pre>{@code
 * ShardSet shards = ShardSet.of(Map.of("a/result.json", first, "b/result.json", second));
 * long samples = shards.totalSamples();
 * }</pre>
 *
 * @param results the shard results, ordered by shard index
 * @param marks   their marks, in the same order
 */
public record ShardSet(List<GateRunResult> results, List<ShardMark> marks) {
    public ShardSet {
        results = List.copyOf(results);
        marks = List.copyOf(marks);
    }

    /**
     * Checks the results, named by where they came from (a path, a build), and orders them by shard index.
     *
     * @throws ShardSetException with a message naming the result at fault
     */
    public static ShardSet of(Map<String, GateRunResult> bySource) throws ShardSetException {
        if (bySource.isEmpty()) {
            throw new ShardSetException("no shard results to merge");
        }
        record Named(String source, GateRunResult result, ShardMark mark) {
        }
        List<Named> named = new ArrayList<>();
        for (Map.Entry<String, GateRunResult> entry : bySource.entrySet()) {
            named.add(new Named(entry.getKey(), entry.getValue(), mark(entry.getKey(), entry.getValue())));
        }
        Named first = named.get(0);
        for (Named other : named.subList(1, named.size())) {
            same(first.source, other.source, "capability", first.result.capability(), other.result.capability());
            same(first.source, other.source, "subject", first.result.subject(), other.result.subject());
            same(first.source, other.source, "SecMLOps version", first.result.toolVersion(),
                    other.result.toolVersion());
            same(first.source, other.source, "shard count", first.mark.count(), other.mark.count());
            same(first.source, other.source, "options and inputs (digest)", first.mark.inputs(), other.mark.inputs());
            same(first.source, other.source, "total batches", first.mark.totalBatches(), other.mark.totalBatches());
            same(first.source, other.source, "total samples", first.mark.totalSamples(), other.mark.totalSamples());
        }
        int count = first.mark.count();
        Named[] byIndex = new Named[count];
        for (Named n : named) {
            Named earlier = byIndex[n.mark.index() - 1];
            if (earlier != null) {
                throw new ShardSetException("shard " + n.mark.shard() + " is given twice: " + earlier.source + " and "
                        + n.source);
            }
            byIndex[n.mark.index() - 1] = n;
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (byIndex[i] == null) {
                missing.add((i + 1) + "/" + count);
            }
        }
        if (!missing.isEmpty()) {
            throw new ShardSetException("shard" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing)
                    + (missing.size() == 1 ? " is" : " are") + " missing: the merge needs all " + count + " shards");
        }
        long batches = 0;
        long samples = 0;
        for (Named n : byIndex) {
            long expected = expectedBatches(n.mark.index(), count, n.mark.totalBatches());
            if (n.mark.batches() != expected) {
                throw new ShardSetException(n.source + ": shard " + n.mark.shard() + " says it evaluated "
                        + n.mark.batches() + " batches, but " + expected + " of the " + n.mark.totalBatches()
                        + " batches are its own");
            }
            batches += n.mark.batches();
            samples += n.mark.samples();
        }
        if (batches != first.mark.totalBatches() || samples != first.mark.totalSamples()) {
            throw new ShardSetException("the shards cover " + batches + " batches and " + samples + " samples, the"
                    + " evaluation has " + first.mark.totalBatches() + " and " + first.mark.totalSamples());
        }
        List<Named> ordered = List.of(byIndex).stream().sorted(Comparator.comparingInt(n -> n.mark.index())).toList();
        return new ShardSet(ordered.stream().map(Named::result).toList(), ordered.stream().map(Named::mark).toList());
    }

    /** The capability of the shards. */
    public String capability() {
        return results.get(0).capability();
    }

    /** The samples of the whole evaluation. */
    public long totalSamples() {
        return marks.get(0).totalSamples();
    }

    /** The batches of the whole evaluation. */
    public long totalBatches() {
        return marks.get(0).totalBatches();
    }

    /** Each shard's partial counts ({@link ShardMark#PARTIAL_KEY}), in shard order. */
    public List<JsonNode> partials() {
        return results.stream().map(r -> r.details().path(ShardMark.PARTIAL_KEY)).toList();
    }

    /** Each shard's host, coverage and cost, in shard order. */
    public List<ShardCost> costs() {
        List<ShardCost> costs = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            costs.add(ShardCost.of(marks.get(i), results.get(i).cost()));
        }
        return costs;
    }

    /**
     * The cost of the whole: the shards' wall times added up (machine time, not elapsed time), the largest of their
     * peak memories.
     */
    public SecurityCost totalCost() {
        long wall = 0;
        long heap = 0;
        long rss = 0;
        for (GateRunResult result : results) {
            wall += result.cost().wallTimeMillis();
            heap = Math.max(heap, result.cost().peakHeapBytes());
            rss = rss < 0 || result.cost().peakRssBytes() < 0 ? -1 : Math.max(rss, result.cost().peakRssBytes());
        }
        return new SecurityCost(wall, heap, rss);
    }

    private static long expectedBatches(int index, int count, long total) {
        return total / count + (index - 1 < total % count ? 1 : 0);
    }

    private static ShardMark mark(String source, GateRunResult result) throws ShardSetException {
        JsonNode node = result.details().get(ShardMark.DETAILS_KEY);
        if (node == null || !node.isObject()) {
            throw new ShardSetException(source + " is not a shard result (its details have no '"
                    + ShardMark.DETAILS_KEY + "'): run the " + result.capability() + " command with --shard INDEX/COUNT");
        }
        ShardMark mark;
        try {
            mark = Json.mapper().treeToValue(node, ShardMark.class);
        } catch (Exception e) {
            throw new ShardSetException(source + " has a malformed shard mark: " + e.getMessage());
        }
        if (mark.inputs() == null || mark.host() == null) {
            throw new ShardSetException(source + " has a shard mark without its inputs digest or host");
        }
        try {
            mark.shard();
        } catch (IllegalArgumentException e) {
            throw new ShardSetException(source + ": shard " + mark.index() + "/" + mark.count() + " is out of range: "
                    + e.getMessage());
        }
        if (mark.batches() < 0 || mark.samples() < 0 || mark.batches() > mark.totalBatches()
                || mark.samples() > mark.totalSamples()) {
            throw new ShardSetException(source + " has a shard mark whose counts do not add up");
        }
        if (!result.details().path(ShardMark.PARTIAL_KEY).isObject()) {
            throw new ShardSetException(source + " has no partial counts ('" + ShardMark.PARTIAL_KEY + "') to merge");
        }
        return mark;
    }

    private static void same(String a, String b, String what, Object first, Object other) throws ShardSetException {
        if (!Objects.equals(first, other)) {
            throw new ShardSetException(a + " and " + b + " are not shards of one evaluation: their " + what
                    + " differ (" + first + " and " + other + ")");
        }
    }
}
