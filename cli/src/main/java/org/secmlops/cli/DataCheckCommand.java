package org.secmlops.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.secmlops.core.data.DataSpec;
import org.secmlops.core.data.DatasetException;
import org.secmlops.core.data.Datasets;
import org.secmlops.core.data.Preprocessing;
import org.secmlops.core.data.SampleSource;
import org.secmlops.core.io.InputFiles;
import org.secmlops.core.io.SafeOutput;
import org.secmlops.core.model.LoadedModel;
import org.secmlops.core.model.ModelException;
import org.secmlops.core.model.ModelLoader;
import org.secmlops.core.model.ModelSpec;
import org.secmlops.core.model.NativeLibraryProvisioner;
import org.secmlops.core.datacheck.CleanedCopy;
import org.secmlops.core.datacheck.DataCheck;
import org.secmlops.core.datacheck.DataCheckCapability;
import org.secmlops.core.datacheck.DataCheckOptions;
import org.secmlops.core.datacheck.LearnerCache;
import org.secmlops.core.datacheck.DataCheckResult;
import org.secmlops.core.datacheck.DataManifest;
import org.secmlops.core.datacheck.DataTable;
import org.secmlops.core.datacheck.DataTableReader;
import org.secmlops.core.datacheck.ModelOutputs;
import org.secmlops.core.datacheck.ModelProbe;
import org.secmlops.core.datacheck.SampleScores;
import org.secmlops.core.run.Measurement;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code secmlops data-check --data PATH --report-dir DIR}: label issues, backdoors, duplicates, drift and
 * integrity of training data, with evidence per sample.
 */
@Command(name = "data-check", mixinStandardHelpOptions = true,
        description = "Check training data for poisoning and integrity problems: label issues (confident learning,"
                + " kNN disagreement), backdoors (spectral signatures, activation clustering), duplicates and"
                + " conflicts, outliers, class balance, drift against a reference (PSI, KS) and changes against an"
                + " approved per-sample manifest. Writes result.json, report.html and sample-scores.csv.")
