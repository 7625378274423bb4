package io.jenkins.plugins.secmlops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.doNothing;

import hudson.model.Item;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.StaplerRequest2;
import org.secmlops.core.gate.Baseline;
import org.secmlops.core.gate.Criticality;
import org.secmlops.core.gate.QualityGate;

class ConfigurationTest {
    /** Jenkins' Descriptor constructor needs a running Jenkins, so the double is made without it. */
    private static SecMLOpsConfiguration configuration(JenkinsFacade jenkins) {
        SecMLOpsConfiguration configuration = mock(SecMLOpsConfiguration.class, CALLS_REAL_METHODS);
        doReturn(jenkins).when(configuration).facade();
        doNothing().when(configuration).save();
        return configuration;
    }

    @Test
    void shouldFallBackToDefaultsFromInvalidValues() {
        SecMLOpsConfiguration configuration = configuration(mock(JenkinsFacade.class));

        configuration.setWorkerHeapMb(4096);
        configuration.setWorkerTimeoutMinutes(5);
        assertThat(configuration.workerSettings())
                .isEqualTo(new WorkerSettings(4096, Duration.ofMinutes(5), Criticality.UNSTABLE));
        configuration.setWorkerHeapMb(10);
        configuration.setWorkerTimeoutMinutes(-5);
        configuration.setDefaultCriticality(Criticality.FAILURE);
        assertThat(configuration.workerSettings())
                .isEqualTo(new WorkerSettings(2048, Duration.ofMinutes(60), Criticality.FAILURE));
    }

    @Test
    void shouldRemoveTheLastTrustedKeyWhenTheSubmittedFormHoldsNone() throws Exception {
        SecMLOpsConfiguration configuration = configuration(mock(JenkinsFacade.class));
        configuration.setTrustedKeys(java.util.List.of(new TrustedKey("release", "-----BEGIN PUBLIC KEY-----")));
        StaplerRequest2 request = mock(StaplerRequest2.class); // binds nothing, as for a form without keys

        assertThat(configuration.configure(request, null)).isTrue();

        assertThat(configuration.getTrustedKeys()).isEmpty();
        org.mockito.Mockito.verify(request).bindJSON(configuration, null);
    }

    @Test
    void shouldCheckAdministerPermissionBeforeAnyValidation() {
        JenkinsFacade jenkins = mock(JenkinsFacade.class);
        doThrow(new SecurityException("denied")).when(jenkins).checkAdminPermission();
        SecMLOpsConfiguration configuration = configuration(jenkins);

        assertThatThrownBy(() -> configuration.doCheckWorkerHeapMb("1")).hasMessage("denied");
        assertThatThrownBy(() -> configuration.doCheckWorkerTimeoutMinutes("1")).hasMessage("denied");
        assertThatThrownBy(configuration::doFillDefaultCriticalityItems).hasMessage("denied");
    }

    @Test
    void shouldCheckConfigurePermissionOfTheItemInGateForms() {
        JenkinsFacade jenkins = mock(JenkinsFacade.class);
        Item item = mock(Item.class);
        doThrow(new SecurityException("denied")).when(jenkins).checkConfigurePermission(item);
        QualityGateConfig.DescriptorImpl descriptor = mock(QualityGateConfig.DescriptorImpl.class, CALLS_REAL_METHODS);
        doReturn(jenkins).when(descriptor).facade();

        assertThatThrownBy(() -> descriptor.doCheckThreshold(item, "1")).hasMessage("denied");
        assertThatThrownBy(() -> descriptor.doFillCriticalityItems(item)).hasMessage("denied");
        assertThatThrownBy(() -> descriptor.doFillBaselineItems(item)).hasMessage("denied");
    }

    @Test
    void shouldTurnPipelineGateIntoCoreGate() {
        QualityGateConfig config = new QualityGateConfig(" robust_accuracy ", 0.6);
        config.setCriticality("failure");
        config.setBaseline("delta");

        assertThat(config.toGate(Criticality.UNSTABLE))
                .isEqualTo(new QualityGate("ROBUST_ACCURACY", 0.6, Criticality.FAILURE, Baseline.DELTA));
        assertThat(new QualityGateConfig("X", 1).toGate(Criticality.FAILURE).criticality())
                .isEqualTo(Criticality.FAILURE);
    }

    @Test
    void shouldNameAllowedValuesForBadCriticality() {
        QualityGateConfig config = new QualityGateConfig("X", 1);
        config.setCriticality("BLOCKER");

        assertThatThrownBy(() -> config.toGate(Criticality.UNSTABLE)).hasMessageContaining("BLOCKER")
                .hasMessageContaining("[UNSTABLE, FAILURE]");
    }

    @Test
    void shouldExplainBadNumbersInForms() {
        assertThat(FormChecks.integerProblem("2048", 64, 4096, "The heap")).isEmpty();
        assertThat(FormChecks.integerProblem("12", 64, 4096, "The heap")).contains("The heap must be between 64 and 4096.");
        assertThat(FormChecks.integerProblem("lots", 64, 4096, "The heap")).contains("The heap must be a whole number.");
        assertThat(FormChecks.numberProblem("0.5", "The threshold")).isEmpty();
        assertThat(FormChecks.numberProblem("NaN", "The threshold")).contains("The threshold must be finite.");
        assertThat(FormChecks.numberProblem("", "The threshold")).contains("The threshold must be a number.");
    }

    @Test
    void shouldValidateTrustedKeysAfterCheckingAdministerPermission() throws Exception {
        JenkinsFacade jenkins = mock(JenkinsFacade.class);
        doThrow(new SecurityException("denied")).when(jenkins).checkAdminPermission();
        TrustedKey.DescriptorImpl descriptor = mock(TrustedKey.DescriptorImpl.class, CALLS_REAL_METHODS);
        doReturn(jenkins).when(descriptor).facade();
        String pem = java.nio.file.Files.readString(StepHarness.testVectors()
                .resolve("model-transparency/keys/certificate/signing-key-pub.pem"));

        assertThatThrownBy(() -> descriptor.doCheckPublicKeyPem(pem)).hasMessage("denied");
        assertThatThrownBy(() -> descriptor.doCheckName("release")).hasMessage("denied");
        assertThat(TrustedKey.keyProblem(pem)).isEmpty();
        assertThat(TrustedKey.keyProblem("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----")).isPresent();
        assertThat(TrustedKey.keyProblem("")).isPresent();
        assertThat(TrustedKey.nameProblem("release-2026")).isEmpty();
        assertThat(TrustedKey.nameProblem("../etc")).isPresent();
    }

    @Test
    void shouldFindTrustedKeysByName() {
        SecMLOpsConfiguration configuration = configuration(mock(JenkinsFacade.class));
        configuration.setTrustedKeys(java.util.List.of(new TrustedKey(" release ", " PEM ")));

        assertThat(configuration.trustedKey("release")).contains("PEM");
        assertThat(configuration.trustedKey("staging")).isEmpty();
    }
}
