package org.secmlops.core.capability;

import java.util.Objects;

/**
 * One problem a run found, as compared across builds: a scan finding, a (sample, detector) suspect of a data check,
 * a sample that an attack broke.
 *
 * @param key  what identifies the problem across builds, never a position in a list: for a scan finding
 *             {@code file | location | rule}, for a suspect {@code sample | detector}, for a broken sample its id
 * @param kind its class for counting and filtering, e.g. the severity {@code CRITICAL} or the detector's id
 * @param text why, in plain words; may be empty
 */
public record TrackedIssue(String key, String kind, String text) {
    /** Checks that no component is {@code null}. */
    public TrackedIssue {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }
}
