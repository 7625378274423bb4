package org.secmlops.core.robustness;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The counts a robustness evaluation adds up over its batches, and everything needed to turn them into a {@link
 * RobustnessReport} without the model or the options: an unsharded run reports its one tally, a merge adds up the
 * shards' tallies ({@link #plus}) and reports the sum through the same {@link #report()}. Counts are integers and
 * sums of doubles are exact ({@link BigDecimal}), so the sum does not depend on the order the batches were added
 * in and a merged report is bit-identical to the unsharded one. Written into a shard's {@code result.json}.
 *
 * @param setup              what was run, the same in every shard
 * @param engine             engine and version
 * @param device             the device the model ran on
 * @param classes            the model's number of outputs
 * @param probabilityOutputs whether the outputs of the data's first batch looked like probabilities
 * @param samples            samples evaluated
 * @param support            samples per label
 * @param cleanCorrect       correctly classified samples per label
 * @param worstRobust        samples robust to every attack, per ε
 * @param worstRobustPerClass samples robust to every attack at the gate ε, per label
 * @param attacks            per attack and ε
 * @param minimal            per attack, the samples broken at some ε and the smallest ε that broke them
 * @param corruptionCorrect  per corruption and severity, correctly classified samples
 * @param corruptionNanos    per corruption and severity, time
 * @param gradients          the gradient checks of the validity flags
 * @param certification      randomized smoothing's counts; all zero without smoothing
 * @param cleanNanos         time of the clean forward passes
 * @param examples           the first clean/adversarial pairs kept, with the batch each came from
 * @param outcomes           whether each of the first {@link SampleOutcomes#MAX_SAMPLES} samples withstood every
 *                           attack at the gate ε, with the batch each came from
 */
public record RobustnessTally(Setup setup, String engine, String device, int classes, boolean probabilityOutputs,
        long samples, long[] support, long[] cleanCorrect, long[] worstRobust, long[] worstRobustPerClass,
        List<List<AttackCounts>> attacks, List<Minimal> minimal, long[] corruptionCorrect,
        long[] corruptionNanos, GradientChecks gradients, Certification certification, long cleanNanos,
        List<KeptExample> examples, List<KeptOutcome> outcomes) {

    public RobustnessTally {
        Objects.requireNonNull(setup, "setup");
        attacks = attacks.stream().map(List::copyOf).toList();
        minimal = List.copyOf(minimal);
        examples = List.copyOf(examples);
        outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
    }

    /**
     * What ran, as the report names it.
     *
     * @param attacks        the attacks that ran (white-box ones skipped on models without gradients are not here)
     * @param epsilons       the budgets
     * @param corruptions    one slot per corruption and severity
     * @param smoothing      randomized smoothing's settings, or null
     * @param seed           the seed
     * @param examples       how many example pairs the report keeps
     * @param inputRange     the valid input range, described
     * @param unboundedRange whether the range is unbounded (a validity flag)
     * @param notes          what was skipped and why
     */
    public record Setup(List<AttackInfo> attacks, List<Double> epsilons, List<CorruptionSlot> corruptions,
            SmoothingConfig smoothing, long seed, int examples, String inputRange, boolean unboundedRange,
            List<String> notes) {
        public Setup {
            attacks = List.copyOf(attacks);
            epsilons = List.copyOf(epsilons);
            corruptions = List.copyOf(corruptions);
            notes = List.copyOf(notes);
        }

        /** The gate budget: the largest ε. */
        double gateEpsilon() {
            return epsilons.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        }
    }

    /** An attack as the report names it. */
    public record AttackInfo(String name, String norm, boolean whiteBox) {
    }

    /** One corruption at one severity. */
    public record CorruptionSlot(String corruption, int severity, double level) {
    }

    /**
     * One attack at one ε.
     *
     * @param attacked       samples attacked (the correctly classified ones)
     * @param broken         samples it broke
     * @param perturbation   the sum of the broken samples' perturbation sizes
     * @param nanos          time
     * @param allocated      bytes allocated, -1 where unknown
     * @param passes         forward and gradient passes
     * @param robustPerClass samples that stayed correct, per label
     */
    public record AttackCounts(long attacked, long broken, @JsonFormat(shape = JsonFormat.Shape.STRING)
            BigDecimal perturbation, long nanos, long allocated,
            PassCount passes, long[] robustPerClass) {
        AttackCounts plus(AttackCounts other) {
            return new AttackCounts(attacked + other.attacked, broken + other.broken,
                    perturbation.add(other.perturbation), nanos + other.nanos,
                    allocated < 0 || other.allocated < 0 ? -1 : allocated + other.allocated,
                    passes.plus(other.passes), add(robustPerClass, other.robustPerClass));
        }
    }

    /**
     * One attack's samples broken at some ε, and the sum of the smallest ε that broke each (exact).
     */
    public record Minimal(long count, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal sum) {
        Minimal plus(Minimal other) {
            return new Minimal(count + other.count, sum.add(other.sum));
        }
    }

    /** Gradients checked for the validity flags, and how many were all zero or not finite. */
    public record GradientChecks(long checked, long zero, long nonFinite) {
        GradientChecks plus(GradientChecks other) {
            return new GradientChecks(checked + other.checked, zero + other.zero, nonFinite + other.nonFinite);
        }
    }

    /**
     * Randomized smoothing's counts.
     *
     * @param certified   samples certified correct, per radius
     * @param abstained   samples it abstained on
     * @param correct     samples certified with the right class
     * @param radiusSum   the sum of their radii
     * @param nanos       time
     * @param passes      forward passes
     */
    public record Certification(long[] certified, long abstained, long correct,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal radiusSum, long nanos,
            PassCount passes) {
        Certification plus(Certification other) {
            return new Certification(add(certified, other.certified), abstained + other.abstained,
                    correct + other.correct, radiusSum.add(other.radiusSum), nanos + other.nanos,
                    passes.plus(other.passes));
        }
    }

    /** An example pair and the batch (counted from 0 over the whole data) it came from. */
    public record KeptExample(long batch, ExamplePair pair) {
    }

    /** Whether one sample withstood every attack at the gate ε, and the batch (counted from 0) it came from. */
    public record KeptOutcome(long batch, String id, boolean robust) {
    }

    /**
     * The sum of this tally and another over other batches of the same evaluation.
     *
     * @throws IllegalArgumentException when the other tally is of another evaluation (setup, classes, engine)
     */
    public RobustnessTally plus(RobustnessTally other) {
        if (!setup.equals(other.setup) || classes != other.classes || !engine.equals(other.engine)
                || probabilityOutputs != other.probabilityOutputs) {
            throw new IllegalArgumentException("the tallies are of different evaluations: setup, classes, engine or"
                    + " the first batch's outputs differ");
        }
        List<List<AttackCounts>> sum = new ArrayList<>();
        for (int a = 0; a < attacks.size(); a++) {
            List<AttackCounts> row = new ArrayList<>();
            for (int e = 0; e < attacks.get(a).size(); e++) {
                row.add(attacks.get(a).get(e).plus(other.attacks.get(a).get(e)));
            }
            sum.add(row);
        }
        List<Minimal> minimalSum = new ArrayList<>();
        for (int a = 0; a < minimal.size(); a++) {
            minimalSum.add(minimal.get(a).plus(other.minimal.get(a)));
        }
        return new RobustnessTally(setup, engine, device.equals(other.device) ? device : device + ", " + other.device,
                classes, probabilityOutputs, samples + other.samples, add(support, other.support),
                add(cleanCorrect, other.cleanCorrect), add(worstRobust, other.worstRobust),
                add(worstRobustPerClass, other.worstRobustPerClass), sum, minimalSum, add(corruptionCorrect, other.corruptionCorrect), add(corruptionNanos, other.corruptionNanos),
                gradients.plus(other.gradients), certification.plus(other.certification),
                cleanNanos + other.cleanNanos, firstExamples(examples, other.examples, setup.examples()),
                firstOutcomes(outcomes, other.outcomes));
    }

    /** The outcomes of the first samples of two lists in batch order, as one run would keep them. */
    private static List<KeptOutcome> firstOutcomes(List<KeptOutcome> a, List<KeptOutcome> b) {
        List<KeptOutcome> all = new ArrayList<>(a);
        all.addAll(b);
        all.sort((x, y) -> Long.compare(x.batch(), y.batch()));
        return all.subList(0, Math.min(all.size(), SampleOutcomes.MAX_SAMPLES));
    }

    private SampleOutcomes sampleOutcomes() {
        List<String> robust = new ArrayList<>();
        List<String> notRobust = new ArrayList<>();
        for (KeptOutcome outcome : outcomes) {
            (outcome.robust() ? robust : notRobust).add(outcome.id());
        }
        return new SampleOutcomes(setup.gateEpsilon(), robust, notRobust, samples > outcomes.size());
    }

    /** The first {@code limit} pairs of two lists in batch order, one per sample, as one run would keep them. */
    private static List<KeptExample> firstExamples(List<KeptExample> a, List<KeptExample> b, int limit) {
        List<KeptExample> all = new ArrayList<>(a);
        all.addAll(b);
        all.sort((x, y) -> Long.compare(x.batch(), y.batch()));
        List<KeptExample> kept = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (KeptExample example : all) {
            if (kept.size() < limit && ids.add(example.pair().sampleId())) {
                kept.add(example);
            }
        }
        return kept;
    }

    /** The report of these counts. */
    public RobustnessReport report() {
        long n = samples;
        long correctTotal = Arrays.stream(cleanCorrect).sum();
        double cleanAccuracy = (double) correctTotal / n;
        List<Double> eps = setup.epsilons();
        double gateEps = setup.gateEpsilon();
        List<AttackResult> results = new ArrayList<>();
        List<AttackSummary> summaries = new ArrayList<>();
        for (int a = 0; a < setup.attacks().size(); a++) {
            AttackInfo attack = setup.attacks().get(a);
            for (int e = 0; e < eps.size(); e++) {
                AttackCounts at = attacks.get(a).get(e);
                long robust = Arrays.stream(at.robustPerClass()).sum();
                List<Double> perClass = new ArrayList<>();
                for (int c = 0; c < classes; c++) {
                    perClass.add(support[c] == 0 ? null : (double) at.robustPerClass()[c] / support[c]);
                }
                long passes = at.passes().forwardSamples() + at.passes().gradientSamples();
                results.add(new AttackResult(attack.name(), attack.norm(), attack.whiteBox(), eps.get(e),
                        (double) robust / n, at.attacked() == 0 ? 0 : (double) at.broken() / at.attacked(),
                        at.attacked(), at.broken(),
                        at.broken() == 0 ? null : at.perturbation().doubleValue() / at.broken(), perClass,
                        at.nanos() / 1e9, at.allocated(), at.passes().forwardSamples(),
                        at.passes().gradientSamples(), at.attacked() == 0 ? 0 : (double) passes / at.attacked()));
            }
            Minimal m = minimal.get(a);
            summaries.add(new AttackSummary(attack.name(), attack.norm(), attack.whiteBox(), m.count(),
                    m.count() == 0 ? null : m.sum().doubleValue() / m.count()));
        }
        boolean attacked = !setup.attacks().isEmpty();
        List<WorstCase> worst = new ArrayList<>();
        if (attacked) {
            for (int e = 0; e < eps.size(); e++) {
                worst.add(new WorstCase(eps.get(e), (double) worstRobust[e] / n,
                        correctTotal == 0 ? 0 : 1 - (double) worstRobust[e] / correctTotal));
            }
        }
        List<ClassRobustness> perClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            if (support[c] > 0) {
                perClass.add(new ClassRobustness(c, support[c], (double) cleanCorrect[c] / support[c],
                        attacked ? (double) worstRobustPerClass[c] / support[c] : null));
            }
        }
        List<CorruptionResult> corrupted = new ArrayList<>();
        for (int slot = 0; slot < setup.corruptions().size(); slot++) {
            CorruptionSlot s = setup.corruptions().get(slot);
            corrupted.add(new CorruptionResult(s.corruption(), s.severity(), s.level(),
                    (double) corruptionCorrect[slot] / n, corruptionNanos[slot] / 1e9));
        }
        SmoothingResult smoothing = null;
        if (setup.smoothing() != null) {
            SmoothingConfig s = setup.smoothing();
            List<CertifiedPoint> points = new ArrayList<>();
            for (int r = 0; r < s.radii().size(); r++) {
                points.add(new CertifiedPoint(s.radii().get(r), (double) certification.certified()[r] / n));
            }
            smoothing = new SmoothingResult(s.sigma(), s.n0(), s.n(), s.alpha(), points,
                    (double) certification.abstained() / n, certification.correct() == 0 ? null
                    : certification.radiusSum().doubleValue() / certification.correct(), certification.nanos() / 1e9,
                    certification.passes().forwardSamples());
        }
        long majority = Arrays.stream(support).max().orElse(0);
        List<ValidityFlag> flags = ValidityChecks.check(new ValidityChecks.Evidence(n, classes, cleanAccuracy,
                n == 0 ? 0 : (double) majority / n, probabilityOutputs, gradients.checked(), gradients.zero(),
                gradients.nonFinite(), results, eps, setup.unboundedRange()));
        return new RobustnessReport(engine, device, n, classes, probabilityOutputs, setup.inputRange(), setup.seed(),
                cleanAccuracy, attacked ? gateEps : null, results, summaries, worst, perClass, corrupted, smoothing,
                flags, setup.notes(), examples.stream().map(KeptExample::pair).toList(), cleanNanos / 1e9,
                attacked ? sampleOutcomes() : null);
    }

    private static long[] add(long[] a, long[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("counts of different lengths: " + a.length + " and " + b.length);
        }
        long[] sum = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            sum[i] = a[i] + b[i];
        }
        return sum;
    }
}
