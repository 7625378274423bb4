package org.secmlops.core.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.secmlops.core.capability.scan.ScanCapability;
import org.secmlops.core.capability.scan.ScanFinding;
import org.secmlops.core.capability.scan.Severity;
import org.secmlops.core.io.SafeOutput;
import org.secmlops.core.result.GateRunResult;
import org.secmlops.core.result.Json;
import org.secmlops.core.scan.ScanRule;

/**
 * The findings of a scan as a SARIF 2.1.0 log ({@code results.sarif}), for warnings-ng's {@code recordIssues(tools:
 * [sarif(...)])}, GitHub code scanning and other SARIF consumers.
 *
 * <ul>
 *   <li>{@code tool.driver}: SecMLOps, its version and every scan rule with its description, help and GitHub's
 *       {@code security-severity}.</li>
 *   <li>One result per finding: the rule, a level from the severity (CRITICAL and HIGH {@code error}, MEDIUM
 *       {@code warning}, LOW {@code note}), {@code properties.severity} with our severity, the file as a URI
 *       relative to the scanned folder ({@code uriBaseId SCANROOT}, declared in {@code originalUriBaseIds}), the
 *       archive member and the place inside the file (opcode offset, node, layer) as logical locations, and a
 *       partial fingerprint over rule, file and place for stable deduplication across runs.</li>
 * </ul>
 *
 * Only the scan has a SARIF export: the data check's suspects are samples ranked by statistical detectors, not
 * rule violations at a place in a file, and are reported in its HTML report and cleaned copy instead.
 */
public final class SarifReport {
    /** The file name in a report directory. */
    public static final String FILE_NAME = "results.sarif";
    /** The SARIF 2.1.0 schema URI written as {@code $schema}. */
    public static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    /** Where the scan's rules are documented. */
    public static final String INFORMATION_URI = "https://github.com/jenkinsci/secmlops-plugin";
    static final String HELP_URI = INFORMATION_URI + "/blob/main/docs/scan.md";
    /** The {@code uriBaseId} of every result's file: the scanned folder. */
    public static final String ROOT = "SCANROOT";
    /** The key of the fingerprint in {@code partialFingerprints}. */
    public static final String FINGERPRINT = "secmlopsFinding/v1";

    /** An earlier {@code results.sarif} of SecMLOps, recognised by its first properties whatever the indentation. */
    public static final SafeOutput.Kind KIND = SafeOutput.Kind.json(FILE_NAME, "{\"$schema\":\"" + SCHEMA
            + "\",\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"SecMLOps\"");

    private SarifReport() {
    }

    /** Whether results of the capability have a SARIF export (only the scan's). */
    public static boolean supports(String capability) {
        return ScanCapability.INSTANCE.id().equals(capability);
    }

    /**
     * Writes the SARIF log of a scan result through {@link SafeOutput}.
     *
     * @param scannedRoot the folder the findings' paths are relative to: the scanned folder, or the folder of the
     *                    scanned file
     */
    public static void write(GateRunResult result, Path scannedRoot, Path file) throws IOException {
        String text = render(result, scannedRoot);
        SafeOutput.writeString(file, KIND, text);
    }

