package org.secmlops.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.secmlops.core.data.DataSpec;
import org.secmlops.core.data.DatasetException;
import org.secmlops.core.data.Datasets;
import org.secmlops.core.data.Layout;
import org.secmlops.core.data.Preprocessing;
import org.secmlops.core.data.SampleSource;
import org.secmlops.core.io.InputFiles;
import org.secmlops.core.model.LoadedModel;
import org.secmlops.core.model.ModelException;
import org.secmlops.core.model.ModelLoader;
import org.secmlops.core.model.ModelSpec;
import org.secmlops.core.model.NativeLibraryProvisioner;
import org.secmlops.core.robustness.Attack;
import org.secmlops.core.robustness.AttackRegistry;
import org.secmlops.core.robustness.AttackSettings;
import org.secmlops.core.robustness.Corruption;
import org.secmlops.core.robustness.InputBounds;
import org.secmlops.core.robustness.Norm;
import org.secmlops.core.robustness.ObservedRange;
import org.secmlops.core.robustness.RobustnessCapability;
import org.secmlops.core.robustness.RobustnessConfig;
import org.secmlops.core.robustness.RobustnessEvaluator;
import org.secmlops.core.robustness.RobustnessReport;
import org.secmlops.core.robustness.SampleGeometry;
import org.secmlops.core.robustness.SmoothingConfig;
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
    /** How many samples the default valid range is observed on, at least. */
    private static final int OBSERVED_RANGE_SAMPLES = 10_000;

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

    /** Where the valid input range of this run came from, for the report. */
    private String rangeSource;

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

    @Mixin
    GateOptions gateOptions;

    @Override
    public Integer call() throws Exception {
        Progress progress = new Progress(System.out);
        ModelSpec modelSpec = modelOptions.modelSpec(model);
        DataSpec dataSpec = dataOptions.dataSpec();
        RobustnessConfig config = config();
        progress.line("robustness of " + model + " on " + dataSpec.path() + " (SecMLOps " + Version.current() + ")");
        return gateOptions.run(RobustnessCapability.INSTANCE, model.toString(), progress,
                gateOptions.plan().input("--model", model).input("--data", dataSpec.path())
                        .input("--labels", dataOptions.labels), () -> evaluate(modelSpec, dataSpec, config, progress)).code();
    }

    RobustnessConfig config() {
        Norm budgetNorm = Norm.parse(norm);
        AttackSettings settings = new AttackSettings(budgetNorm, steps, stepSizeRatio, randomStart, restarts, queries,
                spsaSamples);
        List<Attack> chosen = new ArrayList<>();
        List<Corruption> corruptions = new ArrayList<>();
        for (String raw : attacks) {
            String name = raw.trim().toLowerCase(Locale.ROOT);
            if (name.equals("corruptions")) {
                corruptions.addAll(Arrays.asList(Corruption.values()));
                continue;
            }
            Corruption corruption = Corruption.find(name);
            if (corruption != null) {
                corruptions.add(corruption);
                continue;
            }
            if (!AttackRegistry.contains(name)) {
                throw new IllegalArgumentException("Unknown attack '" + raw + "' (known: "
                        + String.join(", ", AttackRegistry.ids()) + ", " + Arrays.stream(Corruption.values())
                        .map(Corruption::id).reduce((a, b) -> a + ", " + b).orElse("") + ", corruptions)");
            }
            chosen.add(AttackRegistry.create(name, settings));
        }
        List<Double> budgets = eps != null ? eps : List.of(budgetNorm == Norm.LINF ? 0.03 : 0.5);
        SmoothingConfig smoothing = smoothingSigma == null ? null
                : new SmoothingConfig(smoothingSigma, smoothingN0, smoothingN, alpha, radii);
        return RobustnessConfig.builder().attacks(chosen).epsilons(chosen.isEmpty() ? List.of() : budgets)
                .corruptions(corruptions).severities(severities).smoothing(smoothing).seed(seed).maxSamples(maxSamples)
                .batchSize(dataOptions.batchSize()).examples(examples).build();
    }

    private Measurement evaluate(ModelSpec modelSpec, DataSpec dataSpec, RobustnessConfig config, Progress progress)
            throws InputException, InterruptedException {
        Path data = dataSpec.path();
        try (SampleSource source = Datasets.open(dataSpec)) {
            progress.line("data: " + source.description());
            Preprocessing preprocessing = dataOptions.preprocessing(source);
            int[] shape = preprocessing.shape(source.sampleShape());
            ModelSpec spec = modelSpec.sampleShape().isEmpty()
                    ? modelSpec.withSampleShape(Arrays.stream(shape).boxed().toList()) : modelSpec;
            SampleGeometry geometry = geometry(shape);
            InputBounds bounds = bounds(dataSpec, source, preprocessing, geometry.size(), progress);
            progress.line("valid input range " + bounds.describe() + "; samples as " + geometry.channels() + " x "
                    + geometry.height() + " x " + geometry.width() + (geometry.imageLike() ? " images" : " vectors"));
            ModelLoader loader = new ModelLoader(NativeLibraryProvisioner.fromSystemProperties(progress::line),
                    progress::line);
            try (LoadedModel loaded = loader.load(spec)) {
                RobustnessReport report = new RobustnessEvaluator(config, preprocessing, bounds, geometry,
                        progress::line).evaluate(loaded, source);
                return RobustnessCapability.INSTANCE.measure(report, model.toString(), data.toString(), rangeSource,
                        dataOptions.classNames);
            }
        } catch (ModelException | DatasetException e) {
            throw new InputException(e.getMessage(), e);
        } catch (IOException e) {
            throw new InputException("Cannot read " + data + ": " + InputFiles.message(e), e);
        }
    }

    private SampleGeometry geometry(int[] preprocessedShape) {
        boolean channelsFirst = dataOptions.layout != null && Layout.parse(dataOptions.layout) == Layout.NCHW;
        List<Integer> declared = modelOptions.inputShape;
        int[] shape = declared == null || declared.isEmpty() ? preprocessedShape
                : declared.stream().mapToInt(Integer::intValue).toArray();
        SampleGeometry geometry = SampleGeometry.of(shape, channelsFirst);
        int size = Arrays.stream(preprocessedShape).reduce(1, (a, b) -> a * b);
        if (geometry.size() != size) {
            throw new IllegalArgumentException("--input-shape " + declared + " holds " + geometry.size()
                    + " values; the samples have " + size);
        }
        return geometry;
    }

    private InputBounds bounds(DataSpec dataSpec, SampleSource source, Preprocessing preprocessing, int size,
            Progress progress) throws DatasetException, IOException {
        if (validRange != null && validRange.strip().equalsIgnoreCase("none")) {
            progress.line("WARNING: --valid-range none: perturbations are not clipped to any valid input range; the"
                    + " report flags this run's robust accuracy as not trustworthy");
            rangeSource = "none: perturbations not clipped";
            return InputBounds.unbounded(size);
        }
        if (validRange != null) {
            String[] parts = validRange.split(",");
            float low;
            float high;
            try {
                low = parts.length == 2 ? Float.parseFloat(parts[0].strip()) : Float.NaN;
                high = parts.length == 2 ? Float.parseFloat(parts[1].strip()) : Float.NaN;
            } catch (NumberFormatException e) {
                low = Float.NaN;
                high = Float.NaN;
            }
            if (!(low < high) || !Float.isFinite(low) || !Float.isFinite(high)) {
                throw new IllegalArgumentException("--valid-range is LOW,HIGH with LOW < HIGH, or none");
            }
            rangeSource = "given by --valid-range";
            return InputBounds.uniform(size, low, high);
        }
        if (source.eightBit()) {
            rangeSource = "8-bit data, 0..255 through the preprocessing";
            return InputBounds.ofEightBit(preprocessing, source.sampleShape());
        }
        int scanned = Math.max(maxSamples, OBSERVED_RANGE_SAMPLES);
        ObservedRange observed = ObservedRange.of(dataSpec, preprocessing, scanned, dataOptions.batchSize());
        rangeSource = "observed in the first " + observed.samples() + " samples of the data (give --valid-range"
                + " LOW,HIGH to set it)";
        progress.line("valid input range not given: using the range observed in the data, " + observed.describe()
                + " (give --valid-range LOW,HIGH for the range the model accepts)");
        return InputBounds.uniform(size, observed.low(), observed.high());
    }
}
