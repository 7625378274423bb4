package org.secmlops.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.secmlops.core.capability.monitor.MonitorCapability;
import org.secmlops.core.data.DatasetException;
import org.secmlops.core.io.InputFiles;
import org.secmlops.core.io.SafeOutput;
import org.secmlops.core.model.ModelException;
import org.secmlops.core.monitor.FollowListener;
import org.secmlops.core.monitor.FollowRequest;
import org.secmlops.core.monitor.FollowRun;
import org.secmlops.core.monitor.MonitorRequest;
import org.secmlops.core.monitor.MonitorRun;
import org.secmlops.core.run.Measurement;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code secmlops monitor --traffic LOG --reference PATH --report-dir DIR}: drift, prediction drift, accuracy and
 * black-box attack campaigns in one window of inference traffic; {@code --follow LOG} instead follows a growing log,
 * writes alerts as JSON Lines as requests arrive and can serve the metrics to Prometheus ({@code --metrics-port}).
 */
@Command(name = "monitor", mixinStandardHelpOptions = true,
        description = "Monitor one window of inference traffic (JSON Lines, .gz too) against the approved reference"
                + " data: per-feature drift (PSI, KS), multivariate drift on a PCA embedding (MMD, permutation"
                + " p-value), prediction and confidence drift, accuracy where records carry labels, and clients"
                + " running black-box attack campaigns (stateful detection, carried across windows with --state)."
                + " With --follow, follow a growing log instead: alerts as JSON Lines as each request arrives,"
                + " metrics for Prometheus with --metrics-port, the report of everything read when it stops."
                + " See docs/monitoring.md.")
final class MonitorCommand implements Callable<Integer> {
    /** The loopback address the metrics are served on unless {@code --metrics-host} says otherwise. */
    static final String LOOPBACK = "127.0.0.1";
    /** The alert file in the report directory unless {@code --alerts} names one. */
    static final String ALERTS_FILE = "alerts.jsonl";

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    /** One window, or a log to follow. */
    static final class Source {
        @Option(names = "--traffic", required = true, paramLabel = "LOG",
                description = "The window's traffic log: one JSON object per line with input (required), timestamp,"
                        + " client, output and label.")
        Path traffic;

        @Option(names = "--follow", required = true, paramLabel = "LOG",
                description = "Follow this growing traffic log (plain JSON Lines; truncation and rotation are"
                        + " followed) and decide each request as it arrives, until stopped (SIGTERM, Ctrl-C: exit 6,"
                        + " state saved) or a limit (--max-requests, --duration: then the report of everything read).")
        Path follow;
    }

    @Option(names = "--alerts", paramLabel = "FILE",
            description = "With --follow: where alerts are appended as JSON Lines, one per flagged client or bad"
                    + " line, flushed at once; default: alerts.jsonl in the report directory.")
    Path alerts;

    @Option(names = "--max-requests", paramLabel = "N",
            description = "With --follow: stop after N non-blank lines were decided.")
    Long maxRequests;

    @Option(names = "--duration", paramLabel = DurationOption.SYNTAX, converter = DurationOption.class,
            description = "With --follow: stop after this long, e.g. 15m, 90s, PT1H.")
    Duration duration;

