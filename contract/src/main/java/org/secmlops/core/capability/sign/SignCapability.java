package org.secmlops.core.capability.sign;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.secmlops.core.capability.Capability;
import org.secmlops.core.capability.CapabilitySection;
import org.secmlops.core.gate.MetricCatalog;
import org.secmlops.core.gate.MetricDefinition;
import org.secmlops.core.gate.MetricDirection;
import org.secmlops.core.gate.QualityGate;
import org.secmlops.core.report.DetailSection;
import org.secmlops.core.report.Html;
import org.secmlops.core.report.Units;
import org.secmlops.core.result.GateRunResult;

/** Model signing as a gate run: how much was signed. No default gates: signing either works or fails. */
public final class SignCapability implements Capability {
    /** The one instance. */
    public static final SignCapability INSTANCE = new SignCapability();

    private static final MetricCatalog CATALOG = new MetricCatalog("sign", List.of(
            MetricDefinition.count("FILES_SIGNED", "Files covered by the signature", MetricDirection.HIGHER_IS_BETTER),
            MetricDefinition.count("BYTES_SIGNED", "Bytes hashed into the signature",
                    MetricDirection.HIGHER_IS_BETTER)));

    private SignCapability() {
    }

    @Override
    public String displayName() {
        return "Model signing";
    }

    @Override
    public List<String> trendMetrics() {
        return List.of("FILES_SIGNED");
    }

    @Override
    public MetricCatalog catalog() {
        return CATALOG;
    }

    @Override
    public List<QualityGate> defaultGates() {
        return List.of();
    }

    /** Renders what was signed. */
    @Override
    public DetailSection detailSection() {
        return CapabilitySection.of(this, SignCapability::render);
    }

    /** E.g. {@code signed 3 files (12.5 MiB) of model/}. */
    @Override
    public String headline(GateRunResult result) {
        JsonNode details = result.details();
        return "signed " + Units.count(details.path("filesSigned").asLong(), "file") + " ("
                + Units.mebibytes(details.path("bytesSigned").asLong()) + ") of " + result.subject();
    }

    @Override
    public String unit(String metric) {
        return "BYTES_SIGNED".equals(metric) ? "bytes" : "";
    }

    private static String render(JsonNode details) {
        StringBuilder html = new StringBuilder("<h2>Signature</h2><table class=\"secmlops-signature\"><tbody>");
        row(html, "Signature file", details.path("signature").asText());
        row(html, "Model", details.path("modelName").asText());
        row(html, "Model digest", details.path("modelDigest").asText());
        row(html, "Serialization", details.path("method").asText()
                + (details.has("shardSize") ? " of " + details.path("shardSize").asText() + " bytes" : "")
                + ", " + details.path("hashType").asText());
        row(html, "Key", details.path("keyCurve").asText() + ", hint " + details.path("keyHint").asText());
        if (details.has("attestation")) {
            List<String> attested = new java.util.ArrayList<>();
            details.path("attested").forEach(node -> attested.add(node.asText()));
            row(html, "Gate attestation", details.path("attestation").asText() + " (" + String.join(", ", attested)
                    + ")");
        }
        row(html, "Ignored", joined(details.path("ignored")));
        html.append("</tbody></table><h2>Signed files</h2>");
        JsonNode files = details.path("files");
        html.append("<table class=\"secmlops-files\"><thead><tr><th>File</th><th>Bytes</th></tr></thead><tbody>");
        for (JsonNode file : files) {
            html.append("<tr><td><code>").append(Html.escape(file.path("name").asText())).append("</code></td><td>")
                    .append(file.path("size").asLong()).append("</td></tr>");
        }
        html.append("</tbody></table>");
        if (details.has("filesNotListed")) {
            html.append("<p>").append(details.path("filesNotListed").asLong())
                    .append(" more files are signed but not listed here.</p>");
        }
        return html.toString();
    }

    static void row(StringBuilder html, String name, String value) {
        html.append("<tr><th>").append(Html.escape(name)).append("</th><td>").append(Html.escape(value))
                .append("</td></tr>");
    }

    static String joined(JsonNode array) {
        List<String> items = new java.util.ArrayList<>();
        array.forEach(node -> items.add(node.asText()));
        return items.isEmpty() ? "none" : String.join(", ", items);
    }
}
