package org.secmlops.core.robustness;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.secmlops.core.capability.robustness.DefenseReport;
import org.secmlops.core.capability.robustness.DefenseRow;
import org.secmlops.core.capability.robustness.RobustnessCapability;
import org.secmlops.core.data.DatasetException;
import org.secmlops.core.data.Datasets;
import org.secmlops.core.data.Preprocessing;
import org.secmlops.core.data.SampleSource;
import org.secmlops.core.model.LoadedModel;
import org.secmlops.core.model.ModelException;
import org.secmlops.core.model.ModelLoader;
import org.secmlops.core.model.ModelRuntime;
import org.secmlops.core.model.CalibrationPass;
import org.secmlops.core.model.ModelSpec;
import org.secmlops.core.model.NativeLibraryProvisioner;
import org.secmlops.core.result.Json;
import org.secmlops.core.robustness.defense.Defense;
import org.secmlops.core.robustness.defense.DefenseEvaluator;
import org.secmlops.core.robustness.defense.DefenseMeasurement;
import org.secmlops.core.robustness.defense.DefenseSelection;
import org.secmlops.core.run.Measurement;

/**
 * The robustness capability end to end: opens the data, builds the preprocessing, infers the samples' geometry and
 * valid range, scans and loads the model, attacks, corrupts and certifies it, measures the trade-off of the defenses
 * asked for (a second pass over the data), and measures the report.
 *
 * <pre>{@code
 * RobustnessConfig config = RobustnessConfig.builder()
 *         .attacks(List.of(AttackRegistry.create("fgsm", settings))).epsilons(List.of(0.1)).build();
 * Measurement measurement = RobustnessRun.run(
 *         RobustnessRequest.builder(ModelSpec.of(model), DataSpec.of(data), config).build(), log::println);
 * GateRunResult result = new GateRunner(RobustnessCapability.INSTANCE, version)
 *         .run(model.toString(), spec, () -> RobustnessRun.run(request, log::println));
 * }</pre>
 */
public final class RobustnessRun {
    private RobustnessRun() {
    }

    /**
     * Runs the request.
     *
     * @param progress where progress lines go
     * @return the metrics and details of {@link RobustnessCapability}
     * @throws DatasetException         when the data cannot be read or does not fit the preprocessing or the model
     * @throws ModelException           when the model is refused by its scan, cannot be loaded or fails
     * @throws IOException              when the data cannot be read
     * @throws InterruptedException     when the thread is interrupted
     * @throws IllegalArgumentException when the declared sample shape does not fit the samples
     */
    public static Measurement run(RobustnessRequest request, Consumer<String> progress)
            throws DatasetException, ModelException, IOException, InterruptedException {
        try (SampleSource source = Datasets.open(request.data())) {
            progress.accept("data: " + source.description());
            Preprocessing preprocessing = request.preprocessing().preprocessing(source);
            int[] shape = preprocessing.shape(source.sampleShape());
            ModelSpec spec = request.model().withSampleShapeIfNone(shape)
                    .withCalibrationPass(calibrationPass(request.config()));
            SampleGeometry geometry = SampleGeometry.infer(shape, request.model().sampleShape(),
                    request.preprocessing().layout());
            ValidRange.Resolved range = request.validRange().resolve(request.data(), source, preprocessing,
                    request.config(), progress);
            InputBounds bounds = range.bounds();
            progress.accept("valid input range " + bounds.describe() + "; samples as " + geometry.channels() + " x "
                    + geometry.height() + " x " + geometry.width() + (geometry.imageLike() ? " images" : " vectors"));
            ModelLoader loader = new ModelLoader(NativeLibraryProvisioner.fromSystemProperties(progress), progress);
            try (LoadedModel loaded = loader.load(spec)) {
                RobustnessEvaluator evaluator = new RobustnessEvaluator(request.config(), preprocessing, bounds,
                        geometry, progress);
                if (request.shard() != null) {
                    RobustnessEvaluator.Evaluated shard = evaluator.evaluate(loaded, source,
                            request.shard().shard());
                    RobustnessReport report = shard.tally().report();
                    RobustnessEvaluator.describe(report, progress);
                    return RobustnessShards.shardMeasurement(RobustnessMeasurement.of(report,
                                    request.model().path().toString(), request.data().path().toString(),
                                    range.source(), request.classNames())
                            .withDetail(ModelRuntime.DETAILS_KEY, Json.mapper().valueToTree(ModelRuntime.of(loaded))),
                            request.shard().mark(shard.coverage()), shard.tally());
                }
                RobustnessReport report = evaluator.evaluate(loaded, source);
                DefenseReport defenses = null;
                if (request.tradeOff()) {
                    defenses = tradeOff(request, loader, loaded, shape, preprocessing, bounds, geometry, report,
                            progress);
                    if (DefenseMeasurement.masks(defenses)) {
                        report = report.withValidityFlag(DefenseMeasurement.maskingFlag(defenses));
                    }
                }
                Measurement measurement = RobustnessMeasurement.of(report, request.model().path().toString(),
                        request.data().path().toString(), range.source(), request.classNames())
                        .withDetail(ModelRuntime.DETAILS_KEY, Json.mapper().valueToTree(ModelRuntime.of(loaded)));
                return defenses == null ? measurement : DefenseMeasurement.with(measurement, defenses);
            }
        }
    }

    /** White-box attacks spend the run in forward+backward passes, so the thread choice times those. */
    static CalibrationPass calibrationPass(RobustnessConfig config) {
        return config.attacks().stream().anyMatch(Attack::whiteBox) ? CalibrationPass.GRADIENT
                : CalibrationPass.FORWARD;
    }

    private static DefenseReport tradeOff(RobustnessRequest request, ModelLoader loader, LoadedModel loaded,
            int[] shape, Preprocessing preprocessing, InputBounds bounds, SampleGeometry geometry, RobustnessReport report,
            Consumer<String> progress) throws DatasetException, ModelException, IOException, InterruptedException {
        List<LoadedModel> opened = new ArrayList<>();
        try (SampleSource again = Datasets.open(request.data())) {
            List<Defense.Candidate> candidates = new ArrayList<>();
            for (ModelSpec candidate : request.candidates()) {
                LoadedModel model = loader.load(candidate.withSampleShapeIfNone(shape));
                opened.add(model);
                candidates.add(new Defense.Candidate("model:" + candidate.path(), model));
            }
            List<DefenseRow> rows = new DefenseEvaluator(request.defenseConfig(), preprocessing, bounds, geometry,
                    progress).evaluate(loaded, candidates, again);
            DefenseReport defenses = DefenseSelection.select(rows, request.gates(), report.samples(),
                    report.gateEpsilon(), request.eotSamples(), List.of());
            progress.accept("defenses: reporting " + defenses.selected() + " (" + defenses.selectionReason() + ")");
            return defenses;
        } finally {
            opened.forEach(LoadedModel::close);
        }
    }
}
