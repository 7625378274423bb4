package org.secmlops.core.robustness;

import java.nio.file.Path;
import org.secmlops.core.model.LoadedModel;
import org.secmlops.core.model.ModelException;
import org.secmlops.core.model.ModelLoader;
import org.secmlops.core.model.ModelSpec;
import org.secmlops.core.model.NativeLibraryProvisioner;

/** Loads test models through the real engines. */
final class Models {
    private Models() {
    }

    static LoadedModel load(Path path) throws ModelException {
        return load(ModelSpec.of(path));
    }

    static LoadedModel load(ModelSpec spec) throws ModelException {
        return new ModelLoader(NativeLibraryProvisioner.fromSystemProperties(line -> { }), line -> { }).load(spec);
    }
}
