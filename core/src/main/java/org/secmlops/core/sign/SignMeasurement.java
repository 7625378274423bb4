package org.secmlops.core.sign;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.secmlops.core.capability.sign.SignCapability;
import org.secmlops.core.result.Json;
import org.secmlops.core.run.Measurement;

/** The metrics and details of a run of {@link SignCapability}, from the engine's report. */
public final class SignMeasurement {
    /** Files listed in a result's details at most; the signature itself lists all. */
    private static final int MAX_LISTED_FILES = 1000;

    private SignMeasurement() {
    }

    /** The metrics and details of a signing. */
    public static Measurement of(SignReport report) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("FILES_SIGNED", (double) report.filesSigned());
        metrics.put("BYTES_SIGNED", (double) report.bytesSigned());
        ObjectNode details = Json.mapper().createObjectNode();
        details.put("signature", report.signature().toString());
        ModelManifest manifest = report.manifest();
        details.put("modelName", manifest.modelName());
        details.put("modelDigest", "sha256:" + manifest.rootDigest());
        details.put("method", manifest.serialization().method());
        if (manifest.serialization().shardSize() != null) {
            details.put("shardSize", manifest.serialization().shardSize());
        }
        details.put("hashType", manifest.serialization().hashType());
        details.put("resources", manifest.resources().size());
        details.put("keyCurve", report.curve().displayName());
        details.put("keyHint", report.keyHint());
        details.put("filesSigned", report.filesSigned());
        details.put("bytesSigned", report.bytesSigned());
        ArrayNode files = details.putArray("files");
        report.files().stream().limit(MAX_LISTED_FILES)
                .forEach(file -> files.addObject().put("name", file.name()).put("size", file.size()));
        if (report.files().size() > MAX_LISTED_FILES) {
            details.put("filesNotListed", report.files().size() - MAX_LISTED_FILES);
        }
        ArrayNode ignorePaths = details.putArray("ignorePaths");
        manifest.serialization().ignorePaths().forEach(ignorePaths::add);
        ArrayNode ignored = details.putArray("ignored");
        report.ignored().forEach(ignored::add);
        if (report.attestation() != null) {
            details.put("attestation", report.attestation().toString());
            ArrayNode attested = details.putArray("attested");
            report.attested().forEach(attested::add);
        }
        return new Measurement(metrics, details);
    }
}
