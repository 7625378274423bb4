package org.secmlops.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.secmlops.core.data.DataSpec;
import org.secmlops.core.data.DatasetException;
import org.secmlops.core.io.SafeOutput;
import org.secmlops.core.model.ModelException;
import org.secmlops.core.model.ModelSpec;
import org.secmlops.core.datacheck.CleanedCopy;
import org.secmlops.core.datacheck.DataCheckOptions;
import org.secmlops.core.datacheck.DataCheckRequest;
import org.secmlops.core.datacheck.DataCheckRun;
import org.secmlops.core.datacheck.LearnerCache;
import org.secmlops.core.datacheck.DataManifest;
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
        DataCheckRequest request = request();
        SafeOutput.Plan plan = gateOptions.plan().input("--data", dataOptions.data)
                .input("--labels", dataOptions.labels).input("--reference", reference)
                .input("--reference-labels", referenceLabels).input("--approved-manifest", approvedManifest)
                .input("--model", model)
                .output("--report-dir", request.scoresFile(), SampleScores.KIND)
                .output("--manifest-out", manifestOut, DataManifest.KIND)
                .output("--cleaned-out", cleanedOut, CleanedCopy.kindBeforeReading(dataOptions.data))
                .output("--learner-cache", learnerCache, LearnerCache.KIND);
        progress.line("checking training data " + dataOptions.data + " (SecMLOps " + Version.current() + ")");
        return gateOptions.run(request.capability(), dataOptions.data.toString(), progress, plan,
                () -> check(request, progress)).code();
    }

    /** The flags as a request. */
    DataCheckRequest request() {
        DataCheckOptions options = DataCheckOptions.defaults().withFolds(folds).withK(k).withSeed(seed)
                .withMaxSuspects(maxSuspects);
        int batchSize = dataOptions.batchSize();
        ModelSpec modelSpec = model == null ? null : modelOptions.modelSpec(model);
        DataSpec referenceSpec = reference == null ? null
                : dataOptions.dataSpec(reference).withLabels(referenceLabels);
        return DataCheckRequest.builder(dataOptions.dataSpec(), gateOptions.reportDir.resolve(SCORES_FILE))
                .options(options).batchSize(batchSize).model(modelSpec).reference(referenceSpec)
                .approvedManifest(approvedManifest).manifestOut(manifestOut).cleanedOut(cleanedOut)
                .learnerCache(learnerCache).preprocessing(dataOptions.preprocessingSpec())
                .classNames(dataOptions.classNames).build();
    }

    private static Measurement check(DataCheckRequest request, Progress progress) throws InputException {
        try {
            return DataCheckRun.run(request, progress::line);
        } catch (DatasetException | ModelException e) {
            throw new InputException(e.getMessage(), e);
        } catch (IOException e) {
            throw new InputException("Cannot read or write the data check's files: " + e.getMessage(), e);
        }
    }
}
