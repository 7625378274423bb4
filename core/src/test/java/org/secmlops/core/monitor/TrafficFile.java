package org.secmlops.core.monitor;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Writes traffic logs for tests: one JSON object per line, as a model server would log them. */
final class TrafficFile {
    private final List<String> lines = new ArrayList<>();
    private Instant clock = Instant.parse("2026-12-02T10:00:00Z");
    private long labelled;
    private long correct;

    /** One logged request. */
    record Event(String client, float[] input, float[] output, int label) {
    }

    /** Logs the events in order. */
    TrafficFile addAll(List<Event> events) {
        for (Event e : events) {
            add(e.client(), e.input(), e.output(), e.label());
        }
        return this;
    }

    /** The share of labelled records with an output whose top output is the label, counted as they were added. */
    double accuracy() {
        return (double) correct / labelled;
    }

    /** Logs one request; {@code output} may be {@code null}, {@code label} negative for none. */
    TrafficFile add(String client, float[] input, float[] output, int label) {
        clock = clock.plusMillis(250);
        StringBuilder line = new StringBuilder("{\"timestamp\":\"").append(clock).append('"');
        if (client != null) {
            line.append(",\"client\":\"").append(client).append('"');
        }
        line.append(",\"input\":").append(array(input));
        if (output != null) {
            line.append(",\"output\":").append(array(output));
        }
        if (label >= 0 && output != null) {
            int best = 0;
            for (int c = 1; c < output.length; c++) {
                best = output[c] > output[best] ? c : best;
            }
            labelled++;
            correct += best == label ? 1 : 0;
        }
        if (label >= 0) {
            line.append(",\"label\":").append(label);
        }
        lines.add(line.append('}').toString());
        return this;
    }

    /** Adds a line as it is. */
    TrafficFile raw(String line) {
        lines.add(line);
        return this;
    }

    int size() {
        return lines.size();
    }

    /** The lines logged so far, without line breaks. */
    List<String> lines() {
        return List.copyOf(lines);
    }

    Path write(Path file) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file);
                OutputStream out = file.toString().endsWith(".gz") ? new GZIPOutputStream(raw) : raw;
                Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            for (String line : lines) {
                writer.write(line);
                writer.write('\n');
            }
        }
        return file;
    }

    private static String array(float[] values) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            s.append(i == 0 ? "" : ",").append(values[i]);
        }
        return s.append(']').toString();
    }
}
