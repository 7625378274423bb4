package org.secmlops.core.robustness;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.secmlops.core.data.Batch;
import org.secmlops.core.data.DatasetException;
import org.secmlops.core.data.Preprocessing;
import org.secmlops.core.data.SampleSource;
import org.secmlops.core.data.ShardedBatches;
import org.secmlops.core.model.LoadedModel;
import org.secmlops.core.model.ModelException;
import org.secmlops.core.model.Outputs;
import org.secmlops.core.model.OutputsAndGradient;
import org.secmlops.core.model.Softmax;
import org.secmlops.core.result.Shard;
import org.secmlops.core.result.ShardCoverage;

/**
 * Runs attacks, corruptions and randomized smoothing over the first samples of labelled data, batch by batch
 * (memory bounded by one batch), and measures clean, robust, corrupted and certified accuracy with the cost of each
 * attack. Only correctly classified samples are attacked; every adversarial example is verified by a separate forward
 * pass and checked to lie within ε and the valid range. Every random choice comes from the seed, so the same seed,
 * data and model give bit-identical results. Cancelled by interrupting the thread.
 *
 * <pre>{@code
 * RobustnessReport report = new RobustnessEvaluator(config, preprocessing, bounds, geometry, log::println)
 *         .evaluate(model, data);
 * }</pre>
 */
public final class RobustnessEvaluator {
    private static final int PAIR_VALUES_LIMIT = 4096;
    private static final double LARGEST_BUDGET = 1e30;

    private final RobustnessConfig config;
    private final Preprocessing preprocessing;
    private final InputBounds bounds;
    private final SampleGeometry geometry;
    private final Consumer<String> progress;

    /**
     * @param config        what to run
     * @param preprocessing applied to every raw sample
     * @param bounds        the valid range of the preprocessed values
     * @param geometry      the preprocessed sample as an image (or flat)
     * @param progress      receives progress lines
     */
    public RobustnessEvaluator(RobustnessConfig config, Preprocessing preprocessing, InputBounds bounds,
            SampleGeometry geometry, Consumer<String> progress) {
        this.config = Objects.requireNonNull(config, "config");
        this.preprocessing = Objects.requireNonNull(preprocessing, "preprocessing");
        this.bounds = Objects.requireNonNull(bounds, "bounds");
        this.geometry = Objects.requireNonNull(geometry, "geometry");
        this.progress = Objects.requireNonNull(progress, "progress");
        if (bounds.size() != geometry.size()) {
            throw new IllegalArgumentException("bounds cover " + bounds.size() + " values, the geometry "
                    + geometry.size());
        }
    }

    /**
     * Evaluates the model.
     *
     * @throws DatasetException     when the data is empty or malformed, a sample lies outside the valid range or a
     *                              label has no output
     * @throws ModelException       when the model fails
     * @throws InterruptedException when the thread is interrupted
     */
    public RobustnessReport evaluate(LoadedModel model, SampleSource data)
            throws ModelException, DatasetException, InterruptedException {
        RobustnessReport report = evaluate(model, data, Shard.WHOLE).tally().report();
        describe(report, progress);
        return report;
    }

    /** What one shard evaluated: its counts and the part of the data they cover. */
    public record Evaluated(RobustnessTally tally, ShardCoverage coverage) {
    }

