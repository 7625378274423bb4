package org.secmlops.core.datacheck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.secmlops.core.data.DatasetException;
import org.secmlops.core.data.Datasets;
import org.secmlops.core.data.Preprocessing;
import org.secmlops.core.data.SampleSource;
import org.secmlops.core.io.InputFiles;
import org.secmlops.core.model.LoadedModel;
import org.secmlops.core.model.ModelException;
import org.secmlops.core.model.ModelLoader;
import org.secmlops.core.model.ModelRuntime;
import org.secmlops.core.model.ModelSpec;
import org.secmlops.core.model.NativeLibraryProvisioner;
import org.secmlops.core.result.Json;
import org.secmlops.core.run.Measurement;

/**
 * The data check end to end: reads the data (and the reference), builds the preprocessing, scans, loads and probes
 * the model when there is one, reuses and updates the learner cache, checks the data, writes the per-sample
 * scores, the manifest and the cleaned copy where asked, and measures the report.
 *
 * <pre>{@code
 * DataCheckRequest request = DataCheckRequest.builder(DataSpec.of(data), reportDir.resolve("sample-scores.csv"))
 *         .build();
 * GateRunResult result = new GateRunner(request.capability(), version)
 *         .run(data.toString(), spec, () -> DataCheckRun.run(request, log::println));
 * }</pre>
 */
public final class DataCheckRun {
    private DataCheckRun() {
    }

    /**
     * Runs the request.
     *
     * @param progress where progress lines go
     * @return the metrics and details of the request's {@link DataCheckRequest#capability() capability}
     * @throws DatasetException when the data, reference or approved manifest cannot be read
     * @throws ModelException   when the model is refused by its scan, cannot be loaded or fails
     * @throws IOException      when a file cannot be read or written
     */
    public static Measurement run(DataCheckRequest request, Consumer<String> progress)
            throws DatasetException, ModelException, IOException {
        ProbedModel probed = null;
        try {
            DataTable table;
            try (SampleSource source = Datasets.open(request.data())) {
                progress.accept("data: " + source.description());
                Preprocessing preprocessing = request.preprocessing().preprocessing(source);
                table = DataTableReader.read(source, 2);
                if (request.model() != null) {
                    probed = modelOutputs(request, preprocessing, table, progress);
                }
            }
            return check(request, table, probed, progress);
        } finally {
            if (probed != null) {
                probed.model().close();
            }
        }
    }

    /** The check on the table read; the model, if any, stays open for the occlusion test. */
    private static Measurement check(DataCheckRequest request, DataTable table, ProbedModel probed,
            Consumer<String> progress) throws DatasetException, IOException {
        ModelOutputs outputs = probed == null ? null : probed.outputs();
        ModelRuntime runtime = probed == null ? null : probed.runtime();
        DataTable referenceTable = null;
        if (request.reference() != null) {
            try (SampleSource source = Datasets.open(request.reference())) {
                referenceTable = DataTableReader.read(source, 1);
            }
        }
        DataManifest approved = request.approvedManifest() == null ? null
                : DataManifest.read(request.approvedManifest());
        Path learnerCache = request.learnerCache();
        LearnerCache previous = previousLearnerCache(learnerCache, progress);
        DataCheck check = new DataCheck(request.options(), progress);
        DataCheckResult result = learnerCache == null ? check.run(table, outputs, referenceTable, approved)
                : check.run(table, outputs, referenceTable, approved, previous);
        if (learnerCache != null && result.learnerCache() != null) {
            result.learnerCache().write(learnerCache);
            progress.accept("learner cache of " + result.learnerCache().size() + " samples written to "
                    + learnerCache);
        } else if (learnerCache != null) {
            progress.accept("learner cache not written: the model's probabilities were used, no learner ran");
        }
        SampleScores.write(request.scoresFile(), table, result);
        if (request.manifestOut() != null) {
            result.manifest().write(request.manifestOut());
            progress.accept("manifest sha256:" + result.manifest().digest() + " written to " + request.manifestOut());
        }
        if (request.cleanedOut() != null) {
            int kept = CleanedCopy.write(request.data().path(), request.inputs(), request.cleanedOut(), table,
                    result.suspicious());
            progress.accept("cleaned copy: " + kept + " of " + table.size() + " samples written to "
                    + request.cleanedOut());
        }
        Measurement measurement = DataCheckMeasurement.of(result.report(), request.classNames());
        return runtime == null ? measurement
                : measurement.withDetail(ModelRuntime.DETAILS_KEY, Json.mapper().valueToTree(runtime));
    }

    /** The model's outputs on the data, where and how it ran, and the model itself (open). */
    private record ProbedModel(ModelOutputs outputs, ModelRuntime runtime, LoadedModel model) {
    }

    /** The cache of an earlier run, or {@code null} when there is none or it cannot be used (said in the log). */
    private static LearnerCache previousLearnerCache(Path learnerCache, Consumer<String> progress) {
        if (learnerCache == null || !Files.exists(learnerCache)) {
            return null;
        }
        try {
            LearnerCache previous = LearnerCache.read(learnerCache);
            progress.accept("learner cache: " + previous.size() + " samples from " + learnerCache);
            return previous;
        } catch (IOException e) {
            progress.accept("learner cache not used: " + InputFiles.message(e));
            return null;
        }
    }

    private static ProbedModel modelOutputs(DataCheckRequest request, Preprocessing preprocessing, DataTable table,
            Consumer<String> progress) throws ModelException, DatasetException {
        ModelSpec spec = request.model().withSampleShapeIfNone(preprocessing.shape(table.sampleShape()));
        ModelLoader loader = new ModelLoader(NativeLibraryProvisioner.fromSystemProperties(progress), progress);
        LoadedModel loaded = loader.load(spec);
        try {
            return new ProbedModel(new ModelProbe(preprocessing, request.batchSize()).run(loaded, table,
                    request.model().path().toString()), ModelRuntime.of(loaded), loaded);
        } catch (ModelException | DatasetException | RuntimeException e) {
            loaded.close();
            throw e;
        }
    }
}
