package org.secmlops.core.sign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.secmlops.core.capability.sign.VerificationKey;
import org.secmlops.core.gate.GateResult;
import org.secmlops.core.result.GateRunResult;
import org.secmlops.core.result.Json;
import org.secmlops.core.sign.VerificationProblem.Kind;

/**
 * The gate attestation: a second in-toto statement, about the same model (same subject digest as the model
 * signature), whose predicate records the quality-gate results of the runs that checked the model. Written
 * beside the signature as a Sigstore bundle signed with the same key; {@code docs/signing.md} defines the
 * predicate.
 */
public final class GateAttestation {
    /** The predicate type of the gate attestation. */
    public static final String PREDICATE_TYPE = "https://secmlops.dev/gate-results/v1";
    /** The suffix of the attestation file after the signature file's name. */
    public static final String SUFFIX = ".gates.json";

    private GateAttestation() {
    }

    /** Where the attestation of a signature goes by default: {@code SIGNATURE.gates.json} beside it. */
    public static Path defaultPath(Path signature) {
        Path name = signature.getFileName();
        return signature.resolveSibling((name == null ? "model.sig" : name.toString()) + SUFFIX);
    }

    /** The predicate for the given gate results. */
    static ObjectNode predicate(List<GateRunResult> results, Map<String, String> buildContext, String toolVersion,
            Instant attestedAt) {
        ObjectNode predicate = Json.mapper().createObjectNode();
        predicate.putObject("tool").put("name", "secmlops").put("version", toolVersion);
        predicate.put("attestedAt", attestedAt.toString());
        ObjectNode context = predicate.putObject("buildContext");
        buildContext.forEach(context::put);
        ArrayNode runs = predicate.putArray("results");
        for (GateRunResult result : results) {
            ObjectNode run = runs.addObject();
            run.put("capability", result.capability());
            run.put("subject", result.subject());
            run.put("toolVersion", result.toolVersion());
            run.put("startedAt", result.startedAt().toString());
            run.put("status", result.status().name());
            ObjectNode metrics = run.putObject("metrics");
            result.metrics().forEach((name, value) -> number(metrics, name, value));
            ArrayNode gates = run.putArray("gates");
            for (GateResult gate : result.gates().results()) {
                ObjectNode entry = gates.addObject();
                entry.put("metric", gate.gate().metric());
                number(entry, "value", gate.value());
                entry.put("threshold", gate.gate().threshold());
                entry.put("criticality", gate.gate().criticality().name());
                entry.put("baseline", gate.gate().baseline().name());
                number(entry, "referenceValue", gate.referenceValue());
                entry.put("outcome", gate.status().name());
                entry.put("reason", gate.reason());
            }
        }
        return predicate;
    }

    private static void number(ObjectNode node, String field, Double value) {
        if (value == null || !Double.isFinite(value)) {
            node.putNull(field);
        } else {
            node.put(field, value.doubleValue());
        }
    }

    /**
     * The outcome of checking an attestation against required capabilities.
     *
     * @param attested the capabilities the attestation records, each with its status
     * @param failed   the required capabilities it does not show as PASSED
     * @param problems why, one problem per failed capability or one for the whole attestation
     */
    record Check(Map<String, String> attested, List<String> failed, List<VerificationProblem> problems) {
    }

    /**
     * Checks an attestation bundle: well-formed, signed by the key, about the model with this root digest, and
     * showing every required capability PASSED.
     *
     * @param content    the attestation file's content, or {@code null} if there is none
     * @param source     names the file in messages
     * @param key        the key that must have signed it
     * @param rootDigest the verified model's root digest, or {@code null} if the model did not verify
     * @param required   capability ids, lower case
     */
    static Check check(byte[] content, String source, VerificationKey key, String rootDigest, List<String> required) {
        Map<String, String> attested = new java.util.LinkedHashMap<>();
        if (required.isEmpty()) {
            return new Check(attested, List.of(), List.of());
        }
        String why = null;
        JsonNode predicate = null;
        if (rootDigest == null) {
            why = "the model signature did not verify, so its gate attestation cannot be trusted";
        } else if (content == null) {
            why = "there is no gate attestation " + source + " (sign with --attest-gates)";
        } else {
            try {
                SigstoreBundle bundle = SigstoreBundle.parse(content);
                if (!SigstoreBundle.KEY.equals(bundle.method())
                        || bundle.keyHint() != null && !bundle.keyHint().equals(key.hint())) {
                    why = "the gate attestation " + source + " was signed with another key";
                } else if (!ModelVerifier.anySignatureVerifies(bundle, key)) {
                    why = "the signature of the gate attestation " + source + " does not verify";
                } else {
                    InTotoStatement statement = InTotoStatement.parse(bundle.payload());
                    if (!PREDICATE_TYPE.equals(statement.predicateType())) {
                        why = "the gate attestation " + source + " has predicate type " + statement.predicateType()
                                + ", expected " + PREDICATE_TYPE;
                    } else if (!rootDigest.equals(statement.subjectSha256())) {
                        why = "the gate attestation " + source + " is about another model (digest "
                                + statement.subjectSha256() + ", this model is " + rootDigest + ")";
                    } else {
                        predicate = statement.predicate();
                    }
                }
            } catch (BundleException e) {
                why = "the gate attestation " + source + " is malformed: " + e.getMessage();
            }
        }
        List<VerificationProblem> problems = new ArrayList<>();
        if (predicate == null) {
            problems.add(new VerificationProblem(Kind.GATES_NOT_PASSED, "", why));
            return new Check(attested, List.copyOf(required), problems);
        }
        for (JsonNode run : predicate.path("results")) {
            String capability = run.path("capability").asText("").toLowerCase(Locale.ROOT);
            String status = run.path("status").asText("");
            String previous = attested.get(capability);
            // A capability attested several times counts with its worst run.
            attested.put(capability, previous == null || "PASSED".equals(previous) ? status : previous);
        }
        List<String> failed = new ArrayList<>();
        for (String capability : required) {
            String status = attested.get(capability);
            if (status == null) {
                failed.add(capability);
                problems.add(new VerificationProblem(Kind.GATES_NOT_PASSED, "",
                        "the gate attestation has no " + capability + " result"));
            } else if (!"PASSED".equals(status)) {
                failed.add(capability);
                problems.add(new VerificationProblem(Kind.GATES_NOT_PASSED, "",
                        "the attested " + capability + " gates are " + status + ", not PASSED"));
            }
        }
        return new Check(attested, failed, problems);
    }

    /** Normalizes capability ids given as {@code scan,robustness} (repeatable, comma-separated). */
    public static List<String> capabilities(List<String> given) {
        Set<String> ids = new LinkedHashSet<>();
        for (String entry : given) {
            for (String id : entry.split(",")) {
                if (!id.isBlank()) {
                    ids.add(id.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        return List.copyOf(ids);
    }
}