    /**
     * Evaluates the model on one shard's batches ({@link ShardedBatches}): the data is cut into the same batches as
     * an unsharded run, and every random choice is seeded from the batch's index in the whole data, so the shards'
     * tallies add up ({@link RobustnessTally#plus}) to the tally of the unsharded run.
     *
     * @throws DatasetException     as {@link #evaluate(LoadedModel, SampleSource)}, and when the shard owns no batch
     * @throws ModelException       when the model fails
     * @throws InterruptedException when the thread is interrupted
     */
    public Evaluated evaluate(LoadedModel model, SampleSource data, Shard shard)
            throws ModelException, DatasetException, InterruptedException {
        int[] rawShape = data.sampleShape();
        preprocessing.shape(rawShape);
        List<String> notes = new ArrayList<>();
        List<Attack> attacks = new ArrayList<>();
        for (Attack attack : config.attacks()) {
            if (attack.whiteBox() && !model.supportsGradients()) {
                notes.add(attack.name() + " (" + attack.norm().id() + ") skipped: it needs input gradients and "
                        + model.engineName() + " computes none; black-box attacks still run");
            } else {
                attacks.add(attack);
            }
        }
        List<Corruption> corruptions = new ArrayList<>();
        for (Corruption corruption : config.corruptions()) {
            if (corruption.needsImage() && !geometry.imageLike()) {
                notes.add(corruption.id() + " skipped: it needs image-shaped samples; these are flat vectors of "
                        + geometry.size() + " values (give --input-shape H,W[,C])");
            } else {
                corruptions.add(corruption);
            }
        }
        if (config.attacks().isEmpty() || attacks.isEmpty()) {
            notes.add("no adversarial attack ran, so ROBUST_ACCURACY, ROBUST_ACCURACY_DROP and ATTACK_SUCCESS_RATE"
                    + " are not reported");
        }
        notes.forEach(note -> progress.accept("note: " + note));
        List<Double> eps = config.epsilons();
        double gateEps = eps.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        Tally tally = new Tally(attacks.size(), eps.size(), corruptions.size() * config.severities().size(),
                config.smoothing() == null ? 0 : config.smoothing().radii().size());
        AttackTarget target = new AttackTarget(model, bounds, geometry);
        RandomizedSmoothing smoothing = config.smoothing() == null ? null
                : new RandomizedSmoothing(config.smoothing(), config.batchSize());
        long nextReport = 100;
        ShardedBatches batches = new ShardedBatches(data, shard, config.batchSize(), config.maxSamples());
        for (ShardedBatches.Owned owned = batches.next(); owned != null; owned = batches.next()) {
            Batch batch = owned.batch();
            long batchIndex = owned.index();
            float[][] x = preprocess(batch, rawShape);
            int[] y = batch.labels();
            if (tally.classes == 0) {
                float[][] first = batchIndex == 0 ? null : target.predict(preprocess(batches.first(), rawShape));
                start(tally, first);
            }
            long start = System.nanoTime();
            float[][] clean = target.predict(x);
            tally.cleanNanos += System.nanoTime() - start;
            if (tally.classes == 0) {
                start(tally, clean);
            }
            boolean[] correct = new boolean[x.length];
            for (int i = 0; i < x.length; i++) {
                if (y[i] >= tally.classes) {
                    throw new DatasetException("Sample " + batch.ids().get(i) + " has label " + y[i]
                            + " but the model has only " + tally.classes + " outputs");
                }
                correct[i] = !Losses.misclassified(clean[i], y[i]);
                tally.support[y[i]]++;
                if (correct[i]) {
                    tally.cleanCorrect[y[i]]++;
                }
            }
            int[] correctIndex = Rows.open(negate(correct));
            runAttacks(target, attacks, batch, x, y, correctIndex, batchIndex, gateEps, tally);
            runCorruptions(target, corruptions, x, y, batchIndex, tally);
            if (smoothing != null) {
                certify(target, smoothing, x, y, batchIndex, tally);
            }
            tally.samples += x.length;
            if (tally.samples >= nextReport) {
                progress.accept("evaluated " + tally.samples + " samples");
                nextReport = tally.samples + 100;
            }
        }
        ShardCoverage coverage = batches.coverage();
        if (coverage.totalSamples() == 0) {
            throw new DatasetException(data.description() + " holds no samples");
        }
        if (tally.samples == 0) {
            throw new DatasetException("shard " + shard + " has no batch to evaluate: the data gives only "
                    + coverage.totalBatches() + " batches of at most " + config.batchSize() + " samples; use at most "
                    + coverage.totalBatches() + " shards or smaller batches");
        }
        return new Evaluated(tally.toRecord(setup(attacks, corruptions, notes), model), coverage);
    }

