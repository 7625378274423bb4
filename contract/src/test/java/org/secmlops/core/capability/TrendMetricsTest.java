package org.secmlops.core.capability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.secmlops.core.capability.datacheck.DataCheckCapability;
import org.secmlops.core.capability.detection.DetectionCapability;
import org.secmlops.core.capability.evaluate.EvaluateCapability;
import org.secmlops.core.capability.monitor.MonitorCapability;
import org.secmlops.core.capability.robustness.RobustnessCapability;
import org.secmlops.core.capability.scan.ScanCapability;
import org.secmlops.core.capability.sign.SignCapability;
import org.secmlops.core.capability.sign.VerifyCapability;

class TrendMetricsTest {
    @Test
    void everyCapabilityChartsOneOrTwoOfItsOwnMetricsOnTheJobPage() {
        for (Capability capability : List.of(ScanCapability.INSTANCE, SignCapability.INSTANCE,
                VerifyCapability.INSTANCE, EvaluateCapability.INSTANCE, RobustnessCapability.INSTANCE,
                DataCheckCapability.INSTANCE, MonitorCapability.INSTANCE, DetectionCapability.INSTANCE)) {
            assertThat(capability.trendMetrics()).as(capability.id()).hasSizeBetween(1, 2)
                    .allSatisfy(metric -> assertThat(capability.catalog().find(metric)).as(metric).isPresent());
        }
    }
}
