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

    /**
     * Jenkins looks a field's help up in the describable's folder, then in its superclasses' (so options a step
     * inherits, e.g. from {@link ModelStep}, share one help file).
     */
    @Test
    void everyFormFieldShouldHaveAHelpFile() throws Exception {
        for (Path view : views()) {
            if (!view.getFileName().toString().equals("config.jelly")) {
                continue;
            }
            Path folder = view.getParent();
            Class<?> type = Class.forName(RESOURCES.relativize(folder).toString().replace('/', '.'));
            Matcher fields = FIELD.matcher(Files.readString(view));
            while (fields.find()) {
                String name = "help-" + fields.group(1) + ".html";
                Path help = null;
                for (Class<?> c = type; c != null && help == null; c = c.getSuperclass()) {
                    Path candidate = RESOURCES.resolve(c.getName().replace('.', '/')).resolve(name);
                    help = Files.exists(candidate) ? candidate : null;
                }
                assertThat(help).as("help for " + fields.group(1) + " of " + view + " or its superclasses")
                        .isNotNull();
                assertThat(Files.readString(help)).doesNotContain("<script");
            }
        }
    }

    @Test
    void everyHelpFileShouldBelongToAFieldOfItsClassOrOfASubclass() throws Exception {
        try (Stream<Path> files = Files.walk(RESOURCES)) {
            for (Path help : files.filter(f -> f.getFileName().toString().matches("help-\\w+\\.html")).toList()) {
                Class<?> owner = Class.forName(RESOURCES.relativize(help.getParent()).toString().replace('/', '.'));
                String field = help.getFileName().toString().replaceAll("^help-|\\.html$", "");
                String setter = "set" + Character.toUpperCase(field.charAt(0)) + field.substring(1);
                boolean bound = Stream.of(owner.getMethods()).anyMatch(m -> m.getName().equals(setter))
                        || Stream.of(owner.getDeclaredConstructors()).anyMatch(c -> Stream.of(c.getParameters())
                        .anyMatch(p -> p.getName().equals(field)))
                        || Stream.of(owner.getDeclaredMethods()).anyMatch(m -> m.getName().equals("get"
                        + setter.substring(3)) || m.getName().equals("is" + setter.substring(3)));
                assertThat(bound).as(help + " documents a property of " + owner.getSimpleName()).isTrue();
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
