package io.jenkins.plugins.secmlops.realjenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.secmlops.testsupport.ExternalData;

/**
 * Three builds of a model folder that gains a finding and then loses one and gains another, in a real Jenkins
 * 2.479.3: each report lists the new, fixed and outstanding findings against the reference build, and the job page,
 * build page, report and trends page render in headless Chromium without a console error and without anything wider
 * than the viewport. Screenshots of the four pages are kept under {@code target/screenshots/} (CI keeps them).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NewFindingsAndTrendsInRealJenkinsIT {
    private static final Path HPI = Path.of(System.getProperty("hpi.file", "target/secmlops.hpi")).toAbsolutePath();
    private static final Path SCREENSHOTS = Path.of("target", "screenshots").toAbsolutePath();
    private static final String JOB = "model-history";
    private static final int VIEWPORT_WIDTH = 1024;
    private static final Pattern ISSUE_TABLE = Pattern.compile(
            "<table class=\"secmlops-issues secmlops-(new|fixed|outstanding)-issues\">(.*?)</table>", Pattern.DOTALL);
    private static final Pattern ISSUE_FILE = Pattern.compile("<td><code>([^<|]+?) \\|");

    private static RealJenkins jenkins;
    private static Path model;

    @BeforeAll
    static void startJenkins() throws Exception {
        Path distribution = ExternalData.shared("jenkins/jenkins.war",
                "a Jenkins 2.479.3 war with the Pipeline plugins and start-jenkins.sh").getParent();
        Path home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "jenkins-home");
        model = Files.createDirectories(home.resolveSibling(home.getFileName() + "-model"));
        jenkins = new RealJenkins(distribution, home, List.of(HPI));
        jenkins.start();
    }

    @AfterAll
    static void stopJenkins() throws InterruptedException {
        if (jenkins != null) {
            jenkins.stop();
        }
    }

    @Test
    @Order(1)
    void eachBuildShouldListTheFindingsNewFixedAndOutstandingSinceTheReferenceBuild() throws Exception {
        jenkins.createPipeline(JOB, """
                node {
                  sh "rm -rf model && cp -r '%s' model"
                  scanModel path: 'model', qualityGates: [
                      [metric: 'CRITICAL_FINDINGS', threshold: 10, criticality: 'UNSTABLE'],
                      [metric: 'NEW_CRITICAL_FINDINGS', threshold: 1, criticality: 'UNSTABLE']]
                }
                """.formatted(model));
        Files.write(model.resolve("a.pkl"), callPickle("os", "system"));
        Files.write(model.resolve("b.pkl"), callPickle("subprocess", "check_output"));
        assertThat(jenkins.build(JOB, 1)).isEqualTo("SUCCESS");
        Files.write(model.resolve("c.pkl"), callPickle("os", "system"));
        assertThat(jenkins.build(JOB, 2)).isEqualTo("SUCCESS");
        Files.delete(model.resolve("a.pkl"));
        Files.write(model.resolve("d.pkl"), callPickle("mymodule", "Loader"));
        assertThat(jenkins.build(JOB, 3)).isEqualTo("SUCCESS");

        Map<String, List<String>> first = issueFiles(jenkins.getOk("/job/" + JOB + "/1/secmlops/"));
        Map<String, List<String>> second = issueFiles(jenkins.getOk("/job/" + JOB + "/2/secmlops/"));
        String third = jenkins.getOk("/job/" + JOB + "/3/secmlops/");

        assertThat(first).containsExactly(Map.entry("outstanding", List.of("a.pkl", "b.pkl")));
        assertThat(second).containsExactly(Map.entry("new", List.of("c.pkl")),
                Map.entry("outstanding", List.of("a.pkl", "b.pkl")));
        assertThat(issueFiles(third)).containsExactly(Map.entry("fixed", List.of("a.pkl")),
                Map.entry("new", List.of("d.pkl")), Map.entry("outstanding", List.of("b.pkl", "c.pkl")));
        assertThat(third).contains("Compared with <code>" + JOB + "#2</code>");
        assertThat(jenkins.console(JOB, 3)).contains("reference build for delta gates: " + JOB + "#2");
        assertThat(jenkins.buildDirectory(JOB, 3).resolve("build.xml")).content()
                .containsPattern("<string>NEW_HIGH_FINDINGS</string>\\s*<double>1.0</double>")
                .containsPattern("<string>NEW_CRITICAL_FINDINGS</string>\\s*<double>0.0</double>");
    }

    @Test
    @Order(2)
    void jobBuildReportAndTrendsPagesShouldRenderInABrowserWithinTheViewportAndWithoutErrors() throws Exception {
        if (!HeadlessBrowser.available()) {
            String message = "headless Chromium is not installed at " + HeadlessBrowser.BINARY
                    + "; install the Debian package chromium to check the pages in a browser";
            if ("true".equals(System.getenv("SECMLOPS_REQUIRE_SHARED_DATA"))) {
                fail(message);
            }
            Assumptions.abort(message);
        }
        try (HeadlessBrowser browser = HeadlessBrowser.start(jenkins.home().resolveSibling("chromium-profile"),
                VIEWPORT_WIDTH, 900)) {
            check(browser, "job", "/job/" + JOB + "/");
            assertThat(count(browser, ".secmlops-floating svg.secmlops-trend")).isEqualTo(2);
            assertThat(browser.evaluate("[...document.querySelectorAll('.secmlops-floating svg')]"
                    + ".map(s => s.getAttribute('aria-label')).join(';')"))
                    .isEqualTo("scan: CRITICAL_FINDINGS;scan: HIGH_FINDINGS");
            assertThat(browser.evaluate(FIRST_BUILD_LINK.formatted(".secmlops-floating")))
                    .as("each build on the x axis links to its report").isEqualTo("/job/" + JOB + "/1/secmlops/");

            check(browser, "build", "/job/" + JOB + "/3/");
            assertThat(browser.evaluate("document.body.innerText")).contains("NEW_CRITICAL_FINDINGS",
                    "1 new, 1 fixed, 2 outstanding findings since " + JOB + "#2");

            check(browser, "report", "/job/" + JOB + "/3/secmlops/");
            assertThat(count(browser, ".secmlops-verdict")).isEqualTo(1);
            assertThat(count(browser, ".secmlops-toolbar")).as("the report script ran: one toolbar per table")
                    .isEqualTo(count(browser, "table.secmlops-findings, table.secmlops-issues")).isGreaterThan(1);
            assertThat(browser.evaluate(FILTER_FINDINGS.formatted("'HIGH'", "''"))).isEqualTo("d.pkl|1 of 3 shown");
            assertThat(browser.evaluate(FILTER_FINDINGS.formatted("''", "'c.pkl'"))).isEqualTo("c.pkl|1 of 3 shown");
            assertThat(browser.evaluate(SORT_BY_FILE_DESCENDING)).isEqualTo("d.pkl,c.pkl,b.pkl");

            check(browser, "trends", "/job/" + JOB + "/secmlops-trends/");
            List<String> charts = List.of(browser.evaluate("[...document.querySelectorAll('svg.secmlops-trend')]"
                    + ".map(s => s.getAttribute('aria-label')).join(';')").split(";"));
            assertThat(charts).as("one chart per metric, time and memory apart, with units").containsExactly(
                    "scan: CRITICAL_FINDINGS", "scan: HIGH_FINDINGS", "scan: MEDIUM_FINDINGS", "scan: LOW_FINDINGS",
                    "scan: FILES_SCANNED", "scan: NEW_CRITICAL_FINDINGS", "scan: NEW_HIGH_FINDINGS",
                    "scan: NEW_FINDINGS", "scan: wall time (s)", "scan: peak memory (MiB)");
            assertThat(browser.evaluate("[...document.querySelectorAll('svg.secmlops-trend')].filter(s =>"
                    + " s.querySelectorAll('circle').length === 3).length")).as("a point per build").isEqualTo("10");
            assertThat(browser.evaluate("document.querySelector('svg.secmlops-trend').textContent"))
                    .as("the gate drawn into its metric's chart").contains("gate <= 10 (UNSTABLE)");
            assertThat(browser.evaluate(FIRST_BUILD_LINK.formatted(".secmlops-trends")))
                    .isEqualTo("/job/" + JOB + "/1/secmlops/");
        }
    }

    /** The path the first build's x-axis label links to, in the charts under a selector. */
    private static final String FIRST_BUILD_LINK = "new URL(document.querySelector('%s svg a').getAttribute('href'),"
            + " location.href).pathname";

    /** Sets the findings table's severity and text filters; the visible rows' files and the count shown. */
    private static final String FILTER_FINDINGS = """
            (() => {
              const table = document.querySelector('table.secmlops-findings');
              const toolbar = table.previousElementSibling;
              const select = toolbar.querySelector('select');
              const input = toolbar.querySelector('input');
              select.value = %s;
              select.dispatchEvent(new Event('change'));
              input.value = %s;
              input.dispatchEvent(new Event('input'));
              const files = [...table.tBodies[0].rows].filter(r => !r.hidden).map(r => r.cells[1].textContent);
              return files.join(',') + '|' + toolbar.querySelector('.secmlops-shown').textContent;
            })()""";

    private static final String SORT_BY_FILE_DESCENDING = """
            (() => {
              const table = document.querySelector('table.secmlops-findings');
              const toolbar = table.previousElementSibling;
              toolbar.querySelector('select').value = '';
              toolbar.querySelector('input').value = '';
              toolbar.querySelector('input').dispatchEvent(new Event('input'));
              const file = table.tHead.rows[0].cells[1];
              file.click();
              file.click();
              return [...table.tBodies[0].rows].map(r => r.cells[1].textContent).join(',');
            })()""";

    /** Opens the page, saves its screenshot, and checks it for console errors and elements wider than the viewport. */
    private static void check(HeadlessBrowser browser, String name, String path) throws Exception {
        browser.open(jenkins.url() + path.substring(1));
        browser.screenshot(SCREENSHOTS.resolve(name + ".png"));
        assertThat(browser.errors()).as("console errors on the %s page", name).isEmpty();
        assertThat(browser.evaluate(HeadlessBrowser.WIDER_THAN_VIEWPORT))
                .as("elements of the %s page wider than the %d px viewport", name, VIEWPORT_WIDTH).isEmpty();
        assertThat(SCREENSHOTS.resolve(name + ".png")).isNotEmptyFile();
    }

    private static int count(HeadlessBrowser browser, String selector) throws Exception {
        return Integer.parseInt(browser.evaluate("document.querySelectorAll(\"" + selector + "\").length"));
    }

    /** The files of each class of problems the report lists, by class and in the report's order. */
    private static Map<String, List<String>> issueFiles(String report) {
        Map<String, List<String>> files = new TreeMap<>();
        Matcher table = ISSUE_TABLE.matcher(report);
        while (table.find()) {
            List<String> names = new ArrayList<>();
            Matcher file = ISSUE_FILE.matcher(table.group(2));
            while (file.find()) {
                names.add(file.group(1));
            }
            files.put(table.group(1), names);
        }
        return files;
    }

    /** Protocol 2: GLOBAL 'module name', an argument, REDUCE, STOP: calls module.name('id') when unpickled. */
    private static byte[] callPickle(String module, String name) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(new byte[] {(byte) 0x80, 2, 'c'});
        bytes.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
        bytes.writeBytes(new byte[] {'X', 2, 0, 0, 0, 'i', 'd', (byte) 0x85, 'R', '.'});
        return bytes.toByteArray();
    }
}
