package io.jenkins.plugins.secmlops;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.secmlops.core.gate.GateResult;
import org.secmlops.core.gate.GateStatus;
import org.secmlops.core.gate.QualityGate;
import org.secmlops.core.result.GateRunResult;
import org.secmlops.core.result.GateSpec;
import org.secmlops.core.result.GateSpecJson;
import org.secmlops.core.result.ResultJson;

/**
 * Runs a gate step: hands the gates to a worker on the agent, records its result on the build, and sets
 * the build result from the gates. A FAILED gate also stops the pipeline, after the result is recorded.
 * Returns the overall status ({@code PASSED}, {@code UNSTABLE}, ...).
 */
final class GateStepRunner {
    /** Creates the launcher of a worker for one step run. */
    interface LauncherFactory {
        WorkerLauncher create(StepContext context, WorkerSettings settings) throws Exception;
    }

    /** Supplies the settings of the global configuration. */
    interface SettingsSource {
        WorkerSettings settings();
    }

    /** The worker input that holds the reference build's result.json. */
    static final String REFERENCE_INPUT = "reference-result.json";

    private final GateStep step;
    private final LauncherFactory launchers;
    private final SettingsSource settings;

    GateStepRunner(GateStep step, LauncherFactory launchers, SettingsSource settings) {
        this.step = step;
        this.launchers = launchers;
        this.settings = settings;
    }

    /** The runner of a step in a real Jenkins: workers started by the Jenkins launcher, global settings. */
    static GateStepRunner forJenkins(GateStep step) {
        return new GateStepRunner(step, GateStepRunner::jenkinsLauncher,
                () -> new JenkinsFacade().configuration().workerSettings());
    }

    private static WorkerLauncher jenkinsLauncher(StepContext context, WorkerSettings settings) throws Exception {
        return new JenkinsWorkerLauncher(context.get(FilePath.class), context.get(Launcher.class),
                context.get(EnvVars.class), settings);
    }

