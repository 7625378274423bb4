package org.secmlops.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.secmlops.core.data.DataSpec;
import org.secmlops.core.data.DatasetException;
import org.secmlops.core.data.Datasets;
import org.secmlops.core.data.Preprocessing;
import org.secmlops.core.data.SampleSource;
import org.secmlops.core.io.InputFiles;
import org.secmlops.core.evaluate.EvaluateCapability;
import org.secmlops.core.evaluate.EvaluationReport;
import org.secmlops.core.evaluate.ModelEvaluator;
import org.secmlops.core.model.LoadedModel;
import org.secmlops.core.model.ModelException;
import org.secmlops.core.model.ModelLoader;
import org.secmlops.core.model.ModelSpec;
import org.secmlops.core.model.NativeLibraryProvisioner;
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

    @Mixin
    DataOptions dataOptions;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    GateOptions gateOptions;

    @Override
    public Integer call() throws Exception {
        Progress progress = new Progress(System.out);
        ModelSpec modelSpec = modelOptions.modelSpec(model);
        DataSpec dataSpec = dataOptions.dataSpec();
        int batchSize = dataOptions.batchSize();
        Path data = dataOptions.data;
        progress.line("evaluating " + model + " on " + data + " (SecMLOps " + Version.current() + ")");
        return gateOptions.run(EvaluateCapability.INSTANCE, model.toString(), progress,
                gateOptions.plan().input("--model", model).input("--data", data).input("--labels", dataOptions.labels),
                () -> evaluate(modelSpec, dataSpec, batchSize, progress)).code();
    }

    private Measurement evaluate(ModelSpec modelSpec, DataSpec dataSpec, int batchSize, Progress progress)
            throws InputException {
        Path data = dataSpec.path();
        try (SampleSource source = Datasets.open(dataSpec)) {
            progress.line("data: " + source.description());
            Preprocessing preprocessing = dataOptions.preprocessing(source);
            int[] shape = preprocessing.shape(source.sampleShape());
            ModelSpec spec = modelSpec.sampleShape().isEmpty()
                    ? modelSpec.withSampleShape(Arrays.stream(shape).boxed().toList()) : modelSpec;
            ModelLoader loader = new ModelLoader(NativeLibraryProvisioner.fromSystemProperties(progress::line),
                    progress::line);
            try (LoadedModel loaded = loader.load(spec)) {
                EvaluationReport report = new ModelEvaluator(batchSize, preprocessing, progress::line)
                        .evaluate(loaded, source);
                return EvaluateCapability.INSTANCE.measure(report, model.toString(), data.toString(),
                        dataOptions.classNames);
            }
        } catch (ModelException | DatasetException e) {
            throw new InputException(e.getMessage(), e);
        } catch (IOException e) {
            throw new InputException("Cannot read " + data + ": " + InputFiles.message(e), e);
        }
    }
}