final class DataCheckCommand implements Callable<Integer> {
    static final String SCORES_FILE = "sample-scores.csv";

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--model", paramLabel = "PATH",
            description = "Optional model (SavedModel, TorchScript, ONNX): its probabilities and logits replace the"
                    + " cross-validated model and the raw features. It is scanned first.")
    Path model;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--reference", paramLabel = "PATH", description = "Trusted reference data for drift (same kind).")
    Path reference;

    @Option(names = "--reference-labels", paramLabel = "FILE",
            description = "Label file of .npy or IDX reference data.")
    Path referenceLabels;

    @Option(names = "--folds", paramLabel = "N", defaultValue = "5",
            description = "Cross-validation folds (default 5).")
    int folds;

    @Option(names = "--k", paramLabel = "N", defaultValue = "10", description = "Nearest neighbours (default 10).")
    int k;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Random seed (default 0).")
    long seed;

    @Option(names = "--max-suspects", paramLabel = "N", defaultValue = "100",
            description = "Top suspects listed in the report (default 100).")
    int maxSuspects;

    @Option(names = "--manifest-out", paramLabel = "FILE", description = "Write the per-sample SHA-256 manifest here.")
    Path manifestOut;

    @Option(names = "--approved-manifest", paramLabel = "FILE",
            description = "Compare with this approved manifest: every added, removed and modified sample.")
    Path approvedManifest;

    @Option(names = "--cleaned-out", paramLabel = "FILE",
            description = "Write a copy of the data without the suspicious samples (CSV); never over an input.")
    Path cleanedOut;

    @Option(names = "--learner-cache", paramLabel = "FILE",
            description = "Reuse the cross-validated learners' probabilities of unchanged samples from this file (when"
                    + " it exists and was made with the same settings) and write the updated cache to it: a rerun"
                    + " trains the learners only for added and modified samples.")
    Path learnerCache;

    @Mixin
    GateOptions gateOptions;

    @Override
    public Integer call() throws Exception {
        Progress progress = new Progress(System.out);
        DataCheckOptions options = DataCheckOptions.defaults().withFolds(folds).withK(k).withSeed(seed)
                .withMaxSuspects(maxSuspects);
        int batchSize = dataOptions.batchSize();
        ModelSpec modelSpec = model == null ? null : modelOptions.modelSpec(model);
        SafeOutput.Plan plan = gateOptions.plan().input("--data", dataOptions.data)
                .input("--labels", dataOptions.labels).input("--reference", reference)
                .input("--reference-labels", referenceLabels).input("--approved-manifest", approvedManifest)
                .input("--model", model)
                .output("--report-dir", gateOptions.reportDir.resolve(SCORES_FILE), SampleScores.KIND)
                .output("--manifest-out", manifestOut, DataManifest.KIND)
                .output("--cleaned-out", cleanedOut, CleanedCopy.kindBeforeReading(dataOptions.data))
                .output("--learner-cache", learnerCache, LearnerCache.KIND);
        DataCheckCapability capability = DataCheckCapability.forRun(reference != null, approvedManifest != null);
        progress.line("checking training data " + dataOptions.data + " (SecMLOps " + Version.current() + ")");
        return gateOptions.run(capability, dataOptions.data.toString(), progress, plan,
                () -> check(options, modelSpec, batchSize, progress)).code();
    }

    /** The cache of an earlier run, or {@code null} when there is none or it cannot be used (said in the log). */
    private LearnerCache previousLearnerCache(Progress progress) {
        if (learnerCache == null || !Files.exists(learnerCache)) {
            return null;
        }
        try {
            LearnerCache previous = LearnerCache.read(learnerCache);
            progress.line("learner cache: " + previous.size() + " samples from " + learnerCache);
            return previous;
        } catch (IOException e) {
            progress.line("learner cache not used: " + InputFiles.message(e));
            return null;
        }
    }

    private List<Path> inputs() {
        List<Path> inputs = new ArrayList<>(Arrays.asList(dataOptions.data, reference, approvedManifest, model));
        inputs.add(dataOptions.labels);
        inputs.add(referenceLabels);
        return inputs;
    }

    private Measurement check(DataCheckOptions options, ModelSpec modelSpec, int batchSize, Progress progress)
            throws InputException {
        Path data = dataOptions.data;
        try {
            DataTable table;
            ModelOutputs outputs = null;
            try (SampleSource source = Datasets.open(dataOptions.dataSpec())) {
                progress.line("data: " + source.description());
                Preprocessing preprocessing = dataOptions.preprocessing(source);
                table = DataTableReader.read(source, 2);
                if (modelSpec != null) {
                    outputs = modelOutputs(modelSpec, preprocessing, table, batchSize, progress);
                }
            }
            DataTable referenceTable = null;
            if (reference != null) {
                DataSpec spec = dataOptions.dataSpec(reference).withLabels(referenceLabels);
                try (SampleSource source = Datasets.open(spec)) {
                    referenceTable = DataTableReader.read(source, 1);
                }
            }
            DataManifest approved = approvedManifest == null ? null : DataManifest.read(approvedManifest);
            LearnerCache previous = previousLearnerCache(progress);
            DataCheck check = new DataCheck(options, progress::line);
            DataCheckResult result = learnerCache == null ? check.run(table, outputs, referenceTable, approved)
                    : check.run(table, outputs, referenceTable, approved, previous);
            if (learnerCache != null && result.learnerCache() != null) {
                result.learnerCache().write(learnerCache);
                progress.line("learner cache of " + result.learnerCache().size() + " samples written to "
                        + learnerCache);
            } else if (learnerCache != null) {
                progress.line("learner cache not written: the model's probabilities were used, no learner ran");
            }
            SampleScores.write(gateOptions.reportDir.resolve(SCORES_FILE), table, result);
            if (manifestOut != null) {
                result.manifest().write(manifestOut);
                progress.line("manifest sha256:" + result.manifest().digest() + " written to " + manifestOut);
            }
            if (cleanedOut != null) {
                int kept = CleanedCopy.write(data, inputs(), cleanedOut, table, result.suspicious());
                progress.line("cleaned copy: " + kept + " of " + table.size() + " samples written to " + cleanedOut);
            }
            return DataCheckCapability.forRun(reference != null, approvedManifest != null)
                    .measure(result.report(), dataOptions.classNames);
        } catch (DatasetException | ModelException e) {
            throw new InputException(e.getMessage(), e);
        } catch (IOException e) {
            throw new InputException("Cannot read or write the data check's files: " + e.getMessage(), e);
        }
    }

    private ModelOutputs modelOutputs(ModelSpec modelSpec, Preprocessing preprocessing, DataTable table, int batchSize,
            Progress progress) throws ModelException, DatasetException {
        int[] shape = preprocessing.shape(table.sampleShape());
        ModelSpec spec = modelSpec.sampleShape().isEmpty()
                ? modelSpec.withSampleShape(Arrays.stream(shape).boxed().toList()) : modelSpec;
        ModelLoader loader = new ModelLoader(NativeLibraryProvisioner.fromSystemProperties(progress::line),
                progress::line);
        try (LoadedModel loaded = loader.load(spec)) {
            return new ModelProbe(preprocessing, batchSize).run(loaded, table, model.toString());
        }
    }
}
