package org.secmlops.cli;

import java.util.List;
import org.secmlops.core.data.Layout;
import org.secmlops.core.data.PreprocessingSpec;
import picocli.CommandLine.Option;

/** How samples are turned into the model's input: the options shared by classifiers' data and detectors' images. */
class PreprocessingOptions {
    @Option(names = "--input-range", paramLabel = "LOW,HIGH", split = ",",
            description = "Map 8-bit pixels 0..255 onto [LOW, HIGH], e.g. 0,1.")
    List<Float> inputRange;

    @Option(names = "--scale", paramLabel = "X", description = "Multiply raw values by X.")
    Float scale;

    @Option(names = "--mean", paramLabel = "M[,M...]", split = ",", description = "Subtract per channel (or one value).")
    List<Float> mean;

    @Option(names = "--std", paramLabel = "S[,S...]", split = ",", description = "Divide per channel (or one value).")
    List<Float> std;

    @Option(names = "--layout", paramLabel = "NCHW|NHWC", description = "Layout of image-like samples for the model"
            + " (default: the model's; NCHW for a detector).")
    String layout;

    /**
     * The declared preprocessing.
     *
     * @throws IllegalArgumentException for both {@code --input-range} and {@code --scale}, an input range that is not
     *                                  two values, or an unknown layout
     */
    PreprocessingSpec preprocessingSpec() {
        return PreprocessingSpec.builder().inputRange(inputRange).scale(scale).mean(mean).std(std)
                .layout(layout == null ? null : Layout.parse(layout)).build();
    }
}
