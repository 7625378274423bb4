package io.jenkins.plugins.secmlops.realjenkins;

import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Jenkins started from {@code shared/jenkins} on a loopback port with its own JENKINS_HOME, driven
 * over its HTTP API, and stopped by the process id it was started with.
 */
final class RealJenkins implements AutoCloseable {
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(5);
    private static final Pattern CRUMB_FIELD = Pattern.compile("\"crumbRequestField\":\"([^\"]+)\"");
    private static final Pattern CRUMB = Pattern.compile("\"crumb\":\"([^\"]+)\"");
    private static final Pattern RESULT = Pattern.compile("\"result\":(null|\"[A-Z_]+\")");

    private final Path distribution;
    private final Path home;
    private final List<Path> plugins;
    private int port;
    private ProcessHandle process;
    private HttpClient http;

    RealJenkins(Path distribution, Path home, List<Path> plugins) {
        this.distribution = distribution;
        this.home = home;
        this.plugins = List.copyOf(plugins);
    }

    Path home() {
        return home;
    }

    /** The root URL, e.g. {@code http://127.0.0.1:8080/}. */
    String url() {
        return "http://127.0.0.1:" + port + "/";
    }

    /** Downloads a file served by Jenkins (such as the agent jar) to the path. */
    Path download(String path, Path target) throws IOException, InterruptedException {
        HttpResponse<Path> response = http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofMinutes(1)).GET()
                .build(), HttpResponse.BodyHandlers.ofFile(target));
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode());
        }
        return target;
    }

    Path log() {
        return home.resolve("jenkins.log");
    }

    /** Starts Jenkins (again, on the same home) and waits until it answers. */
    void start() throws IOException, InterruptedException {
        port = freePort();
        List<String> command = new java.util.ArrayList<>(List.of(distribution.resolve("start-jenkins.sh").toString(),
                home.toString(), Integer.toString(port)));
        plugins.forEach(plugin -> command.add(plugin.toString()));
        Process starter = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(starter.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!starter.waitFor(6, TimeUnit.MINUTES) || starter.exitValue() != 0) {
            throw new IOException("Jenkins did not start: " + output);
        }
        String[] lines = output.split("\n");
        long pid = Long.parseLong(lines[lines.length - 1].strip());
        process = ProcessHandle.of(pid).orElseThrow(() -> new IOException("Jenkins PID " + pid + " is gone"));
        http = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** Stops the Jenkins this object started (SIGTERM, then waits for a clean shutdown). */
    void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        ProcessHandle stopping = process;
        process = null;
        stopping.destroy();
        try {
            stopping.onExit().get(90, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            stopping.destroyForcibly();
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofMinutes(1)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    String getOk(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path);
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + abbreviate(response.body()));
        }
        return response.body();
    }

    HttpResponse<String> post(String path, String contentType, String body) throws IOException, InterruptedException {
        String issued = getOk("/crumbIssuer/api/json");
        Matcher field = CRUMB_FIELD.matcher(issued);
        Matcher crumb = CRUMB.matcher(issued);
        if (!field.find() || !crumb.find()) {
            throw new IOException("no crumb in " + issued);
        }
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofMinutes(1))
                .header(field.group(1), crumb.group(1)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Runs a Groovy script in the controller (script console) and returns what it printed. */
    String groovy(String script) throws IOException, InterruptedException {
        HttpResponse<String> response = post("/scriptText", "application/x-www-form-urlencoded",
                "script=" + URLEncoder.encode(script, StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new IOException("script answered " + response.statusCode() + ": " + abbreviate(response.body()));
        }
        return response.body();
    }

    /** Creates a scripted Pipeline job (sandboxed) with this script. */
    void createPipeline(String name, String script) throws IOException, InterruptedException {
        String xml = "<?xml version='1.1' encoding='UTF-8'?><flow-definition plugin=\"workflow-job\">"
                + "<definition class=\"org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition\" plugin=\"workflow-cps\">"
                + "<script>" + escapeXml(script) + "</script><sandbox>true</sandbox></definition></flow-definition>";
        HttpResponse<String> response = post("/createItem?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8),
                "application/xml", xml);
        if (response.statusCode() != 200) {
            throw new IOException("createItem " + name + " answered " + response.statusCode() + ": " + abbreviate(response.body()));
        }
    }

    /** Schedules a build of the job and waits until it completes; returns its result, e.g. {@code SUCCESS}. */
    String build(String job, int number) throws IOException, InterruptedException {
        HttpResponse<String> queued = post("/job/" + job + "/build", "application/x-www-form-urlencoded", "");
        if (queued.statusCode() != 201) {
            throw new IOException("build " + job + " answered " + queued.statusCode());
        }
        Instant deadline = Instant.now().plus(BUILD_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> state = get("/job/" + job + "/" + number + "/api/json?tree=result,building");
            if (state.statusCode() == 200 && state.body().contains("\"building\":false")) {
                Matcher result = RESULT.matcher(state.body());
                if (result.find() && !result.group(1).equals("null")) {
                    return result.group(1).replace("\"", "");
                }
            }
            // polling a server for a build's end: there is no event to wait on over its HTTP API
            Thread.sleep(500);
        }
        throw new IOException(job + " #" + number + " did not finish within " + BUILD_TIMEOUT);
    }

    /** The build's whole console log: read until its last line ("Finished: ...") is there. */
    String console(String job, int number) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        String log = getOk("/job/" + job + "/" + number + "/consoleText");
        while (!log.contains("\nFinished: ") && Instant.now().isBefore(deadline)) {
            // the log's last lines can reach the file just after the build reports its result
            Thread.sleep(200);
            log = getOk("/job/" + job + "/" + number + "/consoleText");
        }
        return log;
    }

    Path buildDirectory(String job, int number) {
        return home.resolve("jobs").resolve(job).resolve("builds").resolve(Integer.toString(number));
    }

    String jenkinsLog() throws IOException {
        return Files.readString(log(), StandardCharsets.ISO_8859_1);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String abbreviate(String body) {
        return body.length() <= 400 ? body : body.substring(0, 400) + "...";
    }

    static String escapeXml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
