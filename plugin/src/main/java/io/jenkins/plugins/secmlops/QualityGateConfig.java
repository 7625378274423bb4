package io.jenkins.plugins.secmlops;

import hudson.Extension;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.io.Serializable;
import java.util.Locale;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;
import org.secmlops.core.gate.Baseline;
import org.secmlops.core.gate.Criticality;
import org.secmlops.core.gate.QualityGate;

/**
 * A quality gate as written in a Jenkinsfile: {@code [metric: 'CRITICAL_FINDINGS', threshold: 0,
 * criticality: 'FAILURE']}, optionally {@code baseline: 'DELTA'}.
 */
public class QualityGateConfig extends AbstractDescribableImpl<QualityGateConfig> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String metric;
    private final double threshold;
    private String criticality;
    private String baseline = Baseline.ABSOLUTE.name();

    @DataBoundConstructor
    public QualityGateConfig(String metric, double threshold) {
        this.metric = metric == null ? "" : metric.trim().toUpperCase(Locale.ROOT);
        this.threshold = threshold;
    }

    public String getMetric() {
        return metric;
    }

    public double getThreshold() {
        return threshold;
    }

    public String getCriticality() {
        return criticality;
    }

    /** {@code UNSTABLE} or {@code FAILURE}; empty means the global default. */
    @DataBoundSetter
    public void setCriticality(String criticality) {
        this.criticality = criticality == null || criticality.isBlank() ? null
                : criticality.trim().toUpperCase(Locale.ROOT);
    }

    public String getBaseline() {
        return baseline;
    }

    /** {@code ABSOLUTE} (default) or {@code DELTA}. */
    @DataBoundSetter
    public void setBaseline(String baseline) {
        this.baseline = baseline == null || baseline.isBlank() ? Baseline.ABSOLUTE.name()
                : baseline.trim().toUpperCase(Locale.ROOT);
    }

    /**
     * The core gate this configuration describes.
     *
     * @throws IllegalArgumentException naming the bad value and the allowed ones
     */
    public QualityGate toGate(Criticality defaultCriticality) {
        Criticality chosen = criticality == null ? defaultCriticality : parse(Criticality.class, criticality, "criticality");
        return new QualityGate(metric, threshold, chosen, parse(Baseline.class, baseline, "baseline"));
    }

    private <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Quality gate on " + metric + ": " + field + " '" + value
                    + "' is not one of " + java.util.Arrays.toString(type.getEnumConstants()), e);
        }
    }

    /** The gate's form and symbol {@code qualityGate}. */
    @Extension
    @Symbol("qualityGate")
    public static class DescriptorImpl extends Descriptor<QualityGateConfig> {
        JenkinsFacade facade() {
            return new JenkinsFacade();
        }

        @Override
        public String getDisplayName() {
            return "Quality gate";
        }

        @POST
        public FormValidation doCheckThreshold(@AncestorInPath Item item, @QueryParameter String value) {
            facade().checkConfigurePermission(item);
            return FormChecks.finiteNumber(value, "The threshold");
        }

        @POST
        public ListBoxModel doFillCriticalityItems(@AncestorInPath Item item) {
            facade().checkConfigurePermission(item);
            return FormChecks.gateCriticalityItems(facade().configuration().workerSettings().defaultCriticality());
        }

        @POST
        public ListBoxModel doFillBaselineItems(@AncestorInPath Item item) {
            facade().checkConfigurePermission(item);
            return FormChecks.baselineItems();
        }
    }
}
