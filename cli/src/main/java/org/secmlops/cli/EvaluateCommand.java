package org.secmlops.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.secmlops.core.data.DataSpec;
import org.secmlops.core.data.DatasetException;
import org.secmlops.core.data.Datasets;
import org.secmlops.core.data.Layout;
import org.secmlops.core.data.Preprocessing;
import org.secmlops.core.data.SampleSource;
import org.secmlops.core.evaluate.EvaluateCapability;
import org.secmlops.core.evaluate.EvaluationReport;
import org.secmlops.core.evaluate.ModelEvaluator;
import org.secmlops.core.model.DeviceChoice;
import org.secmlops.core.model.EngineKind;
import org.secmlops.core.model.LoadedModel;
import org.secmlops.core.model.ModelException;
import org.secmlops.core.model.ModelLoader;
import org.secmlops.core.model.ModelSpec;
import org.secmlops.core.model.NativeLibraryProvisioner;
import org.secmlops.core.result.GateRunResult;
import org.secmlops.core.run.GateRunner;
import org.secmlops.core.run.Measurement;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code secmlops evaluate --model PATH --data PATH --report-dir DIR}: accuracy, calibration, latency, throughput. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a model (TensorFlow SavedModel, TorchScript or ONNX) on labelled data: accuracy,"
                + " expected calibration error, p95 latency per batch and throughput. The model is scanned first;"
                + " CRITICAL findings refuse the load.")
