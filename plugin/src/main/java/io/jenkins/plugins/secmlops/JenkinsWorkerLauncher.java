package io.jenkins.plugins.secmlops;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Proc;
import hudson.model.TaskListener;
import hudson.slaves.WorkspaceList;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Starts the worker on the agent of the step's workspace with the Jenkins launcher, in the step's
 * environment ({@code withEnv}, {@code environment {}}, proxies, {@code CUDA_VISIBLE_DEVICES}): installs the
 * jar once per version under the SecMLOps home ({@code $SECMLOPS_HOME}, else the workspace's temporary
 * folder, which containers share with the agent), writes the gates into a temporary folder beside the
 * workspace (never into it), runs the worker with the step's Java and reads its result back, with a size
 * limit; the worker's own report.html is not read (the controller renders the report from the result).
 */
final class JenkinsWorkerLauncher implements WorkerLauncher {
    static final String HOME_VARIABLE = "SECMLOPS_HOME";
    static final long MAX_RESULT_BYTES = 8L << 20;

    private final FilePath workspace;
    private final Launcher launcher;
    private final EnvVars environment;
    private final WorkerSettings settings;

    JenkinsWorkerLauncher(FilePath workspace, Launcher launcher, EnvVars environment, WorkerSettings settings) {
        this.workspace = workspace;
        this.launcher = launcher;
        this.environment = environment == null ? new EnvVars() : environment;
        this.settings = settings;
    }

    @Override
    public WorkerOutcome run(WorkerRequest request, TaskListener listener) throws IOException, InterruptedException {
        PrintStream log = listener.getLogger();
        FilePath temporaryRoot = WorkspaceList.tempDir(workspace);
        String separator = workspace.getRemote().contains("\\") ? "\\" : "/";
        FilePath home = home(temporaryRoot);
        FilePath jar = WorkerInstallation.install(home, WorkerJar.bundled(), log);
        FilePath temporary = temporaryRoot.child("secmlops-" + UUID.randomUUID());
        temporary.mkdirs();
        try {
            FilePath gatesFile = temporary.child("gates.json");
            gatesFile.copyFrom(new ByteArrayInputStream(request.gatesJson().getBytes(StandardCharsets.UTF_8)));
            for (var input : request.inputs().entrySet()) {
                temporary.child(WorkerRequest.fileName(input.getKey()))
                        .copyFrom(new ByteArrayInputStream(input.getValue().getBytes(StandardCharsets.UTF_8)));
            }
            List<String> arguments = request.resolvedArguments(temporary.getRemote(), separator);
            FilePath reportDir = temporary.child("report");
            List<String> options = new ArrayList<>();
            options.add("-Xmx" + settings.heapMb() + "m");
            options.add("-Djava.awt.headless=true");
            options.add("-Dai.djl.offline=true");
            options.add("-Dsecmlops.maven.repository=" + settings.mavenRepository());
            if (configuredHome().isPresent()) {
                options.add("-Dsecmlops.native.cache=" + home.child("native").getRemote());
            }
            options.addAll(List.of("-jar", jar.getRemote()));
            options.addAll(arguments);
            options.addAll(List.of("--report-dir", reportDir.getRemote(), "--gates-file", gatesFile.getRemote()));
            log.println("[secmlops] starting worker: " + String.join(" ", arguments));
            ErrorTail errors = new ErrorTail(log);
            Proc proc = start(options, errors, log, separator);
            long started = System.nanoTime();
            long timeoutSeconds = settings.timeout().toSeconds();
            int exitCode;
            try {
                exitCode = proc.joinWithTimeout(timeoutSeconds, TimeUnit.SECONDS, listener);
            } catch (InterruptedException e) {
                proc.kill();
                throw e;
            }
            boolean timedOut = System.nanoTime() - started >= TimeUnit.SECONDS.toNanos(timeoutSeconds)
                    && exitCode != 0 && exitCode != 1 && exitCode != 2;
            return new WorkerOutcome(exitCode, timedOut, readBounded(reportDir.child("result.json"), MAX_RESULT_BYTES),
                    errors.tail());
        } finally {
            temporary.deleteRecursive();
        }
    }

    private Optional<String> configuredHome() {
        String configured = environment.get(HOME_VARIABLE);
        return configured == null || configured.isBlank() ? Optional.empty() : Optional.of(configured.trim());
    }

    private FilePath home(FilePath temporaryRoot) {
        return configuredHome().map(workspace::child).orElseGet(() -> temporaryRoot.child("secmlops"));
    }

    private Proc start(List<String> options, OutputStream errors, PrintStream log, String separator)
            throws IOException, InterruptedException {
        String java = WorkerJava.fromEnvironment(environment, separator);
        try {
            return launch(java, options, errors, log);
        } catch (IOException e) {
            if (WorkerJava.javaHome(environment).isPresent()) {
                throw new AbortException("cannot start the SecMLOps worker with " + java + " (from JAVA_HOME): "
                        + e.getMessage() + ". The worker needs Java 17 or newer in the step's environment.");
            }
            String agentJava = WorkerJava.ofAgent(workspace);
            log.println("[secmlops] no java on the PATH of this step; using the agent's own Java " + agentJava);
            return launch(agentJava, options, errors, log);
        }
    }

    private Proc launch(String java, List<String> options, OutputStream errors, PrintStream log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(options);
        return launcher.launch().cmds(command).envs(workerEnvironment(environment)).pwd(workspace).stdout(log)
                .stderr(errors).quiet(true).start();
    }

    /**
     * The step's environment, plus {@code OMP_WAIT_POLICY=PASSIVE} unless the step sets it: OpenMP threads of the
     * engines that spin while idle fight the attack's own work on small agents (PGD-20 on the digits model took
     * 0.9–10 s with spinning threads, 0.5 s passive, on 2 cores). It must be set before the worker starts.
     */
    static Map<String, String> workerEnvironment(Map<String, String> step) {
        Map<String, String> environment = new TreeMap<>(step);
        environment.putIfAbsent("OMP_WAIT_POLICY", "PASSIVE");
        return environment;
    }

    /** The file's content, or {@code null} if it does not exist; an agent cannot make the controller read more. */
    static String readBounded(FilePath file, long limit) throws IOException, InterruptedException {
        if (!file.exists()) {
            return null;
        }
        try (InputStream in = file.read()) {
            byte[] bytes = in.readNBytes((int) limit + 1);
            if (bytes.length > limit) {
                throw new AbortException("the SecMLOps worker wrote a " + file.getName() + " larger than "
                        + (limit >> 20) + " MiB; it is not read");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** Passes standard error through to the build log and keeps its last few kilobytes. */
    static final class ErrorTail extends OutputStream {
        private static final int KEEP = 4096;
        private final OutputStream log;
        private final byte[] ring = new byte[KEEP];
        private long written;

        ErrorTail(OutputStream log) {
            this.log = log;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            log.write(b);
            ring[(int) (written++ % KEEP)] = (byte) b;
        }

        @Override
        public void flush() throws IOException {
            log.flush();
        }

        synchronized String tail() {
            int length = (int) Math.min(written, KEEP);
            byte[] bytes = new byte[length];
            for (int i = 0; i < length; i++) {
                bytes[i] = ring[(int) ((written - length + i) % KEEP)];
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
