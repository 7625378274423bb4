package io.jenkins.plugins.secmlops;

import hudson.Extension;
import java.util.ArrayList;
import java.util.List;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.secmlops.core.capability.Capability;
import org.secmlops.core.capability.datacheck.DataCheckCapability;

/**
 * {@code checkTrainingData data: 'train.csv', labelColumn: 'label'}: looks for poisoned and tampered
 * training data (label issues by confident learning and kNN disagreement, backdoors by spectral
 * signatures and activation clustering, duplicates and conflicts, drift against a trusted reference, and
 * changes against an approved manifest) and lists each suspect sample with its evidence.
 */
public class CheckTrainingDataStep extends ModelDataStep {
    static final String FUNCTION_NAME = "checkTrainingData";

    private String reference;
    private String referenceLabels;
    private Integer folds;
    private Integer k;
    private Long seed;
    private Integer maxSuspects;
    private String manifestOut;
    private String learnerCache;
    private String approvedManifest;
    private String cleanedOut;

    @DataBoundConstructor
    public CheckTrainingDataStep(String data) {
        super(null, data);
    }

    /** Optional: its probabilities and activations replace the cross-validated model and raw features. */
    @DataBoundSetter
    public void setModel(String model) {
        setModelPath(model);
    }

    public String getReference() {
        return reference;
    }

    /** Trusted reference data of the same kind, for drift. */
    @DataBoundSetter
    public void setReference(String reference) {
        this.reference = blankToNull(reference);
    }

    public String getReferenceLabels() {
        return referenceLabels;
    }

    @DataBoundSetter
    public void setReferenceLabels(String referenceLabels) {
        this.referenceLabels = blankToNull(referenceLabels);
    }

    public Integer getFolds() {
        return folds;
    }

    @DataBoundSetter
    public void setFolds(Integer folds) {
        this.folds = folds;
    }

    public Integer getK() {
        return k;
    }

    @DataBoundSetter
    public void setK(Integer k) {
        this.k = k;
    }

    public Long getSeed() {
        return seed;
    }

    @DataBoundSetter
    public void setSeed(Long seed) {
        this.seed = seed;
    }

    public Integer getMaxSuspects() {
        return maxSuspects;
    }

    @DataBoundSetter
    public void setMaxSuspects(Integer maxSuspects) {
        this.maxSuspects = maxSuspects;
    }

    public String getManifestOut() {
        return manifestOut;
    }

    /** Writes the per-sample SHA-256 manifest to this workspace file, for approval. */
    @DataBoundSetter
    public void setManifestOut(String manifestOut) {
        this.manifestOut = blankToNull(manifestOut);
    }

    public String getLearnerCache() {
        return learnerCache;
    }

    /**
     * A workspace file that keeps the cross-validated learners' probabilities between builds: a rerun trains the
     * learners only for added and modified samples.
     */
    @DataBoundSetter
    public void setLearnerCache(String learnerCache) {
        this.learnerCache = blankToNull(learnerCache);
    }

    public String getApprovedManifest() {
        return approvedManifest;
    }

    /** Lists every sample added, removed or modified since this approved manifest. */
    @DataBoundSetter
    public void setApprovedManifest(String approvedManifest) {
        this.approvedManifest = blankToNull(approvedManifest);
    }

    public String getCleanedOut() {
        return cleanedOut;
    }

    /** Writes a copy of the data without the suspicious samples; never over an input file. */
    @DataBoundSetter
    public void setCleanedOut(String cleanedOut) {
        this.cleanedOut = blankToNull(cleanedOut);
    }

    @Override
    public String functionName() {
        return FUNCTION_NAME;
    }

    @Override
    public Capability capability() {
        return DataCheckCapability.INSTANCE;
    }

    @Override
    public List<String> workerArguments() {
        List<String> arguments = new ArrayList<>(List.of("data-check"));
        arguments.addAll(modelDataArguments(false));
        option(arguments, "--reference", reference);
        option(arguments, "--reference-labels", referenceLabels);
        option(arguments, "--folds", folds);
        option(arguments, "--k", k);
        option(arguments, "--seed", seed);
        option(arguments, "--max-suspects", maxSuspects);
        option(arguments, "--manifest-out", manifestOut);
        option(arguments, "--approved-manifest", approvedManifest);
        option(arguments, "--cleaned-out", cleanedOut);
        option(arguments, "--learner-cache", learnerCache);
        return arguments;
    }

    /** The step's symbol and context. */
    @Extension
    public static class DescriptorImpl extends GateStepDescriptor {
        @Override
        public String getFunctionName() {
            return FUNCTION_NAME;
        }

        @Override
        public String getDisplayName() {
            return "Check training data for poisoning and tampering (SecMLOps)";
        }
    }
}
