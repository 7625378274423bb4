package org.secmlops.core.datacheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import org.secmlops.core.data.DatasetException;
import org.secmlops.core.report.chart.Thumbnails;

/**
 * Checks a training data set for poisoning and integrity problems, with evidence per sample:
 * <ul>
 * <li>label issues: confident learning on out-of-sample probabilities (the model's when given, else k-fold
 * cross-validated softmax regression averaged with the kNN label shares), kNN label disagreement;</li>
 * <li>backdoors: spectral signatures and activation clustering per class, on the model's logits when given, else on
 * the (reduced) features; a sample is a backdoor suspect when both agree, or when it belongs to a group that
 * shares a trigger patch ({@link TriggerPatches}), reported per group as a {@link BackdoorGroup};</li>
 * <li>exact and near duplicates, conflicting labels; kNN-distance outliers; class balance;</li>
 * <li>per-feature drift (PSI, Kolmogorov–Smirnov) against a trusted reference;</li>
 * <li>a per-sample SHA-256 manifest, compared with an approved one.</li>
 * </ul>
 *
 * <pre>{@code
 * DataTable data = DataTableReader.read(Datasets.open(spec), 2);
 * DataCheckResult result = new DataCheck(DataCheckOptions.defaults(), log::println).run(data, null, null, null);
 * }</pre>
 */
public final class DataCheck {
    private final DataCheckOptions options;
    private final Consumer<String> progress;

