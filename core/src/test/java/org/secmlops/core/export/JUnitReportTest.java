package org.secmlops.core.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.gate.Criticality;
import org.secmlops.core.gate.GateEvaluation;
import org.secmlops.core.gate.GateResult;
import org.secmlops.core.gate.GateStatus;
import org.secmlops.core.gate.QualityGate;
import org.secmlops.core.io.PathRefusedException;
import org.secmlops.core.result.GateRunResult;
import org.secmlops.core.result.ResultJson;
import org.secmlops.core.result.SecurityCost;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

class JUnitReportTest {
    @TempDir
    Path directory;

    static GateRunResult result(String capability, GateResult... gates) {
        return new GateRunResult(ResultJson.SCHEMA_VERSION, capability, "1.2.3", "model/",
                Instant.parse("2026-11-26T10:15:30.250Z"), Map.of("CRITICAL_FINDINGS", 2.0),
                GateEvaluation.of(List.of(gates)), new SecurityCost(1234, 1, 1), null);
    }

    private static GateResult gate(String metric, Criticality criticality, GateStatus status, String reason) {
        return new GateResult(QualityGate.absolute(metric, 0, criticality), 2.0, null, status, reason);
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void oneTestCasePerGateWithFailuresAndSkipsValidAgainstTheJenkinsSchema() throws Exception {
        String xml = JUnitReport.render(result("scan",
                gate("CRITICAL_FINDINGS", Criticality.FAILURE, GateStatus.FAILED, "2 critical findings > 0"),
                gate("HIGH_FINDINGS", Criticality.UNSTABLE, GateStatus.UNSTABLE, "1 high finding > 0"),
                gate("LOW_FINDINGS", Criticality.FAILURE, GateStatus.PASSED, "0 <= 0"),
                new GateResult(QualityGate.delta("FILES_SCANNED", 1, Criticality.UNSTABLE), 7.0, null,
                        GateStatus.INACTIVE, "no reference build")));

        Schemas.validateJUnit(xml);
        Element suite = parse(xml).getDocumentElement();
        assertThat(suite.getTagName()).isEqualTo("testsuite");
        assertThat(suite.getAttribute("name")).isEqualTo("secmlops.scan");
        assertThat(suite.getAttribute("tests")).isEqualTo("4");
        assertThat(suite.getAttribute("failures")).isEqualTo("2");
        assertThat(suite.getAttribute("skipped")).isEqualTo("1");
        assertThat(suite.getAttribute("time")).isEqualTo("1.234");
        assertThat(suite.getAttribute("timestamp")).isEqualTo("2026-11-26T10:15:30");
        NodeList cases = suite.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(4);
        Element critical = (Element) cases.item(0);
        assertThat(critical.getAttribute("classname")).isEqualTo("secmlops.scan");
        assertThat(critical.getAttribute("name")).isEqualTo("CRITICAL_FINDINGS ABSOLUTE 0 FAILURE");
        Element failure = (Element) critical.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("2 critical findings > 0");
        assertThat(failure.getAttribute("type")).isEqualTo("FAILURE");
        assertThat(failure.getTextContent()).contains("value: 2", "threshold: 0", "reference: none");
        Element unstable = (Element) ((Element) cases.item(1)).getElementsByTagName("failure").item(0);
        assertThat(unstable.getAttribute("type")).isEqualTo("UNSTABLE");
        Element passed = (Element) cases.item(2);
        assertThat(passed.getChildNodes().getLength()).isZero();
        Element inactive = (Element) cases.item(3);
        assertThat(inactive.getAttribute("name")).isEqualTo("FILES_SCANNED DELTA 1 UNSTABLE");
        assertThat(inactive.getElementsByTagName("skipped").item(0).getTextContent()).isEqualTo("no reference build");
        assertThat(inactive.getElementsByTagName("failure").getLength()).isZero();
    }

    @Test
    void anyTextIsEscapedAndControlCharactersAreRemoved() throws Exception {
        String hostile = "a<b>&\"c'\u0000\u0007\u001b[31m\ud800 end\ttab\nline";
        String xml = JUnitReport.render(new GateRunResult(ResultJson.SCHEMA_VERSION, "data-check", "1.2.3",
                hostile, Instant.parse("2026-11-26T10:15:30Z"), Map.of(), GateEvaluation.of(List.of(
                        gate("X</testcase>", Criticality.FAILURE, GateStatus.FAILED, hostile))),
                new SecurityCost(5, 1, 1), null));

        Schemas.validateJUnit(xml);
        Document document = parse(xml);
        Element failure = (Element) document.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("a<b>&\"c'[31m end\ttab\nline");
        assertThat(((Element) document.getElementsByTagName("testcase").item(0)).getAttribute("name"))
                .startsWith("X</testcase> ");
        assertThat(document.getDocumentElement().getAttribute("name")).isEqualTo("secmlops.data-check");
        Element subject = (Element) document.getElementsByTagName("property").item(0);
        assertThat(subject.getAttribute("value")).isEqualTo("a<b>&\"c'[31m end\ttab\nline");
    }

    @Test
    void aRunWithoutGatesIsAnEmptyValidSuite() throws Exception {
        String xml = JUnitReport.render(result("verify"));

        Schemas.validateJUnit(xml);
        assertThat(parse(xml).getDocumentElement().getAttribute("tests")).isEqualTo("0");
    }

    @Test
    void theSchemaCheckRejectsWhatJenkinsWouldNotRead() {
        // The validation is not vacuous: a test case without a name is refused.
        assertThatThrownBy(() -> Schemas.validateJUnit("<testsuite name=\"s\" tests=\"1\"><testcase/></testsuite>"))
                .isInstanceOf(SAXException.class);
    }

    @Test
    void writesThroughSafeOutputReplacingOnlyAnEarlierJUnitReport() throws Exception {
        Path file = directory.resolve(JUnitReport.FILE_NAME);
        JUnitReport.write(result("scan"), file);
        JUnitReport.write(result("evaluate"), file);
        assertThat(Files.readString(file)).contains("<testsuite name=\"secmlops.evaluate\"");

        Path foreign = directory.resolve("other.xml");
        Files.writeString(foreign, "<?xml version=\"1.0\"?><testsuite name=\"mine\"/>");
        assertThatThrownBy(() -> JUnitReport.write(result("scan"), foreign)).isInstanceOf(PathRefusedException.class);
        assertThat(Files.readString(foreign)).contains("mine");
    }
}
