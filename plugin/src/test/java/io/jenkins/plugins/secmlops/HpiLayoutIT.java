package io.jenkins.plugins.secmlops;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import hudson.Extension;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import net.java.sezpoz.Index;
import net.java.sezpoz.IndexItem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opens the built {@code secmlops.hpi} and checks it is laid out as Jenkins expects a plugin. */
class HpiLayoutIT {
    private static final Path HPI = Path.of(System.getProperty("hpi.file", "target/secmlops.hpi"));

    @TempDir
    static Path extracted;
    static Path pluginJar;

    @BeforeAll
    static void extractPluginJar() throws IOException {
        try (JarFile hpi = new JarFile(HPI.toFile())) {
            ZipEntry entry = hpi.getEntry("WEB-INF/lib/secmlops.jar");
            assertThat(entry).as("WEB-INF/lib/secmlops.jar").isNotNull();
            pluginJar = extracted.resolve("secmlops.jar");
            try (InputStream in = hpi.getInputStream(entry)) {
                Files.copy(in, pluginJar);
            }
        }
    }

    @Test
    void shouldCarryThePluginManifest() throws IOException {
        try (JarFile hpi = new JarFile(HPI.toFile())) {
            Attributes manifest = hpi.getManifest().getMainAttributes();
            assertThat(manifest.getValue("Short-Name")).isEqualTo("secmlops");
            assertThat(manifest.getValue("Long-Name")).isEqualTo("SecMLOps");
            assertThat(manifest.getValue("Plugin-Version")).isNotBlank();
            assertThat(manifest.getValue("Jenkins-Version")).isEqualTo("2.479.3");
            assertThat(manifest.getValue("Plugin-Dependencies"))
                    .isEqualTo("workflow-step-api:704.ve4f0967e98fa_,workflow-api:1373.v7b_813f10efa_b_");
            assertThat(manifest.getValue("Group-Id")).isEqualTo("io.jenkins.plugins");
            assertThat(manifest.getValue("Artifact-Id")).isEqualTo("secmlops");
            assertThat(manifest.getValue("Url")).startsWith("https://");
            assertThat(manifest.getValue("Plugin-License-Name")).isEqualTo("MIT License");
            assertThat(manifest.getValue("Minimum-Java-Version")).isEqualTo("17");
        }
    }

    @Test
    void pluginJarShouldCarryThePluginAttributesThatJenkinsClassFilterRequires() throws IOException {
        try (JarFile jar = new JarFile(pluginJar.toFile())) {
            Attributes manifest = jar.getManifest().getMainAttributes();
            assertThat(manifest.getValue("Short-Name")).isEqualTo("secmlops");
            assertThat(manifest.getValue("Plugin-Version")).isNotBlank();
            assertThat(manifest.getValue("Jenkins-Version")).isEqualTo("2.479.3");
        }
    }

    @Test
    void shouldBundleThirdPartyJarsButNoJenkinsProvidedOrCompileOnlyOnes() throws IOException {
        List<String> libraries = entries(HPI, "WEB-INF/lib/");

        assertThat(libraries).contains("WEB-INF/lib/secmlops.jar")
                .anyMatch(name -> name.matches("WEB-INF/lib/secmlops-contract-.*\\.jar"))
                .noneMatch(name -> name.contains("secmlops-core"))
                .anyMatch(name -> name.matches("WEB-INF/lib/jackson-databind-.*\\.jar"))
                .anyMatch(name -> name.matches("WEB-INF/lib/jackson-core-.*\\.jar"))
                .anyMatch(name -> name.matches("WEB-INF/lib/jackson-annotations-.*\\.jar"))
                .noneMatch(name -> name.contains("jenkins-api"))
                .noneMatch(name -> name.contains("secmlops-cli"))
                .noneMatch(name -> name.matches(".*/(sezpoz|annotation-indexer|picocli|guava|commons-|slf4j|xstream"
                        + "|stapler|remoting|symbol-annotation|jenkins-core|junit|mockito|assertj|archunit|api-0|tensorflow|pytorch"
                        + "|onnxruntime|javacpp|protobuf|gson|jna|slf4j).*"));
        assertThat(libraries).as("the contract and Jackson, nothing else: no ML engine, no native library")
                .allMatch(name -> name.equals("WEB-INF/lib/") || name.equals("WEB-INF/lib/secmlops.jar")
                        || name.matches("WEB-INF/lib/(secmlops-contract|jackson-(databind|core|annotations))-.*\\.jar"));
        assertThat(entries(HPI, "")).contains("css/secmlops.css", "icons/secmlops.svg");
    }