    private void start(Tally tally, float[][] firstOutputs) {
        if (firstOutputs == null) {
            return;
        }
        tally.start(firstOutputs[0].length);
        tally.probabilityOutputs = Softmax.areDistributions(firstOutputs);
        progress.accept("model outputs " + tally.classes + " classes"
                + (tally.probabilityOutputs ? ", which look like probabilities (see the validity flags)" : ""));
    }

    private RobustnessTally.Setup setup(List<Attack> attacks, List<Corruption> corruptions, List<String> notes) {
        List<RobustnessTally.CorruptionSlot> slots = new ArrayList<>();
        for (Corruption corruption : corruptions) {
            for (int severity : config.severities()) {
                slots.add(new RobustnessTally.CorruptionSlot(corruption.id(), severity, corruption.level(severity)));
            }
        }
        return new RobustnessTally.Setup(attacks.stream()
                .map(a -> new RobustnessTally.AttackInfo(a.name(), a.norm().id(), a.whiteBox())).toList(),
                config.epsilons(), slots, config.smoothing(), config.seed(), config.examples(), bounds.describe(),
                !bounds.finite(), notes);
    }

    private float[][] preprocess(Batch batch, int[] rawShape) throws DatasetException {
        float[][] x = new float[batch.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = preprocessing.apply(batch.features()[i], rawShape);
            if (x[i].length != bounds.size()) {
                throw new DatasetException("Sample " + batch.ids().get(i) + " has " + x[i].length
                        + " values; the input range and shape cover " + bounds.size());
            }
            if (!bounds.contains(x[i])) {
                throw new DatasetException("Sample " + batch.ids().get(i) + " lies outside the valid input range "
                        + bounds.describe() + " after preprocessing; set the range that fits the data");
            }
        }
        return x;
    }

