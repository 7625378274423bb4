package org.secmlops.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.secmlops.core.capability.monitor.TimelinePoint;

class DetectorTimelineTest {
    @Test
    void shouldKeepAtMostAHundredPointsByMergingNeighbours() {
        DetectorTimeline timeline = new DetectorTimeline();
        for (int i = 0; i < 250; i++) {
            timeline.add(i % 10 == 0, i >= 200);
        }

        List<TimelinePoint> points = timeline.points();

        // 250 records in stretches of 4 (doubled twice, at records 100 and 200): 62 full stretches and one of 2
        assertThat(points).hasSize(63);
        assertThat(points.get(0)).isEqualTo(new TimelinePoint(1, 4, 0.25, 0));
        assertThat(points.get(2)).isEqualTo(new TimelinePoint(9, 4, 0.25, 0));
        assertThat(points.get(1)).isEqualTo(new TimelinePoint(5, 4, 0, 0));
        assertThat(points.get(50)).isEqualTo(new TimelinePoint(201, 4, 0.25, 1));
        assertThat(points.get(62)).isEqualTo(new TimelinePoint(249, 2, 0, 1));
        assertThat(points.stream().mapToLong(TimelinePoint::records).sum()).isEqualTo(250);
    }

    @Test
    void shouldGiveOnePointPerRecordWhileThereAreFewRecords() {
        DetectorTimeline timeline = new DetectorTimeline();
        timeline.add(true, false);
        timeline.add(false, true);

        assertThat(timeline.points()).containsExactly(new TimelinePoint(1, 1, 1, 0), new TimelinePoint(2, 1, 0, 1));
    }
}
