package org.secmlops.core.evaluate;

import java.io.IOException;
import java.util.function.Consumer;
import org.secmlops.core.capability.evaluate.EvaluateCapability;
import org.secmlops.core.capability.evaluate.EvaluationReport;
import org.secmlops.core.data.DatasetException;
import org.secmlops.core.data.Datasets;
import org.secmlops.core.data.Preprocessing;
import org.secmlops.core.data.SampleSource;
import org.secmlops.core.model.LoadedModel;
import org.secmlops.core.model.ModelException;
import org.secmlops.core.model.ModelLoader;
import org.secmlops.core.model.ModelRuntime;
import org.secmlops.core.model.NativeLibraryProvisioner;
import org.secmlops.core.result.Json;
import org.secmlops.core.run.Measurement;

/**
 * The evaluate capability end to end: opens the data, builds the preprocessing, scans and loads the model (the
 * data's sample shape unless one is declared), evaluates it and measures the report.
 *
 * <pre>{@code
 * EvaluateRequest request = EvaluateRequest.builder(ModelSpec.of(model), DataSpec.of(data)).build();
 * GateRunResult result = new GateRunner(EvaluateCapability.INSTANCE, version)
 *         .run(model.toString(), spec, () -> EvaluateRun.run(request, log::println));
 * }</pre>
 */
public final class EvaluateRun {
    private EvaluateRun() {
    }

    /**
     * Runs the request.
     *
     * @param progress where progress lines go
     * @return the metrics and details of {@link EvaluateCapability}
     * @throws DatasetException when the data cannot be read or does not fit the preprocessing or the model
     * @throws ModelException   when the model is refused by its scan, cannot be loaded or fails
     * @throws IOException      when the data cannot be read
     */
    public static Measurement run(EvaluateRequest request, Consumer<String> progress)
            throws DatasetException, ModelException, IOException {
        try (SampleSource source = Datasets.open(request.data())) {
            progress.accept("data: " + source.description());
            Preprocessing preprocessing = request.preprocessing().preprocessing(source);
            int[] shape = preprocessing.shape(source.sampleShape());
            ModelLoader loader = new ModelLoader(NativeLibraryProvisioner.fromSystemProperties(progress), progress);
            try (LoadedModel loaded = loader.load(request.model().withSampleShapeIfNone(shape))) {
                ModelEvaluator evaluator = new ModelEvaluator(request.batchSize(), preprocessing, progress);
                if (request.shard() != null) {
                    ModelEvaluator.Evaluated shard = evaluator.evaluate(loaded, source, request.shard().shard());
                    EvaluationReport report = EvaluateShards.shardReport(shard.tally(), source.description(),
                            progress);
                    return EvaluateShards.shardMeasurement(EvaluateMeasurement.of(report,
                                    request.model().path().toString(), request.data().path().toString(),
                                    request.classNames())
                            .withDetail(ModelRuntime.DETAILS_KEY, Json.mapper().valueToTree(ModelRuntime.of(loaded))),
                            request.shard().mark(shard.coverage()), shard.tally());
                }
                EvaluationReport report = evaluator.evaluate(loaded, source);
                return EvaluateMeasurement.of(report, request.model().path().toString(),
                        request.data().path().toString(), request.classNames())
                        .withDetail(ModelRuntime.DETAILS_KEY, Json.mapper().valueToTree(ModelRuntime.of(loaded)));
            }
        }
    }
}
