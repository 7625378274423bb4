package org.secmlops.cli;

import java.nio.file.Path;
import java.util.List;
import org.secmlops.core.data.DataSpec;
import org.secmlops.core.report.ClassNames;
import picocli.CommandLine.Option;

/**
 * How labelled data is read (and, through {@link PreprocessingOptions}, preprocessed), whatever option names the data
 * itself: {@link DataOptions} for {@code --data}, the monitor for its {@code --reference}.
 */
class SampleOptions extends PreprocessingOptions {
    @Option(names = "--labels", paramLabel = "FILE", description = "Label file for .npy or IDX data.")
    Path labels;

    @Option(names = "--label-column", paramLabel = "NAME",
            description = "CSV label column: header name or 0-based index (-1: last).")
    String labelColumn;

    @Option(names = "--no-header", description = "The CSV file has no header line.")
    boolean noHeader;

    @Option(names = "--image-size", paramLabel = "WIDTH,HEIGHT", split = ",", description = "Resize images to this size.")
    List<Integer> imageSize;

    @Option(names = "--grayscale", description = "Read images as one gray channel instead of RGB.")
    boolean grayscale;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "64", description = "Samples per batch (default 64).")
    int batchSize;

    @Option(names = "--class-names", paramLabel = "NAMES|FILE", converter = ClassNamesOption.class,
            description = "Class names by index for the report: a comma-separated list, or a file with one per line.")
    ClassNames classNames = ClassNames.NONE;

    /** A data set read with these options; its {@code --labels} file only when {@code ownLabels}. */
    DataSpec dataSpec(Path path, boolean ownLabels) {
        DataSpec spec = DataSpec.of(path).withLabels(ownLabels ? labels : null).withLabelColumn(labelColumn)
                .withHeader(!noHeader).withChannels(grayscale ? 1 : 3);
        if (imageSize != null) {
            if (imageSize.size() != 2) {
                throw new IllegalArgumentException("--image-size is WIDTH,HEIGHT");
            }
            spec = spec.withImageSize(imageSize.get(0), imageSize.get(1));
        }
        return spec;
    }

    /** The checked batch size. */
    int batchSize() {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("--batch-size must be positive");
        }
        return batchSize;
    }
}
