package io.jenkins.plugins.secmlops;

import hudson.Extension;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.secmlops.core.capability.Capability;
import org.secmlops.core.capability.robustness.RobustnessCapability;

/**
 * {@code evaluateRobustness model: 'model/', data: 'test.csv', labelColumn: 'label', attacks: ['fgsm', 'pgd'],
 * eps: [0.03]}: attacks the model (white-box FGSM, PGD, APGD; black-box Square and SPSA; natural
 * corruptions; optionally randomized-smoothing certification) and gates on its worst-case robust accuracy
 * and on the evaluation's own validity flags.
 */
public class EvaluateRobustnessStep extends ShardableStep {
    static final String FUNCTION_NAME = "evaluateRobustness";

    private List<String> attacks = new ArrayList<>();
    private List<Double> eps = new ArrayList<>();
    private String norm;
    private Integer steps;
    private Double stepSizeRatio;
    private Boolean randomStart;
    private Integer restarts;
    private Integer queries;
    private Long seed;
    private Integer maxSamples;
    private List<Integer> severities = new ArrayList<>();
    private String validRange;
    private Double smoothingSigma;
    private List<Double> radii = new ArrayList<>();
    private Double alpha;
    private Integer spsaSamples;
    private Integer smoothingN0;
    private Integer smoothingN;
    private Integer examples;
    private List<String> defenses = new ArrayList<>();
    private Integer eotSamples;
    private List<String> candidateModels = new ArrayList<>();

    @DataBoundConstructor
    public EvaluateRobustnessStep(String model, String data) {
        super(model, data);
    }

    public List<String> getAttacks() {
        return List.copyOf(attacks);
    }

    /** Attacks and corruptions: fgsm, pgd, apgd, square, spsa, noise, blur, brightness, contrast, jpeg, occlusion. */
    @DataBoundSetter
    public void setAttacks(List<String> attacks) {
        this.attacks = FormLists.split(attacks, FormLists.NAMES);
    }

    public List<Double> getEps() {
        return List.copyOf(eps);
    }

    /** Perturbation budgets in model-input units; the gate metrics use the largest. */
    @DataBoundSetter
    public void setEps(List<Double> eps) {
        this.eps = eps == null ? new ArrayList<>() : new ArrayList<>(eps);
    }

    public String getNorm() {
        return norm;
    }

    /** {@code linf} (default) or {@code l2}. */
    @DataBoundSetter
    public void setNorm(String norm) {
        this.norm = blankToNull(norm);
    }

    public Integer getSteps() {
        return steps;
    }

    @DataBoundSetter
    public void setSteps(Integer steps) {
        this.steps = steps;
    }

    public Double getStepSizeRatio() {
        return stepSizeRatio;
    }

    @DataBoundSetter
    public void setStepSizeRatio(Double stepSizeRatio) {
        this.stepSizeRatio = stepSizeRatio;
    }

    public Boolean getRandomStart() {
        return randomStart;
    }

    @DataBoundSetter
    public void setRandomStart(Boolean randomStart) {
        this.randomStart = randomStart;
    }

    public Integer getRestarts() {
        return restarts;
    }

    @DataBoundSetter
    public void setRestarts(Integer restarts) {
        this.restarts = restarts;
    }

    public Integer getQueries() {
        return queries;
    }

    /** Forward passes per sample for the black-box attacks. */
    @DataBoundSetter
    public void setQueries(Integer queries) {
        this.queries = queries;
    }

    public Long getSeed() {
        return seed;
    }

    /** The same seed gives identical results. */
    @DataBoundSetter
    public void setSeed(Long seed) {
        this.seed = seed;
    }

    public Integer getMaxSamples() {
        return maxSamples;
    }

    @DataBoundSetter
    public void setMaxSamples(Integer maxSamples) {
        this.maxSamples = maxSamples;
    }

    public List<Integer> getSeverities() {
        return List.copyOf(severities);
    }

    /** Corruption severities 1 to 5. */
    @DataBoundSetter
    public void setSeverities(List<Integer> severities) {
        this.severities = severities == null ? new ArrayList<>() : new ArrayList<>(severities);
    }

    public String getValidRange() {
        return validRange;
    }

    /** The valid range of the model's input values, e.g. {@code '0,1'}. */
    @DataBoundSetter
    public void setValidRange(String validRange) {
        this.validRange = blankToNull(validRange);
    }

    public Double getSmoothingSigma() {
        return smoothingSigma;
    }

