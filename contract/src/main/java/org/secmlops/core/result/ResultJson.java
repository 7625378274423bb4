package org.secmlops.core.result;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.secmlops.core.io.SafeOutput;

/**
 * Reads and writes {@code result.json}. Writing is atomic (a reader never sees half a file); reading
 * tolerates fields added by later versions and rejects anything else that is wrong with a message that
 * says what.
 */
public final class ResultJson {
    /** The version of the result format this code writes and the newest it reads. */
    public static final int SCHEMA_VERSION = 1;

    private ResultJson() {
    }

    /** Result files: an earlier one starts with <code>{"schemaVersion":1,"capability":"</code>. */
    public static final SafeOutput.Kind KIND = SafeOutput.Kind.json("result.json",
            "{\"schemaVersion\":" + SCHEMA_VERSION + ",\"capability\":\"");

    /**
     * Writes the result to the file, replacing it atomically; only an earlier result file is replaced
     * ({@link SafeOutput}).
     */
    public static void write(GateRunResult result, Path file) throws IOException {
        SafeOutput.write(file, KIND, out -> Json.mapper().writer().without(
                com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(out, result));
    }

    /** Serializes the result to a JSON string. */
    public static String toJson(GateRunResult result) throws IOException {
        return Json.mapper().writeValueAsString(result);
    }

    /**
     * Reads a result file.
     *
     * @throws ResultFormatException if the file is missing, empty, truncated, malformed or of a newer schema
     */
    public static GateRunResult read(Path file) throws ResultFormatException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new ResultFormatException("Result file " + file + " does not exist: the worker wrote no result");
        } catch (ResultFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new ResultFormatException("Cannot read result file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a result from a stream.
     *
     * @param source names the source in error messages
     * @throws ResultFormatException if the content is empty, truncated, malformed or of a newer schema
     */
    public static GateRunResult read(InputStream in, String source) throws ResultFormatException {
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(in);
        } catch (JsonEOFException e) {
            throw new ResultFormatException("Result " + source + " is truncated: " + e.getOriginalMessage(), e);
        } catch (JacksonException e) {
            throw new ResultFormatException("Result " + source + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ResultFormatException("Cannot read result " + source + ": " + e.getMessage(), e);
        }
        if (tree == null || tree.isMissingNode() || tree.isEmpty() && !tree.isObject()) {
            throw new ResultFormatException("Result " + source + " is empty");
        }
        if (!tree.isObject()) {
            throw new ResultFormatException("Result " + source + " is not a JSON object");
        }
        JsonNode version = tree.get("schemaVersion");
        if (version == null || !version.isInt()) {
            throw new ResultFormatException("Result " + source + " has no integer schemaVersion");
        }
        if (version.intValue() > SCHEMA_VERSION || version.intValue() < 1) {
            throw new ResultFormatException("Result " + source + " has schemaVersion " + version.intValue()
                    + " but this SecMLOps reads versions 1 to " + SCHEMA_VERSION + "; update the plugin");
        }
        try {
            return Json.mapper().treeToValue(tree, GateRunResult.class);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            String message = e instanceof JacksonException jackson ? jackson.getOriginalMessage() : e.getMessage();
            throw new ResultFormatException("Result " + source + " is malformed: " + message, e);
        }
    }
}
