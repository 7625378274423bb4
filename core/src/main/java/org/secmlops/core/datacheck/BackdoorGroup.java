package org.secmlops.core.datacheck;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.secmlops.core.report.chart.Thumbnails;

/**
 * A group of samples that share a trigger patch, as the report gives it ({@code details.dataCheck.backdoorGroups}).
 *
 * @param targetClass     the class the group is labelled as (the backdoor's target)
 * @param size            its samples
 * @param classShare      its share of the target class
 * @param outsideShare    the share of the other classes' samples that hold the trigger
 * @param foreignShare    the share of its members nearest to another class's centroid (the trigger's features left
 *                        out)
 * @param triggerFeatures the trigger's features (0-based columns; pixel {@code row × width + column} of an image)
 * @param triggerValues   the value each of those features holds in the group
 * @param suggestedLabels how many members each suggested true label has (the class the model's prediction moves to
 *                        when the patch is occluded, else the nearest other class)
 * @param members         the members' ids (at most {@value #MAX_MEMBERS})
 * @param heatMap         the group's mean minus the rest of its class's mean, for image data; {@code null} otherwise
 * @param occlusion       what occluding the patch did to the model's predictions; {@code null} without a model that
 *                        could be run again
 */
public record BackdoorGroup(int targetClass, int size, double classShare, double outsideShare, double foreignShare,
        List<Integer> triggerFeatures, List<Float> triggerValues, Map<Integer, Integer> suggestedLabels,
        List<String> members, MeanDifference heatMap, OcclusionTest occlusion) {
    /** How many member ids a group lists at most. */
    public static final int MAX_MEMBERS = 100;

    public BackdoorGroup {
        triggerFeatures = List.copyOf(triggerFeatures);
        triggerValues = List.copyOf(triggerValues);
        suggestedLabels = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(suggestedLabels));
        members = List.copyOf(members);
    }

    /**
     * A per-pixel difference of means over an image.
     *
     * @param rows    the image's height
     * @param columns its width
     * @param values  row by row, the group's mean minus the rest of the class's mean, in the data's units
     */
    public record MeanDifference(int rows, int columns, List<Double> values) {
        public MeanDifference {
            values = List.copyOf(values);
            if (rows * columns != values.size()) {
                throw new IllegalArgumentException("a " + rows + " × " + columns + " image needs " + rows * columns
                        + " values, not " + values.size());
            }
        }
    }

    /**
     * The occlusion test: the patch replaced by its class's median values and the model run again on the group.
     *
     * @param predictedTarget the members the model predicted as the target class before
     * @param movedShare      of those, the share predicted as another class with the patch occluded (near 1 confirms
     *                        a backdoor, near 0 says the prediction does not hinge on the patch)
     * @param movedTo         how many members moved to each class
     */
    public record OcclusionTest(int predictedTarget, double movedShare, Map<Integer, Integer> movedTo) {
        public OcclusionTest {
            movedTo = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(movedTo));
        }
    }

    static BackdoorGroup of(TriggerPatches.Group g, DataTable data) {
        Objects.requireNonNull(g, "group");
        java.util.TreeMap<Integer, Integer> suggested = new java.util.TreeMap<>();
        java.util.TreeMap<Integer, Integer> movedTo = new java.util.TreeMap<>();
        for (int m = 0; m < g.members().length; m++) {
            int moved = g.occlusion() == null ? -1 : g.occlusion().after()[m];
            if (moved >= 0 && moved != g.target()) {
                movedTo.merge(moved, 1, Integer::sum);
            }
            suggested.merge(moved >= 0 && moved != g.target() ? moved : g.suggested()[m], 1, Integer::sum);
        }
        OcclusionTest occlusion = g.occlusion() == null ? null : new OcclusionTest(g.occlusion().predictedTarget(),
                round(g.occlusion().movedShare()), movedTo);
        List<String> ids = java.util.Arrays.stream(g.members()).limit(MAX_MEMBERS).mapToObj(data.ids()::get).toList();
        int[] shape = data.sampleShape();
        MeanDifference heatMap = null;
        if (Thumbnails.isImage(shape) && (shape.length == 2 || shape[2] == 1)) {
            heatMap = new MeanDifference(shape[0], shape[1], java.util.Arrays.stream(g.difference())
                    .map(v -> Math.round(v * 1e4) / 1e4).boxed().toList());
        }
        List<Float> values = new java.util.ArrayList<>();
        for (float v : g.values()) {
            values.add(v);
        }
        return new BackdoorGroup(g.target(), g.members().length, round(g.classShare()), round(g.outsideShare()),
                round(g.foreignShare()), java.util.Arrays.stream(g.features()).boxed().toList(), values, suggested,
                ids, heatMap, occlusion);
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
