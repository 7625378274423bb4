package org.secmlops.core.sign;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.secmlops.core.capability.sign.VerifyCapability;
import org.secmlops.core.result.Json;
import org.secmlops.core.run.Measurement;

/** The metrics and details of a run of {@link VerifyCapability}, from the engine's report. */
public final class VerifyMeasurement {
    private VerifyMeasurement() {
    }

    /** The metrics and details of a verification. */
    public static Measurement of(VerifyReport report) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("FILES_VERIFIED", (double) report.filesVerified());
        metrics.put("FILES_FAILED", (double) report.filesFailed());
        metrics.put("SIGNATURE_VALID", report.signatureValid() ? 1.0 : 0.0);
        metrics.put("REQUIRED_GATES_FAILED", (double) report.gatesFailed().size());
        ObjectNode details = Json.mapper().createObjectNode();
        details.put("signature", report.signature().toString());
        details.put("verified", report.verified());
        details.put("signatureValid", report.signatureValid());
        details.put("keyHint", report.keyHint());
        details.put("bundleKey", report.bundleKey());
        if (report.manifest() != null) {
            ModelManifest manifest = report.manifest();
            details.put("modelName", manifest.modelName());
            details.put("modelDigest", "sha256:" + manifest.rootDigest());
            details.put("method", manifest.serialization().method());
            if (manifest.serialization().shardSize() != null) {
                details.put("shardSize", manifest.serialization().shardSize());
            }
            details.put("hashType", manifest.serialization().hashType());
            ArrayNode ignorePaths = details.putArray("ignorePaths");
            manifest.serialization().ignorePaths().forEach(ignorePaths::add);
        }
        details.put("filesVerified", report.filesVerified());
        details.put("filesFailed", report.filesFailed());
        details.put("bytesVerified", report.bytesVerified());
        ArrayNode problems = details.putArray("problems");
        for (VerificationProblem problem : report.problems()) {
            problems.addObject().put("kind", problem.kind().name()).put("path", problem.path())
                    .put("message", problem.message());
        }
        ArrayNode extra = details.putArray("extraFilesAllowed");
        report.extraAllowed().forEach(extra::add);
        ArrayNode ignored = details.putArray("ignored");
        report.ignored().forEach(ignored::add);
        ArrayNode required = details.putArray("requiredGates");
        report.requiredGates().forEach(required::add);
        ObjectNode attested = details.putObject("attestedGates");
        report.attestedGates().forEach(attested::put);
        return new Measurement(metrics, details);
    }
}