    public DataCheck(DataCheckOptions options, Consumer<String> progress) {
        this.options = Objects.requireNonNull(options, "options");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /**
     * Runs every check.
     *
     * @param data      the data set (at least two classes)
     * @param model     the model's probabilities and logits, or {@code null} to train the cross-validated model
     * @param reference a trusted reference for drift, or {@code null}
     * @param approved  the approved manifest, or {@code null}
     * @throws DatasetException when the data is too small for the options, the reference has another width, or the
     *                          model's outputs do not fit the labels
     * @return the result, without a learner cache (see the other {@code run})
     */
    public DataCheckResult run(DataTable data, ModelOutputs model, DataTable reference, DataManifest approved)
            throws DatasetException {
        return check(data, model, reference, approved, null, false);
    }

    /**
     * Runs every check, taking the cross-validated learners' probabilities of samples that have not changed (same
     * features and label) from an earlier check's {@link LearnerCache}, so that the learners run only for added and
     * modified samples. The result's {@link DataCheckResult#learnerCache()} is the cache for the next check ({@code
     * null} when a model is given).
     *
     * @param previous the earlier check's cache, or {@code null}; one made with other settings is ignored
     */
    public DataCheckResult run(DataTable data, ModelOutputs model, DataTable reference, DataManifest approved,
            LearnerCache previous) throws DatasetException {
        return check(data, model, reference, approved, previous, true);
    }

    private DataCheckResult check(DataTable data, ModelOutputs model, DataTable reference, DataManifest approved,
            LearnerCache previous, boolean cache) throws DatasetException {
        int n = data.size();
        if (n < Math.max(options.folds(), 3)) {
            throw new DatasetException(data.description() + " holds " + n + " samples; the check needs at least "
                    + Math.max(options.folds(), 3) + " (one per cross-validation fold)");
        }
        if (model != null) {
            if (model.probabilities().length != n) {
                throw new DatasetException("The model gave outputs for " + model.probabilities().length
                        + " samples, the data holds " + n);
            }
            if (model.probabilities()[0].length < data.classes()) {
                throw new DatasetException(data.description() + " has labels up to " + (data.classes() - 1)
                        + " but the model has only " + model.probabilities()[0].length + " outputs");
            }
        }
        // the digests are held through the detectors only when the learner cache needs them (110 MB at 1,000,000)
        String[] early = cache ? SampleDigests.samples(data) : null;
        Analysis analysis = Detectors.run(data, model, options, progress, Detectors.EXACT_LIMIT, early, previous);
        List<DetectorResult> detectors = analysis.detectors();
        boolean[] suspicious = Verdicts.suspicious(detectors, n);
        double[] combined = Verdicts.combined(detectors, n);

        DataManifest manifest = DataManifest.of(data, early != null ? early : SampleDigests.samples(data));
        ManifestComparison integrity = approved == null ? null : ManifestComparison.compare(approved, manifest);
        DriftReport drift = reference == null ? null : DriftReport.compare(reference, data);
        if (integrity != null) {
            progress.accept(String.format(Locale.ROOT, "integrity: %d added, %d removed, %d modified, %d moved",
                    integrity.added().size(), integrity.removed().size(), integrity.modified().size(),
                    integrity.moved()));
        }
        if (drift != null) {
            progress.accept(String.format(Locale.ROOT, "drift against %s: max PSI %.4f, %d features above %.2f",
                    drift.reference(), drift.maxPsi(), drift.driftedFeatures(), DriftReport.MAJOR));
        }
        DataCheckReport report = report(data, analysis, suspicious, combined, manifest, integrity, drift);
        progress.accept(String.format(Locale.ROOT, "%d of %d samples suspicious: %d label issues, %d backdoor"
                        + " suspects, %d duplicates", report.suspicious(), n, report.labelIssues(),
                report.backdoorSuspects(), report.duplicates()));
        return new DataCheckResult(report, manifest, detectors, suspicious, combined, analysis.learnerCache());
    }

    private DataCheckReport report(DataTable data, Analysis analysis, boolean[] suspicious, double[] combined,
            DataManifest manifest, ManifestComparison integrity, DriftReport drift) {
        List<DetectorResult> detectors = analysis.detectors();
        List<DataCheckReport.DetectorSummary> summaries = detectors.stream()
                .map(d -> new DataCheckReport.DetectorSummary(d.detector(), d.method(), d.flaggedCount(),
                        Verdicts.VERDICT.contains(d.detector()), ScoreHistogram.of(d.scores(), d.flagged())))
                .toList();
        int[] ranked = Verdicts.ranked(detectors, suspicious, combined);
        List<Suspect> suspects = new ArrayList<>();
        List<DataCheckReport.FlaggedSample> flagged = new ArrayList<>();
        for (int r = 0; r < ranked.length; r++) {
            int i = ranked[r];
            List<String> by = Verdicts.flaggedBy(detectors, i);
            int suggestion = Verdicts.suggestion(detectors, i);
            if (r < options.maxSuspects()) {
                suspects.add(new Suspect(i, data.ids().get(i), data.labels()[i], suggestion,
                        Math.round(combined[i] * 1e4) / 1e4, by, Verdicts.scores(detectors, i),
                        Thumbnails.of(data.features().row(i), data.sampleShape(), data.eightBit())));
            }
            if (r < DataCheckReport.MAX_FLAGGED) {
                flagged.add(new DataCheckReport.FlaggedSample(data.ids().get(i), data.labels()[i], suggestion, by));
            }
        }
        List<List<String>> conflicts = analysis.duplicates().conflicts().stream().limit(100)
                .map(g -> java.util.Arrays.stream(g).mapToObj(data.ids()::get).toList()).toList();
        return new DataCheckReport(data.description(), data.size(), data.width(), data.classes(),
                analysis.embedding(), analysis.probabilitySource(), analysis.crossValidatedAccuracy(), summaries,
                ranked.length, count(detectors, ConfidentLearning.ID), count(detectors, Backdoors.ID),
                count(detectors, Duplicates.ID), conflicts, suspects, flagged,
                ranked.length > DataCheckReport.MAX_FLAGGED, ClassBalance.of(data.labels(), data.classes()), drift,
                manifest.digest(), integrity, analysis.triggerGroups().stream().filter(TriggerPatches.Group::flagged)
                        .map(g -> BackdoorGroup.of(g, data)).toList());
    }

    private static int count(List<DetectorResult> detectors, String id) {
        return detectors.stream().filter(d -> d.detector().equals(id)).mapToInt(DetectorResult::flaggedCount)
                .sum();
    }
}
