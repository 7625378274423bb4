package io.jenkins.plugins.secmlops;

import hudson.FilePath;
import hudson.Launcher;
import hudson.Proc;
import hudson.model.TaskListener;
import hudson.slaves.WorkspaceList;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Starts the worker on the agent of the step's workspace with the Jenkins launcher: installs the jar
 * once per version, writes the gates into a temporary folder beside the workspace (never into it), runs
 * the worker with the agent's Java and reads its result back.
 */
final class JenkinsWorkerLauncher implements WorkerLauncher {
    private final FilePath workspace;
    private final Launcher launcher;
    private final WorkerSettings settings;

    JenkinsWorkerLauncher(FilePath workspace, Launcher launcher, WorkerSettings settings) {
        this.workspace = workspace;
        this.launcher = launcher;
        this.settings = settings;
    }

    @Override
    public WorkerOutcome run(WorkerRequest request, TaskListener listener) throws IOException, InterruptedException {
        WorkerJar jar = WorkerJar.bundled();
        String[] java = workspace.act(new WorkerInstallation(jar.sha256(), null));
        if (java == null) {
            listener.getLogger().println("[secmlops] installing worker " + jar.sha256().substring(0, 12)
                    + " on this agent");
            java = workspace.act(new WorkerInstallation(jar.sha256(), jar.content()));
        }
        FilePath temporary = WorkspaceList.tempDir(workspace).child("secmlops-" + UUID.randomUUID());
        temporary.mkdirs();
        try {
            FilePath gatesFile = temporary.child("gates.json");
            gatesFile.copyFrom(new ByteArrayInputStream(request.gatesJson().getBytes(StandardCharsets.UTF_8)));
            for (var input : request.inputs().entrySet()) {
                temporary.child(WorkerRequest.fileName(input.getKey()))
                        .copyFrom(new ByteArrayInputStream(input.getValue().getBytes(StandardCharsets.UTF_8)));
            }
            String separator = temporary.getRemote().contains("\\") ? "\\" : "/";
            List<String> arguments = request.resolvedArguments(temporary.getRemote(), separator);
            FilePath reportDir = temporary.child("report");
            List<String> command = new ArrayList<>();
            command.add(java[0]);
            command.add("-Xmx" + settings.heapMb() + "m");
            command.add("-Djava.awt.headless=true");
            command.add("-Dai.djl.offline=true");
            command.add("-Dsecmlops.maven.repository=" + settings.mavenRepository());
            command.addAll(Arrays.asList(java).subList(1, java.length));
            command.addAll(arguments);
            command.addAll(List.of("--report-dir", reportDir.getRemote(), "--gates-file", gatesFile.getRemote()));
            listener.getLogger().println("[secmlops] starting worker: " + String.join(" ", arguments));
            ErrorTail errors = new ErrorTail(listener.getLogger());
            Proc proc = launcher.launch().cmds(command).pwd(workspace).stdout(listener.getLogger()).stderr(errors)
                    .quiet(true).start();
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
            return new WorkerOutcome(exitCode, timedOut, readIfExists(reportDir.child("result.json")),
                    readIfExists(reportDir.child("report.html")), errors.tail());
        } finally {
            temporary.deleteRecursive();
        }
    }

    private static String readIfExists(FilePath file) throws IOException, InterruptedException {
        if (!file.exists()) {
            return null;
        }
        try (InputStream in = file.read()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
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