    private void runAttacks(AttackTarget target, List<Attack> attacks, Batch batch, float[][] x, int[] y,
            int[] correctIndex, long batchIndex, double gateEps, Tally tally)
            throws ModelException, InterruptedException {
        List<Double> eps = config.epsilons();
        if (attacks.isEmpty()) {
            return;
        }
        float[][] xc = Rows.select(x, correctIndex);
        int[] yc = Rows.select(y, correctIndex);
        boolean[][] brokenAny = new boolean[eps.size()][correctIndex.length];
        if (xc.length > 0 && attacks.stream().anyMatch(Attack::whiteBox)) {
            OutputsAndGradient og = target.outputsAndGradient(xc, yc);
            for (float[] g : og.gradient()) {
                tally.gradientChecked++;
                boolean finite = true;
                boolean zero = true;
                for (float v : g) {
                    finite &= Float.isFinite(v);
                    zero &= v == 0f;
                }
                tally.nonFiniteGradients += finite ? 0 : 1;
                tally.zeroGradients += zero ? 1 : 0;
            }
        }
        for (int a = 0; a < attacks.size(); a++) {
            Attack attack = attacks.get(a);
            double[] minimal = new double[correctIndex.length];
            Arrays.fill(minimal, Double.POSITIVE_INFINITY);
            for (int e = 0; e < eps.size(); e++) {
                AttackTally at = tally.attack[a][e];
                if (xc.length == 0) {
                    continue;
                }
                double epsilon = eps.get(e);
                SplittableRandom random = new SplittableRandom(mix(config.seed(), 1, batchIndex, a, e));
                PassCount before = target.passes();
                long allocated = allocatedBytes();
                long start = System.nanoTime();
                float[][] adversarial = attack.perturb(target, xc, yc, budget(attack, epsilon), random);
                at.nanos += System.nanoTime() - start;
                long after = allocatedBytes();
                at.allocated = allocated < 0 || after < 0 || at.allocated < 0 ? -1 : at.allocated + after - allocated;
                at.passes = at.passes.plus(target.passes().minus(before));
                verify(attack, adversarial, xc, epsilon);
                float[][] outputs = target.predict(adversarial);
                at.attacked += xc.length;
                for (int k = 0; k < xc.length; k++) {
                    boolean broken = Losses.misclassified(outputs[k], yc[k]);
                    if (broken) {
                        at.broken++;
                        at.perturbation = at.perturbation.add(new BigDecimal(attack.norm().size(adversarial[k], xc[k])));
                        brokenAny[e][k] = true;
                        minimal[k] = Math.min(minimal[k], epsilon);
                        if (epsilon == gateEps) {
                            keepExample(tally, batchIndex, batch.ids().get(correctIndex[k]), attack, epsilon, yc[k],
                                    Outputs.argmax(outputs[k]), xc[k], adversarial[k]);
                        }
                    } else {
                        at.robustPerClass[yc[k]]++;
                    }
                }
            }
            for (double m : minimal) {
                if (m < Double.POSITIVE_INFINITY) {
                    tally.minimalCount[a]++;
                    tally.minimalSum[a] = tally.minimalSum[a].add(new BigDecimal(m));
                }
            }
        }
        boolean[] robustAtGate = new boolean[x.length];
        int gate = eps.indexOf(gateEps);
        for (int k = 0; k < correctIndex.length; k++) {
            robustAtGate[correctIndex[k]] = gate >= 0 && !brokenAny[gate][k];
        }
        for (int i = 0; i < x.length; i++) {
            tally.outcome(batchIndex, batch.ids().get(i), robustAtGate[i]);
        }
        for (int e = 0; e < eps.size(); e++) {
            for (int k = 0; k < correctIndex.length; k++) {
                if (!brokenAny[e][k]) {
                    tally.worstRobust[e]++;
                    if (eps.get(e) == gateEps) {
                        tally.worstRobustPerClass[yc[k]]++;
                    }
                }
            }
        }
    }

    private void verify(Attack attack, float[][] adversarial, float[][] clean, double eps) {
        if (adversarial.length != clean.length) {
            throw new IllegalStateException(attack.name() + " returned " + adversarial.length + " samples for "
                    + clean.length);
        }
        for (int k = 0; k < clean.length; k++) {
            if (adversarial[k] == null || adversarial[k].length != clean[k].length
                    || attack.norm().size(adversarial[k], clean[k]) > eps || !bounds.contains(adversarial[k])) {
                throw new IllegalStateException(attack.name() + " left the ε-ball or the valid range at sample " + k);
            }
        }
    }

    private void keepExample(Tally tally, long batchIndex, String id, Attack attack, double eps, int label,
            int prediction, float[] clean, float[] adversarial) {
        if (tally.examples.size() >= config.examples() || !geometry.imageLike() || clean.length > PAIR_VALUES_LIMIT
                || tally.examples.stream().anyMatch(p -> p.pair().sampleId().equals(id))) {
            return;
        }
        tally.examples.add(new RobustnessTally.KeptExample(batchIndex, new ExamplePair(id, attack.name(), eps, label,
                prediction, geometry, display(clean), display(adversarial))));
    }

