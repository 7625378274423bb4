package org.secmlops.core.robustness.defense;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.secmlops.core.capability.robustness.DefenseAttack;
import org.secmlops.core.capability.robustness.DefenseReport;
import org.secmlops.core.capability.robustness.DefenseRow;
import org.secmlops.core.data.Batch;
import org.secmlops.core.data.DatasetException;
import org.secmlops.core.data.Preprocessing;
import org.secmlops.core.data.SampleSource;
import org.secmlops.core.model.LoadedModel;
import org.secmlops.core.model.ModelException;
import org.secmlops.core.model.Outputs;
import org.secmlops.core.robustness.Attack;
import org.secmlops.core.robustness.AttackTarget;
import org.secmlops.core.robustness.InputBounds;
import org.secmlops.core.robustness.SampleGeometry;

/**
 * Measures each defense configuration against the undefended model on the same samples and attacks: clean accuracy,
 * robust accuracy under adaptive attacks and under attacks that ignore the defense, detection and false-positive
 * rates of detectors, and the latency and throughput of the defended model,
 * timed in interleaved rounds so that every configuration meets the same machine load.
 * <p>
 * An adaptive adversary knows the defense and keeps, per sample, whichever input works: a sample counts as robust
 * only if it withstands both the attack that ignores the defense and the one built for it (BPDA through transforms,
 * EOT over random draws, {@link DetectorAwareAttack} against detectors). Black-box attacks run against the defended
 * model as it serves (through transforms; against the plain model, then filtered by the detector).
 */
public final class DefenseEvaluator {
    /** Timed rounds over the latency samples, after one warm-up round; the median round counts. */
    static final int LATENCY_ROUNDS = 7;
    /**
     * At most this many batches are timed per round: enough for a stable median, few enough that a costly
     * configuration (smoothing votes many times per prediction) does not dominate the run.
     */
    static final int LATENCY_BATCHES = 8;

    private final DefenseConfig config;
    private final Preprocessing preprocessing;
    private final InputBounds bounds;
    private final SampleGeometry geometry;
    private final Consumer<String> progress;

