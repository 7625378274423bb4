package org.secmlops.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.secmlops.core.capability.Capability;
import org.secmlops.core.capability.evaluate.EvaluateCapability;
import org.secmlops.core.capability.datacheck.DataCheckCapability;
import org.secmlops.core.report.HtmlReport;
import org.secmlops.core.result.GateRunResult;
import org.secmlops.core.result.ResultJson;
import org.secmlops.core.capability.robustness.RobustnessCapability;
import org.secmlops.core.capability.scan.ScanCapability;
import org.secmlops.core.capability.sign.SignCapability;
import org.secmlops.core.capability.sign.VerifyCapability;

/**
 * One {@code result.json} of schema version 1 per capability, written by the worker on 2026-12-03 and committed
 * as it was: old builds keep these files in their build folders, so every later version must still read them and
 * render their reports in full (a detail section that no longer understands them would show a notice instead).
 */
class GoldenResultsTest {
    private static final Path GOLDEN = Path.of("src/test/resources/org/secmlops/core/golden");

    static Stream<Arguments> golden() {
        return Stream.of(
                Arguments.of("scan.json", ScanCapability.INSTANCE, List.of("preprocess.pkl", "posix.system",
                        "KERAS_LAMBDA_LAYER")),
                Arguments.of("evaluate.json", EvaluateCapability.INSTANCE, List.of("seven", "digits-mlp.pt")),
                Arguments.of("robustness.json", RobustnessCapability.INSTANCE, List.of("pgd", "fgsm", "noise",
                        "observed in the first")),
                Arguments.of("data-check.json", DataCheckCapability.INSTANCE, List.of("d300.csv")),
                Arguments.of("sign.json", SignCapability.INSTANCE, List.of("digits-mlp.pt", "m.sig")),
                Arguments.of("verify.json", VerifyCapability.INSTANCE, List.of("m.sig", "exactly as signed")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void aResultOfSchemaVersion1ShouldStillLoadAndRenderInFull(String file, Capability capability,
            List<String> shown) throws Exception {
        GateRunResult result = ResultJson.read(GOLDEN.resolve(file));

        String html = HtmlReport.fragment(result, capability.detailSection());

        assertThat(result.schemaVersion()).isEqualTo(1);
        assertThat(result.capability()).isEqualTo(capability.id());
        assertThat(html).doesNotContain("cannot be shown").doesNotContain("NaN").doesNotContain("<script")
                .contains("secmlops-verdict");
        for (String text : shown) {
            assertThat(html).contains(text);
        }
    }
}