    private List<Double> display(float[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (int j = 0; j < values.length; j++) {
            double v = (values[j] - bounds.origin(j)) / bounds.span(j);
            out.add(Math.round(Math.min(1, Math.max(0, v)) * 1000) / 1000.0);
        }
        return out;
    }

    private void runCorruptions(AttackTarget target, List<Corruption> corruptions, float[][] x, int[] y,
            long batchIndex, Tally tally) throws ModelException, InterruptedException {
        int slot = 0;
        for (int c = 0; c < corruptions.size(); c++) {
            for (int severity : config.severities()) {
                SplittableRandom random = new SplittableRandom(mix(config.seed(), 2, batchIndex, c, severity));
                long start = System.nanoTime();
                float[][] corrupted = new float[x.length][];
                for (int i = 0; i < x.length; i++) {
                    corrupted[i] = corruptions.get(c).apply(x[i], severity, geometry, bounds, random);
                }
                float[][] outputs = target.predict(corrupted);
                for (int i = 0; i < x.length; i++) {
                    tally.corruptionCorrect[slot] += Losses.misclassified(outputs[i], y[i]) ? 0 : 1;
                }
                tally.corruptionNanos[slot] += System.nanoTime() - start;
                slot++;
            }
        }
    }

    private void certify(AttackTarget target, RandomizedSmoothing smoothing, float[][] x, int[] y, long batchIndex,
            Tally tally) throws ModelException, InterruptedException {
        SmoothingConfig settings = config.smoothing();
        PassCount before = target.passes();
        long start = System.nanoTime();
        for (int i = 0; i < x.length; i++) {
            SplittableRandom random = new SplittableRandom(mix(config.seed(), 3, batchIndex, i, 0));
            RandomizedSmoothing.Certificate certificate = smoothing.certify(target, x[i], tally.classes, random);
            if (certificate.prediction() < 0) {
                tally.abstained++;
            } else if (certificate.prediction() == y[i]) {
                tally.certifiedRadiusSum = tally.certifiedRadiusSum.add(new BigDecimal(certificate.radius()));
                tally.certifiedCorrect++;
                for (int r = 0; r < settings.radii().size(); r++) {
                    if (certificate.radius() >= settings.radii().get(r)) {
                        tally.certified[r]++;
                    }
                }
            }
        }
        tally.smoothingNanos += System.nanoTime() - start;
        tally.smoothingPasses = tally.smoothingPasses.plus(target.passes().minus(before));
    }

    /** Writes the report's results to the progress lines, as every run and merge does. */
    static void describe(RobustnessReport report, Consumer<String> progress) {
        for (AttackResult r : report.attacks()) {
            progress.accept(String.format(Locale.ROOT, "%s (%s) at eps %s: robust accuracy %.4f, %d of %d broken,"
                            + " %.1f passes/sample, %.2f s", r.attack(), r.norm(), r.epsilon(), r.robustAccuracy(),
                    r.broken(), r.attacked(), r.passesPerSample(), r.seconds()));
        }
        progress.accept(String.format(Locale.ROOT, "robustness of %d samples: clean accuracy %.4f%s, %d validity"
                        + " flags", report.samples(), report.cleanAccuracy(), report.robustAccuracy() == null ? ""
                        : String.format(Locale.ROOT, ", robust accuracy %.4f at eps %s", report.robustAccuracy(),
                        report.gateEpsilon()), report.validityFlags().size()));
    }

    private static boolean[] negate(boolean[] values) {
        boolean[] out = new boolean[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = !values[i];
        }
        return out;
    }

    /**
     * The budget an attack is run with: ε, or the valid range's diameter in the attack's norm where ε is larger
     * (the same feasible set, without steps and stripes of astronomical size that overflow floats), and at most
     * {@value #LARGEST_BUDGET} for unbounded inputs.
     */
    private double budget(Attack attack, double epsilon) {
        return Math.min(Math.min(epsilon, bounds.diameter(attack.norm())), LARGEST_BUDGET);
    }

    /** A well-mixed seed for one stream (SplitMix64's finalizer over the parts). */
    static long mix(long seed, long... parts) {
        long h = seed;
        for (long part : parts) {
            h = finish(h + 0x9E3779B97F4A7C15L * (part + 1));
        }
        return h;
    }

    private static long finish(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static long allocatedBytes() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
                && bean.isThreadAllocatedMemorySupported() && bean.isThreadAllocatedMemoryEnabled()) {
            return bean.getThreadAllocatedBytes(Thread.currentThread().getId());
        }
        return -1;
    }

