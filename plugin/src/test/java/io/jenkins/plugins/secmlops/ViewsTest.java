package io.jenkins.plugins.secmlops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

/** The Jelly views are well-formed, escape by default, run no script, and every form field has help. */
class ViewsTest {
    private static final Path RESOURCES = Path.of("src/main/resources");
    private static final Pattern FIELD = Pattern.compile("field=\"(\\w+)\"");

    private static List<Path> views() throws IOException {
        try (Stream<Path> files = Files.walk(RESOURCES)) {
            return files.filter(file -> file.toString().endsWith(".jelly")).sorted().toList();
        }
    }

    @Test
    void everyViewShouldBeWellFormedAndEscapeByDefault() throws Exception {
        List<Path> views = views();
        assertThat(views).hasSizeGreaterThanOrEqualTo(8);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        for (Path view : views) {
            String content = Files.readString(view);
            assertThat(content).as(view.toString()).startsWith("<?jelly escape-by-default='true'?>")
                    .doesNotContain("<script", "onclick=", "onload=", "javascript:", "style=\"");
            factory.newDocumentBuilder().parse(view.toFile());
        }
    }

    @Test
    void everyFormFieldShouldHaveAHelpFile() throws IOException {
        for (Path view : views()) {
            if (!view.getFileName().toString().equals("config.jelly")) {
                continue;
            }
            Matcher fields = FIELD.matcher(Files.readString(view));
            while (fields.find()) {
                Path help = view.resolveSibling("help-" + fields.group(1) + ".html");
                assertThat(help).as("help for " + fields.group(1) + " of " + view).exists();
                assertThat(Files.readString(help)).doesNotContain("<script");
            }
        }
    }

    @Test
    void rawOutputShouldOnlyShowHtmlRenderedByTheCore() throws IOException {
        Pattern rawOutput = Pattern.compile("<j:out value=\"\\$\\{([^}]*)}\"");
        for (Path view : views()) {
            Matcher matcher = rawOutput.matcher(Files.readString(view));
            while (matcher.find()) {
                assertThat(matcher.group(1)).as(view.toString())
                        .isIn("it.getReportHtml(r.id)", "it.trendHtml", "from.floatingHtml");
            }
        }
    }

    @Test
    void everyAdjunctAViewLoadsShouldBeAStaticScriptOfThePlugin() throws IOException {
        Pattern adjunct = Pattern.compile("<st:adjunct includes=\"([\\w.]+)\"/>");
        int found = 0;
        for (Path view : views()) {
            Matcher matcher = adjunct.matcher(Files.readString(view));
            while (matcher.find()) {
                found++;
                Path script = RESOURCES.resolve(matcher.group(1).replace('.', '/') + ".js");
                assertThat(script).as("adjunct of " + view).exists();
                assertThat(Files.readString(script)).doesNotContain("eval(", "innerHTML", "document.write");
            }
        }
        assertThat(found).as("the report page's sorting and filtering script").isPositive();
    }
}
