package org.secmlops.core.monitor;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.secmlops.core.capability.monitor.BadRecord;
import org.secmlops.core.data.DatasetException;
import org.secmlops.core.model.LoadedModel;
import org.secmlops.core.model.ModelException;
import org.secmlops.core.robustness.SampleGeometry;
import org.secmlops.core.robustness.defense.InputTransform;
import org.secmlops.core.run.Cancellation;
import org.secmlops.core.run.Measurement;

/**
 * A live monitor: follows a growing traffic log ({@link LogTail}: partial last lines, truncation and rotation) and
 * decides each request as it arrives, with the detectors of one window ({@link MonitorRun}) over everything read
 * since it started. A client the stateful detector flags, an input above an adversarial-input threshold and a line
 * that is not a valid record are reported to the listener at once ({@link MonitorAlert}); the window's metrics are reported now and then. It stops after the
 * request's number of lines or time, or when the process is asked to stop ({@link Cancellation}, an interrupt);
 * either way the attack detector's state is saved. Stopped by a limit it returns the measurement of everything it
 * read, as one window's run does; stopped by a request it throws {@link Cancellation.CancelledException} after
 * saving the state.
 *
 * <pre>{@code
 * Measurement m = FollowRun.follow(new FollowRequest(request, 0, Duration.ofMinutes(15), false,
 *         FollowRequest.DEFAULT_POLL), alert -> System.out.println(alert.jsonLine()), log::println);
 * }</pre>
 */
public final class FollowRun {
    /** The longest time between two metric snapshots while the log keeps growing. */
    public static final int METRICS_INTERVAL_SECONDS = 10;
    private static final long IDLE_SNAPSHOT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final FollowRequest request;
    private final FollowListener listener;
    private final Consumer<String> progress;
    private final AttackDetector attacks;
    private final WindowMonitor monitor;
    private final AdversarialInputs adversarial;
    private final MissingOutputs outputs;
    private final SqueezeScoring squeezing;
    private final TrafficLog.RecordSink sink;
    private final int width;
    private InputPaths paths;
    private final List<BadRecord> badExamples = new ArrayList<>();
    private long lines;
    private long records;
    private long bad;
    private long decided;
    private long snapshotRecords;
    private long lastSnapshot = System.nanoTime();

    private FollowRun(FollowRequest request, FollowListener listener, Consumer<String> progress,
            ReferenceStatistics reference, LoadedModel model, List<InputTransform> squeezers, SampleGeometry geometry,
            AttackDetector attacks, AccuracyBaseline baseline) {
        this.request = request;
        this.listener = listener;
        this.progress = progress;
        this.attacks = attacks;
        this.width = reference.width();
        adversarial = new AdversarialInputs(reference, request.monitor().adversarialFpr(), model != null,
                geometry);
        monitor = new WindowMonitor(reference, attacks, adversarial, baseline);
        if (model == null) {
            squeezing = null;
            outputs = null;
            sink = record -> decide(record, Double.NaN);
        } else {
            squeezing = new SqueezeScoring(model, squeezers, request.monitor().batchSize(), this::decide);
            outputs = new MissingOutputs(model, request.monitor().batchSize(), squeezing);
            sink = outputs;
        }
    }

    /**
     * Follows the log until a limit is reached or the process is asked to stop.
     *
     * @param listener told of every alert, request and metric snapshot, on this thread
     * @param progress where progress lines go
     * @return the metrics and details of everything read, as {@link MonitorRun#run} measures one window
     * @throws DatasetException when the reference, the log or the state file cannot be used, or no valid record
     *                          arrived before a limit stopped the monitor
     * @throws ModelException   when the model is refused by its scan, cannot be loaded or fails
     * @throws IOException      when a file cannot be read or written
     * @throws Cancellation.CancelledException when the process was asked to stop (the state is saved first)
     */
    public static Measurement follow(FollowRequest request, FollowListener listener, Consumer<String> progress)
            throws DatasetException, ModelException, IOException {
        MonitorRequest window = request.monitor();
        AccuracyBaseline baseline = MonitorRun.baseline(window, progress);
        return MonitorRun.withReference(window, progress, (reference, model, squeezers, geometry, digest) -> {
            AttackDetector attacks = MonitorRun.attackDetector(window, reference, digest, progress);
            return new FollowRun(request, listener, progress, reference, model, squeezers, geometry, attacks,
                    baseline)
                    .run(digest);
        });
    }

