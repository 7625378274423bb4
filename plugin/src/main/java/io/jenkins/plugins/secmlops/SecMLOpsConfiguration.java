package io.jenkins.plugins.secmlops;

import hudson.Extension;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jenkins.model.GlobalConfiguration;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;
import org.secmlops.core.gate.Criticality;

/** The plugin's defaults on Manage Jenkins &gt; System; configuration-as-code name {@code secmlops}. */
@Extension
@Symbol("secmlops")
public class SecMLOpsConfiguration extends GlobalConfiguration {
    static final int DEFAULT_HEAP_MB = 2048;
    static final int DEFAULT_TIMEOUT_MINUTES = 60;
    static final int MAX_TIMEOUT_MINUTES = 7 * 24 * 60;

    private int workerHeapMb = DEFAULT_HEAP_MB;
    private int workerTimeoutMinutes = DEFAULT_TIMEOUT_MINUTES;
    private Criticality defaultCriticality = Criticality.UNSTABLE;
    private List<TrustedKey> trustedKeys = new ArrayList<>();
    private String mavenRepositoryUrl = WorkerSettings.MAVEN_CENTRAL;

    public SecMLOpsConfiguration() {
        load();
    }

    JenkinsFacade facade() {
        return new JenkinsFacade();
    }

    public int getWorkerHeapMb() {
        return workerHeapMb;
    }

    @DataBoundSetter
    public void setWorkerHeapMb(int workerHeapMb) {
        this.workerHeapMb = workerHeapMb;
        save();
    }

    public int getWorkerTimeoutMinutes() {
        return workerTimeoutMinutes;
    }

    @DataBoundSetter
    public void setWorkerTimeoutMinutes(int workerTimeoutMinutes) {
        this.workerTimeoutMinutes = workerTimeoutMinutes;
        save();
    }

    public Criticality getDefaultCriticality() {
        return defaultCriticality;
    }

    @DataBoundSetter
    public void setDefaultCriticality(Criticality defaultCriticality) {
        this.defaultCriticality = defaultCriticality == null ? Criticality.UNSTABLE : defaultCriticality;
        save();
    }

    public String getMavenRepositoryUrl() {
        return mavenRepositoryUrl == null || mavenRepositoryUrl.isBlank() ? WorkerSettings.MAVEN_CENTRAL
                : mavenRepositoryUrl;
    }

    /** Base URL of the Maven repository that ML engines' native libraries are downloaded from. */
    @DataBoundSetter
    public void setMavenRepositoryUrl(String mavenRepositoryUrl) {
        this.mavenRepositoryUrl = mavenRepositoryUrl == null ? null : mavenRepositoryUrl.trim();
        save();
    }

    public List<TrustedKey> getTrustedKeys() {
        return trustedKeys == null ? List.of() : List.copyOf(trustedKeys);
    }

    /** Public keys that {@code verifyModel trustedKey: NAME} may name. */
    @DataBoundSetter
    public void setTrustedKeys(List<TrustedKey> trustedKeys) {
        this.trustedKeys = trustedKeys == null ? new ArrayList<>() : new ArrayList<>(trustedKeys);
        save();
    }

    /**
     * Applies the submitted form. An empty list of trusted keys is not part of a submitted form at all, so the
     * keys are cleared first: otherwise the last key could never be removed.
     */
    @Override
    public boolean configure(StaplerRequest2 request, JSONObject json) throws FormException {
        trustedKeys = new ArrayList<>();
        request.bindJSON(this, json);
        save();
        return true;
    }

    /** The PEM of the trusted key with this name. */
    public Optional<String> trustedKey(String name) {
        return getTrustedKeys().stream().filter(key -> key.getName().equals(name)).map(TrustedKey::getPublicKeyPem)
                .findFirst();
    }

    /** The settings a worker runs with, falling back to the defaults for values out of range. */
    public WorkerSettings workerSettings() {
        int heap = workerHeapMb >= 64 ? workerHeapMb : DEFAULT_HEAP_MB;
        int minutes = workerTimeoutMinutes > 0 && workerTimeoutMinutes <= MAX_TIMEOUT_MINUTES
                ? workerTimeoutMinutes : DEFAULT_TIMEOUT_MINUTES;
        String repository = FormChecks.repositoryProblem(getMavenRepositoryUrl()).isEmpty() ? getMavenRepositoryUrl()
                : WorkerSettings.MAVEN_CENTRAL;
        return new WorkerSettings(heap, Duration.ofMinutes(minutes),
                defaultCriticality == null ? Criticality.UNSTABLE : defaultCriticality, repository);
    }

    @POST
    public FormValidation doCheckWorkerHeapMb(@QueryParameter String value) {
        facade().checkAdminPermission();
        return FormChecks.integerInRange(value, 64, 1024 * 1024, "The worker heap");
    }

    @POST
    public FormValidation doCheckWorkerTimeoutMinutes(@QueryParameter String value) {
        facade().checkAdminPermission();
        return FormChecks.integerInRange(value, 1, MAX_TIMEOUT_MINUTES, "The worker timeout");
    }

    @POST
    public FormValidation doCheckMavenRepositoryUrl(@QueryParameter String value) {
        facade().checkAdminPermission();
        return FormChecks.repositoryProblem(value).map(FormValidation::error).orElseGet(FormValidation::ok);
    }

    @POST
    public ListBoxModel doFillDefaultCriticalityItems() {
        facade().checkAdminPermission();
        return FormChecks.criticalityItems();
    }
}
