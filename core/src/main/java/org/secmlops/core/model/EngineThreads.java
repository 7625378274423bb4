package org.secmlops.core.model;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The thread configuration a model runs with, why it was chosen, and what was measured to choose it. Written into
 * {@code result.json}'s details as {@code runtime.threads} ({@link ModelRuntime}).
 *
 * @param intraOp          the engine's intra-op threads (threads that split one operation)
 * @param interOp          the engine's inter-op threads; 0 where the engine runs the graph's ops in the calling
 *                         thread or decides itself
 * @param chosenBy         {@code "--threads"} (the user's), {@code "system property"} (a DJL property set on the
 *                         worker JVM), {@code "calibration"} (the faster of the timed trials),
 *                         {@code "rule"} (the probe's passes were slow enough that every core pays off), or
 *                         {@code "default"} (one per core: no sample shape to calibrate with,
 *                         one core, or a model on a GPU)
 * @param calibrationBatch the batch size of the trials, 0 when there were none
 * @param calibrationPass  the pass the trials timed ({@link CalibrationPass#label()}), {@code "none"} when none ran
 * @param trials           the timed trials, empty when none ran
 * @param calibrationMillis what choosing cost, in milliseconds (the trials and a second session where one was
 *                         loaded); 0 when nothing was timed
 */
public record EngineThreads(int intraOp, int interOp, String chosenBy, int calibrationBatch, String calibrationPass,
        List<ThreadTrial> trials, double calibrationMillis) {

    private static final String NONE = "none";

    public EngineThreads {
        Objects.requireNonNull(chosenBy, "chosenBy");
        Objects.requireNonNull(calibrationPass, "calibrationPass");
        trials = List.copyOf(trials);
    }

    /** A configuration chosen without timing anything. */
    public static EngineThreads untimed(int intraOp, int interOp, String chosenBy) {
        return new EngineThreads(intraOp, interOp, chosenBy, 0, NONE, List.of(), 0);
    }

    /** A configuration chosen by timing {@code pass} on batches of {@code batch} samples; cost not yet known. */
    public static EngineThreads timed(int intraOp, int interOp, String chosenBy, int batch, CalibrationPass pass,
            List<ThreadTrial> trials) {
        return new EngineThreads(intraOp, interOp, chosenBy, batch, pass.label(), trials, 0);
    }

    /** This configuration with what choosing it cost. */
    public EngineThreads withCalibrationMillis(double millis) {
        return new EngineThreads(intraOp, interOp, chosenBy, calibrationBatch, calibrationPass, trials, millis);
    }

    /** For models that did not go through {@link ModelLoader} (test doubles). */
    public static final EngineThreads UNKNOWN = untimed(0, 0, "unknown");

    /**
     * One line for the log, e.g. {@code 1 intra-op thread (calibration: forward+backward 1 thread 0.21 ms, 2 threads
     * 0.40 ms per batch of 64; chosen in 60 ms)}.
     */
    public String describe() {
        String base = intraOp + " intra-op thread" + (intraOp == 1 ? "" : "s")
                + (interOp > 0 ? ", " + interOp + " inter-op" : "") + " (" + chosenBy;
        if (trials.isEmpty()) {
            return base + ")";
        }
        return base + ": " + calibrationPass + " " + trials.stream()
                .map(t -> String.format(Locale.ROOT, "%d thread%s %.3f ms", t.threads(), t.threads() == 1 ? "" : "s",
                        t.millisPerBatch()))
                .collect(Collectors.joining(", ")) + " per batch of " + calibrationBatch
                + String.format(Locale.ROOT, "; chosen in %.0f ms)", calibrationMillis);
    }
}
