package org.secmlops.core.capability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.secmlops.core.gate.MetricDefinition;
import org.secmlops.core.capability.datacheck.DataCheckCapability;
import org.secmlops.core.capability.detection.DetectionCapability;
import org.secmlops.core.capability.evaluate.EvaluateCapability;
import org.secmlops.core.capability.monitor.MonitorCapability;
import org.secmlops.core.capability.robustness.RobustnessCapability;
import org.secmlops.core.capability.scan.ScanCapability;
import org.secmlops.core.capability.sign.SignCapability;
import org.secmlops.core.capability.sign.VerifyCapability;

class TrendMetricsTest {
    private static final List<Capability> ALL = List.of(ScanCapability.INSTANCE, SignCapability.INSTANCE,
            VerifyCapability.INSTANCE, EvaluateCapability.INSTANCE, RobustnessCapability.INSTANCE,
            DataCheckCapability.INSTANCE, MonitorCapability.INSTANCE, DetectionCapability.INSTANCE);

    @Test
    void everyCapabilityChartsOneOrTwoOfItsOwnMetricsOnTheJobPage() {
        for (Capability capability : ALL) {
            assertThat(capability.trendMetrics()).as(capability.id()).hasSizeBetween(1, 2)
                    .allSatisfy(metric -> assertThat(capability.catalog().find(metric)).as(metric).isPresent());
        }
    }

    @Test
    void countsAreDeclaredAsCountsAndSharesRatesAndUnitsAreNot() {
        assertThat(count(ScanCapability.INSTANCE, "CRITICAL_FINDINGS")).isTrue();
        assertThat(count(ScanCapability.INSTANCE, "NEW_FINDINGS")).isTrue();
        assertThat(count(DataCheckCapability.INSTANCE, DataCheckCapability.LABEL_ISSUES)).isTrue();
        assertThat(count(MonitorCapability.INSTANCE, "ATTACK_CLIENTS")).isTrue();
        assertThat(count(RobustnessCapability.INSTANCE, "NEWLY_BROKEN_SAMPLES")).isTrue();
        assertThat(count(DataCheckCapability.INSTANCE, "SUSPICIOUS_FRACTION")).isFalse();
        assertThat(count(RobustnessCapability.INSTANCE, "ROBUST_ACCURACY")).isFalse();
        for (Capability capability : ALL) {
            for (MetricDefinition metric : capability.catalog().metrics()) {
                String unit = capability.unit(metric.name());
                if (metric.description().contains("(0..1") || metric.description().startsWith("Share")
                        || !unit.isEmpty() && !"bytes".equals(unit)) {
                    assertThat(metric.count()).as(capability.id() + " " + metric.name()).isFalse();
                }
            }
        }
    }

    private static boolean count(Capability capability, String metric) {
        return capability.catalog().require(metric).count();
    }
}
