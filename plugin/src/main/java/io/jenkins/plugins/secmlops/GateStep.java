package io.jenkins.plugins.secmlops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundSetter;
import org.secmlops.core.capability.Capability;
import org.secmlops.core.gate.Criticality;
import org.secmlops.core.gate.QualityGate;

/**
 * What every SecMLOps gate step has: quality gates and an id that tells several runs of the same gate
 * in one build apart. A subclass says which capability runs and with which worker arguments.
 */
public abstract class GateStep extends Step {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private List<QualityGateConfig> qualityGates = new ArrayList<>();
    private String id;
    private Integer timeoutMinutes;
    private String exportDir;

    @Override
    public StepExecution start(StepContext context) {
        return new GateStepExecution(context, this);
    }

    /** The step's Pipeline function name, e.g. {@code scanModel}, for messages. */
    public abstract String functionName();

    /** The capability this step runs. */
    public abstract Capability capability();

    /** The worker's command line after {@code secmlops}, without the report and gate options. */
    public abstract List<String> workerArguments();

    /**
     * Small files the worker needs besides the workspace, by name; refer to one in
     * {@link #workerArguments()} as {@code @input:NAME}. None by default.
     */
    public Map<String, String> workerInputs(StepContext context) throws Exception {
        return Map.of();
    }

    /**
     * The worker's full command line for this run: {@link #workerArguments()} plus what depends on the
     * build, such as references to {@link #workerInputs} files.
     */
    List<String> workerArguments(StepContext context, Map<String, String> inputs) throws Exception {
        return workerArguments();
    }

    /**
     * Reads what the step needs from the build before anything else, e.g. the shard results a merge merges. Nothing
     * by default.
     *
     * @throws IllegalArgumentException with a message for the user when the build does not have it
     */
    void prepare(StepContext context) throws Exception {
    }

    /**
     * The id this run is recorded under in the build: {@link #getId()}, or for one shard of a sharded run the id of
     * that shard ({@link ShardRuns#runId}).
     */
    String runId() {
        return getId();
    }

    /**
     * Whether this run is one shard of a sharded run: it evaluates no gates and leaves the build result alone;
     * {@code mergeSecMLOpsResults} evaluates them once on the merged result.
     */
    boolean sharded() {
        return false;
    }

    public List<QualityGateConfig> getQualityGates() {
        return List.copyOf(qualityGates);
    }

    @DataBoundSetter
    public void setQualityGates(List<QualityGateConfig> qualityGates) {
        this.qualityGates = qualityGates == null ? new ArrayList<>() : new ArrayList<>(qualityGates);
    }

    /** The id of this gate run in the build: the capability's id unless set. */
    public String getId() {
        return id == null ? capability().id() : id;
    }

    /** Lower-case letters, digits, {@code -} and {@code _}; needed when one build runs the same gate twice. */
    @DataBoundSetter
    public void setId(String id) {
        this.id = blankToNull(id);
    }

    public Integer getTimeoutMinutes() {
        return timeoutMinutes;
    }

    /** Overrides the global worker timeout for this step, in minutes. */
    @DataBoundSetter
    public void setTimeoutMinutes(Integer timeoutMinutes) {
        this.timeoutMinutes = timeoutMinutes;
    }

    public String getExportDir() {
        return exportDir;
    }

    /**
     * A folder in the workspace, e.g. {@code reports/secmlops}, into which the worker also writes {@code junit.xml}
     * (and {@code results.sarif} for a scan) for the {@code junit} and {@code recordIssues} steps. None by default;
     * a file there that is not an earlier export is never overwritten (the step fails instead).
     */
    @DataBoundSetter
    public void setExportDir(String exportDir) {
        this.exportDir = blankToNull(exportDir);
    }

    /**
     * The worker's arguments for {@link #getExportDir()}: {@code --export-dir DIR}, or none.
     *
     * @throws IllegalArgumentException if the folder is not a relative path inside the workspace
     */
    List<String> exportArguments() {
        if (exportDir == null) {
            return List.of();
        }
        String normalized = exportDir.replace('\\', '/');
        boolean absolute = normalized.startsWith("/") || normalized.matches("[A-Za-z]:.*");
        boolean escapes = List.of(normalized.split("/")).contains("..");
        if (absolute || escapes) {
            throw new IllegalArgumentException("exportDir '" + exportDir
                    + "' must be a relative path inside the workspace, e.g. 'reports/secmlops'");
        }
        return List.of("--export-dir", exportDir);
    }

    /**
     * The global settings with this step's timeout, if it sets one.
     *
     * @throws IllegalArgumentException if the timeout is not positive
     */
    WorkerSettings settings(WorkerSettings global) {
        if (timeoutMinutes == null) {
            return global;
        }
        if (timeoutMinutes <= 0) {
            throw new IllegalArgumentException("timeoutMinutes must be positive: " + timeoutMinutes);
        }
        return new WorkerSettings(global.heapMb(), java.time.Duration.ofMinutes(timeoutMinutes),
                global.defaultCriticality(), global.mavenRepository());
    }

    /**
     * The configured gates as core gates.
     *
     * @throws IllegalArgumentException if the id is malformed or a gate names an unknown metric or value
     */
    List<QualityGate> gates(Criticality defaultCriticality) {
        if (!ID.matcher(getId()).matches()) {
            throw new IllegalArgumentException("id '" + getId()
                    + "' must be 1 to 64 lower-case letters, digits, '-' or '_', starting with a letter or digit");
        }
        List<QualityGate> gates = new ArrayList<>();
        for (QualityGateConfig config : qualityGates) {
            QualityGate gate = config.toGate(defaultCriticality);
            capability().catalog().require(gate.metric());
            gates.add(gate);
        }
        return gates;
    }

    /** Adds {@code name value} to the worker's arguments when the value is set. */
    protected static void option(List<String> arguments, String name, Object value) {
        if (value != null) {
            arguments.add(name);
            arguments.add(value.toString());
        }
    }

    /** The value trimmed, or {@code null} when it is blank. */
    protected static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
