package org.secmlops.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.secmlops.core.capability.evaluate.EvaluateCapability;
import org.secmlops.core.data.DatasetException;
import org.secmlops.core.evaluate.EvaluateRequest;
import org.secmlops.core.evaluate.EvaluateRun;
import org.secmlops.core.io.InputFiles;
import org.secmlops.core.model.ModelException;
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

    @Mixin
    ShardOptions shardOptions;

    @Override
    public Integer call() throws Exception {
        Progress progress = new Progress(System.out);
        EvaluateRequest request = request();
        Path data = dataOptions.data;
        progress.line("evaluating " + model + " on " + data + " (SecMLOps " + Version.current() + ")");
        return gateOptions.run(EvaluateCapability.INSTANCE, model.toString(), progress,
                gateOptions.plan().input("--model", model).input("--data", data).input("--labels", dataOptions.labels),
                shardOptions, () -> evaluate(request, progress)).code();
    }

    /** The flags as a request. */
    EvaluateRequest request() throws InputException {
        return EvaluateRequest.builder(modelOptions.modelSpec(model), dataOptions.dataSpec())
                .batchSize(dataOptions.batchSize()).preprocessing(dataOptions.preprocessingSpec())
                .classNames(dataOptions.classNames).shard(shardOptions.assignment()).build();
    }

    private static Measurement evaluate(EvaluateRequest request, Progress progress) throws InputException {
        try {
            return EvaluateRun.run(request, progress::line);
        } catch (ModelException | DatasetException e) {
            throw new InputException(e.getMessage(), e);
        } catch (IOException e) {
            throw new InputException("Cannot read " + request.data().path() + ": " + InputFiles.message(e), e);
        }
    }
}
