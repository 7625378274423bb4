package org.secmlops.core.model;

import java.util.Arrays;
import java.util.List;

/** Decides the shape of one sample from the model's declared shape, the requested one and the row length. */
final class SampleShapes {
    private SampleShapes() {
    }

    /**
     * @param declared  the model's per-sample shape ({@code -1} for unknown dimensions), or {@code null}
     * @param requested the caller's shape, possibly empty
     * @param rowLength the number of values per sample
     * @throws ModelException when the model's fully known shape does not hold {@code rowLength} values
     */
    static int[] resolve(long[] declared, List<Integer> requested, int rowLength) throws ModelException {
        if (declared != null && declared.length > 0) {
            long known = 1;
            int unknown = -1;
            for (int i = 0; i < declared.length; i++) {
                if (declared[i] < 0) {
                    if (unknown >= 0) {
                        unknown = -2;
                        break;
                    }
                    unknown = i;
                } else {
                    known *= declared[i];
                }
            }
            if (unknown == -1) {
                if (known != rowLength) {
                    throw new ModelException("The model expects " + known + " values per sample (shape "
                            + Arrays.toString(declared) + "), the data gives " + rowLength);
                }
                return Arrays.stream(declared).mapToInt(d -> (int) d).toArray();
            }
            if (unknown >= 0 && known > 0 && rowLength % known == 0 && requested.isEmpty()) {
                int[] shape = Arrays.stream(declared).mapToInt(d -> (int) d).toArray();
                shape[unknown] = (int) (rowLength / known);
                return shape;
            }
        }
        if (!requested.isEmpty()) {
            long product = requested.stream().mapToLong(Integer::longValue).reduce(1, (a, b) -> a * b);
            if (product != rowLength) {
                throw new ModelException("Sample shape " + requested + " holds " + product + " values, the data gives "
                        + rowLength);
            }
            return requested.stream().mapToInt(Integer::intValue).toArray();
        }
        return new int[] {rowLength};
    }
}
