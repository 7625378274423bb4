package org.secmlops.core.capability.sign;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.secmlops.core.capability.Capability;
import org.secmlops.core.capability.CapabilitySection;
import org.secmlops.core.capability.sign.SignCapability;
import org.secmlops.core.gate.Criticality;
import org.secmlops.core.gate.MetricCatalog;
import org.secmlops.core.gate.MetricDefinition;
import org.secmlops.core.gate.MetricDirection;
import org.secmlops.core.gate.QualityGate;
import org.secmlops.core.report.DetailSection;
import org.secmlops.core.report.Html;
import org.secmlops.core.report.HtmlReport;
import org.secmlops.core.report.Units;
import org.secmlops.core.result.GateRunResult;

/**
 * Signature verification as a gate: by default any failed file or an invalid signature fails the build, and
 * so does a required gate attestation that does not show its capability PASSED.
 */
public final class VerifyCapability implements Capability {
    /** The one instance. */
    public static final VerifyCapability INSTANCE = new VerifyCapability();

    private static final MetricCatalog CATALOG = new MetricCatalog("verify", List.of(
            MetricDefinition.count("FILES_VERIFIED", "Signed files present and unchanged",
                    MetricDirection.HIGHER_IS_BETTER),
            MetricDefinition.count("FILES_FAILED", "Files changed, missing, unsigned or unreadable (all files when"
                    + " the signature is not valid)", MetricDirection.LOWER_IS_BETTER),
            MetricDefinition.count("SIGNATURE_VALID",
                    "1 if the bundle is a valid model signature by the key, else 0",
                    MetricDirection.HIGHER_IS_BETTER),
            MetricDefinition.count("REQUIRED_GATES_FAILED", "Required capabilities whose gates the attestation does"
                    + " not show PASSED", MetricDirection.LOWER_IS_BETTER)));

    private VerifyCapability() {
    }

    @Override
    public String displayName() {
        return "Model signature verification";
    }

    @Override
    public List<String> trendMetrics() {
        return List.of("FILES_FAILED", "SIGNATURE_VALID");
    }

    @Override
    public MetricCatalog catalog() {
        return CATALOG;
    }

    @Override
    public List<QualityGate> defaultGates() {
        return List.of(QualityGate.absolute("FILES_FAILED", 0, Criticality.FAILURE),
                QualityGate.absolute("SIGNATURE_VALID", 1, Criticality.FAILURE),
                QualityGate.absolute("REQUIRED_GATES_FAILED", 0, Criticality.FAILURE));
    }

    /** Renders the verification: what was checked and exactly what failed. */
    @Override
    public DetailSection detailSection() {
        return CapabilitySection.of(this, VerifyCapability::render);
    }

    /** E.g. {@code the signature is valid and 3 files of model/ are unchanged}. */
    @Override
    public String headline(GateRunResult result) {
        JsonNode details = result.details();
        long failed = details.path("filesFailed").asLong();
        long gatesFailed = result.metrics().getOrDefault("REQUIRED_GATES_FAILED", 0.0).longValue();
        String head;
        if (!details.path("signatureValid").asBoolean()) {
            head = "the signature of " + result.subject() + " is not valid for the key — the model must not be trusted";
        } else if (failed > 0) {
            head = Units.count(failed, "file") + " of " + result.subject() + " changed, missing or unsigned — the"
                    + " model must not be trusted";
        } else {
            head = "the signature is valid and " + Units.count(details.path("filesVerified").asLong(), "file")
                    + " of " + result.subject() + (details.path("filesVerified").asLong() == 1 ? " is" : " are")
                    + " unchanged";
        }
        return gatesFailed == 0 ? head
                : head + ", and the attestation does not show " + Units.count(gatesFailed, "required gate") + " PASSED";
    }

    private static String render(JsonNode details) {
        StringBuilder html = new StringBuilder("<h2>Signature verification</h2>");
        html.append("<table class=\"secmlops-signature\"><tbody>");
        SignCapability.row(html, "Signature file", details.path("signature").asText());
        SignCapability.row(html, "Signature", details.path("signatureValid").asBoolean() ? "valid" : "NOT valid");
        SignCapability.row(html, "Public key hint", details.path("keyHint").asText());
        if (details.has("modelDigest")) {
            SignCapability.row(html, "Model", details.path("modelName").asText());
            SignCapability.row(html, "Model digest", details.path("modelDigest").asText());
            SignCapability.row(html, "Serialization", details.path("method").asText()
                    + (details.has("shardSize") ? " of " + details.path("shardSize").asText() + " bytes" : "")
                    + ", " + details.path("hashType").asText());
        }
        SignCapability.row(html, "Files verified", details.path("filesVerified").asText());
        SignCapability.row(html, "Files failed", details.path("filesFailed").asText());
        SignCapability.row(html, "Unsigned files allowed", SignCapability.joined(details.path("extraFilesAllowed")));
        SignCapability.row(html, "Ignored", SignCapability.joined(details.path("ignored")));
        if (!details.path("requiredGates").isEmpty()) {
            SignCapability.row(html, "Required gates", SignCapability.joined(details.path("requiredGates")));
            StringBuilder attested = new StringBuilder();
            details.path("attestedGates").fields().forEachRemaining(entry -> attested
                    .append(attested.length() == 0 ? "" : ", ").append(entry.getKey()).append(' ')
                    .append(entry.getValue().asText()));
            SignCapability.row(html, "Attested gates", attested.length() == 0 ? "none" : attested.toString());
        }
        html.append("</tbody></table><h2>Problems</h2>");
        JsonNode problems = details.path("problems");
        if (!problems.isArray() || problems.isEmpty()) {
            return html.append("<p>None: the model is exactly as signed.</p>").toString();
        }
        html.append("<table class=\"secmlops-problems\"><thead><tr><th>Problem</th><th>File</th><th>Why</th>")
                .append("</tr></thead><tbody>");
        for (JsonNode problem : problems) {
            html.append("<tr><td>").append(HtmlReport.status("FAILED")).append(' ')
                    .append(Html.escape(problem.path("kind").asText())).append("</td><td><code>")
                    .append(Html.escape(problem.path("path").asText())).append("</code></td><td>")
                    .append(Html.escape(problem.path("message").asText())).append("</td></tr>");
        }
        return html.append("</tbody></table>").toString();
    }
}
