package org.secmlops.core.export;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.secmlops.core.gate.GateResult;
import org.secmlops.core.gate.GateStatus;
import org.secmlops.core.gate.QualityGate;
import org.secmlops.core.io.SafeOutput;
import org.secmlops.core.result.GateRunResult;

/**
 * The gates of a run as JUnit XML ({@code junit.xml}), for Jenkins' {@code junit} step and any CI that shows test
 * reports: one {@code <testsuite name="secmlops.CAPABILITY">} with one test case per gate. A gate that failed
 * (status {@link GateStatus#FAILED} or {@link GateStatus#UNSTABLE}) is a {@code <failure>} whose {@code type} is the
 * gate's criticality; an {@link GateStatus#INACTIVE} gate is {@code <skipped>} with the reason as its text (the
 * Jenkins JUnit schema types {@code skipped} as text). The suite's {@code time} is the run's wall time in seconds.
 */
public final class JUnitReport {
    /** The file name in a report directory. */
    public static final String FILE_NAME = "junit.xml";

    private static final String HEADER = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"secmlops.";

    /** An earlier {@code junit.xml} of SecMLOps: starts with the XML declaration and a {@code secmlops.} suite. */
    public static final SafeOutput.Kind KIND = SafeOutput.Kind.startingWith(FILE_NAME, HEADER);

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    private JUnitReport() {
    }

    /** Writes the JUnit XML of the result to {@code file} through {@link SafeOutput}. */
    public static void write(GateRunResult result, Path file) throws IOException {
        SafeOutput.writeString(file, KIND, render(result));
    }

    /** The JUnit XML of the result's gates. */
    public static String render(GateRunResult result) {
        String suite = "secmlops." + XmlText.attribute(result.capability());
        List<GateResult> gates = result.gates().results();
        long failures = gates.stream().filter(g -> failed(g.status())).count();
        long skipped = gates.stream().filter(g -> g.status() == GateStatus.INACTIVE).count();
        String time = seconds(result.cost().wallTimeMillis());
        StringBuilder xml = new StringBuilder(HEADER).append(XmlText.attribute(result.capability()))
                .append("\" tests=\"").append(gates.size()).append("\" failures=\"").append(failures)
                .append("\" errors=\"0\" skipped=\"").append(skipped).append("\" time=\"").append(time)
                .append("\" timestamp=\"").append(TIMESTAMP.format(result.startedAt().truncatedTo(ChronoUnit.SECONDS)))
                .append("\">\n  <properties>\n");
        property(xml, "subject", result.subject());
        property(xml, "toolVersion", result.toolVersion());
        property(xml, "status", result.status().name());
        xml.append("  </properties>\n");
        for (GateResult gate : gates) {
            xml.append("  <testcase classname=\"").append(suite).append("\" name=\"")
                    .append(XmlText.attribute(name(gate.gate()))).append('"');
            String reason = XmlText.attribute(gate.reason());
            if (failed(gate.status())) {
                xml.append(">\n    <failure message=\"").append(reason).append("\" type=\"")
                        .append(gate.gate().criticality().name()).append("\">")
                        .append(XmlText.content(detail(gate))).append("</failure>\n  </testcase>\n");
            } else if (gate.status() == GateStatus.INACTIVE) {
                xml.append(">\n    <skipped>").append(XmlText.content(gate.reason())).append("</skipped>\n")
                        .append("  </testcase>\n");
            } else {
                xml.append("/>\n");
            }
        }
        return xml.append("</testsuite>\n").toString();
    }

    /** The test case name of a gate, e.g. {@code CRITICAL_FINDINGS ABSOLUTE 0 FAILURE}: unique per gate. */
    static String name(QualityGate gate) {
        return gate.metric() + " " + gate.baseline() + " " + number(gate.threshold()) + " " + gate.criticality();
    }

    private static boolean failed(GateStatus status) {
        return status == GateStatus.FAILED || status == GateStatus.UNSTABLE;
    }

    private static String detail(GateResult gate) {
        return gate.reason() + "\nvalue: " + number(gate.value()) + "\nthreshold: " + number(gate.gate().threshold())
                + "\nreference: " + number(gate.referenceValue());
    }

    private static void property(StringBuilder xml, String name, String value) {
        xml.append("    <property name=\"").append(name).append("\" value=\"").append(XmlText.attribute(value))
                .append("\"/>\n");
    }

    private static String number(Double value) {
        if (value == null) {
            return "none";
        }
        if (!Double.isFinite(value)) {
            return value.toString();
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String seconds(long millis) {
        return BigDecimal.valueOf(millis, 3).toPlainString();
    }
}