    private Measurement run(String digest) throws DatasetException, ModelException, IOException {
        MonitorRequest window = request.monitor();
        long deadline = request.duration() == null ? Long.MAX_VALUE
                : System.nanoTime() + request.duration().toNanos();
        boolean cancelled = false;
        try (LogTail tail = LogTail.open(window.traffic(), request.fromEnd(), progress)) {
            paths = MonitorRun.paths(window);
            progress.accept("following " + window.traffic() + (request.fromEnd() ? " from its end" : " from its start")
                    + limits());
            while (true) {
                if (Cancellation.stopRequested() || Thread.currentThread().isInterrupted()) {
                    cancelled = true;
                    break;
                }
                if (request.maxRequests() > 0 && lines >= request.maxRequests() || System.nanoTime() >= deadline) {
                    break;
                }
                LogTail.Line line = tail.next();
                if (line != null) {
                    handle(line);
                    snapshot(false);
                    continue;
                }
                flushOutputs();
                snapshot(true);
                try {
                    long wait = Math.min(request.poll().toNanos(), deadline - System.nanoTime());
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    cancelled = true;
                    break;
                }
            }
            if (!cancelled) {
                flushOutputs();
            }
        } catch (Cancellation.CancelledException e) {
            cancelled = true;
        }
        saveState(digest);
        progress.accept((cancelled ? "stopped" : "done") + ": " + lines + " requests decided (" + bad
                + " bad lines), " + attacks.flagged().size() + " flagged clients");
        if (cancelled) {
            throw new Cancellation.CancelledException();
        }
        TrafficWindow read = new TrafficWindow(window.traffic().toString(), lines, records, bad, badExamples);
        if (records == 0) {
            throw new DatasetException("No valid record arrived in " + window.traffic() + " while it was followed ("
                    + lines + " non-blank lines" + (badExamples.isEmpty() ? "" : "; line " + badExamples.get(0).line()
                    + ": " + badExamples.get(0).reason()) + ")");
        }
        return MonitorMeasurement.of(monitor.report(read, outputs == null ? 0 : outputs.computed()),
                window.classNames());
    }

    private String limits() {
        StringBuilder s = new StringBuilder();
        if (request.maxRequests() > 0) {
            s.append(", at most ").append(request.maxRequests()).append(" requests");
        }
        if (request.duration() != null) {
            s.append(", for ").append(request.duration().toSeconds()).append(" s");
        }
        return s.toString();
    }

    /** Saves the state even when the thread was interrupted (file channels would refuse to write). */
    private void saveState(String digest) throws IOException {
        if (request.monitor().state() == null) {
            return;
        }
        boolean interrupted = Thread.interrupted();
        try {
            MonitorState.write(request.monitor().state(), digest, attacks);
            progress.accept("state: " + attacks.clients().size() + " tracked clients saved to "
                    + request.monitor().state());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void handle(LogTail.Line line) throws ModelException {
        if (line.problem() != null) {
            bad(line.number(), line.problem());
            return;
        }
        if (line.text().isBlank()) {
            return;
        }
        TrafficRecord record;
        try {
            record = TrafficLog.parse(line.text(), line.number(), width, paths);
        } catch (TrafficLog.BadLine e) {
            bad(line.number(), e.getMessage());
            return;
        }
        lines++;
        sink.accept(record);
    }

    private void bad(long line, String reason) {
        lines++;
        bad++;
        decided++;
        if (badExamples.size() < TrafficLog.BAD_EXAMPLES) {
            badExamples.add(new BadRecord(line, reason));
        }
        listener.request(false);
        listener.alert(MonitorAlert.badRecord(decided, line, reason));
    }

    /** Decides one valid record (its output computed where the log had none and a model is given). */
    private void decide(TrafficRecord record, double squeezeScore) {
        records++;
        decided++;
        WindowMonitor.Verdict verdict = monitor.accept(record, squeezeScore);
        ClientHistory client = verdict.client();
        listener.request(true);
        if (verdict.flaggedInput() != null) {
            listener.alert(MonitorAlert.adversarialInput(decided, record, adversarial,
                    verdict.flaggedInput().distanceScore(), squeezeScore));
        }
        if (client != null && client.flagged() && !client.alerted) {
            client.alerted = true;
            MonitorAlert alert = MonitorAlert.attackClient(decided, record, client, attacks.threshold());
            progress.accept("ALERT: client " + record.client() + " flagged as running a black-box attack at line "
                    + record.line() + " (" + client.queriesSeen + " queries seen, " + client.closeQueries
                    + " close)");
            listener.alert(alert);
        }
    }

    private void flushOutputs() throws ModelException {
        if (outputs != null) {
            outputs.flush();
            squeezing.flush();
        }
    }

    private void snapshot(boolean idle) {
        long now = System.nanoTime();
        long since = now - lastSnapshot;
        if (records == 0 || records == snapshotRecords
                || since < (idle ? IDLE_SNAPSHOT_NANOS : TimeUnit.SECONDS.toNanos(METRICS_INTERVAL_SECONDS))) {
            return;
        }
        TrafficWindow read = new TrafficWindow(request.monitor().traffic().toString(), lines, records, bad,
                badExamples);
        Map<String, Double> metrics = MonitorMeasurement.of(monitor.report(read,
                outputs == null ? 0 : outputs.computed())).metrics();
        snapshotRecords = records;
        lastSnapshot = System.nanoTime();
        listener.window(records, metrics);
    }
}
