package org.secmlops.core.capability.scan;

import java.util.Objects;

/**
 * One problem found in a model file.
 *
 * @param file     the path relative to the scanned root, with {@code /} separators; a member of an
 *                 archive is written {@code archive.pt!/archive/data.pkl}, nested as deep as needed
 * @param location where in the file, for example {@code opcode offset 123},
 *                 {@code node 'w' (op WriteFile)} or {@code layers[2]}; empty when the whole file is meant
 * @param severity how bad it is
 * @param rule     a stable identifier such as {@code PICKLE_DANGEROUS_GLOBAL}
 * @param message  why, in plain words: what loading the file could do
 */
public record ScanFinding(String file, String location, Severity severity, String rule, String message) {

    /** Checks that no component is {@code null}. */
    public ScanFinding {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }
}
