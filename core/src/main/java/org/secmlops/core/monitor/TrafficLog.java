package org.secmlops.core.monitor;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.secmlops.core.capability.monitor.BadRecord;
import org.secmlops.core.data.DatasetException;
import org.secmlops.core.data.LineReader;
import org.secmlops.core.model.ModelException;

/**
 * Reads a traffic log, JSON Lines ({@code .gz} too), one record at a time: only the current line is held in memory.
 * A record is an object {@code {"timestamp": "...", "client": "...", "input": [...], "output": [...], "label": 3}};
 * {@code input} is required, the rest optional, other fields are ignored. Lines that are not valid records (not
 * JSON, no input, a client id over {@value #MAX_CLIENT_LENGTH} characters, a value that is not a finite number, the
 * wrong input width, an {@code input_path} that cannot be read: see {@link InputPaths}) are counted, the first {@value #BAD_EXAMPLES} kept with their line numbers. Blank lines are skipped.
 */
public final class TrafficLog {
    /** The largest share of bad lines a window may hold: more is an input error. */
    public static final double MAX_BAD_SHARE = 0.10;
    /** The longest client id accepted. */
    public static final int MAX_CLIENT_LENGTH = 256;
    /** The number of bad lines kept with their reasons. */
    public static final int BAD_EXAMPLES = 20;

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();

    /** Where the valid records go, in the log's order. */
    @FunctionalInterface
    public interface RecordSink {
        /** Takes one record. */
        void accept(TrafficRecord record) throws ModelException;
    }

    private TrafficLog() {
    }

    /**
     * Reads the log and hands every valid record to the sink.
     *
     * @param log   the traffic log
     * @param width the number of input values a record must have
     * @throws DatasetException when the log is missing, holds no valid record, more than
     *                          {@link #MAX_BAD_SHARE} of its lines are bad, or a line is too long or not UTF-8
     * @throws ModelException   when the sink's model fails
     */
    public static TrafficWindow read(Path log, int width, RecordSink sink)
            throws IOException, DatasetException, ModelException {
        return read(log, width, null, sink);
    }

    /** As {@link #read(Path, int, RecordSink)}, reading {@code input_path} images with {@code paths} (or none). */
    static TrafficWindow read(Path log, int width, InputPaths paths, RecordSink sink)
            throws IOException, DatasetException, ModelException {
        if (!Files.isRegularFile(log)) {
            throw new DatasetException("Traffic log not found: " + log);
        }
        long lines = 0;
        long records = 0;
        long bad = 0;
        List<BadRecord> examples = new ArrayList<>();
        try (LineReader reader = LineReader.open(log)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                lines++;
                long number = reader.lineNumber();
                TrafficRecord record;
                try {
                    record = parse(line, number, width, paths);
                } catch (BadLine e) {
                    bad++;
                    if (examples.size() < BAD_EXAMPLES) {
                        examples.add(new BadRecord(number, e.getMessage()));
                    }
                    continue;
                }
                records++;
                sink.accept(record);
            }
        }
        TrafficWindow window = new TrafficWindow(log.toString(), lines, records, bad, examples);
        if (records == 0) {
            throw new DatasetException("The traffic log " + log + " holds no valid record (" + lines
                    + " non-blank lines" + firstBad(examples) + ")");
        }
        if (window.badShare() > MAX_BAD_SHARE) {
            throw new DatasetException(bad + " of " + lines + " lines of the traffic log " + log
                    + " are not valid records, more than " + Math.round(MAX_BAD_SHARE * 100) + "%" + firstBad(examples));
        }
        return window;
    }

    private static String firstBad(List<BadRecord> examples) {
        return examples.isEmpty() ? "" : "; line " + examples.get(0).line() + ": " + examples.get(0).reason();
    }

    static TrafficRecord parse(String line, long number, int width) throws BadLine {
        return parse(line, number, width, null);
    }

    /**
     * One line as a record.
     *
     * @param paths reads the images {@code input_path} names, or {@code null}: such records are bad
     */
    static TrafficRecord parse(String line, long number, int width, InputPaths paths) throws BadLine {
        String timestamp = "";
        String inputPath = null;
        String client = "";
        float[] input = null;
        float[] output = null;
        int label = -1;
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new BadLine("not a JSON object");
            }
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                if (t != JsonToken.FIELD_NAME) {
                    throw new BadLine("not a JSON object");
                }
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "timestamp" -> timestamp = scalar(p, value, field);
                    case "client" -> client = scalar(p, value, field);
                    case "input" -> input = numbers(p, value, field);
                    case "output" -> output = value == JsonToken.VALUE_NULL ? null : numbers(p, value, field);
                    case "label" -> label = label(p, value);
                    case "input_path" -> inputPath = scalar(p, value, field);
                    default -> p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new BadLine("text after the JSON object");
            }
        } catch (IOException e) {
            throw new BadLine("not valid JSON: " + firstLine(e.getMessage()));
        }
        if (client.length() > MAX_CLIENT_LENGTH) {
            throw new BadLine("client id longer than " + MAX_CLIENT_LENGTH + " characters");
        }
        if (inputPath != null && !inputPath.isEmpty()) {
            if (input != null) {
                throw new BadLine("both input and input_path");
            }
            if (paths == null) {
                throw new BadLine("input_path needs a reference of images (a folder of class folders); log the"
                        + " input values");
            }
            input = paths.read(inputPath);
        }
        if (input == null) {
            throw new BadLine("no input");
        }
        if (input.length != width) {
            throw new BadLine("input has " + input.length + " values, the reference " + width);
        }
        if (output != null && output.length < 2) {
            throw new BadLine("output has " + output.length + " values, at least 2 are needed");
        }
        return new TrafficRecord(number, timestamp, client, input, output, label);
    }

    private static String scalar(JsonParser p, JsonToken value, String field) throws IOException, BadLine {
        if (value == JsonToken.VALUE_NULL) {
            return "";
        }
        if (!value.isScalarValue()) {
            throw new BadLine(field + " is not a string");
        }
        return p.getText();
    }

    private static int label(JsonParser p, JsonToken value) throws IOException, BadLine {
        if (value == JsonToken.VALUE_NULL) {
            return -1;
        }
        if (value != JsonToken.VALUE_NUMBER_INT || p.getLongValue() < 0 || p.getLongValue() >= 10_000) {
            throw new BadLine("label is not a class index 0..9999");
        }
        return p.getIntValue();
    }

    private static float[] numbers(JsonParser p, JsonToken value, String field) throws IOException, BadLine {
        if (value != JsonToken.START_ARRAY) {
            throw new BadLine(field + " is not an array of numbers");
        }
        float[] out = new float[64];
        int n = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
                throw new BadLine(field + " value " + (n + 1) + " is not a number");
            }
            float v = p.getFloatValue();
            if (!Float.isFinite(v)) {
                throw new BadLine(field + " value " + (n + 1) + " is not a finite float");
            }
            if (n == out.length) {
                out = Arrays.copyOf(out, n * 2);
            }
            out[n++] = v;
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    /** A line that is not a valid record; the message says why. */
    static final class BadLine extends Exception {
        private static final long serialVersionUID = 1L;

        BadLine(String reason) {
            super(reason);
        }
    }
}
