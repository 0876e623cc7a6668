package io.capsim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium driven over its DevTools protocol (a WebSocket from {@code java.net.http}, no
 * driver): opens a page, collects failed requests, console errors, uncaught exceptions and log
 * errors (a Content Security Policy violation is one), and takes a screenshot of the whole page.
 *
 * <p>The browser is {@code $CAPSIM_CHROMIUM}, else {@code chromium} or {@code google-chrome} on
 * the PATH. Without one the calling test is skipped, unless {@code CAPSIM_REQUIRE_CHROMIUM=1} (as
 * in {@code .ci/run}), when it fails.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final List<JsonNode> events = new ArrayList<>();
    private String session;
    private int nextId = 1;

    /** What loading a page showed. */
    record Load(List<String> problems, boolean imagesLoaded, byte[] screenshot) {}

    /** The browser's path, or null. */
    static Path find() {
        String env = System.getenv("CAPSIM_CHROMIUM");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
            for (String name : new String[] {"chromium", "chromium-browser", "google-chrome"}) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    /** Starts the browser, or skips the test (fails it under {@code CAPSIM_REQUIRE_CHROMIUM=1}). */
    static HeadlessChromium start() throws Exception {
        Path exe = find();
        if (exe == null) {
            String why = "no Chromium found (install Debian's chromium package, or set CAPSIM_CHROMIUM)";
            if ("1".equals(System.getenv("CAPSIM_REQUIRE_CHROMIUM"))) {
                fail(why + ", and CAPSIM_REQUIRE_CHROMIUM=1 requires it");
            }
            Assumptions.abort(why + "; skipped (CAPSIM_REQUIRE_CHROMIUM=1 makes this a failure)");
        }
        return new HeadlessChromium(exe);
    }

    private HeadlessChromium(Path exe) throws Exception {
        profile = Files.createTempDirectory("capsim-chromium");
        process = new ProcessBuilder(exe.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--disable-background-networking", "--disable-sync", "--remote-debugging-port=0",
                "--remote-allow-origins=*", "--user-data-dir=" + profile, "--window-size=1280,900", "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String url = null;
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        StringBuilder seen = new StringBuilder();
        String line;
        while (url == null && System.nanoTime() < deadline && (line = err.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                url = m.group(1);
            }
        }
        if (url == null) {
            process.destroyForcibly();
            throw new IOException("Chromium did not start its DevTools endpoint:\n" + seen);
        }
        // Keep draining stderr so the browser never blocks on it.
        Thread drain = new Thread(() -> {
            try {
                while (err.readLine() != null) {
                    // discarded
                }
            } catch (IOException e) {
                // the browser went away
            }
        }, "chromium-stderr");
        drain.setDaemon(true);
        drain.start();
        socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(url), new Listener())
                .get(30, TimeUnit.SECONDS);
    }

    /** Opens {@code file} in a fresh tab of the given width, waits for it to load, and reports. */
    Load open(Path file, int width) throws Exception {
        JsonNode target = call("Target.createTarget", JSON.createObjectNode().put("url", "about:blank"), false);
        session = call("Target.attachToTarget", JSON.createObjectNode().put("targetId",
                target.path("targetId").asText()).put("flatten", true), false).path("sessionId").asText();
        for (String domain : new String[] {"Page", "Runtime", "Log", "Network"}) {
            call(domain + ".enable", JSON.createObjectNode(), true);
        }
        call("Emulation.setDeviceMetricsOverride", JSON.createObjectNode().put("width", width).put("height", 900)
                .put("deviceScaleFactor", 1).put("mobile", false), true);
        events.clear();
        call("Page.navigate", JSON.createObjectNode().put("url", file.toUri().toString()), true);
        awaitEvent("Page.loadEventFired", 60);
        Thread.sleep(300); // late console messages
        drainEvents();
        List<String> problems = new ArrayList<>();
        for (JsonNode e : events) {
            String m = e.path("method").asText();
            JsonNode p = e.path("params");
            switch (m) {
                case "Network.loadingFailed" -> problems.add("request failed: " + p.path("errorText").asText()
                        + (p.path("blockedReason").isMissingNode() ? "" : " (" + p.path("blockedReason").asText() + ")"));
                case "Network.responseReceived" -> {
                    if (p.path("response").path("status").asInt(200) >= 400) {
                        problems.add("HTTP " + p.path("response").path("status").asInt() + " for "
                                + p.path("response").path("url").asText());
                    }
                }
                case "Runtime.exceptionThrown" -> problems.add("exception: " + p.path("exceptionDetails").path("text"));
                case "Runtime.consoleAPICalled" -> {
                    if (List.of("error", "assert").contains(p.path("type").asText())) {
                        problems.add("console " + p.path("type").asText() + ": " + p.path("args"));
                    }
                }
                case "Log.entryAdded" -> {
                    if ("error".equals(p.path("entry").path("level").asText())) {
                        problems.add("log error: " + p.path("entry").path("text").asText());
                    }
                }
                default -> { }
            }
        }
        JsonNode images = call("Runtime.evaluate", JSON.createObjectNode().put("returnByValue", true).put("expression",
                "Array.from(document.images).every(i => i.complete && i.naturalWidth > 0) && document.images.length > 0"),
                true);
        boolean loaded = images.path("result").path("value").asBoolean(false);
        JsonNode size = call("Page.getLayoutMetrics", JSON.createObjectNode(), true).path("cssContentSize");
        ObjectNode clip = JSON.createObjectNode().put("x", 0).put("y", 0).put("width", size.path("width").asDouble(width))
                .put("height", Math.min(size.path("height").asDouble(900), 16_000)).put("scale", 1);
        ObjectNode shot = JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true);
        shot.set("clip", clip);
        byte[] png = Base64.getDecoder().decode(call("Page.captureScreenshot", shot, true).path("data").asText());
        return new Load(problems, loaded, png);
    }

    private JsonNode call(String method, ObjectNode params, boolean inSession) throws Exception {
        int id = nextId++;
        ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
        msg.set("params", params);
        if (inSession) {
            msg.put("sessionId", session);
        }
        socket.sendText(JSON.writeValueAsString(msg), true).get(30, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            JsonNode m = messages.poll(1, TimeUnit.SECONDS);
            if (m == null) {
                continue;
            }
            if (m.path("id").asInt(-1) == id) {
                if (m.has("error")) {
                    throw new IOException(method + ": " + m.get("error"));
                }
                return m.path("result");
            }
            events.add(m);
        }
        throw new IOException(method + ": no answer in 60 s");
    }

    private void awaitEvent(String method, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (JsonNode e : events) {
            if (method.equals(e.path("method").asText())) {
                return;
            }
        }
        while (System.nanoTime() < deadline) {
            JsonNode m = messages.poll(1, TimeUnit.SECONDS);
            if (m != null) {
                events.add(m);
                if (method.equals(m.path("method").asText())) {
                    return;
                }
            }
        }
        throw new IOException("no " + method + " in " + seconds + " s");
    }

    private void drainEvents() {
        JsonNode m;
        while ((m = messages.poll()) != null) {
            events.add(m);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing anyway
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (var walk = Files.walk(profile)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Collects text frames into whole messages. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(JSON.readTree(partial.toString()));
                } catch (IOException e) {
                    messages.add(JSON.createObjectNode().put("method", "capsim.badMessage").put("text", e.getMessage()));
                }
                partial.setLength(0);
            }
            ws.request(1);
            return CompletableFuture.completedFuture(null);
        }
    }
}
