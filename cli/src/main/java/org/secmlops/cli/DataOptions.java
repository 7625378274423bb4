package org.secmlops.cli;

import java.nio.file.Path;
import org.secmlops.core.data.DataSpec;
import picocli.CommandLine.Option;

/** The data and preprocessing options shared by every command that reads labelled data as {@code --data}. */
final class DataOptions extends SampleOptions {
    @Option(names = "--data", required = true, paramLabel = "PATH",
            description = "CSV/TSV file, IDX file (.gz too), .npy file, or a folder of class folders of images.")
    Path data;

    /** The {@code --data} set as a spec. */
    DataSpec dataSpec() {
        return dataSpec(data, true);
    }

    /** Another data set (e.g. a reference) read with the same options; the {@code --labels} file is {@code --data}'s. */
    DataSpec dataSpec(Path path) {
        return dataSpec(path, path.equals(data));
    }
}
