package org.secmlops.core.result;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Measures the wall time and peak memory of a piece of work in this process. */
public final class CostMeter {
    private static final Path PROC_STATUS = Path.of("/proc/self/status");

    private final long startNanos;
    private final List<MemoryPoolMXBean> heapPools;

    private CostMeter() {
        heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .toList();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        startNanos = System.nanoTime();
    }

    /** Starts measuring now. */
    public static CostMeter start() {
        return new CostMeter();
    }

    /** The cost from the start until now. */
    public SecurityCost stop() {
        long wallMillis = (System.nanoTime() - startNanos) / 1_000_000;
        long peakHeap = heapPools.stream().mapToLong(pool -> Math.max(0, pool.getPeakUsage().getUsed())).sum();
        return new SecurityCost(wallMillis, peakHeap, peakResidentBytes());
    }

    private static long peakResidentBytes() {
        try {
            for (String line : Files.readAllLines(PROC_STATUS, StandardCharsets.US_ASCII)) {
                if (line.startsWith("VmHWM:")) {
                    String kilobytes = line.substring("VmHWM:".length()).replace("kB", "").trim();
                    return Long.parseLong(kilobytes) * 1024;
                }
            }
        } catch (IOException | NumberFormatException unavailable) {
            return -1;
        }
        return -1;
    }
}
