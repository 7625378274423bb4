package org.secmlops.core.sign;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measures model signing throughput on one large file (not a unit test; run by hand, see
 * {@code docs/benchmarks.md}):
 *
 * <pre>
 * fallocate -l 4G /tmp/secmlops-bench/model.bin   # or dd if=/dev/urandom ...
 * java -cp CLASSPATH org.secmlops.core.sign.HashingBenchmark /tmp/secmlops-bench [repeats] [quick]
 * </pre>
 *
 * <p>Prints, for each configuration, the best and median wall time of {@code repeats} runs (default 3) of a
 * complete {@link ModelSigner#sign} (enumerate, hash, sign, write the bundle) and the throughput in GB/s
 * (10^9 bytes per second). With {@code quick}, only the default configuration for this model (1 GB shards,
 * one thread per processor) runs. The first run of each configuration warms the JIT and the page cache and is not
 * counted.
 */
public final class HashingBenchmark {
    private HashingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: HashingBenchmark MODEL_DIR_OR_FILE [repeats] [quick]");
            System.exit(3);
        }
        Path model = Path.of(args[0]);
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        boolean quick = args.length > 2 && args[2].equals("quick");
        long bytes;
        try (var files = Files.walk(model)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(path -> path.toFile().length()).sum();
        }
        Path work = Files.createTempDirectory("secmlops-bench");
        SignFixtures.KeyFiles keys = SignFixtures.keyPair(work, "secp256r1", false);
        Path signature = work.resolve("model.sig");
        int processors = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "model %s: %.3f GB, %d processors, java %s, UseSHA=%s%n", model, bytes / 1e9,
                processors, System.getProperty("java.version"), useSha());

        if (quick) {
            run("shards method, 1 GB shards", SignRequest.of(model, signature, keys.privateKey())
                    .withMethod(SignRequest.Method.SHARDS, ModelManifest.DEFAULT_SHARD_SIZE).withThreads(processors),
                    bytes, repeats);
            return;
        }
        List<int[]> threadCounts = new ArrayList<>();
        threadCounts.add(new int[] {1});
        if (processors > 1) {
            threadCounts.add(new int[] {processors});
        }
        for (int[] threads : threadCounts) {
            run("files method (1 stream per file)", SignRequest.of(model, signature, keys.privateKey())
                    .withMethod(SignRequest.Method.FILES, ModelManifest.DEFAULT_SHARD_SIZE).withThreads(threads[0]),
                    bytes, repeats);
            run("shards method, 1 GB shards", SignRequest.of(model, signature, keys.privateKey())
                    .withMethod(SignRequest.Method.SHARDS, ModelManifest.DEFAULT_SHARD_SIZE).withThreads(threads[0]),
                    bytes, repeats);
            run("shards method, 256 MiB shards", SignRequest.of(model, signature, keys.privateKey())
                    .withMethod(SignRequest.Method.SHARDS, 256L << 20).withThreads(threads[0]), bytes, repeats);
        }
    }

    private static void run(String name, SignRequest request, long bytes, int repeats) throws Exception {
        new ModelSigner().sign(request, line -> { });
        long[] nanos = new long[repeats];
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            new ModelSigner().sign(request, line -> { });
            nanos[i] = System.nanoTime() - start;
        }
        java.util.Arrays.sort(nanos);
        double best = nanos[0] / 1e9;
        double median = nanos[repeats / 2] / 1e9;
        System.out.printf(Locale.ROOT, "%-34s threads=%d  best %.2f s (%.2f GB/s)  median %.2f s (%.2f GB/s)%n",
                name, request.threads(), best, bytes / best / 1e9, median, bytes / median / 1e9);
    }

    private static String useSha() {
        for (String argument : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (argument.contains("UseSHA")) {
                return argument;
            }
        }
        return "default";
    }
}
