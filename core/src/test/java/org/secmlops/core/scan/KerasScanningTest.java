package org.secmlops.core.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.secmlops.core.scan.Fixtures.write;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.core.capability.scan.ScanReport;
import org.secmlops.core.capability.scan.Severity;

class KerasScanningTest {

    private static final String LAMBDA_CONFIG = """
            {"module": "keras", "class_name": "Sequential", "config": {"name": "seq", "layers": [
              {"module": "keras.layers", "class_name": "InputLayer", "config": {"name": "input"}},
              {"module": "keras.layers", "class_name": "Dense", "config": {"name": "dense"}},
              {"module": "keras.layers", "class_name": "Lambda", "config": {"name": "sneaky",
                "function": {"class_name": "__lambda__", "config": {"code": "4wEAAAAAAAAAAAAAAAEAAAADAAAA"}}}}
            ]}}
            """;

    @TempDir
    Path dir;

    @TempDir
    Path policyDir;

    private ScanReport scan() throws ScanException {
        return new ModelScanner(ScanPolicy.defaults(), ScanLimits.defaults()).scan(dir, line -> { });
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] kerasArchive(String config) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("metadata.json", utf8("{\"keras_version\": \"3.5.0\", \"date_saved\": \"2024-09-01\"}"));
        entries.put("config.json", utf8(config));
        entries.put("model.weights.h5", new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n', 0, 0});
        return Fixtures.zip(entries, false);
    }

    @Test
    void shouldReportLambdaLayerInKerasArchiveWithItsName() throws Exception {
        write(dir, "model.keras", kerasArchive(LAMBDA_CONFIG));

        assertThat(scan().findings()).singleElement().satisfies(f -> {
            assertThat(f.file()).isEqualTo("model.keras!/config.json");
            assertThat(f.location()).isEqualTo("layers[2]");
            assertThat(f.rule()).isEqualTo("KERAS_LAMBDA_LAYER");
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.message()).contains("'sneaky'").contains("bytecode");
        });
    }

    @Test
    void shouldWalkNestedFunctionalModels() throws Exception {
        String config = """
                {"class_name": "Functional", "config": {"name": "outer", "layers": [
                  {"class_name": "InputLayer", "config": {"name": "in"}},
                  {"class_name": "Sequential", "config": {"name": "inner", "layers": [
                     {"class_name": "Dense", "config": {"name": "d"}},
                     {"class_name": "Lambda", "config": {"name": "nested_lambda", "function": "my_fn",
                      "function_type": "function"}}]}}]}}
                """;
        write(dir, "config.json", utf8(config));

        assertThat(scan().findings()).singleElement().satisfies(f -> {
            assertThat(f.location()).isEqualTo("layers[1].layers[1]");
            assertThat(f.message()).contains("'nested_lambda'").doesNotContain("bytecode");
        });
    }

    @Test
    void shouldReportCustomObjectsFromOutsideKeras() throws Exception {
        String config = """
                {"module": "keras", "class_name": "Sequential", "config": {"name": "seq", "layers": [
                  {"module": "evil_pkg.layers", "class_name": "Backdoor", "registered_name": "evil_pkg>Backdoor",
                   "config": {"name": "bd"}}]}}
                """;
        write(dir, "model.keras", kerasArchive(config));

        assertThat(scan().findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("KERAS_CUSTOM_OBJECT");
            assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(f.message()).contains("evil_pkg.layers");
        });
    }

    @Test
    void shouldReportFunctionReferencesThePicklePolicyDenies() throws Exception {
        String config = """
                {"class_name": "Sequential", "config": {"layers": [
                  {"class_name": "Activation", "config": {"name": "act",
                   "activation": {"module": "os", "class_name": "function", "config": "system",
                    "registered_name": "function"}}}]}}
                """;
        write(dir, "config.json", utf8(config));

        assertThat(scan().findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.message()).contains("os.system");
        });
    }

    @Test
    void shouldFindLambdaInTheModelConfigOfAnH5File() throws Exception {
        byte[] json = utf8(LAMBDA_CONFIG.replace("\n", ""));
        byte[] h5 = new byte[2048 + json.length + 512];
        byte[] magic = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
        System.arraycopy(magic, 0, h5, 0, magic.length);
        System.arraycopy(json, 0, h5, 2048, json.length);
        write(dir, "model.h5", h5);

        assertThat(scan().findings()).singleElement().satisfies(f -> {
            assertThat(f.file()).isEqualTo("model.h5");
            assertThat(f.rule()).isEqualTo("KERAS_LAMBDA_LAYER");
            assertThat(f.message()).contains("'sneaky'");
        });
    }

    @Test
    void shouldLetAPolicyAllowLambdaLayers() throws Exception {
        write(dir, "model.keras", kerasArchive(LAMBDA_CONFIG));
        Path policy = write(policyDir, "p.json", utf8("{\"kerasLayers\": {\"allow\": [\"Lambda\"]}}"));

        ScanReport report = new ModelScanner(ScanPolicy.defaults().extendedWith(policy), ScanLimits.defaults())
                .scan(dir, line -> { });

        assertThat(report.findings()).isEmpty();
    }

    @Test
    void shouldReportMalformedConfigJson() throws Exception {
        write(dir, "config.json", utf8("{\"class_name\": \"Sequential\", "));

        assertThat(scan().findings()).singleElement()
                .satisfies(f -> assertThat(f.rule()).isEqualTo("UNPARSEABLE_FILE"));
    }
}
