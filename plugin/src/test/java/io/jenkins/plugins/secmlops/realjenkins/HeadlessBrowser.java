package io.jenkins.plugins.secmlops.realjenkins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headless Chromium ({@code /usr/bin/chromium}) driven over the DevTools protocol: opens a page at a fixed viewport,
 * collects every console error, uncaught exception and failed resource the page logs, evaluates expressions in it
 * and takes screenshots. One browser process per instance; {@link #close()} ends it.
 */
final class HeadlessBrowser implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Elements wider than the viewport that no ancestor scrolls or clips: one line each, empty when none. */
    static final String WIDER_THAN_VIEWPORT = """
            (() => {
              const width = document.documentElement.clientWidth;
              const clipped = (element) => {
                for (let a = element.parentElement; a; a = a.parentElement) {
                  const overflow = getComputedStyle(a).overflowX;
                  if (overflow !== 'visible' && a.getBoundingClientRect().right <= width + 1) {
                    return true;
                  }
                }
                return false;
              };
              const wide = [];
              for (const element of document.body.querySelectorAll('*')) {
                const box = element.getBoundingClientRect();
                if (box.width > 0 && box.height > 0 && box.right > width + 1 && !clipped(element)) {
                  wide.push(element.tagName.toLowerCase() + (element.className && element.className.baseVal === undefined
                      ? '.' + String(element.className).trim().split(/\\s+/).join('.') : '')
                      + ' right=' + Math.round(box.right) + ' > ' + width);
                }
              }
              if (document.documentElement.scrollWidth > width + 1) {
                wide.push('document scrollWidth=' + document.documentElement.scrollWidth + ' > ' + width);
              }
              return wide.join('\\n');
            })()""";

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile CompletableFuture<Void> loaded = new CompletableFuture<>();
    private final int width;

    private HeadlessBrowser(Process process, WebSocket socket, int width) {
        this.process = process;
        this.socket = socket;
        this.width = width;
    }

    /** Whether Chromium is installed. */
    static boolean available() {
        return Files.isExecutable(BINARY);
    }

    /** Starts Chromium with a fresh profile and a viewport of {@code width} × {@code height} CSS pixels. */
    static HeadlessBrowser start(Path profile, int width, int height) throws Exception {
        Process process = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--hide-scrollbars", "--remote-debugging-port=0", "--remote-allow-origins=*",
                "--user-data-dir=" + Files.createDirectories(profile), "--window-size=" + width + "," + height,
                "about:blank").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String browserUrl = null;
        BufferedReader stderr = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        for (String line = stderr.readLine(); line != null && System.nanoTime() < deadline; line = stderr.readLine()) {
            Matcher matcher = DEVTOOLS.matcher(line);
            if (matcher.find()) {
                browserUrl = matcher.group(1);
                break;
            }
        }
        if (browserUrl == null) {
            process.destroyForcibly();
            throw new IOException("Chromium did not open its DevTools port");
        }
        Thread drain = new Thread(() -> stderr.lines().forEach(line -> { }), "chromium-stderr");
        drain.setDaemon(true);
        drain.start();
        URI browser = URI.create(browserUrl);
        HttpClient http = HttpClient.newHttpClient();
        String targets = http.send(HttpRequest.newBuilder(URI.create("http://" + browser.getAuthority() + "/json/list"))
                .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString()).body();
        String pageUrl = null;
        for (JsonNode target : JSON.readTree(targets)) {
            if ("page".equals(target.path("type").asText())) {
                pageUrl = target.path("webSocketDebuggerUrl").asText();
                break;
            }
        }
        if (pageUrl == null) {
            process.destroyForcibly();
            throw new IOException("Chromium opened no page: " + targets);
        }
        Listener listener = new Listener();
        WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(pageUrl), listener)
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        HeadlessBrowser instance = new HeadlessBrowser(process, socket, width);
        listener.browser = instance;
        instance.send("Page.enable", JSON.createObjectNode());
        instance.send("Runtime.enable", JSON.createObjectNode());
        instance.send("Log.enable", JSON.createObjectNode());
        return instance;
    }

    /** Opens the page and waits for its load event; clears the errors of the page before. */
    void open(String url) throws IOException, InterruptedException {
        errors.clear();
        loaded = new CompletableFuture<>();
        JsonNode navigated = send("Page.navigate", JSON.createObjectNode().put("url", url));
        if (navigated.has("errorText")) {
            throw new IOException("Chromium could not open " + url + ": " + navigated.path("errorText").asText());
        }
        try {
            loaded.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("Chromium did not finish loading " + url, e);
        }
    }

    /** Console errors, uncaught exceptions and failed loads of the page opened last. */
    List<String> errors() {
        synchronized (errors) {
            return List.copyOf(errors);
        }
    }

    /** Evaluates a JavaScript expression in the page and returns its value as a string. */
    String evaluate(String expression) throws IOException, InterruptedException {
        JsonNode result = send("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
                .put("returnByValue", true));
        if (result.has("exceptionDetails")) {
            throw new IOException("evaluation failed: " + result.path("exceptionDetails"));
        }
        return result.path("result").path("value").asText();
    }

    /** Saves a PNG of the page's whole length (at most 6000 pixels) at the viewport's width. */
    void screenshot(Path file) throws IOException, InterruptedException {
        JsonNode metrics = send("Page.getLayoutMetrics", JSON.createObjectNode());
        double height = Math.min(6000, metrics.path("cssContentSize").path("height").asDouble(800));
        ObjectNode clip = JSON.createObjectNode().put("x", 0).put("y", 0).put("width", width).put("height", height)
                .put("scale", 1);
        JsonNode shot = send("Page.captureScreenshot", JSON.createObjectNode().put("format", "png")
                .put("captureBeyondViewport", true).set("clip", clip));
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode(shot.path("data").asText()));
    }

    private JsonNode send(String method, ObjectNode params) throws IOException, InterruptedException {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        socket.sendText(JSON.writeValueAsString(message), true).join();
        try {
            JsonNode reply = answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (reply.has("error")) {
                throw new IOException(method + " failed: " + reply.path("error"));
            }
            return reply.path("result");
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException(method + " got no answer", e);
        } finally {
            pending.remove(id);
        }
    }

    private void receive(JsonNode message) {
        if (message.has("id")) {
            CompletableFuture<JsonNode> answer = pending.get(message.path("id").asInt());
            if (answer != null) {
                answer.complete(message);
            }
            return;
        }
        JsonNode params = message.path("params");
        switch (message.path("method").asText()) {
            case "Page.loadEventFired" -> loaded.complete(null);
            case "Runtime.exceptionThrown" -> errors.add("uncaught: " + params.path("exceptionDetails")
                    .path("exception").path("description").asText(params.path("exceptionDetails").path("text")
                            .asText()));
            case "Runtime.consoleAPICalled" -> {
                if ("error".equals(params.path("type").asText()) || "assert".equals(params.path("type").asText())) {
                    errors.add("console." + params.path("type").asText() + ": " + params.path("args"));
                }
            }
            case "Log.entryAdded" -> {
                if ("error".equals(params.path("entry").path("level").asText())) {
                    errors.add(params.path("entry").path("source").asText() + ": "
                            + params.path("entry").path("text").asText() + " "
                            + params.path("entry").path("url").asText());
                }
            }
            default -> {
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        socket.abort();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** Assembles the DevTools messages, which may arrive in parts. */
    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private volatile HeadlessBrowser browser;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    if (browser != null) {
                        browser.receive(JSON.readTree(text));
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
