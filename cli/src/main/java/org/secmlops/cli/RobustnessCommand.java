package org.secmlops.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.secmlops.core.capability.robustness.RobustnessCapability;
import org.secmlops.core.data.DataSpec;
import org.secmlops.core.data.DatasetException;
import org.secmlops.core.io.InputFiles;
import org.secmlops.core.io.SafeOutput;
import org.secmlops.core.model.ModelException;
import org.secmlops.core.model.ModelSpec;
import org.secmlops.core.robustness.AttackSelection;
import org.secmlops.core.robustness.AttackSettings;
import org.secmlops.core.robustness.Norm;
import org.secmlops.core.robustness.RobustnessConfig;
import org.secmlops.core.robustness.RobustnessRequest;
import org.secmlops.core.robustness.RobustnessRun;
import org.secmlops.core.robustness.SmoothingConfig;
import org.secmlops.core.robustness.ValidRange;
import org.secmlops.core.robustness.defense.DefenseSpec;
import org.secmlops.core.run.Measurement;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code secmlops robustness --model PATH --data PATH --report-dir DIR}: adversarial and natural robustness. */
@Command(name = "robustness", mixinStandardHelpOptions = true,
        description = "Attack a model (white-box FGSM, PGD, APGD-CE; black-box Square Attack, SPSA), corrupt its"
                + " inputs (noise, blur, brightness, contrast, jpeg, occlusion) and certify it with randomized"
                + " smoothing; report clean, robust, corrupted and certified accuracy and validity flags (gradient"
                + " masking). The model is scanned first; CRITICAL findings refuse the load.")
