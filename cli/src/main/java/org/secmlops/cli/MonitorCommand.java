package org.secmlops.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.secmlops.core.capability.monitor.MonitorCapability;
import org.secmlops.core.data.DatasetException;
import org.secmlops.core.io.InputFiles;
import org.secmlops.core.model.ModelException;
import org.secmlops.core.monitor.MonitorRequest;
import org.secmlops.core.monitor.MonitorRun;
import org.secmlops.core.run.Measurement;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code secmlops monitor --traffic LOG --reference PATH --report-dir DIR}: drift, prediction drift, accuracy and
 * black-box attack campaigns in one window of inference traffic.
 */
@Command(name = "monitor", mixinStandardHelpOptions = true,
        description = "Monitor one window of inference traffic (JSON Lines, .gz too) against the approved reference"
                + " data: per-feature drift (PSI, KS), multivariate drift on a PCA embedding (MMD, permutation"
                + " p-value), prediction and confidence drift, accuracy where records carry labels, and clients"
                + " running black-box attack campaigns (stateful detection, carried across windows with --state)."
                + " See docs/monitoring.md.")
final class MonitorCommand implements Callable<Integer> {
    @Option(names = "--traffic", required = true, paramLabel = "LOG",
            description = "The window's traffic log: one JSON object per line with input (required), timestamp,"
                    + " client, output and label.")
    Path traffic;

    @Option(names = "--reference", required = true, paramLabel = "PATH",
            description = "The approved reference data (CSV/TSV, IDX, .npy or a folder of class folders).")
    Path reference;

    @Mixin
    SampleOptions referenceOptions;

    @Option(names = "--model", paramLabel = "PATH",
            description = "Optional model (SavedModel, TorchScript, ONNX): computes outputs the log lacks and the"
                    + " reference's predictions and confidence. It is scanned first.")
    Path model;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--state", paramLabel = "FILE",
            description = "The attack detector's state: read if it exists, written after the window. Keep it"
                    + " between windows so that attacks spread over several windows are caught.")
    Path state;

    @Option(names = "--reference-cache", paramLabel = "FILE",
            description = "Cache of the reference statistics, keyed by the reference's digest: reused while the"
                    + " reference, its options and the model are unchanged, recomputed otherwise.")
    Path referenceCache;

    @Mixin
    GateOptions gateOptions;

    @Override
    public Integer call() throws Exception {
        Progress progress = new Progress(System.out);
        MonitorRequest request = request();
        progress.line("monitoring " + traffic + " against " + reference + " (SecMLOps " + Version.current() + ")");
        MonitorCapability capability = MonitorCapability.forRun(model != null, model != null);
        return gateOptions.run(capability, traffic.toString(), progress,
                gateOptions.plan().input("--traffic", traffic).input("--reference", reference)
                        .input("--labels", referenceOptions.labels).input("--model", model),
                () -> monitor(request, progress)).code();
    }

    /** The flags as a request. */
    MonitorRequest request() {
        return MonitorRequest.builder(traffic, referenceOptions.dataSpec(reference, true))
                .preprocessing(referenceOptions.preprocessingSpec())
                .model(model == null ? null : modelOptions.modelSpec(model)).state(state)
                .referenceCache(referenceCache).batchSize(referenceOptions.batchSize())
                .classNames(referenceOptions.classNames).build();
    }

    private static Measurement monitor(MonitorRequest request, Progress progress) throws InputException {
        try {
            return MonitorRun.run(request, progress::line);
        } catch (ModelException | DatasetException e) {
            throw new InputException(e.getMessage(), e);
        } catch (IOException e) {
            throw new InputException("Cannot read or write the monitoring files: " + InputFiles.message(e), e);
        }
    }
}
