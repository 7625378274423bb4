package org.secmlops.core.datacheck;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.secmlops.core.model.Outputs;
import org.secmlops.core.run.Cancellation;

/**
 * The occlusion test of a trigger patch, when the user's model can be run again: does the group's prediction depend
 * on a few input positions? Every member's patch features are replaced by the typical values of its class (the median
 * of the class's other samples at each feature) and the model classifies the members again. A backdoored model
 * predicts the target for triggered samples and their own class once the trigger is gone, so the members whose
 * prediction leaves the target confirm the backdoor, and the class a member moves to is its suggested true label. A
 * natural group keeps its prediction: its class does not hinge on those few features.
 */
final class Occlusion {
    /** How many samples go to the model at once. */
    static final int BATCH = 256;

    private Occlusion() {
    }

    /**
     * What occluding the patch did.
     *
     * @param predictedTarget the members the model predicted as the target before the occlusion
     * @param movedShare      of those, the share predicted as another class after it
     * @param after           per member, the class predicted after the occlusion
     */
    record Outcome(int predictedTarget, double movedShare, int[] after) {
    }

    /**
     * The groups with their outcomes; the flagged members whose prediction moved get the class it moved to as their
     * suggested label. Without a model that can be run again, {@code found} unchanged.
     */
    static TriggerPatches.Found test(TriggerPatches.Found found, DataTable data, ModelOutputs model) {
        if (model == null || model.reclassifier() == null || found.groups().isEmpty()) {
            return found;
        }
        DetectorResult result = found.result();
        int[] suggested = result.suggested().clone();
        List<TriggerPatches.Group> groups = new ArrayList<>();
        StringBuilder summary = new StringBuilder();
        for (TriggerPatches.Group g : found.groups()) {
            Outcome outcome;
            try {
                outcome = outcome(g, data, model);
            } catch (Cancellation.CancelledException e) {
                throw e;
            } catch (Exception e) {
                return new TriggerPatches.Found(new DetectorResult(result.detector(), result.method()
                        + "; occlusion test left out: the model failed (" + e.getMessage() + ")", result.scores(),
                        result.flagged(), result.suggested()), found.groups());
            }
            groups.add(g.withOcclusion(outcome));
            for (int m = 0; m < g.members().length; m++) {
                int i = g.members()[m];
                if (g.flagged() && outcome.after()[m] != g.target()) {
                    suggested[i] = outcome.after()[m];
                }
            }
            if (g.flagged()) {
                summary.append(summary.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT,
                        "class %d: %.0f%% of %d predicted as it move away", g.target(), 100 * outcome.movedShare(),
                        outcome.predictedTarget()));
            }
        }
        String method = result.method() + "; occlusion test (patch replaced by the class's median, model run"
                + " again): " + (summary.length() == 0 ? "no flagged group" : summary);
        return new TriggerPatches.Found(new DetectorResult(result.detector(), method, result.scores(),
                result.flagged(), suggested), List.copyOf(groups));
    }

    static Outcome outcome(TriggerPatches.Group g, DataTable data, ModelOutputs model) throws Exception {
        int[] members = g.members();
        float[] typical = typical(data, g);
        int[] after = new int[members.length];
        for (int from = 0; from < members.length; from += BATCH) {
            Cancellation.check();
            int to = Math.min(members.length, from + BATCH);
            float[][] rows = new float[to - from][];
            for (int m = from; m < to; m++) {
                float[] row = data.features().row(members[m]);
                for (int p = 0; p < g.features().length; p++) {
                    row[g.features()[p]] = typical[p];
                }
                rows[m - from] = row;
            }
            float[][] out = model.reclassifier().classify(rows);
            if (out.length != rows.length) {
                throw new IllegalStateException("the model returned " + out.length + " rows for " + rows.length);
            }
            for (int m = from; m < to; m++) {
                after[m] = Outputs.argmax(out[m - from]);
            }
        }
        int predictedTarget = 0;
        int moved = 0;
        for (int m = 0; m < members.length; m++) {
            if (Outputs.argmax(model.probabilities()[members[m]]) == g.target()) {
                predictedTarget++;
                moved += after[m] != g.target() ? 1 : 0;
            }
        }
        return new Outcome(predictedTarget, predictedTarget == 0 ? 0 : (double) moved / predictedTarget, after);
    }

    /** Per patch feature, the median of the target class's samples outside the group. */
    private static float[] typical(DataTable data, TriggerPatches.Group g) {
        boolean[] inGroup = new boolean[data.size()];
        for (int i : g.members()) {
            inGroup[i] = true;
        }
        int[] labels = data.labels();
        int[] features = g.features();
        int rest = 0;
        for (int i = 0; i < labels.length; i++) {
            rest += labels[i] == g.target() && !inGroup[i] ? 1 : 0;
        }
        float[][] values = new float[features.length][rest];
        int count = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == g.target() && !inGroup[i]) {
                for (int p = 0; p < features.length; p++) {
                    values[p][count] = data.features().value(i, features[p]);
                }
                count++;
            }
        }
        float[] typical = new float[features.length];
        for (int p = 0; p < features.length; p++) {
            Arrays.sort(values[p]);
            typical[p] = count == 0 ? 0 : values[p][count / 2];
        }
        return typical;
    }
}