final class RobustnessCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "PATH",
            description = "SavedModel directory, .pt/.torchscript file or .onnx file.")
    Path model;

    @Mixin
    DataOptions dataOptions;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--attack", paramLabel = "NAME[,NAME...]", split = ",", defaultValue = "fgsm,pgd,apgd,square",
            description = "Attacks (fgsm, pgd, apgd, square, spsa) and corruptions (noise, blur, brightness, contrast,"
                    + " jpeg, occlusion, or 'corruptions' for all). Default: fgsm,pgd,apgd,square.")
    List<String> attacks;

    @Option(names = "--eps", paramLabel = "E[,E...]", split = ",",
            description = "Budgets in model-input units (after preprocessing). Default 0.03 for linf, 0.5 for l2."
                    + " Gate metrics use the largest.")
    List<Double> eps;

    @Option(names = "--norm", paramLabel = "linf|l2", defaultValue = "linf", description = "Norm of the budget.")
    String norm;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "20", description = "PGD steps / APGD iterations.")
    int steps;

    @Option(names = "--step-size-ratio", paramLabel = "R", defaultValue = "0.25",
            description = "PGD step size (and SPSA learning rate) as a fraction of eps (default 0.25).")
    double stepSizeRatio;

    @Option(names = "--random-start", paramLabel = "true|false", defaultValue = "true", arity = "1",
            description = "PGD and APGD start at a random point of the ball (default true).")
    boolean randomStart;

    @Option(names = "--restarts", paramLabel = "N", defaultValue = "1", description = "PGD/APGD restarts.")
    int restarts;

    @Option(names = "--queries", paramLabel = "N", defaultValue = "1000",
            description = "Forward passes per sample for square and spsa (default 1000).")
    int queries;

    @Option(names = "--spsa-samples", paramLabel = "N", defaultValue = "32",
            description = "SPSA perturbation samples per iteration (even; default 32).")
    int spsaSamples;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
            description = "Seed of every random choice; the same seed gives identical results.")
    long seed;

    @Option(names = "--max-samples", paramLabel = "N", defaultValue = "500",
            description = "Evaluate the first N samples (default 500).")
    int maxSamples;

    @Option(names = "--severities", paramLabel = "S[,S...]", split = ",", defaultValue = "1,2,3,4,5",
            description = "Corruption severities 1..5 (default all).")
    List<Integer> severities;

    @Option(names = "--valid-range", paramLabel = "LOW,HIGH|none",
            description = "Valid range of the model's input values, which every perturbation is clipped to (default:"
                    + " 0..255 through the preprocessing for 8-bit data, else the range observed in the data;"
                    + " 'none' does not clip, and is flagged as a validity problem).")
    String validRange;

    @Option(names = "--smoothing-sigma", paramLabel = "S",
            description = "Certify with randomized smoothing at noise level S (off by default).")
    Double smoothingSigma;

    @Option(names = "--smoothing-n0", paramLabel = "N", defaultValue = "32", description = "Samples to pick the class.")
    int smoothingN0;

    @Option(names = "--smoothing-n", paramLabel = "N", defaultValue = "256", description = "Samples for the bound.")
    int smoothingN;

    @Option(names = "--radii", paramLabel = "R[,R...]", split = ",", defaultValue = "0,0.1,0.25",
            description = "L2 radii of certified accuracy (the gate uses the largest).")
    List<Double> radii;

    @Option(names = "--alpha", paramLabel = "A", defaultValue = "0.001",
            description = "Failure probability of a certificate (default 0.001).")
    double alpha;

    @Option(names = "--examples", paramLabel = "N", defaultValue = "4",
            description = "Clean/adversarial pairs shown in the report (image-shaped samples).")
    int examples;

    @Option(names = "--defense", paramLabel = "SPEC",
            description = "Also measure this defense's trade-off against the undefended model (repeatable): none,"
                    + " bit-depth:BITS, median:SIZE, jpeg:QUALITY, noise:SIGMA, smoothing:SIGMA[,n=VOTES], squeeze-detector[:fpr=RATE"
                    + "|threshold=SCORE][,bits=BITS][,median=SIZE]. Attacked adaptively (BPDA, EOT) and not; gates on"
                    + " DEFENSE_* metrics select the configuration reported.")
    List<String> defenses = List.of();

    @Option(names = "--candidate-model", paramLabel = "PATH",
            description = "Another model for the same task (e.g. adversarially trained) to compare with --model on the"
                    + " same data and attacks in the trade-off (repeatable); read with the same model options.")
    List<Path> candidateModels = List.of();

    @Option(names = "--eot-samples", paramLabel = "N", defaultValue = "10",
            description = "Draws each adaptive gradient of a randomized defense averages (EOT; default 10).")
    int eotSamples;

    @Mixin
    GateOptions gateOptions;

    @Mixin
    ShardOptions shardOptions;

    @Override
    public Integer call() throws Exception {
        Progress progress = new Progress(System.out);
        RobustnessRequest request = request();
        Path data = request.data().path();
        progress.line("robustness of " + model + " on " + data + " (SecMLOps " + Version.current() + ")");
        return gateOptions.run(RobustnessCapability.INSTANCE, model.toString(), progress,
                candidates(gateOptions.plan().input("--model", model).input("--data", data))
                        .input("--labels", dataOptions.labels), shardOptions, () -> evaluate(request, progress)).code();
    }

    private SafeOutput.Plan candidates(SafeOutput.Plan plan) {
        for (Path candidate : candidateModels) {
            plan.input("--candidate-model", candidate);
        }
        return plan;
    }

    /** The flags as a request. */
    RobustnessRequest request() throws InputException {
        shardOptions.refuse(!defenses.isEmpty() || !candidateModels.isEmpty(), "--defense and --candidate-model",
                "the trade-off selects a defense configuration from the whole data's results");
        ModelSpec modelSpec = modelOptions.modelSpec(model);
        DataSpec dataSpec = dataOptions.dataSpec();
        return RobustnessRequest.builder(modelSpec, dataSpec, config()).preprocessing(dataOptions.preprocessingSpec())
                .validRange(ValidRange.parse(validRange)).classNames(dataOptions.classNames)
                .defenses(defenses.stream().map(DefenseSpec::parse).toList()).eotSamples(eotSamples)
                .candidates(candidateModels.stream().map(modelOptions::modelSpec).toList())
                .gates(gateOptions.spec().gates()).shard(shardOptions.assignment()).build();
    }

    RobustnessConfig config() {
        Norm budgetNorm = Norm.parse(norm);
        AttackSettings settings = new AttackSettings(budgetNorm, steps, stepSizeRatio, randomStart, restarts, queries,
                spsaSamples);
        AttackSelection selection = AttackSelection.parse(attacks, settings);
        SmoothingConfig smoothing = smoothingSigma == null ? null
                : new SmoothingConfig(smoothingSigma, smoothingN0, smoothingN, alpha, radii);
        return RobustnessConfig.builder().attacks(selection.attacks()).epsilons(selection.epsilons(eps, budgetNorm))
                .corruptions(selection.corruptions()).severities(severities).smoothing(smoothing).seed(seed)
                .maxSamples(maxSamples).batchSize(dataOptions.batchSize()).examples(examples).build();
    }

    private static Measurement evaluate(RobustnessRequest request, Progress progress)
            throws InputException, InterruptedException {
        try {
            return RobustnessRun.run(request, progress::line);
        } catch (ModelException | DatasetException e) {
            throw new InputException(e.getMessage(), e);
        } catch (IOException e) {
            throw new InputException("Cannot read " + request.data().path() + ": " + InputFiles.message(e), e);
        }
    }
}
