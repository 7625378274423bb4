package org.secmlops.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Test data that is not in this repository: Debian packages and the {@code shared/} folder beside the checkout.
 * Where it is absent, a test that needs it is skipped with a message that names what to install; where the
 * environment variable {@value #REQUIRE_VARIABLE} is {@code true} (CI, which has all of it), it fails instead,
 * so that CI never passes by skipping.
 */
public final class ExternalData {
    /** Set to {@code true} where every piece of external test data must be present. */
    public static final String REQUIRE_VARIABLE = "SECMLOPS_REQUIRE_SHARED_DATA";

    private ExternalData() {
    }

    /** scikit-learn's digits (1,797 × 64, labels 0–9) from Debian's {@code python3-sklearn}. */
    public static Path digitsCsv() {
        return debian(Path.of("/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz"), "python3-sklearn");
    }

    /** The Fashion-MNIST IDX files from Debian's {@code dataset-fashion-mnist}. */
    public static Path fashionMnist() {
        return debian(Path.of("/usr/share/datasets/fashion-mnist"), "dataset-fashion-mnist");
    }

    /**
     * The case study's pedestrian frames ({@code casestudy/pedestrian/frames}, 384 × 288 PNGs of OpenCV's
     * {@code vtest.avi}), made by {@code casestudy/pedestrian/frames.py} from Debian's {@code opencv-doc} with
     * {@code python3-opencv}; {@code ./test.sh} makes them. Returns {@code casestudy/pedestrian}.
     */
    public static Path pedestrianCaseStudy() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path caseStudy = dir.resolve("casestudy").resolve("pedestrian");
            if (Files.isRegularFile(caseStudy.resolve("test.json"))) {
                if (Files.isRegularFile(caseStudy.resolve("frames").resolve("frame_0790.png"))) {
                    return caseStudy;
                }
                return absent(caseStudy.resolve("frames") + " is missing: run /usr/bin/python3 " + caseStudy
                        .resolve("frames.py") + " (needs Debian's opencv-doc and python3-opencv), or ./test.sh as root");
            }
        }
        return absent("casestudy/pedestrian is not above " + Path.of("").toAbsolutePath());
    }

    /** The OpenSSF model-signing reference bundles and keys, {@code shared/oms-test-vectors}. */
    public static Path omsTestVectors() {
        return shared("oms-test-vectors", "the OpenSSF model-signing reference bundles and keys");
    }

    /** A folder or file under {@code shared/} beside the checkout (found by walking up from the working directory). */
    public static Path shared(String relative, String what) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve(relative);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        return absent("shared/" + relative + " (" + what + ") is not beside this checkout; it is provided to CI");
    }

    private static Path debian(Path path, String debianPackage) {
        if (Files.exists(path)) {
            return path;
        }
        return absent(path + " is missing: install Debian's " + debianPackage + " (apt-get install "
                + debianPackage + ", or run ./test.sh as root)");
    }

    private static Path absent(String message) {
        if ("true".equals(System.getenv(REQUIRE_VARIABLE))) {
            throw new IllegalStateException(message + "; " + REQUIRE_VARIABLE + "=true forbids skipping this test");
        }
        Assumptions.abort("skipped: " + message);
        throw new AssertionError("unreachable");
    }
}
