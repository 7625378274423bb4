package org.secmlops.core.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Opens the right reader for a {@link DataSpec}, by the path's type and extension. */
public final class Datasets {
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
        if (Files.isDirectory(path)) {
            return ImageFolderSource.open(path, spec.imageSize(), spec.channels());
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
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
                + " (expected .csv, .tsv, .npy, an IDX file or a folder of class folders of images)");
    }
}
