package org.secmlops.core.result;

import com.fasterxml.jackson.core.JacksonException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads and writes {@code gates.json}, the gates and reference metrics handed to a worker. */
public final class GateSpecJson {
    private GateSpecJson() {
    }

    public static void write(GateSpec spec, Path file) throws IOException {
        Json.mapper().writeValue(file.toFile(), spec);
    }

    public static String toJson(GateSpec spec) throws IOException {
        return Json.mapper().writeValueAsString(spec);
    }

    /**
     * @throws ResultFormatException if the file is missing or malformed
     */
    public static GateSpec read(Path file) throws ResultFormatException {
        try {
            GateSpec spec = Json.mapper().readValue(file.toFile(), GateSpec.class);
            if (spec == null) {
                throw new ResultFormatException("Gate file " + file + " is empty");
            }
            if (spec.schemaVersion() < 1 || spec.schemaVersion() > ResultJson.SCHEMA_VERSION) {
                throw new ResultFormatException("Gate file " + file + " has unsupported schemaVersion "
                        + spec.schemaVersion());
            }
            return spec;
        } catch (NoSuchFileException e) {
            throw new ResultFormatException("Gate file " + file + " does not exist");
        } catch (JacksonException e) {
            throw new ResultFormatException("Gate file " + file + " is malformed: " + e.getOriginalMessage(), e);
        } catch (ResultFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new ResultFormatException("Cannot read gate file " + file + ": " + e.getMessage(), e);
        }
    }
}