final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "PATH",
            description = "SavedModel directory, .pt/.torchscript file or .onnx file.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "PATH",
            description = "CSV/TSV file, IDX file (.gz too), .npy file, or a folder of class folders of images.")
    Path data;

    @Option(names = "--labels", paramLabel = "FILE", description = "Label file for .npy or IDX data.")
    Path labels;

    @Option(names = "--label-column", paramLabel = "NAME",
            description = "CSV label column: header name or 0-based index (-1: last).")
    String labelColumn;

    @Option(names = "--no-header", description = "The CSV file has no header line.")
    boolean noHeader;

    @Option(names = "--engine", paramLabel = "ENGINE", description = "tf, pytorch or onnx; default: from the model path.")
    String engine;

    @Option(names = "--signature", paramLabel = "NAME", description = "TensorFlow signature (default serving_default).")
    String signature;

    @Option(names = "--input-name", paramLabel = "NAME", description = "Model input to feed.")
    String inputName;

    @Option(names = "--output-name", paramLabel = "NAME", description = "Model output to read.")
    String outputName;

    @Option(names = "--input-shape", paramLabel = "D1,D2,...", split = ",",
            description = "Shape of one sample as the model takes it (default: the model's, else the data's).")
    List<Integer> inputShape = List.of();

    @Option(names = "--input-range", paramLabel = "LOW,HIGH", split = ",",
            description = "Map 8-bit pixels 0..255 onto [LOW, HIGH], e.g. 0,1.")
    List<Float> inputRange;

    @Option(names = "--scale", paramLabel = "X", description = "Multiply raw values by X.")
    Float scale;

    @Option(names = "--mean", paramLabel = "M[,M...]", split = ",", description = "Subtract per channel (or one value).")
    List<Float> mean;

    @Option(names = "--std", paramLabel = "S[,S...]", split = ",", description = "Divide per channel (or one value).")
    List<Float> std;

    @Option(names = "--layout", paramLabel = "NCHW|NHWC", description = "Layout of image-like samples for the model.")
    String layout;

    @Option(names = "--image-size", paramLabel = "WIDTH,HEIGHT", split = ",", description = "Resize images to this size.")
    List<Integer> imageSize;

    @Option(names = "--grayscale", description = "Read images as one gray channel instead of RGB.")
    boolean grayscale;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "64", description = "Samples per batch (default 64).")
    int batchSize;

    @Option(names = "--device", paramLabel = "cpu|gpu|auto", defaultValue = "auto",
            description = "Where to run (default auto: a GPU if the engine sees one).")
    String device;

    @Option(names = "--allow-unsafe-model", description = "Load the model even when the scan finds CRITICAL content.")
    boolean allowUnsafeModel;

    @Option(names = "--report-dir", required = true, paramLabel = "DIR",
            description = "Where result.json and report.html are written.")
    Path reportDir;

    @Mixin
    GateOptions gateOptions;

    @Override
    public Integer call() throws Exception {
        Progress progress = new Progress(System.out);
        ModelSpec modelSpec = modelSpec();
        DataSpec dataSpec = dataSpec();
        if (batchSize <= 0) {
            throw new IllegalArgumentException("--batch-size must be positive");
        }
        progress.line("evaluating " + model + " on " + data + " (SecMLOps " + Version.current() + ")");
        GateRunner runner = new GateRunner(EvaluateCapability.INSTANCE, Version.current());
        GateRunResult result = runner.run(model.toString(), gateOptions.spec(),
                () -> evaluate(modelSpec, dataSpec, progress));
        Files.createDirectories(reportDir);
        return new ReportWriter(reportDir, progress)
                .write("Model evaluation", result, EvaluateCapability.INSTANCE.detailSection()).code();
    }

    private Measurement evaluate(ModelSpec modelSpec, DataSpec dataSpec, Progress progress) throws InputException {
        try (SampleSource source = Datasets.open(dataSpec)) {
            progress.line("data: " + source.description());
            Preprocessing preprocessing = preprocessing(source);
            int[] shape = preprocessing.shape(source.sampleShape());
            ModelSpec spec = modelSpec.sampleShape().isEmpty()
                    ? modelSpec.withSampleShape(Arrays.stream(shape).boxed().toList()) : modelSpec;
            ModelLoader loader = new ModelLoader(NativeLibraryProvisioner.fromSystemProperties(progress::line),
                    progress::line);
            try (LoadedModel loaded = loader.load(spec)) {
                EvaluationReport report = new ModelEvaluator(batchSize, preprocessing, progress::line)
                        .evaluate(loaded, source);
                return EvaluateCapability.INSTANCE.measure(report, model.toString(), data.toString());
            }
        } catch (ModelException | DatasetException e) {
            throw new InputException(e.getMessage(), e);
        } catch (IOException e) {
            throw new InputException("Cannot read " + data + ": " + e.getMessage(), e);
        }
    }

    private ModelSpec modelSpec() {
        ModelSpec spec = ModelSpec.of(model).withDevice(DeviceChoice.parse(device)).withAllowUnsafe(allowUnsafeModel)
                .withSignature(signature).withInputName(inputName).withOutputName(outputName)
                .withSampleShape(inputShape);
        return engine == null ? spec : spec.withEngine(EngineKind.parse(engine));
    }

    private DataSpec dataSpec() {
        DataSpec spec = DataSpec.of(data).withLabels(labels).withLabelColumn(labelColumn).withHeader(!noHeader)
                .withChannels(grayscale ? 1 : 3);
        if (imageSize != null) {
            if (imageSize.size() != 2) {
                throw new IllegalArgumentException("--image-size is WIDTH,HEIGHT");
            }
            spec = spec.withImageSize(imageSize.get(0), imageSize.get(1));
        }
        return spec;
    }

    private Preprocessing preprocessing(SampleSource source) throws InputException {
        if (inputRange != null && scale != null) {
            throw new IllegalArgumentException("Give --input-range or --scale, not both");
        }
        Preprocessing preprocessing = Preprocessing.NONE;
        if (inputRange != null) {
            if (inputRange.size() != 2) {
                throw new IllegalArgumentException("--input-range is LOW,HIGH");
            }
            if (!source.eightBit()) {
                throw new InputException("--input-range maps 8-bit pixels; " + source.description()
                        + " is not 8-bit data; use --scale");
            }
            preprocessing = Preprocessing.inputRange(inputRange.get(0), inputRange.get(1));
        } else if (scale != null) {
            preprocessing = preprocessing.withScale(scale, 0f);
        }
        if (mean != null || std != null) {
            preprocessing = preprocessing.withMeanStd(floats(mean, 0f), floats(std, 1f));
        }
        if (layout != null) {
            preprocessing = preprocessing.withLayout(Layout.parse(layout));
        }
        return preprocessing;
    }

    private static float[] floats(List<Float> values, float fallback) {
        if (values == null) {
            return new float[] {fallback};
        }
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}