    /**
     * @param config        defenses, attacks, budgets and sample limits
     * @param preprocessing applied to every raw sample
     * @param bounds        the valid input range after preprocessing
     * @param geometry      how a sample maps onto an image
     * @param progress      receives progress lines
     */
    public DefenseEvaluator(DefenseConfig config, Preprocessing preprocessing, InputBounds bounds,
            SampleGeometry geometry, Consumer<String> progress) {
        this.config = Objects.requireNonNull(config, "config");
        this.preprocessing = Objects.requireNonNull(preprocessing, "preprocessing");
        this.bounds = Objects.requireNonNull(bounds, "bounds");
        this.geometry = Objects.requireNonNull(geometry, "geometry");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /**
     * Evaluates every configuration; rows come back without a selection (see {@link DefenseSelection}).
     *
     * @throws IllegalArgumentException when a defense does not fit the samples (an image defense on vectors) or a
     *                                  detector would reject every clean sample
     * @throws DatasetException         when the data is empty, malformed or outside the valid range
     * @throws ModelException           when the model fails
     * @throws InterruptedException     when the thread is interrupted
     */
    public List<DefenseRow> evaluate(LoadedModel model, SampleSource data)
            throws ModelException, DatasetException, InterruptedException {
        return evaluate(model, List.of(), data);
    }

    /**
     * Evaluates every configuration and every candidate model (rows after the defenses'); rows come back without a
     * selection (see {@link DefenseSelection}).
     *
     * @param candidates other models for the same task, compared with {@code model} on the same samples and attacks
     */
    public List<DefenseRow> evaluate(LoadedModel model, List<Defense.Candidate> candidates, SampleSource data)
            throws ModelException, DatasetException, InterruptedException {
        List<Defense> defenses = new ArrayList<>();
        for (DefenseSpec spec : config.defenses()) {
            defenses.add(spec.create(bounds, geometry));
        }
        defenses.addAll(candidates);
        for (Defense.Candidate candidate : candidates) {
            if (!candidate.model().supportsGradients() && config.attacks().stream().anyMatch(Attack::whiteBox)) {
                throw new IllegalArgumentException("candidate model " + candidate.id() + " runs on "
                        + candidate.model().engineName() + ", which computes no input gradients, so the white-box"
                        + " attacks cannot compare it with the baseline; use an engine with gradients or black-box"
                        + " attacks only");
            }
        }
        List<Attack> attacks = new ArrayList<>();
        for (Attack attack : config.attacks()) {
            if (attack.whiteBox() && !model.supportsGradients()) {
                progress.accept("note: " + attack.name() + " skipped: " + model.engineName()
                        + " computes no input gradients");
            } else {
                attacks.add(attack);
            }
        }
        List<Batch> batches = new ArrayList<>();
        List<float[][]> inputs = new ArrayList<>();
        read(data, batches, inputs);
        int samples = batches.stream().mapToInt(Batch::size).sum();
        progress.accept("defenses: " + samples + " samples, " + defenses.size() + " configurations, "
                + attacks.size() + " attacks at " + config.epsilons().size() + " budgets");
        Map<String, SqueezeDetector> detectors = calibrate(model, defenses, inputs);
        List<Outcome> outcomes = new ArrayList<>();
        for (int d = 0; d < defenses.size(); d++) {
            Defense defense = defenses.get(d);
            progress.accept("defense " + defense.id() + ": attacking");
            outcomes.add(attack(model, defense, detectors.get(defense.id()), attacks, batches, inputs, d));
        }
        progress.accept("defenses: timing " + LATENCY_ROUNDS + " interleaved rounds");
        List<Timing> timings = time(model, defenses, detectors, inputs);
        List<DefenseRow> rows = new ArrayList<>();
        for (int d = 0; d < defenses.size(); d++) {
            rows.add(outcomes.get(d).row(defenses.get(d), timings.get(d), timings.get(0), attacks, samples));
        }
        return Pareto.mark(rows);
    }

    private void read(SampleSource data, List<Batch> batches, List<float[][]> inputs) throws DatasetException {
        int[] rawShape = data.sampleShape();
        preprocessing.shape(rawShape);
        int read = 0;
        for (Batch batch = data.next(Math.min(config.batchSize(), config.maxSamples())); batch != null; ) {
            float[][] x = new float[batch.size()][];
            for (int i = 0; i < x.length; i++) {
                x[i] = preprocessing.apply(batch.features()[i], rawShape);
                if (x[i].length != bounds.size() || !bounds.contains(x[i])) {
                    throw new DatasetException("Sample " + batch.ids().get(i) + " does not fit the valid input range "
                            + bounds.describe() + " after preprocessing; set the range that fits the data");
                }
            }
            batches.add(batch);
            inputs.add(x);
            read += x.length;
            int left = config.maxSamples() - read;
            batch = left > 0 ? data.next(Math.min(config.batchSize(), left)) : null;
        }
        if (read == 0) {
            throw new DatasetException(data.description() + " holds no samples");
        }
    }

    private Map<String, SqueezeDetector> calibrate(LoadedModel model, List<Defense> defenses, List<float[][]> inputs)
            throws ModelException {
        Map<String, SqueezeDetector> detectors = new LinkedHashMap<>();
        float[][] all = inputs.stream().flatMap(Arrays::stream).toArray(float[][]::new);
        for (Defense defense : defenses) {
            if (defense instanceof Defense.Detector detector) {
                SqueezeDetector calibrated = detector.threshold() != null
                        ? SqueezeDetector.withThreshold(detector.squeezers(), detector.threshold())
                        : SqueezeDetector.calibrate(model, detector.squeezers(), all, detector.falsePositiveRate());
                boolean[] rejected = calibrated.rejects(model, all);
                int count = 0;
                for (boolean r : rejected) {
                    count += r ? 1 : 0;
                }
                if (count == all.length) {
                    throw new IllegalArgumentException("defense '" + detector.id() + "' rejects every clean sample ("
                            + all.length + " of " + all.length + "); raise its threshold or give fpr instead");
                }
                progress.accept("defense " + detector.id() + ": threshold " + String.format(java.util.Locale.ROOT,
                        "%.4f", calibrated.threshold()) + " rejects " + count + " of " + all.length + " clean samples");
                detectors.put(detector.id(), calibrated);
            }
        }
        return detectors;
    }

    private Outcome attack(LoadedModel model, Defense defense, SqueezeDetector detector, List<Attack> attacks,
            List<Batch> batches, List<float[][]> inputs, int defenseIndex)
            throws ModelException, InterruptedException {
        LoadedModel served = served(model, defense, GradientMode.ADAPTIVE, defenseIndex);
        LoadedModel naive = defense instanceof Defense.Detector ? model
                : served(model, defense, GradientMode.NON_ADAPTIVE, defenseIndex);
        boolean compare = defense instanceof Defense.Transform || defense instanceof Defense.Smoothing;
        Outcome outcome = new Outcome(attacks.size(), config.epsilons().size());
        for (int b = 0; b < batches.size(); b++) {
            float[][] x = inputs.get(b);
            int[] y = batches.get(b).labels();
            int[] accepted = accepted(served, detector, model, x, y);
            outcome.cleanCorrect += accepted.length;
            outcome.cleanRejected += detector == null ? 0 : count(detector.rejects(model, x));
            float[][] xc = select(x, accepted);
            int[] yc = select(y, accepted);
            boolean[][] unbrokenAdaptive = new boolean[config.epsilons().size()][];
            boolean[][] unbrokenNaive = new boolean[config.epsilons().size()][];
            for (int e = 0; e < config.epsilons().size(); e++) {
                unbrokenAdaptive[e] = filled(xc.length);
                unbrokenNaive[e] = filled(xc.length);
            }
            for (int a = 0; a < attacks.size(); a++) {
                Attack attack = attacks.get(a);
                for (int e = 0; e < config.epsilons().size(); e++) {
                    if (xc.length == 0) {
                        continue;
                    }
                    double eps = config.epsilons().get(e);
                    long seed = config.seed() * 1_000_003L + (defenseIndex * 7919L + a) * 104_729L + e * 31L + b;
                    boolean last = e == config.epsilons().size() - 1;
                    boolean[] held;
                    boolean[] heldNaive;
                    if (detector != null) {
                        heldNaive = defended(served, detector, model, attack.perturb(
                                new AttackTarget(model, bounds, geometry), xc, yc, eps, new SplittableRandom(seed)),
                                yc, outcome, last);
                        held = heldNaive.clone();
                        if (attack.whiteBox()) {
                            and(held, new DetectorAwareAttack(attack.norm(), eps, bounds).held(model, detector, xc,
                                    yc));
                        }
                    } else {
                        held = defended(served, null, model, attack.perturb(new AttackTarget(served, bounds,
                                geometry), xc, yc, eps, new SplittableRandom(seed)), yc, null, false);
                        heldNaive = held;
                        if (compare && attack.whiteBox()) {
                            heldNaive = defended(served, null, model, attack.perturb(new AttackTarget(naive, bounds,
                                    geometry), xc, yc, eps, new SplittableRandom(seed)), yc, null, false);
                            and(held, heldNaive);
                        }
                    }
                    outcome.robust[a][e] += count(held);
                    outcome.robustNaive[a][e] += count(heldNaive);
                    and(unbrokenAdaptive[e], held);
                    and(unbrokenNaive[e], heldNaive);
                }
            }
            int last = config.epsilons().size() - 1;
            if (last >= 0 && !attacks.isEmpty()) {
                outcome.worst += count(unbrokenAdaptive[last]);
                outcome.worstNaive += count(unbrokenNaive[last]);
            }
        }
        outcome.naiveMeasured = (compare || detector != null) && attacks.stream().anyMatch(Attack::whiteBox);
        return outcome;
    }

    private LoadedModel served(LoadedModel model, Defense defense, GradientMode mode, int defenseIndex) {
        if (defense instanceof Defense.Candidate candidate) {
            return candidate.model();
        }
        if (defense instanceof Defense.Smoothing smoothing) {
            return new DefendedModel(model, smoothing.noise(), mode, config.eotSamples(), config.seed() + defenseIndex,
                    smoothing.votes());
        }
        return defense instanceof Defense.Transform t
                ? new DefendedModel(model, t.transform(), mode, config.eotSamples(), config.seed() + defenseIndex)
                : model;
    }

    /** The indices of the samples the defended model classifies correctly (and a detector accepts). */
    private static int[] accepted(LoadedModel served, SqueezeDetector detector, LoadedModel model, float[][] x,
            int[] y) throws ModelException {
        float[][] outputs = served.predict(x);
        boolean[] rejected = detector == null ? new boolean[x.length] : detector.rejects(model, x);
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (!rejected[i] && Outputs.argmax(outputs[i]) == y[i]) {
                out.add(i);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Whether each adversarial input is still handled: classified correctly, or rejected by the detector. */
    private static boolean[] defended(LoadedModel served, SqueezeDetector detector, LoadedModel model,
            float[][] adversarial, int[] y, Outcome outcome, boolean countDetections) throws ModelException {
        float[][] outputs = served.predict(adversarial);
        boolean[] rejected = detector == null ? new boolean[adversarial.length] : detector.rejects(model, adversarial);
        boolean[] held = new boolean[adversarial.length];
        for (int i = 0; i < held.length; i++) {
            boolean fooled = Outputs.argmax(outputs[i]) != y[i];
            held[i] = !fooled || rejected[i];
            if (outcome != null && countDetections && detector != null && fooled) {
                outcome.adversarialFooling++;
                outcome.adversarialDetected += rejected[i] ? 1 : 0;
            }
        }
        return held;
    }

    /**
     * Times every configuration's batched predictions in rounds, interleaved batch by batch (in alternating order),
     * so that a change of machine load meets every configuration alike; the median round counts.
     */
    List<Timing> time(LoadedModel model, List<Defense> defenses, Map<String, SqueezeDetector> detectors,
            List<float[][]> inputs) throws ModelException, InterruptedException {
        List<float[][]> timed = new ArrayList<>();
        int count = 0;
        for (float[][] x : inputs) {
            if (timed.size() >= LATENCY_BATCHES) {
                break;
            }
            timed.add(x);
            count += x.length;
        }
        List<LoadedModel> served = new ArrayList<>();
        for (int d = 0; d < defenses.size(); d++) {
            served.add(served(model, defenses.get(d), GradientMode.ADAPTIVE, d));
        }
        List<List<Double>> batchMillis = new ArrayList<>();
        List<List<Double>> roundSeconds = new ArrayList<>();
        for (int d = 0; d < defenses.size(); d++) {
            batchMillis.add(new ArrayList<>());
            roundSeconds.add(new ArrayList<>());
        }
        for (int round = 0; round <= LATENCY_ROUNDS; round++) {
            double[] totals = new double[defenses.size()];
            for (int b = 0; b < timed.size(); b++) {
                for (int k = 0; k < defenses.size(); k++) {
                    int d = (round + b) % 2 == 0 ? k : defenses.size() - 1 - k;
                    if (Thread.interrupted()) {
                        throw new InterruptedException("defense evaluation cancelled");
                    }
                    SqueezeDetector detector = detectors.get(defenses.get(d).id());
                    long start = System.nanoTime();
                    served.get(d).predict(timed.get(b));
                    if (detector != null) {
                        detector.rejects(model, timed.get(b));
                    }
                    long nanos = System.nanoTime() - start;
                    totals[d] += nanos / 1e9;
                    if (round > 0) {
                        batchMillis.get(d).add(nanos / 1e6);
                    }
                }
            }
            if (round > 0) {
                for (int d = 0; d < defenses.size(); d++) {
                    roundSeconds.get(d).add(totals[d]);
                }
            }
        }
        List<Timing> out = new ArrayList<>();
        for (int d = 0; d < defenses.size(); d++) {
            double median = percentile(roundSeconds.get(d), 0.5);
            out.add(new Timing(percentile(batchMillis.get(d), 0.5), percentile(batchMillis.get(d), 0.95),
                    count / median, median / count));
        }
        return out;
    }

    /** The nearest-rank percentile, as {@code evaluate} reports latency. */
    private static double percentile(List<Double> values, double q) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static boolean[] filled(int n) {
        boolean[] out = new boolean[n];
        Arrays.fill(out, true);
        return out;
    }

    private static void and(boolean[] into, boolean[] other) {
        for (int i = 0; i < into.length; i++) {
            into[i] &= other[i];
        }
    }

    private static int count(boolean[] values) {
        int n = 0;
        for (boolean v : values) {
            n += v ? 1 : 0;
        }
        return n;
    }

    private static float[][] select(float[][] rows, int[] indices) {
        float[][] out = new float[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            out[i] = rows[indices[i]];
        }
        return out;
    }

    private static int[] select(int[] values, int[] indices) {
        int[] out = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = values[indices[i]];
        }
        return out;
    }

    record Timing(double p50Millis, double p95Millis, double throughput, double secondsPerSample) {
    }

    /** Counts of one configuration over all batches. */
    private final class Outcome {
        private final long[][] robust;
        private final long[][] robustNaive;
        private long cleanCorrect;
        private long cleanRejected;
        private long worst;
        private long worstNaive;
        private long adversarialFooling;
        private long adversarialDetected;
        private boolean naiveMeasured;

        Outcome(int attacks, int epsilons) {
            robust = new long[attacks][epsilons];
            robustNaive = new long[attacks][epsilons];
        }

        DefenseRow row(Defense defense, Timing timing, Timing baseline, List<Attack> attacks, int samples) {
            List<DefenseAttack> perAttack = new ArrayList<>();
            for (int a = 0; a < attacks.size(); a++) {
                for (int e = 0; e < config.epsilons().size(); e++) {
                    boolean naive = naiveMeasured && attacks.get(a).whiteBox();
                    perAttack.add(new DefenseAttack(attacks.get(a).name(), attacks.get(a).norm().id(),
                            config.epsilons().get(e), (double) robust[a][e] / samples,
                            naive ? (double) robustNaive[a][e] / samples : null));
                }
            }
            Double robustAccuracy = attacks.isEmpty() ? null : (double) worst / samples;
            Double naiveAccuracy = attacks.isEmpty() || !naiveMeasured ? null : (double) worstNaive / samples;
            boolean detector = defense instanceof Defense.Detector;
            boolean masking = robustAccuracy != null && naiveAccuracy != null
                    && naiveAccuracy - robustAccuracy > DefenseReport.MASKING_MARGIN;
            return new DefenseRow(defense.id(), (double) cleanCorrect / samples, robustAccuracy, naiveAccuracy,
                    perAttack, detector && adversarialFooling > 0 ? (double) adversarialDetected / adversarialFooling
                    : null, detector ? (double) cleanRejected / samples : null, timing.p50Millis(),
                    timing.p95Millis(), timing.throughput(), timing.secondsPerSample() / baseline.secondsPerSample(),
                    masking, false);
        }
    }
}
