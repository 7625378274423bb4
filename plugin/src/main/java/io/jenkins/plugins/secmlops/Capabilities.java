package io.jenkins.plugins.secmlops;

import java.util.List;
import java.util.Optional;
import org.secmlops.core.capability.Capability;
import org.secmlops.core.capability.datacheck.DataCheckCapability;
import org.secmlops.core.capability.detection.DetectionCapability;
import org.secmlops.core.capability.evaluate.EvaluateCapability;
import org.secmlops.core.capability.monitor.MonitorCapability;
import org.secmlops.core.capability.robustness.RobustnessCapability;
import org.secmlops.core.capability.scan.ScanCapability;
import org.secmlops.core.capability.sign.SignCapability;
import org.secmlops.core.capability.sign.VerifyCapability;
import org.secmlops.core.report.DetailSection;

/** The capabilities the plugin's steps run. */
final class Capabilities {
    static final List<Capability> ALL = List.of(ScanCapability.INSTANCE, SignCapability.INSTANCE,
            VerifyCapability.INSTANCE, EvaluateCapability.INSTANCE, RobustnessCapability.INSTANCE,
            DataCheckCapability.INSTANCE, MonitorCapability.INSTANCE, DetectionCapability.INSTANCE);

    private Capabilities() {
    }

    static Optional<Capability> find(String id) {
        return ALL.stream().filter(capability -> capability.id().equals(id)).findFirst();
    }

    static DetailSection detailSection(String id) {
        return find(id).map(Capability::detailSection).orElse(DetailSection.NONE);
    }
}