    @Test
    void shouldPackClassesViewsIndexesAndWorkerButNoJenkinsApiClass() throws IOException {
        List<String> names = entries(pluginJar, "");

        assertThat(names).contains("index.jelly",
                "io/jenkins/plugins/secmlops/ScanModelStep.class",
                "io/jenkins/plugins/secmlops/ScanModelStep/config.jelly",
                "io/jenkins/plugins/secmlops/ScanModelStep/help-path.html",
                "io/jenkins/plugins/secmlops/SecMLOpsBuildAction/summary.jelly",
                "io/jenkins/plugins/secmlops/SecMLOpsBuildAction/index.jelly",
                "io/jenkins/plugins/secmlops/SecMLOpsJobAction/floatingBox.jelly",
                "io/jenkins/plugins/secmlops/SecMLOpsConfiguration/config.jelly",
                "io/jenkins/plugins/secmlops/QualityGateConfig/config.jelly",
                "io/jenkins/plugins/secmlops/worker/secmlops-cli.jar",
                "META-INF/annotations/hudson.Extension",
                "META-INF/annotations/org.jenkinsci.Symbol");
        assertThat(names).noneMatch(name -> name.startsWith("hudson/") || name.startsWith("jenkins/")
                || name.startsWith("org/kohsuke/") || name.startsWith("org/jenkinsci/"));
    }

    @Test
    void shouldEscapeByDefaultInEveryJellyView() throws IOException {
        try (JarFile jar = new JarFile(pluginJar.toFile())) {
            List<String> views = entries(pluginJar, "").stream().filter(name -> name.endsWith(".jelly")).toList();
            assertThat(views).hasSizeGreaterThan(5);
            for (String view : views) {
                String content = new String(jar.getInputStream(jar.getEntry(view)).readAllBytes(), StandardCharsets.UTF_8);
                assertThat(content).as(view).startsWith("<?jelly escape-by-default='true'?>")
                        .doesNotContain("<script");
            }
        }
    }

    @Test
    void shouldIndexEveryExtensionAsJenkinsReadsIt() throws IOException {
        Set<String> indexed = new TreeSet<>();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {pluginJar.toUri().toURL()},
                Extension.class.getClassLoader())) {
            for (IndexItem<Extension, Object> item : Index.load(Extension.class, Object.class, loader)) {
                indexed.add(item.className());
            }
        }
        JavaClasses classes = new ClassFileImporter().importJar(new JarFile(pluginJar.toFile()));
        Set<String> annotated = new TreeSet<>();
        for (JavaClass type : classes) {
            if (type.isAnnotatedWith(Extension.class)) {
                annotated.add(type.getName());
            }
        }

        assertThat(annotated).contains("io.jenkins.plugins.secmlops.ScanModelStep$DescriptorImpl",
                "io.jenkins.plugins.secmlops.SecMLOpsConfiguration",
                "io.jenkins.plugins.secmlops.SecMLOpsJobActionFactory",
                "io.jenkins.plugins.secmlops.QualityGateConfig$DescriptorImpl");
        assertThat(indexed).isEqualTo(annotated);
    }

    @Test
    void shouldIndexEverySymbol() throws IOException {
        try (JarFile jar = new JarFile(pluginJar.toFile())) {
            String index = new String(jar.getInputStream(jar.getEntry("META-INF/annotations/org.jenkinsci.Symbol"))
                    .readAllBytes(), StandardCharsets.UTF_8);
            assertThat(index.lines()).contains("io.jenkins.plugins.secmlops.SecMLOpsConfiguration",
                    "io.jenkins.plugins.secmlops.QualityGateConfig$DescriptorImpl");
        }
    }

    private static List<String> entries(Path archive, String prefix) throws IOException {
        List<String> names = new ArrayList<>();
        try (JarFile jar = new JarFile(archive.toFile())) {
            for (ZipEntry entry : Collections.list(jar.entries())) {
                if (entry.getName().startsWith(prefix) && !entry.isDirectory()) {
                    names.add(entry.getName());
                }
            }
        }
        return names;
    }
}
