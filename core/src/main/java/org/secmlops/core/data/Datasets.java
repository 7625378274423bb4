package org.secmlops.core.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.secmlops.core.io.InputFiles;
import org.secmlops.core.io.PathRefusedException;

/** Opens the right reader for a {@link DataSpec}, by the path's type and extension. */
public final class Datasets {
    /** The most classes a data set may have: labels are class indexes 0 to 9,999. */
    public static final int MAX_CLASSES = 10_000;
    /** The longest line of a CSV/TSV file, in bytes (8 MiB). */
    public static final int MAX_LINE_BYTES = 8 << 20;
    /** The most columns of a CSV/TSV file (features and the label). */
    public static final int MAX_COLUMNS = 100_000;
    /** The most values of one sample (IDX, NumPy, images): 16,777,216. */
    public static final long MAX_SAMPLE_VALUES = 1L << 24;

    private Datasets() {
    }

    /**
     * Opens the data for reading in batches. The caller closes it.
     *
     * @throws DatasetException when the path is missing, empty, of an unknown kind or malformed
     */
    public static SampleSource open(DataSpec spec) throws DatasetException {
        Path path = spec.path();
        if (!Files.exists(path)) {
            throw new DatasetException("Data not found: " + path);
        }
        try {
            InputFiles.requireFileOrDirectory(path, "data");
            if (spec.labels() != null) {
                InputFiles.requireFile(spec.labels(), "label file");
            }
        } catch (PathRefusedException e) {
            throw new DatasetException(e.getMessage(), e);
        }
        if (Files.isDirectory(path)) {
            return ImageFolderSource.open(path, spec.imageSize(), spec.channels());
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv.gz") || name.endsWith(".tsv.gz") || name.endsWith(".txt.gz")) {
            name = name.substring(0, name.length() - ".gz".length());
        }
        if (name.endsWith(".csv") || name.endsWith(".txt")) {
            return CsvSource.open(path, ',', spec.labelColumn(), spec.header());
        }
        if (name.endsWith(".tsv")) {
            return CsvSource.open(path, '\t', spec.labelColumn(), spec.header());
        }
        if (name.endsWith(".npy")) {
            return NpySource.open(path, spec.labels());
        }
        if (name.contains("idx") || name.endsWith(".ubyte") || name.endsWith(".ubyte.gz")) {
            return IdxSource.open(path, spec.labels());
        }
        throw new DatasetException("Cannot tell the kind of data " + path
                + " (expected .csv, .tsv (either also gzipped, .csv.gz), .npy, an IDX file or a folder of class folders of images)");
    }
}
