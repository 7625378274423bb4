package io.jenkins.plugins.secmlops;

import hudson.model.TaskListener;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test double at the Jenkins boundary: starts the real bundled worker jar as a local process, as the
 * Jenkins launcher does on an agent, and reads back what it wrote.
 */
final class LocalWorkerLauncher implements WorkerLauncher {
    private final Path workspace;
    private final Path scratch;
    private final WorkerSettings settings;
    private int launches;

    LocalWorkerLauncher(Path workspace, Path scratch, WorkerSettings settings) {
        this.workspace = workspace;
        this.scratch = scratch;
        this.settings = settings;
    }

    int launches() {
        return launches;
    }

    static Path workerJar(Path directory) throws IOException {
        Path jar = directory.resolve("secmlops-cli.jar");
        if (!Files.exists(jar)) {
            try (InputStream in = LocalWorkerLauncher.class.getResourceAsStream(WorkerJar.RESOURCE)) {
                if (in == null) {
                    throw new IOException("worker jar not bundled at " + WorkerJar.RESOURCE);
                }
                Files.copy(in, jar);
            }
        }
        return jar;
    }

    @Override
    public WorkerOutcome run(WorkerRequest request, TaskListener listener) throws IOException, InterruptedException {
        launches++;
        Path run = Files.createTempDirectory(scratch, "run");
        Path gates = Files.writeString(run.resolve("gates.json"), request.gatesJson());
        for (var input : request.inputs().entrySet()) {
            Files.writeString(run.resolve(WorkerRequest.fileName(input.getKey())), input.getValue());
        }
        List<String> arguments = request.resolvedArguments(run.toString(), "/");
        Path reportDir = run.resolve("report");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx" + settings.heapMb() + "m", "-Dai.djl.offline=true",
                "-Dsecmlops.maven.repository=" + settings.mavenRepository(), "-jar", workerJar(scratch).toString()));
        command.addAll(arguments);
        command.addAll(List.of("--report-dir", reportDir.toString(), "--gates-file", gates.toString()));
        Path stderr = run.resolve("stderr.txt");
        Process process = new ProcessBuilder(command).directory(workspace.toFile())
                .redirectError(stderr.toFile()).start();
        process.getInputStream().transferTo(listener.getLogger());
        boolean finished = process.waitFor(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            process.destroyForcibly().waitFor();
        }
        String errors = Files.readString(stderr, StandardCharsets.UTF_8);
        listener.getLogger().print(errors);
        return new WorkerOutcome(process.exitValue(), !finished, read(reportDir.resolve("result.json")),
                errors);
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
    }
}