    /** The SARIF log of a scan result; see {@link #write}. */
    public static String render(GateRunResult result, Path scannedRoot) {
        if (!supports(result.capability())) {
            throw new IllegalArgumentException("no SARIF export for " + result.capability() + " results");
        }
        List<ScanFinding> findings = findings(result.details());
        ObjectNode log = Json.mapper().createObjectNode();
        log.put("$schema", SCHEMA);
        log.put("version", "2.1.0");
        ObjectNode run = log.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "SecMLOps");
        driver.put("version", result.toolVersion());
        driver.put("informationUri", INFORMATION_URI);
        Map<String, Integer> ruleIndex = rules(driver.putArray("rules"), findings);
        SarifUris.Base base = SarifUris.base(scannedRoot);
        ObjectNode root = run.putObject("originalUriBaseIds").putObject(ROOT);
        root.put("uri", base.uri());
        if (base.uriBaseId() != null) {
            root.put("uriBaseId", base.uriBaseId());
        }
        root.putObject("description").put("text", "The scanned folder: " + result.subject());
        ArrayNode results = run.putArray("results");
        for (ScanFinding finding : findings) {
            result(results.addObject(), finding, ruleIndex.get(finding.rule()));
        }
        run.putArray("invocations").addObject().put("executionSuccessful", true);
        try {
            return Json.mapper().writeValueAsString(log) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write SARIF", e);
        }
    }

    /** The SARIF level of a severity. */
    public static String level(Severity severity) {
        return switch (severity) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW -> "note";
        };
    }

    /** GitHub's {@code security-severity} score of a severity (critical over 9, high 7 to 8.9, ...). */
    public static String securitySeverity(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "9.5";
            case HIGH -> "8.0";
            case MEDIUM -> "5.5";
            case LOW -> "2.0";
        };
    }

    private static List<ScanFinding> findings(JsonNode details) {
        List<ScanFinding> findings = new ArrayList<>();
        for (JsonNode finding : details.path("findings")) {
            try {
                findings.add(Json.mapper().treeToValue(finding, ScanFinding.class));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("not a scan finding: " + finding, e);
            }
        }
        return findings;
    }

    /** Every known rule, then unknown rules of the findings; a rule's score is its worst finding's, if any. */
    private static Map<String, Integer> rules(ArrayNode rules, List<ScanFinding> findings) {
        Map<String, Severity> worst = new LinkedHashMap<>();
        for (ScanFinding finding : findings) {
            worst.merge(finding.rule(), finding.severity(), (a, b) -> a.isAtLeast(b) ? a : b);
        }
        List<ScanRule> all = new ArrayList<>(ScanRule.all());
        for (String id : worst.keySet()) {
            if (ScanRule.byId(id).isEmpty()) {
                all.add(new ScanRule(id, worst.get(id), "Scan rule " + id + ".", "See the finding's message."));
            }
        }
        Map<String, Integer> index = new LinkedHashMap<>();
        for (ScanRule rule : all) {
            index.put(rule.id(), index.size());
            Severity severity = worst.getOrDefault(rule.id(), rule.severity());
            ObjectNode node = rules.addObject();
            node.put("id", rule.id());
            node.putObject("shortDescription").put("text", rule.description());
            node.putObject("fullDescription").put("text", rule.description());
            node.putObject("help").put("text", rule.help());
            node.put("helpUri", HELP_URI);
            node.putObject("defaultConfiguration").put("level", level(rule.severity()));
            ObjectNode properties = node.putObject("properties");
            properties.putArray("tags").add("security").add("machine-learning");
            properties.put("security-severity", securitySeverity(severity));
        }
        return index;
    }

    private static void result(ObjectNode result, ScanFinding finding, int ruleIndex) {
        result.put("ruleId", finding.rule());
        result.put("ruleIndex", ruleIndex);
        result.put("level", level(finding.severity()));
        result.putObject("message").put("text", finding.message());
        int member = finding.file().indexOf("!/");
        String file = member < 0 ? finding.file() : finding.file().substring(0, member);
        ObjectNode location = result.putArray("locations").addObject();
        ObjectNode artifact = location.putObject("physicalLocation").putObject("artifactLocation");
        artifact.put("uri", file.isEmpty() ? "./" : SarifUris.relative(file));
        artifact.put("uriBaseId", ROOT);
        if (member >= 0 || !finding.location().isEmpty()) {
            ArrayNode logical = location.putArray("logicalLocations");
            if (member >= 0) {
                String path = finding.file().substring(member + 2);
                logical.addObject().put("name", path).put("fullyQualifiedName", finding.file())
                        .put("kind", "resource");
            }
            if (!finding.location().isEmpty()) {
                logical.addObject().put("name", finding.location())
                        .put("fullyQualifiedName", finding.file() + " " + finding.location()).put("kind", "element");
            }
        }
        result.putObject("partialFingerprints").put(FINGERPRINT, fingerprint(finding));
        ObjectNode properties = result.putObject("properties");
        properties.put("severity", finding.severity().name());
        properties.put("security-severity", securitySeverity(finding.severity()));
        if (!finding.location().isEmpty()) {
            properties.put("location", finding.location());
        }
    }

    /** SHA-256 of rule, file and place: the same finding in a later run has the same fingerprint. */
    static String fingerprint(ScanFinding finding) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : List.of(finding.rule(), finding.file(), finding.location())) {
                digest.update(part.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
