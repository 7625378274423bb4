package io.jenkins.plugins.secmlops;

import java.util.List;

/**
 * One build's SecMLOps runs, as the trend charts see them.
 *
 * @param number the build's number, which names its URL, e.g. {@code 12}
 * @param label  the build's label, e.g. {@code #12}
 * @param runs   its gate runs
 */
record BuildEntry(int number, String label, List<GateRunSummary> runs) {
    BuildEntry {
        runs = List.copyOf(runs);
    }
}
