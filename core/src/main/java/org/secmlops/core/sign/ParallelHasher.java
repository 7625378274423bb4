package org.secmlops.core.sign;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * SHA-256 of files and byte ranges of files, in parallel on a bounded pool of threads. Each thread reads
 * with positional {@link FileChannel} reads into one fixed buffer, so memory does not grow with the model:
 * at most {@code threads × }{@link #BUFFER_SIZE} bytes of buffers, whatever the file sizes. Large tasks are
 * started first so that the threads finish together.
 */
final class ParallelHasher {
    /** The read buffer of each thread. */
    static final int BUFFER_SIZE = 1 << 20;
    private static final long PROGRESS_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final int threads;

    /** @param threads the most threads that hash at once, at least 1 */
    ParallelHasher(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("At least one hashing thread is needed, got " + threads);
        }
        this.threads = threads;
    }

    /** The default: one thread per available processor. */
    static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * One thing to hash.
     *
     * @param label names the task in messages (the resource name)
     * @param file  the file
     * @param start first byte
     * @param end   the byte after the last, or -1 for the end of the file
     */
    record Task(String label, Path file, long start, long end) {
        long expectedBytes(long fileSize) {
            return (end < 0 ? fileSize : end) - start;
        }
    }

    /**
     * The outcome of one task.
     *
     * @param sha256 the digest, or {@code null} when the file could not be read
     * @param bytes  bytes hashed
     * @param error  why the file could not be read; {@code null} on success
     */
    record Outcome(byte[] sha256, long bytes, String error) {
        boolean ok() {
            return error == null;
        }
    }

    /**
     * Hashes all tasks; an unreadable file is an outcome with an error, not an exception.
     *
     * @param tasks      what to hash
     * @param totalBytes the expected total, for progress lines only
     * @param progress   receives a few progress lines
     * @return one outcome per task, in task order
     * @throws IOException if interrupted
     */
    List<Outcome> hash(List<Task> tasks, long totalBytes, Consumer<String> progress) throws IOException {
        Outcome[] outcomes = new Outcome[tasks.size()];
        if (tasks.isEmpty()) {
            return List.of();
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingLong((Integer i) -> -taskWeight(tasks.get(i))));
        int poolSize = Math.min(threads, tasks.size());
        ExecutorService pool = Executors.newFixedThreadPool(poolSize, new HashThreads());
        AtomicLong done = new AtomicLong();
        long started = System.nanoTime();
        try {
            CompletionService<Integer> completion = new ExecutorCompletionService<>(pool);
            ThreadLocal<byte[]> buffers = ThreadLocal.withInitial(() -> new byte[BUFFER_SIZE]);
            for (int index : order) {
                completion.submit(() -> {
                    outcomes[index] = hashOne(tasks.get(index), buffers.get(), done);
                    return index;
                });
            }
            long lastReport = started;
            for (int remaining = tasks.size(); remaining > 0; ) {
                Future<Integer> finished = completion.poll(1, TimeUnit.SECONDS);
                if (finished != null) {
                    finished.get();
                    remaining--;
                }
                long now = System.nanoTime();
                if (remaining > 0 && now - lastReport >= PROGRESS_INTERVAL_NANOS) {
                    lastReport = now;
                    progress.accept(String.format(Locale.ROOT, "hashed %s of %s (%d%%), %s",
                            bytes(done.get()), bytes(totalBytes),
                            totalBytes == 0 ? 100 : Math.min(100, done.get() * 100 / totalBytes),
                            rate(done.get(), now - started)));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while hashing the model", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("hashing failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        progress.accept(String.format(Locale.ROOT, "hashed %d %s, %s with %d threads, %s",
                tasks.size(), tasks.size() == 1 ? "item" : "items", bytes(done.get()), poolSize,
                rate(done.get(), System.nanoTime() - started)));
        return List.of(outcomes);
    }

    private static long taskWeight(Task task) {
        if (task.end() >= 0) {
            return task.end() - task.start();
        }
        try {
            return java.nio.file.Files.size(task.file());
        } catch (IOException e) {
            return 0;
        }
    }

    private static Outcome hashOne(Task task, byte[] buffer, AtomicLong done) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
        long position = task.start();
        long limit = task.end() < 0 ? Long.MAX_VALUE : task.end();
        try (FileChannel channel = FileChannel.open(task.file(), StandardOpenOption.READ)) {
            ByteBuffer wrapper = ByteBuffer.wrap(buffer);
            while (position < limit) {
                wrapper.clear();
                wrapper.limit((int) Math.min(buffer.length, limit - position));
                int read = channel.read(wrapper, position);
                if (read < 0) {
                    break;
                }
                sha256.update(buffer, 0, read);
                position += read;
                done.addAndGet(read);
            }
            if (task.end() >= 0 && position < task.end()) {
                return new Outcome(null, position - task.start(), "the file ended at byte " + position
                        + " while hashing bytes " + task.start() + " to " + task.end());
            }
            return new Outcome(sha256.digest(), position - task.start(), null);
        } catch (NoSuchFileException e) {
            return new Outcome(null, 0, "the file disappeared while hashing");
        } catch (IOException e) {
            return new Outcome(null, position - task.start(), "cannot read the file: " + e.getMessage());
        }
    }

    static String bytes(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30));
        }
        if (bytes >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
        }
        return bytes + " bytes";
    }

    private static String rate(long bytes, long nanos) {
        double seconds = Math.max(nanos, 1) / 1e9;
        return String.format(Locale.ROOT, "%.2f s at %.0f MB/s", seconds, bytes / seconds / 1e6);
    }

    private static final class HashThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable runnable) {
            Thread thread = new Thread(runnable, "secmlops-hash-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