    @Option(names = "--from-end",
            description = "With --follow: skip the lines the log already holds (default: decide them first).")
    boolean fromEnd;

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "With --follow: serve the metrics in Prometheus' text format on http://HOST:PORT/metrics"
                    + " (0: any free port, printed).")
    Integer metricsPort;

    @Option(names = "--metrics-host", paramLabel = "HOST", defaultValue = LOOPBACK,
            description = "The address the metrics are served on; default ${DEFAULT-VALUE} (this machine only)."
                    + " Use 0.0.0.0 to let other machines scrape it.")
    String metricsHost;

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

    @Option(names = "--adversarial-fpr", paramLabel = "RATE", defaultValue = "0.01",
            description = "The false-positive rate the adversarial-input scores are calibrated to on the reference"
                    + " (0 < RATE < 0.5; default ${DEFAULT-VALUE}): about this share of clean requests is flagged.")
    double adversarialFpr;

    @Option(names = "--baseline-result", paramLabel = "FILE",
            description = "result.json of an evaluate run (evaluateModel) on approved data: its accuracy and mean"
                    + " confidence become the baseline of ACCURACY_DROP and CONFIDENCE_DROP.")
    Path baselineResult;

    @Option(names = "--reference-cache", paramLabel = "FILE",
            description = "Cache of the reference statistics, keyed by the reference's digest: reused while the"
                    + " reference, its options and the model are unchanged, recomputed otherwise.")
    Path referenceCache;

    @Mixin
    GateOptions gateOptions;

    @Override
    public Integer call() throws Exception {
        Progress progress = new Progress(System.out);
        checkFollowOptions();
        Path log = source.follow != null ? source.follow : source.traffic;
        MonitorRequest request = request(log);
        progress.line((source.follow != null ? "following " : "monitoring ") + log + " against " + reference
                + " (SecMLOps " + Version.current() + ")");
        MonitorCapability capability = MonitorCapability.forRun(model != null, model != null);
        SafeOutput.Plan plan = gateOptions.plan().input(source.follow != null ? "--follow" : "--traffic", log)
                .input("--reference", reference).input("--labels", referenceOptions.labels).input("--model", model)
                .input("--baseline-result", baselineResult);
        if (source.follow == null) {
            return gateOptions.run(capability, log.toString(), progress, plan, () -> monitor(request, progress)).code();
        }
        FollowRequest follow = new FollowRequest(request, maxRequests == null ? 0 : maxRequests, duration, fromEnd,
                FollowRequest.DEFAULT_POLL);
        Path alertFile = alerts != null ? alerts : gateOptions.reportDir.resolve(ALERTS_FILE);
        return gateOptions.run(capability, log.toString(), progress, plan,
                () -> follow(follow, alertFile, progress)).code();
    }

    private void checkFollowOptions() {
        if (source.follow != null) {
            Path alertFile = alerts != null ? alerts : gateOptions.reportDir.resolve(ALERTS_FILE);
            for (Path other : new Path[] {source.follow, state, referenceCache, reference}) {
                if (other != null && alertFile.toAbsolutePath().normalize().equals(other.toAbsolutePath().normalize())) {
                    throw new IllegalArgumentException("--alerts " + alertFile + " is also an input or the state");
                }
            }
            if (metricsPort != null && (metricsPort < 0 || metricsPort > 65_535)) {
                throw new IllegalArgumentException("--metrics-port must be 0..65535, not " + metricsPort);
            }
            return;
        }
        if (alerts != null || maxRequests != null || duration != null || fromEnd || metricsPort != null) {
            throw new IllegalArgumentException("--alerts, --max-requests, --duration, --from-end and --metrics-port"
                    + " are options of --follow");
        }
    }

    /** The flags as a request for the log (the window, or the log followed). */
    MonitorRequest request(Path log) {
        return MonitorRequest.builder(log, referenceOptions.dataSpec(reference, true))
                .preprocessing(referenceOptions.preprocessingSpec())
                .model(model == null ? null : modelOptions.modelSpec(model)).state(state)
                .referenceCache(referenceCache).batchSize(referenceOptions.batchSize())
                .classNames(referenceOptions.classNames).adversarialFpr(adversarialFpr)
                .baselineResult(baselineResult).build();
    }

    private Measurement follow(FollowRequest request, Path alertFile, Progress progress) throws InputException {
        List<FollowListener> listeners = new ArrayList<>();
        try (AlertLog alertLog = AlertLog.open(alertFile);
                MetricsEndpoint metrics = metricsPort == null ? null : serve(progress)) {
            progress.line("alerts: " + alertFile);
            listeners.add(alertLog);
            if (metrics != null) {
                listeners.add(metrics);
            }
            return FollowRun.follow(request, FollowListener.all(listeners), progress::line);
        } catch (ModelException | DatasetException e) {
            throw new InputException(e.getMessage(), e);
        } catch (IOException e) {
            throw new InputException("Cannot read or write the monitoring files: " + InputFiles.message(e), e);
        }
    }

    private MetricsEndpoint serve(Progress progress) throws InputException {
        MetricsEndpoint endpoint;
        try {
            endpoint = MetricsEndpoint.start(metricsHost, metricsPort);
        } catch (IOException e) {
            throw new InputException("Cannot serve the metrics on " + metricsHost + ":" + metricsPort + ": "
                    + InputFiles.message(e), e);
        }
        String host = metricsHost.contains(":") ? "[" + metricsHost + "]" : metricsHost;
        progress.line("metrics: http://" + host + ":" + endpoint.port() + "/metrics");
        return endpoint;
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
