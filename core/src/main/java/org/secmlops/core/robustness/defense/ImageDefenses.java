package org.secmlops.core.robustness.defense;

import org.secmlops.core.robustness.SampleGeometry;

final class ImageDefenses {
    private ImageDefenses() {
    }

    static SampleGeometry requireImage(SampleGeometry geometry, String defense) {
        if (!geometry.imageLike()) {
            throw new IllegalArgumentException(defense + " needs image-shaped samples; these are flat vectors of "
                    + geometry.size() + " values (give --input-shape H,W[,C])");
        }
        return geometry;
    }
}
