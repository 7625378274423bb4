package org.secmlops.core.monitor;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.secmlops.core.capability.monitor.MonitorCapability;
import org.secmlops.core.capability.monitor.MonitorReport;
import org.secmlops.core.data.DatasetException;
import org.secmlops.core.data.Datasets;
import org.secmlops.core.data.Layout;
import org.secmlops.core.data.Preprocessing;
import org.secmlops.core.data.SampleSource;
import org.secmlops.core.model.LoadedModel;
import org.secmlops.core.model.ModelException;
import org.secmlops.core.model.ModelLoader;
import org.secmlops.core.model.NativeLibraryProvisioner;
import org.secmlops.core.robustness.SampleGeometry;
import org.secmlops.core.robustness.defense.InputTransform;
import org.secmlops.core.run.Measurement;

/**
 * The monitor capability end to end for one window: takes the reference statistics from the cache or computes them
 * (and caches them), restores the attack detector's state, streams the traffic log through every detector (the
 * model computing missing outputs where one is given), saves the state and measures the report.
 *
 * <pre>{@code
 * MonitorRequest request = MonitorRequest.builder(traffic, DataSpec.of(reference)).state(state).build();
 * GateRunResult result = new GateRunner(MonitorCapability.INSTANCE, version)
 *         .run(traffic.toString(), spec, () -> MonitorRun.run(request, log::println));
 * }</pre>
 */
public final class MonitorRun {
    private MonitorRun() {
    }

    /**
     * Runs the request.
     *
     * @param progress where progress lines go
     * @return the metrics and details of {@link MonitorCapability}
     * @throws DatasetException when the reference, the traffic log or the state file cannot be used
     * @throws ModelException   when the model is refused by its scan, cannot be loaded or fails
     * @throws IOException      when a file cannot be read or written
     */
    public static Measurement run(MonitorRequest request, Consumer<String> progress)
            throws DatasetException, ModelException, IOException {
        AccuracyBaseline baseline = baseline(request, progress);
        return withReference(request, progress, (reference, model, squeezers, geometry, digest) ->
                monitor(request, reference, model, squeezers, geometry, baseline, digest, progress));
    }

    /** The request's accuracy baseline, or {@code null}; read before anything else, so a wrong file fails fast. */
    static AccuracyBaseline baseline(MonitorRequest request, Consumer<String> progress) throws DatasetException {
        if (request.baselineResult() == null) {
            return null;
        }
        AccuracyBaseline baseline = AccuracyBaseline.read(request.baselineResult());
        progress.accept("baseline: accuracy " + baseline.accuracy() + ", mean confidence " + baseline.confidence()
                + " from " + request.baselineResult());
        return baseline;
    }

    /** What runs once the reference statistics are known and the model (if any) is loaded. */
    @FunctionalInterface
    interface Body {
        Measurement run(ReferenceStatistics reference, LoadedModel model, List<InputTransform> squeezers,
                SampleGeometry geometry, String digest) throws DatasetException, ModelException, IOException;
    }

    /**
     * Takes the reference statistics from the cache or computes them, loads the model (if the request names one)
     * and runs the body with them and the inputs' geometry (the model's declared input shape, else the
     * reference's preprocessed shape); the model is closed afterwards.
     */
    static Measurement withReference(MonitorRequest request, Consumer<String> progress, Body body)
            throws DatasetException, ModelException, IOException {
        String digest = ReferenceDigest.of(request);
        int[] shape;
        try (SampleSource source = Datasets.open(request.reference())) {
            shape = request.preprocessing().preprocessing(source).shape(source.sampleShape());
        }
        if (request.model() == null) {
            SampleGeometry geometry = SampleGeometry.of(shape, request.preprocessing().layout() == Layout.NCHW);
            return body.run(reference(request, digest, null, null, progress), null, List.of(), geometry, digest);
        }
        SampleGeometry geometry = SampleGeometry.infer(shape, request.model().sampleShape(),
                request.preprocessing().layout());
        ModelLoader loader = new ModelLoader(NativeLibraryProvisioner.fromSystemProperties(progress), progress);
        try (LoadedModel model = loader.load(request.model().withSampleShapeIfNone(shape))) {
            ReferenceStatistics reference = reference(request, digest, model, geometry, progress);
            return body.run(reference, model, AdversarialInputs.squeezers(reference.inputLow(), reference.inputHigh(),
                    reference.width(), geometry), geometry, digest);
        }
    }

