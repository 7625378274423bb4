package org.secmlops.core.monitor;

import java.util.ArrayList;
import java.util.List;
import org.secmlops.core.capability.monitor.TimelinePoint;

/**
 * The per-request decisions of a window as a time series in bounded memory: the records are counted in at most
 * {@value #POINTS} stretches of equal length; when they are full, neighbours are merged and the stretch length
 * doubles, so a window of any length gives between {@value #POINTS}/2 and {@value #POINTS} points.
 */
final class DetectorTimeline {
    static final int POINTS = 100;

    private final long[] records = new long[POINTS];
    private final long[] adversarial = new long[POINTS];
    private final long[] flaggedClient = new long[POINTS];
    private long stretch = 1;
    private long seen;

    void add(boolean adversarialInput, boolean fromFlaggedClient) {
        int slot = (int) (seen / stretch);
        if (slot == POINTS) {
            merge();
            slot = (int) (seen / stretch);
        }
        records[slot]++;
        adversarial[slot] += adversarialInput ? 1 : 0;
        flaggedClient[slot] += fromFlaggedClient ? 1 : 0;
        seen++;
    }

    private void merge() {
        for (int i = 0; i < POINTS / 2; i++) {
            records[i] = records[2 * i] + records[2 * i + 1];
            adversarial[i] = adversarial[2 * i] + adversarial[2 * i + 1];
            flaggedClient[i] = flaggedClient[2 * i] + flaggedClient[2 * i + 1];
        }
        for (int i = POINTS / 2; i < POINTS; i++) {
            records[i] = 0;
            adversarial[i] = 0;
            flaggedClient[i] = 0;
        }
        stretch *= 2;
    }

    List<TimelinePoint> points() {
        List<TimelinePoint> out = new ArrayList<>();
        for (int i = 0; i < POINTS && records[i] > 0; i++) {
            out.add(new TimelinePoint(i * stretch + 1, records[i], (double) adversarial[i] / records[i],
                    (double) flaggedClient[i] / records[i]));
        }
        return out;
    }
}