    /** Running counts of one attack at one ε. */
    private static final class AttackTally {
        long attacked;
        long broken;
        BigDecimal perturbation = BigDecimal.ZERO;
        long nanos;
        long allocated;
        PassCount passes = new PassCount(0, 0, 0, 0);
        long[] robustPerClass;

        RobustnessTally.AttackCounts toRecord() {
            return new RobustnessTally.AttackCounts(attacked, broken, perturbation, nanos, allocated, passes,
                    robustPerClass.clone());
        }
    }

    /** Running counts over all batches. */
    private static final class Tally {
        final AttackTally[][] attack;
        final long[] worstRobust;
        final long[] minimalCount;
        final BigDecimal[] minimalSum;
        final long[] corruptionCorrect;
        final long[] corruptionNanos;
        final List<RobustnessTally.KeptExample> examples = new ArrayList<>();
        int classes;
        boolean probabilityOutputs;
        long samples;
        long[] support;
        long[] cleanCorrect;
        long[] worstRobustPerClass;
        long cleanNanos;
        long gradientChecked;
        long zeroGradients;
        long nonFiniteGradients;
        final long[] certified;
        long abstained;
        long certifiedCorrect;
        BigDecimal certifiedRadiusSum = BigDecimal.ZERO;
        long smoothingNanos;
        PassCount smoothingPasses = new PassCount(0, 0, 0, 0);

        final List<RobustnessTally.KeptOutcome> outcomes = new ArrayList<>();

        /** Records whether one sample withstood every attack at the gate ε, up to the first few thousand. */
        void outcome(long batch, String id, boolean robust) {
            if (outcomes.size() < SampleOutcomes.MAX_SAMPLES) {
                outcomes.add(new RobustnessTally.KeptOutcome(batch, id, robust));
            }
        }

        Tally(int attacks, int epsilons, int corruptionSlots, int radii) {
            certified = new long[radii];
            attack = new AttackTally[attacks][epsilons];
            for (AttackTally[] row : attack) {
                for (int e = 0; e < epsilons; e++) {
                    row[e] = new AttackTally();
                }
            }
            worstRobust = new long[epsilons];
            minimalCount = new long[attacks];
            minimalSum = new BigDecimal[attacks];
            Arrays.fill(minimalSum, BigDecimal.ZERO);
            corruptionCorrect = new long[corruptionSlots];
            corruptionNanos = new long[corruptionSlots];
        }

        void start(int classCount) {
            classes = classCount;
            support = new long[classCount];
            cleanCorrect = new long[classCount];
            worstRobustPerClass = new long[classCount];
            for (AttackTally[] row : attack) {
                for (AttackTally at : row) {
                    at.robustPerClass = new long[classCount];
                }
            }
        }

        private List<RobustnessTally.Minimal> minimal() {
            List<RobustnessTally.Minimal> out = new ArrayList<>();
            for (int a = 0; a < minimalCount.length; a++) {
                out.add(new RobustnessTally.Minimal(minimalCount[a], minimalSum[a]));
            }
            return out;
        }

        RobustnessTally toRecord(RobustnessTally.Setup setup, LoadedModel model) {
            List<List<RobustnessTally.AttackCounts>> counts = new ArrayList<>();
            for (AttackTally[] row : attack) {
                counts.add(Arrays.stream(row).map(AttackTally::toRecord).toList());
            }
            return new RobustnessTally(setup, model.engineName(), model.device(), classes, probabilityOutputs,
                    samples, support.clone(), cleanCorrect.clone(), worstRobust.clone(), worstRobustPerClass.clone(),
                    counts, minimal(), corruptionCorrect.clone(),
                    corruptionNanos.clone(), new RobustnessTally.GradientChecks(gradientChecked, zeroGradients,
                    nonFiniteGradients), new RobustnessTally.Certification(certified.clone(), abstained,
                    certifiedCorrect, certifiedRadiusSum, smoothingNanos, smoothingPasses), cleanNanos, examples,
                    outcomes);
        }
    }
}