    /**
     * Runs the step in the given context.
     *
     * @return the overall gate status
     * @throws AbortException with a message saying what went wrong, or which gates failed
     */
    String run(StepContext context) throws Exception {
        Run<?, ?> run = context.get(Run.class);
        TaskListener listener = context.get(TaskListener.class);
        PrintStream log = listener.getLogger();
        String stepName = step.functionName();
        WorkerSettings workerSettings;
        List<QualityGate> gates;
        List<String> arguments;
        Map<String, String> inputs;
        try {
            step.prepare(context);
            workerSettings = step.settings(settings.settings());
            gates = step.gates(workerSettings.defaultCriticality());
            step.workerArguments(); // validates the parameters before any input is read
            inputs = step.workerInputs(context);
            arguments = new ArrayList<>(step.workerArguments(context, inputs));
            arguments.addAll(step.exportArguments());
        } catch (IllegalArgumentException e) {
            throw new AbortException(stepName + ": " + e.getMessage());
        }
        String runId = step.runId();
        SecMLOpsBuildAction existing = run.getAction(SecMLOpsBuildAction.class);
        if (existing != null && existing.find(runId).isPresent()) {
            throw new AbortException(stepName + ": this build already ran a SecMLOps gate with id '" + runId
                    + "'; give each step a distinct id");
        }
        if (step.sharded() && !gates.isEmpty()) {
            throw new AbortException(stepName + ": a shard evaluates no gates; give qualityGates to"
                    + " mergeSecMLOpsResults, which evaluates them once on the merged result");
        }
        GateSpec spec = new GateSpec(ResultJson.SCHEMA_VERSION, gates,
                step.sharded() ? null : ReferenceBuilds.find(run, runId).orElse(null));
        if (spec.reference() != null) {
            log.println("[secmlops] reference build for delta gates: " + spec.reference().reference());
        }
        Optional<String> referenceResult = Optional.empty();
        if (!step.sharded() && step.capability().issueTracking().isPresent()) {
            referenceResult = ReferenceBuilds.build(run, step.getId()).flatMap(build ->
                    ReferenceBuilds.resultJson(build, step.getId(), step.capability().id(), log));
            if (referenceResult.isPresent()) {
                inputs = new LinkedHashMap<>(inputs);
                inputs.put(REFERENCE_INPUT, referenceResult.get());
                arguments.addAll(List.of("--reference-result", WorkerRequest.INPUT_PREFIX + REFERENCE_INPUT));
            }
        }
        WorkerRequest request = new WorkerRequest(arguments, GateSpecJson.toJson(spec), inputs);
        WorkerOutcome outcome = launchers.create(context, workerSettings).run(request, listener);
        GateRunResult reported = WorkerOutcomeReader.read(outcome, stepName, step.capability().id());
        GateRunResult result;
        if (step.sharded()) {
            result = ShardRuns.withoutGates(reported);
        } else {
            GateRunResult compared = ControllerComparison.recompare(reported, step.capability(),
                    referenceResult.map(ReferenceBuilds::parse), spec.reference() == null ? "the reference build"
                            : spec.reference().reference(), stepName, log);
            result = ControllerGates.reevaluate(compared, step.capability(), spec, stepName, log);
        }
        try {
            actionOf(run).add(new GateRunSummary(runId, step.capability().displayName(), result));
        } catch (IllegalArgumentException e) {
            throw new AbortException(stepName + ": " + e.getMessage());
        }
        // after the id is taken, so that a parallel branch with the same id cannot overwrite another's files
        new ResultStore(run.getRootDir()).save(runId, step.capability().displayName() + ": " + runId,
                result, step.capability().detailSection());
        if (step.sharded()) {
            log.println("[secmlops] " + stepName + ": shard recorded as '" + runId + "'; no gates evaluated, merge the"
                    + " shards with mergeSecMLOpsResults id: '" + step.getId() + "'");
            return result.status().name();
        }
        String status = applyStatus(run, log, stepName, result);
        if (result.status() == GateStatus.UNSTABLE) {
            markStageUnstable(context, stepName, result);
        }
        return status;
    }

    /** Flags the step's flow node, so that its stage shows UNSTABLE, as the {@code unstable} step does. */
    private static void markStageUnstable(StepContext context, String stepName, GateRunResult result)
            throws Exception {
        FlowNode node = context.get(FlowNode.class);
        if (node != null) {
            node.addOrReplaceAction(new WarningAction(Result.UNSTABLE).withMessage(stepName + ": " + failedGates(result)));
        }
    }

    private static String failedGates(GateRunResult result) {
        return result.gates().results().stream()
                .filter(gate -> gate.status() == GateStatus.FAILED || gate.status() == GateStatus.UNSTABLE)
                .map(GateResult::reason)
                .collect(Collectors.joining("; "));
    }

    /** The build's action, created once even when parallel branches finish at the same time. */
    private static SecMLOpsBuildAction actionOf(Run<?, ?> run) {
        synchronized (run) {
            SecMLOpsBuildAction action = run.getAction(SecMLOpsBuildAction.class);
            if (action == null) {
                action = new SecMLOpsBuildAction();
                run.addAction(action);
            }
            return action;
        }
    }

    private static String applyStatus(Run<?, ?> run, PrintStream log, String stepName, GateRunResult result)
            throws AbortException {
        GateStatus status = result.status();
        Result buildResult = BuildResults.of(status);
        log.println("[secmlops] " + stepName + ": quality gates " + status);
        if (buildResult.isWorseThan(Result.SUCCESS)) {
            run.setResult(buildResult);
        }
        if (status == GateStatus.FAILED) {
            String failed = result.gates().results().stream()
                    .filter(gate -> gate.status() == GateStatus.FAILED)
                    .map(GateResult::reason)
                    .collect(Collectors.joining("; "));
            throw new AbortException(stepName + ": quality gates failed: " + failed);
        }
        return status.name();
    }
}
