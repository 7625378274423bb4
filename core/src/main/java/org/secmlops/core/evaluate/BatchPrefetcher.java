package org.secmlops.core.evaluate;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.secmlops.core.data.Batch;
import org.secmlops.core.data.DatasetException;
import org.secmlops.core.data.SampleSource;
import org.secmlops.core.data.ShardedBatches;

/**
 * Reads and prepares the next batch on a background thread while the caller runs the model on the current one, so
 * that decompression, parsing and preprocessing overlap with the engine. At most two batches are held. The source
 * is read by one thread only, in order; errors surface from {@link #next} at the batch they belong to.
 */
final class BatchPrefetcher implements AutoCloseable {
    /** A batch and the model inputs prepared from it. */
    record Prepared(long index, Batch batch, float[][] inputs) {
    }

    /** Turns a batch's raw samples into model inputs. */
    interface Preparation {
        float[][] apply(Batch batch) throws DatasetException;
    }

    private final SampleSource source;
    private final ShardedBatches batches;
    private final Preparation preparation;
    private final ExecutorService reader;
    private Future<Prepared> pending;

    /** Reads the batches of one shard of the source ({@link ShardedBatches}). */
    BatchPrefetcher(SampleSource source, ShardedBatches batches, Preparation preparation) {
        this.source = source;
        this.batches = batches;
        this.preparation = preparation;
        this.reader = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "secmlops-batch-reader");
            thread.setDaemon(true);
            return thread;
        });
        this.pending = reader.submit(this::read);
    }

    private Prepared read() throws DatasetException {
        ShardedBatches.Owned owned = batches.next();
        return owned == null ? null : new Prepared(owned.index(), owned.batch(), preparation.apply(owned.batch()));
    }

    /** The next prepared batch, or {@code null} after the last one; starts reading the one after it. */
    Prepared next() throws DatasetException {
        if (pending == null) {
            return null;
        }
        Prepared current;
        try {
            current = pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatasetException("Interrupted while reading " + source.description(), e);
        } catch (ExecutionException e) {
            pending = null;
            Throwable cause = e.getCause();
            if (cause instanceof DatasetException dataset) {
                throw dataset;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new DatasetException("Cannot read " + source.description() + ": " + cause, cause);
        }
        pending = current == null ? null : reader.submit(this::read);
        return current;
    }

    /** Waits for a read in progress (one batch at most) and stops the thread; the source stays open. */
    @Override
    public void close() {
        reader.shutdown();
        try {
            if (!reader.awaitTermination(1, TimeUnit.MINUTES)) {
                reader.shutdownNow();
            }
        } catch (InterruptedException e) {
            reader.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
