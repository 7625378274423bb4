package org.secmlops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.result.Json;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Every command writes junit.xml; scan also results.sarif; --export-dir gets the same files. */
class ExportsTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @BeforeEach
    void capture() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    private Path maliciousModel() throws Exception {
        Path model = Files.createDirectories(dir.resolve("model/nested"));
        Files.write(model.resolve("weights.pkl"), ScanCommandTest.OS_SYSTEM_PICKLE);
        return model.getParent();
    }

    private static Document xml(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(Files.readAllBytes(file)));
    }

    @Test
    void scanWritesItsFindingsAsSarifAndItsGatesAsJUnit() throws Exception {
        Path reportDir = dir.resolve("report");

        int exit = SecMLOpsCli.execute("scan", maliciousModel().toString(), "--report-dir", reportDir.toString());

        assertThat(exit).isEqualTo(ExitCode.FAILED.code());
        JsonNode sarif = Json.mapper().readTree(reportDir.resolve("results.sarif").toFile());
        JsonNode result = sarif.at("/runs/0/results/0");
        assertThat(result.path("ruleId").asText()).isEqualTo("PICKLE_DANGEROUS_GLOBAL");
        assertThat(result.path("level").asText()).isEqualTo("error");
        assertThat(result.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
                .isEqualTo("nested/weights.pkl");
        assertThat(sarif.at("/runs/0/originalUriBaseIds/SCANROOT/uri").asText())
                .isEqualTo(dir.resolve("model").toUri().toString());
        Document junit = xml(reportDir.resolve("junit.xml"));
        assertThat(junit.getDocumentElement().getAttribute("name")).isEqualTo("secmlops.scan");
        Element failure = (Element) junit.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("type")).isEqualTo("FAILURE");
        assertThat(((Element) failure.getParentNode()).getAttribute("name")).startsWith("CRITICAL_FINDINGS ");
    }

    @Test
    void aScannedFileIsRelativeToItsFolder() throws Exception {
        Path model = maliciousModel().resolve("nested/weights.pkl");
        Path reportDir = dir.resolve("report");

        SecMLOpsCli.execute("scan", model.toString(), "--report-dir", reportDir.toString());

        JsonNode sarif = Json.mapper().readTree(reportDir.resolve("results.sarif").toFile());
        assertThat(sarif.at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri").asText())
                .isEqualTo("weights.pkl");
        assertThat(sarif.at("/runs/0/originalUriBaseIds/SCANROOT/uri").asText())
                .isEqualTo(model.getParent().toUri().toString());
    }

    @Test
    void theExportDirectoryGetsTheSameExportsAndEarlierExportsAreReplaced() throws Exception {
        Path model = maliciousModel();
        Path reportDir = dir.resolve("report");
        Path exportDir = dir.resolve("workspace/reports/secmlops");

        int first = SecMLOpsCli.execute("scan", model.toString(), "--report-dir", reportDir.toString(),
                "--export-dir", exportDir.toString());
        int second = SecMLOpsCli.execute("scan", model.toString(), "--report-dir", dir.resolve("r2").toString(),
                "--export-dir", exportDir.toString());

        assertThat(first).isEqualTo(ExitCode.FAILED.code());
        assertThat(second).isEqualTo(ExitCode.FAILED.code());
        assertThat(Files.readString(exportDir.resolve("results.sarif")))
                .isEqualTo(Files.readString(reportDir.resolve("results.sarif")));
        assertThat(xml(exportDir.resolve("junit.xml")).getDocumentElement().getAttribute("name"))
                .isEqualTo("secmlops.scan");
        try (var files = Files.list(exportDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("junit.xml",
                    "results.sarif");
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("exports written to " + exportDir);
    }

    @Test
    void aUserFileInTheExportDirectoryIsNeverOverwritten() throws Exception {
        Path model = maliciousModel();
        Path exportDir = Files.createDirectories(dir.resolve("exports"));
        Path mine = Files.writeString(exportDir.resolve("junit.xml"), "<testsuite name=\"my own tests\"/>");
        Path reportDir = dir.resolve("report");

        int exit = SecMLOpsCli.execute("scan", model.toString(), "--report-dir", reportDir.toString(),
                "--export-dir", exportDir.toString());

        assertThat(exit).isEqualTo(ExitCode.INPUT_ERROR.code());
        assertThat(Files.readString(mine)).isEqualTo("<testsuite name=\"my own tests\"/>");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("junit.xml", "refusing to overwrite");
        assertThat(reportDir.resolve("result.json")).doesNotExist();
    }

    @Test
    void anExportDirectoryThatIsAFileIsRefusedBeforeAnyWork() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");

        int exit = SecMLOpsCli.execute("scan", maliciousModel().toString(), "--report-dir",
                dir.resolve("report").toString(), "--export-dir", notADirectory.toString());

        assertThat(exit).isEqualTo(ExitCode.INPUT_ERROR.code());
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--export-dir " + notADirectory
                + " exists and is not a directory");
    }

    @Test
    void otherCommandsWriteJUnitButNoSarif() throws Exception {
        SplittableRandom random = new SplittableRandom(4);
        StringBuilder csv = new StringBuilder("a,b,label\n");
        for (int i = 0; i < 120; i++) {
            int label = i % 2;
            csv.append(String.format(Locale.ROOT, "%.3f,%.3f,%d%n", random.nextGaussian() + 4 * label,
                    random.nextGaussian(), label));
        }
        Path data = Files.writeString(dir.resolve("data.csv"), csv.toString());
        Path reportDir = dir.resolve("report");

        int exit = SecMLOpsCli.execute("data-check", "--data", data.toString(), "--label-column", "label",
                "--folds", "2", "--report-dir", reportDir.toString(), "--export-dir", dir.resolve("exp").toString());

        assertThat(exit).isBetween(0, 2);
        Document junit = xml(reportDir.resolve("junit.xml"));
        assertThat(junit.getDocumentElement().getAttribute("name")).isEqualTo("secmlops.data");
        assertThat(junit.getElementsByTagName("testcase").getLength()).isPositive();
        assertThat(dir.resolve("exp/junit.xml")).exists();
        assertThat(reportDir.resolve("results.sarif")).doesNotExist();
        assertThat(dir.resolve("exp/results.sarif")).doesNotExist();
    }
}
