package org.secmlops.core.model;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Chooses a model's intra-op threads by timing it. Small models run faster on one thread: on a 2-core agent waking
 * a second engine thread for a 0.1 ms operation costs more than it saves, and it competes with the attack's own
 * Java work; large models gain from every core.
 *
 * <p>First a probe: passes of {@value #PROBE} random samples with one thread per core, after one untimed pass, until
 * one of them, scaled to a batch of {@value #BATCH}, takes less than {@value #ALL_CORES_MILLIS} ms (at most 8
 * passes; after two, at most 0.3 s: the first passes of a freshly loaded model are slow while the engine and the JIT
 * warm up). When none does, every core is kept ("rule": the engine's work dominates). Otherwise, after a few
 * warm-up passes, passes of a batch of {@value #BATCH} with one thread per core and with one thread alternate (so
 * that a change in the machine's load hits both) and the configuration with the fastest pass is kept ("calibration").
 * The timed pass is the one the run will make most ({@link CalibrationPass}): forward for an evaluation,
 * forward+backward for white-box attacks (where the model has gradients); their best thread counts can differ. That
 * is at most 9 small probe passes and 17 timed passes of a model whose forward pass takes under
 * {@value #ALL_CORES_MILLIS} ms (plus, for TensorFlow and ONNX Runtime, loading a second session); a large model
 * pays 3 small passes, or as many as fit in 0.3 s.
 */
final class ThreadCalibration {
    /** A forward pass at least this slow with every core keeps every core without trying one thread. */
    static final double ALL_CORES_MILLIS = 20;
    /** The batch the trials time; the default batch size of evaluate and robustness. */
    static final int BATCH = 64;
    /** The samples of the first passes, which decide whether the model is large enough to keep every core. */
    static final int PROBE = 8;
    /** The most probe passes, and the time after which the probe stops (after two passes) when none was fast. */
    private static final int PROBE_PASSES = 8;
    private static final long PROBE_BUDGET_NANOS = 300_000_000L;
    private static final int WARM_UP_PASSES = 3;
    private static final int TIMED_ROUNDS = 5;

    /** Opens the same model again with the given intra-op threads. */
    @FunctionalInterface
    interface Reopen {
        LoadedModel open(int intraOp) throws ModelException;
    }

    private final int cores;

    ThreadCalibration(int cores) {
        this.cores = cores;
    }

    /** The configuration chosen and the model to keep (the one given or its reopened copy; the other is closed). */
    record Choice(LoadedModel model, EngineThreads threads) {
    }

    /**
     * Times {@code model} (opened with {@link #cores} threads) against one thread and returns the faster.
     *
     * @param width     the values of one sample, or 0 when unknown (then nothing is timed)
     * @param interOp   the inter-op threads to record
     * @param reopen    how to open the model with one thread (TensorFlow, ONNX Runtime); {@code null} when the
     *                  thread count can be changed in place (PyTorch)
     * @param toTime    the pass to time
     */
    Choice choose(LoadedModel model, int width, int interOp, Reopen reopen, CalibrationPass toTime)
            throws ModelException {
        if (cores < 2 || width < 1) {
            return new Choice(model, EngineThreads.untimed(cores, interOp, "default"));
        }
        Pass probePass = new Pass(CalibrationPass.FORWARD, randomBatch(PROBE, width), null);
        probePass.run(model);
        double probeMillis = Double.POSITIVE_INFINITY;
        long probeStart = System.nanoTime();
        for (int pass = 0; pass < PROBE_PASSES && probeMillis * BATCH / PROBE >= ALL_CORES_MILLIS
                && (pass < 2 || System.nanoTime() - probeStart < PROBE_BUDGET_NANOS); pass++) {
            probeMillis = Math.min(probeMillis, probePass.timed(model));
        }
        if (probeMillis * BATCH / PROBE >= ALL_CORES_MILLIS) {
            return new Choice(model, EngineThreads.timed(cores, interOp, "rule", PROBE, CalibrationPass.FORWARD,
                    List.of(trial(cores, probeMillis, PROBE))));
        }
        float[][] batch = randomBatch(BATCH, width);
        Pass timedPass = pass(model, batch, toTime);
        for (int warm = 0; warm < WARM_UP_PASSES; warm++) {
            timedPass.run(model);
        }
        double first = timedPass.timed(model);
        LoadedModel single = reopen == null ? model : reopen.open(1);
        double[] best = {Double.POSITIVE_INFINITY, first};
        try {
            setThreads(single, reopen, 1);
            for (int warm = 0; warm < WARM_UP_PASSES; warm++) {
                timedPass.run(single);
            }
            for (int round = 0; round < TIMED_ROUNDS; round++) {
                setThreads(single, reopen, 1);
                best[0] = Math.min(best[0], timedPass.timed(single));
                setThreads(model, reopen, cores);
                best[1] = Math.min(best[1], timedPass.timed(model));
            }
        } catch (ModelException | RuntimeException e) {
            if (single != model) {
                single.close();
            }
            throw e;
        }
        boolean oneWins = best[0] < best[1];
        if (single != model) {
            (oneWins ? model : single).close();
        }
        return new Choice(oneWins ? single : model, EngineThreads.timed(oneWins ? 1 : cores, interOp, "calibration",
                BATCH, timedPass.kind(), List.of(trial(1, best[0], BATCH), trial(cores, best[1], BATCH))));
    }

    /** The timed pass on one batch; {@code labels} for the loss of a forward+backward pass. */
    private record Pass(CalibrationPass kind, float[][] batch, int[] labels) {
        void run(LoadedModel model) throws ModelException {
            if (kind == CalibrationPass.GRADIENT) {
                model.outputsAndGradient(batch, labels);
            } else {
                model.predict(batch);
            }
        }

        double timed(LoadedModel model) throws ModelException {
            long start = System.nanoTime();
            run(model);
            return (System.nanoTime() - start) / 1e6;
        }
    }

    /**
     * The pass to time: forward+backward where asked for and the model computes it, else forward (a model whose
     * gradient fails is left for the attack to report, not refused at load).
     */
    private static Pass pass(LoadedModel model, float[][] batch, CalibrationPass toTime) throws ModelException {
        if (toTime == CalibrationPass.GRADIENT && model.supportsGradients()) {
            Pass gradient = new Pass(CalibrationPass.GRADIENT, batch, labels(model.predict(batch)));
            try {
                gradient.run(model);
                return gradient;
            } catch (ModelException | RuntimeException e) {
                return new Pass(CalibrationPass.FORWARD, batch, null);
            }
        }
        return new Pass(CalibrationPass.FORWARD, batch, null);
    }

    /** Each row's top class: the labels whose loss a forward+backward trial differentiates. */
    private static int[] labels(float[][] outputs) {
        int[] labels = new int[outputs.length];
        for (int i = 0; i < outputs.length; i++) {
            labels[i] = Outputs.argmax(outputs[i]);
        }
        return labels;
    }

    /** PyTorch's threads are process-wide and change in place; the others are fixed per session. */
    private static void setThreads(LoadedModel model, Reopen reopen, int threads) {
        if (reopen == null) {
            ((DjlBlockModel) model).trialThreads(threads);
        }
    }

    private static ThreadTrial trial(int threads, double millis, int samples) {
        return new ThreadTrial(threads, millis, samples / millis * 1000);
    }

    private static float[][] randomBatch(int samples, int width) {
        SplittableRandom random = new SplittableRandom(17);
        float[][] batch = new float[samples][width];
        for (float[] row : batch) {
            for (int j = 0; j < width; j++) {
                row[j] = (float) random.nextDouble();
            }
        }
        return batch;
    }
}
