package org.secmlops.core.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.capability.scan.ScanCapability;
import org.secmlops.core.io.PathRefusedException;
import org.secmlops.core.result.GateRunResult;
import org.secmlops.core.result.GateSpec;
import org.secmlops.core.result.Json;
import org.secmlops.core.result.ResultJson;
import org.secmlops.core.run.GateRunner;
import org.secmlops.core.scan.ModelScanner;
import org.secmlops.core.scan.ScanLimits;
import org.secmlops.core.scan.ScanMeasurement;
import org.secmlops.core.scan.ScanPolicy;
import org.secmlops.core.scan.ScanRule;

class SarifReportTest {
    /** Protocol 0 pickle that calls {@code os.system('echo hi')} when loaded. */
    private static final byte[] OS_SYSTEM = "cos\nsystem\n(S'echo hi'\ntR.".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path models;

    @TempDir
    Path reports;

    @BeforeEach
    void maliciousModels() throws IOException {
        Files.createDirectories(models.resolve("sub dir"));
        Files.write(models.resolve("sub dir/evil model.pkl"), OS_SYSTEM);
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("archive/data.pkl"));
            out.write(OS_SYSTEM);
            out.closeEntry();
        }
        Files.write(models.resolve("weights.pt"), zip.toByteArray());
        Files.writeString(models.resolve("README.md"), "# a model\n");
    }

    private GateRunResult scan(Path root) throws Exception {
        ModelScanner scanner = new ModelScanner(ScanPolicy.defaults(), ScanLimits.defaults());
        return new GateRunner(ScanCapability.INSTANCE, "9.9.9").run(root.toString(),
                new GateSpec(ResultJson.SCHEMA_VERSION, List.of(), null),
                () -> ScanMeasurement.of(scanner.scan(root, line -> { })));
    }

    private static List<JsonNode> results(JsonNode log, String uri) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode result : log.path("runs").path(0).path("results")) {
            if (result.at("/locations/0/physicalLocation/artifactLocation/uri").asText().equals(uri)) {
                found.add(result);
            }
        }
        return found;
    }

    @Test
    void aMaliciousPickleIsAnErrorResultOfItsRuleAtItsRelativeFile() throws Exception {
        JsonNode log = Json.mapper().readTree(SarifReport.render(scan(models), models));

        assertThat(Schemas.sarifErrors(log)).isEmpty();
        List<JsonNode> evil = results(log, "sub%20dir/evil%20model.pkl");
        assertThat(evil).isNotEmpty();
        JsonNode result = evil.get(0);
        assertThat(result.path("ruleId").asText()).isEqualTo("PICKLE_DANGEROUS_GLOBAL");
        assertThat(result.path("level").asText()).isEqualTo("error");
        assertThat(result.at("/properties/severity").asText()).isEqualTo("CRITICAL");
        assertThat(result.at("/properties/security-severity").asText()).isEqualTo("9.5");
        assertThat(result.at("/locations/0/physicalLocation/artifactLocation/uriBaseId").asText())
                .isEqualTo(SarifReport.ROOT);
        assertThat(result.at("/locations/0/logicalLocations/0/name").asText()).startsWith("opcode offset ");
        assertThat(result.at("/message/text").asText()).contains("os.system");
        int index = result.path("ruleIndex").asInt();
        JsonNode rule = log.at("/runs/0/tool/driver/rules/" + index);
        assertThat(rule.path("id").asText()).isEqualTo("PICKLE_DANGEROUS_GLOBAL");
        assertThat(rule.at("/shortDescription/text").asText()).isNotBlank();
        assertThat(rule.at("/help/text").asText()).isNotBlank();
        assertThat(rule.at("/properties/security-severity").asText()).isEqualTo("9.5");
        JsonNode driver = log.at("/runs/0/tool/driver");
        assertThat(driver.path("name").asText()).isEqualTo("SecMLOps");
        assertThat(driver.path("version").asText()).isEqualTo("9.9.9");
        assertThat(driver.path("informationUri").asText()).startsWith("https://");
        assertThat(driver.path("rules")).hasSize(ScanRule.all().size());
    }

    @Test
    void anArchiveMemberIsTheArchiveFileWithTheMemberAsLogicalLocation() throws Exception {
        JsonNode log = Json.mapper().readTree(SarifReport.render(scan(models), models));

        List<JsonNode> inArchive = results(log, "weights.pt");
        assertThat(inArchive).isNotEmpty();
        JsonNode member = inArchive.get(0).at("/locations/0/logicalLocations/0");
        assertThat(member.path("name").asText()).isEqualTo("archive/data.pkl");
        assertThat(member.path("fullyQualifiedName").asText()).isEqualTo("weights.pt!/archive/data.pkl");
        assertThat(member.path("kind").asText()).isEqualTo("resource");
    }

    @Test
    void fingerprintsAreStableAcrossRunsAndDistinctPerFinding() throws Exception {
        JsonNode first = Json.mapper().readTree(SarifReport.render(scan(models), models));
        JsonNode second = Json.mapper().readTree(SarifReport.render(scan(models), models));

        List<String> fingerprints = new ArrayList<>();
        for (JsonNode result : first.at("/runs/0/results")) {
            fingerprints.add(result.at("/partialFingerprints").path(SarifReport.FINGERPRINT).asText());
        }
        List<String> again = new ArrayList<>();
        for (JsonNode result : second.at("/runs/0/results")) {
            again.add(result.at("/partialFingerprints").path(SarifReport.FINGERPRINT).asText());
        }
        assertThat(fingerprints).hasSizeGreaterThanOrEqualTo(2).doesNotHaveDuplicates().isEqualTo(again)
                .allMatch(f -> f.matches("[0-9a-f]{64}"));
    }

    @Test
    void theScannedRootIsTheBaseOfEveryUri() throws Exception {
        JsonNode absolute = Json.mapper().readTree(SarifReport.render(scan(models), models));
        assertThat(absolute.at("/runs/0/originalUriBaseIds/SCANROOT/uri").asText())
                .isEqualTo(models.toUri().toString()).endsWith("/");

        JsonNode relative = Json.mapper().readTree(SarifReport.render(scan(models), Path.of("models", "my model")));
        assertThat(relative.at("/runs/0/originalUriBaseIds/SCANROOT/uri").asText()).isEqualTo("models/my%20model/");
        assertThat(relative.at("/runs/0/originalUriBaseIds/SCANROOT/uriBaseId").asText()).isEqualTo("%SRCROOT%");
        assertThat(Schemas.sarifErrors(relative)).isEmpty();
    }

    @Test
    void aCleanScanIsAValidLogWithoutResults() throws Exception {
        Path clean = Files.createDirectories(reports.resolve("clean"));
        Files.writeString(clean.resolve("README.md"), "nothing\n");

        JsonNode log = Json.mapper().readTree(SarifReport.render(scan(clean), clean));

        assertThat(Schemas.sarifErrors(log)).isEmpty();
        assertThat(log.at("/runs/0/results")).isEmpty();
    }

    @Test
    void theSchemaCheckIsNotVacuous() throws Exception {
        ObjectNode log = (ObjectNode) Json.mapper().readTree(SarifReport.render(scan(models), models));
        ((ObjectNode) log.at("/runs/0/results/0")).put("level", "fatal");

        assertThat(Schemas.sarifErrors(log)).isNotEmpty();
    }

    @Test
    void onlyScanResultsHaveASarifExport() throws Exception {
        assertThat(SarifReport.supports("scan")).isTrue();
        assertThat(SarifReport.supports("data-check")).isFalse();
        assertThatThrownBy(() -> SarifReport.render(JUnitReportTest.result("evaluate"), models))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesThroughSafeOutputReplacingOnlyAnEarlierSarifLog() throws Exception {
        Path file = reports.resolve(SarifReport.FILE_NAME);
        SarifReport.write(scan(models), models, file);
        SarifReport.write(scan(models), models, file);
        assertThat(Json.mapper().readTree(file.toFile()).path("version").asText()).isEqualTo("2.1.0");

        Path foreign = reports.resolve("other.sarif");
        Files.writeString(foreign, "{\"version\":\"2.1.0\",\"runs\":[]}");
        assertThatThrownBy(() -> SarifReport.write(scan(models), models, foreign))
                .isInstanceOf(PathRefusedException.class);
    }
}