    /** The reader of {@code input_path} images for the request's log, {@code null} unless the reference is images. */
    static InputPaths paths(MonitorRequest request) throws DatasetException, IOException {
        return Files.isRegularFile(request.traffic()) ? InputPaths.of(request.traffic(), request) : null;
    }

    /** The attack detector of the reference, with the clients of the request's state file (if any). */
    static AttackDetector attackDetector(MonitorRequest request, ReferenceStatistics reference, String digest,
            Consumer<String> progress) throws DatasetException, IOException {
        AttackDetector attacks = new AttackDetector(new Embedding(reference), reference.attackThreshold(),
                AttackDetector.MAX_CLIENTS);
        if (request.state() != null) {
            MonitorState.read(request.state(), digest, attacks);
            progress.accept("state: " + attacks.clients().size() + " tracked clients from " + request.state());
        }
        return attacks;
    }

    private static ReferenceStatistics reference(MonitorRequest request, String digest, LoadedModel model,
            SampleGeometry geometry, Consumer<String> progress) throws DatasetException, ModelException, IOException {
        if (request.referenceCache() != null) {
            Optional<ReferenceStatistics> cached = ReferenceCache.load(request.referenceCache(), digest);
            if (cached.isPresent()) {
                progress.accept("reference statistics from the cache " + request.referenceCache());
                return cached.get();
            }
        }
        ReferenceStatistics statistics;
        try (SampleSource source = Datasets.open(request.reference())) {
            progress.accept("reference: " + source.description());
            Preprocessing preprocessing = request.preprocessing().preprocessing(source);
            statistics = ReferenceBuilder.build(source, preprocessing, model, geometry, digest, request.batchSize());
        }
        if (request.referenceCache() != null) {
            ReferenceCache.store(request.referenceCache(), statistics);
            progress.accept("reference statistics cached in " + request.referenceCache());
        }
        return statistics;
    }

    private static Measurement monitor(MonitorRequest request, ReferenceStatistics reference, LoadedModel model,
            List<InputTransform> squeezers, SampleGeometry geometry, AccuracyBaseline baseline, String digest,
            Consumer<String> progress)
            throws DatasetException, ModelException, IOException {
        AttackDetector attacks = attackDetector(request, reference, digest, progress);
        WindowMonitor monitor = new WindowMonitor(reference, attacks,
                new AdversarialInputs(reference, request.adversarialFpr(), model != null, geometry), baseline);
        TrafficWindow window;
        long computed = 0;
        if (model == null) {
            window = TrafficLog.read(request.traffic(), reference.width(), paths(request),
                    r -> monitor.accept(r, Double.NaN));
        } else {
            SqueezeScoring squeezing = new SqueezeScoring(model, squeezers, request.batchSize(), monitor::accept);
            MissingOutputs outputs = new MissingOutputs(model, request.batchSize(), squeezing);
            window = TrafficLog.read(request.traffic(), reference.width(), paths(request), outputs);
            outputs.flush();
            squeezing.flush();
            computed = outputs.computed();
        }
        progress.accept("traffic: " + window.records() + " records, " + window.badRecords() + " bad lines");
        if (request.state() != null) {
            MonitorState.write(request.state(), digest, attacks);
        }
        MonitorReport report = monitor.report(window, computed);
        return MonitorMeasurement.of(report, request.classNames());
    }
}