    /** Certify with randomized smoothing at this noise level. */
    @DataBoundSetter
    public void setSmoothingSigma(Double smoothingSigma) {
        this.smoothingSigma = smoothingSigma;
    }

    public List<Double> getRadii() {
        return List.copyOf(radii);
    }

    @DataBoundSetter
    public void setRadii(List<Double> radii) {
        this.radii = radii == null ? new ArrayList<>() : new ArrayList<>(radii);
    }

    public Double getAlpha() {
        return alpha;
    }

    /** Failure probability of a certificate. */
    @DataBoundSetter
    public void setAlpha(Double alpha) {
        this.alpha = alpha;
    }

    @Override
    public String functionName() {
        return FUNCTION_NAME;
    }

    @Override
    public Capability capability() {
        return RobustnessCapability.INSTANCE;
    }

    public Integer getSpsaSamples() {
        return spsaSamples;
    }

    /** SPSA perturbation samples per iteration (even; default 32). */
    @DataBoundSetter
    public void setSpsaSamples(Integer spsaSamples) {
        this.spsaSamples = spsaSamples;
    }

    public Integer getSmoothingN0() {
        return smoothingN0;
    }

    /** Randomized smoothing: noise samples to pick the class (default 32). */
    @DataBoundSetter
    public void setSmoothingN0(Integer smoothingN0) {
        this.smoothingN0 = smoothingN0;
    }

    public Integer getSmoothingN() {
        return smoothingN;
    }

    /** Randomized smoothing: noise samples for the certified bound (default 256). */
    @DataBoundSetter
    public void setSmoothingN(Integer smoothingN) {
        this.smoothingN = smoothingN;
    }

    public Integer getExamples() {
        return examples;
    }

    /** Clean/adversarial pairs shown in the report for image-shaped samples (default 4). */
    @DataBoundSetter
    public void setExamples(Integer examples) {
        this.examples = examples;
    }

    public List<String> getDefenses() {
        return List.copyOf(defenses);
    }

    /**
     * Defenses whose security–performance trade-off is measured beside the undefended model, e.g.
     * {@code ['bit-depth:3', 'median:3', 'jpeg:75', 'squeeze-detector:fpr=0.05']}.
     */
    @DataBoundSetter
    public void setDefenses(List<String> defenses) {
        this.defenses = FormLists.split(defenses, FormLists.SPECS);
    }

    public List<String> getCandidateModels() {
        return List.copyOf(candidateModels);
    }

    /** Other models for the same task (e.g. adversarially trained) compared with {@code model} in the trade-off. */
    @DataBoundSetter
    public void setCandidateModels(List<String> candidateModels) {
        this.candidateModels = FormLists.split(candidateModels, FormLists.PATHS);
    }

    public Integer getEotSamples() {
        return eotSamples;
    }

    /** Draws each adaptive gradient of a randomized defense averages (EOT; default 10). */
    @DataBoundSetter
    public void setEotSamples(Integer eotSamples) {
        this.eotSamples = eotSamples;
    }

    @Override
    public List<String> workerArguments() {
        List<String> arguments = new ArrayList<>(List.of("robustness"));
        arguments.addAll(modelDataArguments(true));
        option(arguments, "--attack", joined(attacks));
        option(arguments, "--eps", joined(eps));
        option(arguments, "--norm", norm);
        option(arguments, "--steps", steps);
        option(arguments, "--step-size-ratio", stepSizeRatio);
        option(arguments, "--random-start", randomStart);
        option(arguments, "--restarts", restarts);
        option(arguments, "--queries", queries);
        option(arguments, "--seed", seed);
        option(arguments, "--max-samples", maxSamples);
        option(arguments, "--severities", joined(severities));
        option(arguments, "--valid-range", validRange);
        option(arguments, "--smoothing-sigma", smoothingSigma);
        option(arguments, "--radii", joined(radii));
        option(arguments, "--alpha", alpha);
        option(arguments, "--spsa-samples", spsaSamples);
        option(arguments, "--smoothing-n0", smoothingN0);
        option(arguments, "--smoothing-n", smoothingN);
        option(arguments, "--examples", examples);
        for (String defense : defenses) {
            option(arguments, "--defense", defense);
        }
        option(arguments, "--eot-samples", eotSamples);
        for (String candidate : candidateModels) {
            option(arguments, "--candidate-model", candidate);
        }
        return arguments;
    }

    private static String joined(List<?> values) {
        return values.isEmpty() ? null : values.stream().map(String::valueOf).collect(Collectors.joining(","));
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
            return "Attack a model to measure its robustness (SecMLOps)";
        }
    }
}
