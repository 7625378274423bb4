package org.secmlops.core.digest;

import java.util.Comparator;

/**
 * What the model manifests (OMS signing) and the training-data manifests share: the name of the one digest
 * algorithm and the order entries are listed in.
 */
public final class Digests {
    /** The one hash algorithm of both manifests, as they name it. */
    public static final String SHA256 = "sha256";

    /** Lexicographic order of Unicode code points, as the OMS specification sorts resource names. */
    public static final Comparator<String> NAME_ORDER = Digests::compareCodePoints;

    private Digests() {
    }

    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
